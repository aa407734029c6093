"""A figure that agrees with a claim becomes evidence on that claim, not a claim of its own.

The draft is the claim's own file with the article appended to its `sources:` list as
`supports` evidence (its comments and layout kept), written under the drafts' claims/ folder
with the claim's id, so that moving the drafts into data/ updates the claim.
"""

from __future__ import annotations

import re
from pathlib import Path

from r1kb import scaffold
from r1kb.fsutil import read_regular_file
from r1kb.loader import MAX_BYTES
from r1kb.yamlstrict import decode, load_text

_KEY = re.compile(r"^[^\s#-]")  # a top-level key: the end of the sources block


def with_evidence(text: str, evidence: list[dict[str, str]], note: str) -> str | None:
    """text (a claim record) with evidence appended to its sources; None if it cannot be done
    without rewriting the record (no block `sources:` list, or the result would read back
    differently)."""
    before = load_text(text).data
    if not isinstance(before, dict) or not isinstance(before.get("sources"), list):
        return None
    lines = text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if re.match(r"sources:\s*(#.*)?$", line))
    except StopIteration:
        return None
    end = start + 1
    while end < len(lines) and not _KEY.match(lines[end]):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines before the next key stay after the new items
    item = next((line for line in lines[start + 1 : end] if line.lstrip().startswith("- ")), None)
    if item is None:
        return None
    indent = " " * (len(item) - len(item.lstrip()))
    dumped = scaffold.dump_block({"sources": evidence}).splitlines()[1:]
    added = [indent + line for line in dumped]
    head = 1 if lines[0].startswith("# yaml-language-server:") else 0  # the schema line first
    comment = [*lines[:head], f"# {scaffold.yaml_comment(note)}", *lines[head:start]]
    out = "\n".join([*comment, *lines[start:end], *added, *lines[end:]]) + "\n"
    after = load_text(out).data
    if not isinstance(after, dict) or after.get("sources") != [*before["sources"], *evidence]:
        return None
    return out


def claim_text(claim_file: str, data_dir: Path | None, claim_id: str) -> str | None:
    """The text of a claim's record file (data_dir/claims/<id>.yaml, else its display path)."""
    places = [Path(claim_file)]
    if data_dir is not None:
        places.insert(0, data_dir / "claims" / f"{claim_id}.yaml")
    for place in places:
        raw = read_regular_file(place, MAX_BYTES)
        if raw is not None and len(raw) <= MAX_BYTES:
            return decode(raw)[0]
    return None
