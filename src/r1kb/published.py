"""data/published-ids.txt: the ids published on the site, read strictly.

A list that is missing, a directory, not UTF-8, empty, without its header line (a comment)
or has a line that is not `<kind>/<id>` is a problem (published-ids-unreadable), never an
empty list: an empty list would switch the guard of published ids off without a word.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from r1kb.paths import ID_RE, NOFOLLOW, display_path
from r1kb.problems import Problem, problem
from r1kb.yamlstrict import decode

PUBLISHED_IDS = "published-ids.txt"
MAX_PUBLISHED_BYTES = 16 * 1024 * 1024
# Each kind of published id (its folder on the site, its key in redirects.yaml) and one of
# its kind, as messages name it ("a live quantity", never the plural minus its last letter).
KIND_SINGULAR = {
    "claims": "claim",
    "sources": "source",
    "models": "model",
    "quantities": "quantity",
}
PUBLISHED_KINDS = tuple(KIND_SINGULAR)
RENAMED_KINDS = ("sources", "models", "quantities")  # redirects.yaml keys besides `redirects`
PUBLISHED_HEADER = (
    "# Ids published on the site: permanent. "
    "Maintained by `r1kb publish-ids`; never remove a line.\n"
)


@dataclass
class PublishedList:
    """data/published-ids.txt read strictly: a list that cannot be read is a problem, never an
    empty list (which would switch the guard off)."""

    ids: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # id -> line number
    problems: list[Problem] = field(default_factory=list)
    missing: bool = False


def read_published(data_dir: Path) -> PublishedList:
    path = data_dir / PUBLISHED_IDS
    shown = display_path(path)
    out = PublishedList()

    def fail(message: str, line: int | None = None, hint: str = "") -> PublishedList:
        out.problems.append(
            problem(shown, "published-ids-unreadable", message, line=line, hint=hint)
        )
        return out

    restore = "restore it from git: git checkout -- " + shown
    if not os.path.lexists(path):
        out.missing = True
        return fail(
            f"{PUBLISHED_IDS} is missing, so no published id is guarded",
            hint=f"{restore} (a new knowledge base creates it with `r1kb publish-ids`)",
        )
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if not stat.S_ISREG(mode):
                what = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
                return fail(f"{PUBLISHED_IDS} is {what}", hint=restore)
            raw = fh.read(MAX_PUBLISHED_BYTES + 1)
    except OSError as exc:
        return fail(f"{PUBLISHED_IDS} cannot be read: {exc.strerror or exc}", hint=restore)
    if len(raw) > MAX_PUBLISHED_BYTES:
        return fail(f"{PUBLISHED_IDS} is over 16 MiB", hint=restore)
    text, issue = decode(raw)
    if issue is not None:
        return fail(f"{PUBLISHED_IDS}: {issue.message}", line=issue.line, hint=restore)
    if not text.strip():
        return fail(f"{PUBLISHED_IDS} is empty, so no published id is guarded", hint=restore)
    if not text.startswith("#"):
        return fail(
            f"{PUBLISHED_IDS} does not start with its header line (a comment: "
            f"{PUBLISHED_HEADER.strip()!r}): it may have lost its beginning",
            line=1,
            hint=restore,
        )
    for n, line in enumerate(text.splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        kind, _, rid = entry.partition("/")
        if kind not in PUBLISHED_KINDS or not ID_RE.match(rid):
            fail(
                f"{entry[:80]!r} is not <kind>/<id> (kind: {', '.join(PUBLISHED_KINDS)})",
                line=n,
                hint=restore,
            )
            continue
        out.ids.append(entry)
        out.lines.setdefault(entry, n)
    return out
