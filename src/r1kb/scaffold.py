"""Writing new record files: the schema line, ids checked, YAML the strict loader reads back.

Used by `r1kb new` and by check-source's drafts. A field still to be filled in is written as
`null` with a `# TODO:` comment, so that the schema refuses the record until a person fills it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from r1kb.fsutil import read_regular_file, write_atomic, write_exclusive
from r1kb.loader import MAX_BYTES, RECORD_FOLDERS
from r1kb.paths import ID_RE, RESERVED_IDS
from r1kb.problems import one_line
from r1kb.published import read_published
from r1kb.yamlstrict import decode, load_text

SCHEMA_LINES = {
    "claim": "# yaml-language-server: $schema=../schema/claim.schema.json",
    "source": "# yaml-language-server: $schema=../schema/source.schema.json",
}
FOLDERS = RECORD_FOLDERS


def slug(text: str, max_words: int = 8, max_len: int = 60) -> str:
    """A kebab-case id from free text ("Why DeepSeek R1 Rivals…" -> "why-deepseek-r1-rivals…")."""
    words = re.findall(r"[a-z0-9]+", text.lower())[:max_words]
    out = "-".join(words)[:max_len].strip("-")
    return out or "untitled"


def taken_ids(data_dir: Path, kind: str) -> set[str]:
    """Ids a new record of this kind may not use: existing files, redirects, published ids,
    reserved ids.

    Never raises: an unreadable list or redirects file adds nothing here (`r1kb new` refuses
    to write while the published list cannot be read, see published_problem)."""
    folder = data_dir / FOLDERS[kind]
    ids = {p.stem for p in folder.glob("*.yaml")} if folder.is_dir() else set()
    ids |= set(RESERVED_IDS)
    prefix = f"{FOLDERS[kind]}/"
    ids |= {e[len(prefix) :] for e in read_published(data_dir).ids if e.startswith(prefix)}
    raw = read_regular_file(data_dir / "redirects.yaml", MAX_BYTES)
    text = decode(raw)[0] if raw is not None and len(raw) <= MAX_BYTES else None
    data = load_text(text).data if text is not None else None
    renamed = (
        data.get("redirects" if kind == "claim" else "sources") if isinstance(data, dict) else None
    )
    if isinstance(renamed, dict):
        ids |= {str(k) for k in renamed}  # a renamed id stays taken by its redirect
    return ids


def published_problem(data_dir: Path) -> str | None:
    """Why the published-id list cannot be trusted to say which ids are taken, or None."""
    published = read_published(data_dir)
    if published.missing or not published.problems:
        return None
    p = published.problems[0]
    where = f"{p.file}:{p.line}" if p.line else p.file
    return f"{where}: {p.message} (fix it, then run this again)"


def id_problem(record_id: str, taken: set[str]) -> str | None:
    """Why record_id cannot be used, or None."""
    if not ID_RE.match(record_id) or len(record_id) > 100:
        return (
            f"{record_id!r} is not a kebab-case id (lowercase letters and digits, "
            "words joined by '-', at most 100 characters)"
        )
    if record_id in RESERVED_IDS:
        return f"{record_id!r} is reserved: the site's page for its folder has that name"
    if record_id in taken:
        return f"{record_id!r} is already used (or was published and must not be reused)"
    return None


def unique_id(base: str, taken: set[str]) -> str:
    base = base[:96].strip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def render(kind: str, fields: dict[str, Any], todo: dict[str, str], header: list[str]) -> str:
    """The record's text: schema line, header comments, then each field; `todo` maps a field to
    the comment that says what to fill in (the field is written as given, usually null)."""
    lines = [SCHEMA_LINES[kind], *(f"# {yaml_comment(h)}" for h in header)]
    for key, value in fields.items():
        block = dump_block({key: value})
        if key in todo:
            first, _, rest = block.partition("\n")
            block = f"{first}  # TODO: {yaml_comment(todo[key])}" + (f"\n{rest}" if rest else "")
        lines.append(block.rstrip("\n"))
    for key, note in todo.items():
        if key not in fields:
            lines.append(f"# {yaml_comment(key)}: TODO: {yaml_comment(note)}")
    return "\n".join(lines) + "\n"


def yaml_comment(text: object) -> str:
    """Text for the rest of a YAML comment line: a newline (an input file named
    "a\\nsubject: x") would end the comment and start a key; every line break and control
    character is shown escaped instead, as on a line of a report (`problems.one_line`)."""
    return one_line(str(text))


def dump_block(data: dict[str, Any]) -> str:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    if load_text(text).data != data:  # a scalar YAML 1.1 and 1.2 read differently: use JSON
        key, value = next(iter(data.items()))
        text = f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
    return text


def write(data_dir: Path, kind: str, record_id: str, text: str, *, exclusive: bool = False) -> Path:
    """Write the record (never half of it: a full disk leaves none); exclusive: never over a
    record of that id, even one another run writes meanwhile (FileExistsError)."""
    folder = data_dir / FOLDERS[kind]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record_id}.yaml"
    (write_exclusive if exclusive else write_atomic)(path, text)
    return path
