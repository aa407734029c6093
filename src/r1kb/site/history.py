"""The history of the records from git, read once per build.

One `git log --raw` over data/ lists every commit that touched a record file with the blob
ids before and after; one `git cat-file --batch` reads the blobs of modified and deleted
claim files (an added file needs no reading: the record as it stands now is in the
knowledge base). Each claim gets its changes (date, data release, what changed in value,
unit, status and verdict, a link target at that commit), and each release the claims it
added, changed or withdrew. The cost grows with the number of changes, never with
pages x commits.

Never raises: without git, outside a work tree or on a git error, `History.available` is
False and `note` says why; in a shallow clone the history is cut at the clone's boundary
(said in `note`, and files first seen there are `present`, not `added`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from r1kb.yamlstrict import decode, load_text

GIT_TIMEOUT_S = 120
MAX_BLOB_BYTES = 1 << 20  # like the loader: a larger old version is not parsed
TAG_PATTERN = "refs/tags/data-*"
TAG_RE = re.compile(r"data-([0-9]{4})\.([0-9]{2})\.([0-9]{2})")  # read with fullmatch
COMPARED = ("value", "unit", "status", "verdict")  # reported field by field
CLAIMS_DIR = "claims/"
UNVERSIONED = "unversioned"
LOCAL = "+local"  # a version with uncommitted edits: the release they would join
_COMMIT = "\x1e"
_FIELD = "\x1f"


@dataclass(frozen=True)
class FieldChange:
    field: str  # value, unit, status, verdict, or "other" (old is None, new names the keys)
    old: Any
    new: Any


@dataclass(frozen=True)
class Change:
    """One commit's change to one record file."""

    commit: str  # full commit id: the record as it stood is at <repo>/blob/<commit>/<path>
    date: str  # YYYY-MM-DD (UTC)
    version: str  # the data release the commit belongs to
    kind: str  # added | changed | withdrawn | removed | present (first seen in a shallow clone)
    path: str  # the file's path in the repository
    fields: tuple[FieldChange, ...] = ()


@dataclass
class Release:
    version: str
    date: str  # YYYY-MM-DD of its newest commit (or of its tag)
    added: list[str] = field(default_factory=list)  # claim ids, in order of first change
    changed: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # claim files deleted (renames)
    other: list[str] = field(default_factory=list)  # other record files touched (data/-relative)


@dataclass
class History:
    available: bool = False
    note: str | None = None  # why there is no history, or why it is incomplete
    version: str = UNVERSIONED  # the release of the data as built
    prefix: str = "data/"  # the data directory's path inside the repository
    claims: dict[str, list[Change]] = field(default_factory=dict)  # newest first
    releases: list[Release] = field(default_factory=list)  # newest first
    shallow: bool = False
    local_changes: bool = False  # uncommitted edits under data/
    file_dates: dict[str, str] = field(default_factory=dict)  # data/-relative path -> newest
    dirty: set[str] = field(default_factory=set)  # data/-relative paths with uncommitted edits

    @property
    def caveat(self) -> str | None:
        """A few words for the footer when the release or history is not the whole story."""
        if not self.available:
            return "no git history"
        if self.shallow:
            return "history cut by a shallow clone"
        return "uncommitted changes" if self.local_changes else None

    def of(self, claim_id: str) -> list[Change]:
        return self.claims.get(claim_id, [])

    def release(self, version: str) -> Release | None:
        """The release a version names (`2026.11.30+local` names 2026.11.30), or None: an
        unversioned build, or uncommitted edits in a repository with no commit yet."""
        name = version.removesuffix(LOCAL)
        return next((r for r in self.releases if r.version == name), None)


def _run(data_dir: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    env = {**os.environ, "GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", "-C", str(data_dir), "-c", "core.quotePath=false", *args],
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def git_text(data_dir: Path, *args: str) -> str | None:
    """git's output for args in data_dir as text, or None when git is missing or fails."""
    out = _run(data_dir, list(args))
    return None if out is None else out.decode("utf-8", "replace")


def utc_day(stamp: float) -> str | None:
    """The UTC day of a Unix time as YYYY-MM-DD, or None when no such day can be written:
    git takes a commit dated past year 9999 (a bogus clock, a forged commit)."""
    try:
        return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def version_name(day: str) -> str:
    """'2026-11-30' -> '2026.11.30'."""
    return day.replace("-", ".")


def _tags(data_dir: Path) -> list[tuple[int, str]]:
    """(commit time, version) of every `data-YYYY.MM.DD` tag, oldest first; a tag whose
    commit is dated past the year 9999 is left out, as that commit is (it would sort after
    every commit and gather them all into its release)."""
    fmt = "%(refname:strip=2)%09%(*committerdate:unix)%09%(committerdate:unix)"
    out = git_text(data_dir, "for-each-ref", f"--format={fmt}", TAG_PATTERN) or ""
    tags = []
    for line in out.splitlines():
        name, _, times = line.partition("\t")
        match = TAG_RE.fullmatch(name)
        stamp = next((t for t in times.split("\t") if t.strip().isdigit()), None)
        if match and stamp and utc_day(int(stamp)) is not None:
            tags.append((int(stamp), ".".join(match.groups())))
    return sorted(tags)


def release_of(stamp: int, day: str, tags: list[tuple[int, str]]) -> str:
    """The first tagged release at or after the commit time, else the commit's UTC day."""
    i = bisect.bisect_left(tags, (stamp, ""))
    return tags[i][1] if i < len(tags) else version_name(day)


@dataclass
class _Entry:
    old_blob: str
    new_blob: str
    status: str
    path: str  # data/-relative


@dataclass
class _Commit:
    sha: str
    stamp: int
    day: str  # YYYY-MM-DD (UTC)
    boundary: bool
    entries: list[_Entry]


def _parse_log(log: str, shallow: bool) -> tuple[list[_Commit], int]:
    """The commits of the log, and how many were left out for a date no day can name."""
    commits, undated = [], 0
    for chunk in log.split(_COMMIT):
        lines = chunk.strip("\n").split("\n")
        head = lines[0].split(_FIELD)
        if len(head) != 3 or not head[1].isdigit():
            continue
        sha, stamp, parents = head
        entries = []
        for line in lines[1:]:
            meta, tab, path = line.partition("\t")
            parts = meta.split()
            if not tab or len(parts) != 5 or not meta.startswith(":") or path.startswith('"'):
                continue  # a quoted path has characters no record file name has
            entries.append(_Entry(parts[2], parts[3], parts[4][:1], path))
        day = utc_day(int(stamp))
        if day is None:
            undated += 1
            continue
        boundary = shallow and not parents.strip()
        commits.append(_Commit(sha, int(stamp), day, boundary, entries))
    return commits, undated


def _read_blobs(data_dir: Path, ids: list[str]) -> dict[str, Any]:
    """Blob id -> parsed YAML mapping (None when it cannot be read or parsed)."""
    if not ids:
        return {}
    out = _run(data_dir, ["cat-file", "--batch"], ("\n".join(ids) + "\n").encode())
    parsed: dict[str, Any] = {}
    pos = 0
    while out and pos < len(out):
        end = out.find(b"\n", pos)
        if end < 0:
            break
        header = out[pos:end].split()
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # "<id> missing"
        size = int(header[2])
        raw = out[pos : pos + size]
        pos += size + 1
        data = None
        if size <= MAX_BLOB_BYTES:
            text, problem = decode(raw)
            if text is not None and problem is None:
                loaded = load_text(text)
                data = loaded.data if not loaded.issues and isinstance(loaded.data, dict) else None
        parsed[header[0].decode()] = data
    return parsed


def _diff(old: Any, new: Any) -> tuple[str, tuple[FieldChange, ...]]:
    """(kind, field changes) of a modified claim record."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return "changed", ()
    fields = [FieldChange(k, old.get(k), new.get(k)) for k in COMPARED if old.get(k) != new.get(k)]
    others = sorted(
        k for k in set(old) | set(new) if k not in COMPARED and old.get(k) != new.get(k)
    )
    if others:
        fields.append(FieldChange("other", None, ", ".join(str(k) for k in others)))
    kind = "withdrawn" if new.get("withdrawn") and not old.get("withdrawn") else "changed"
    return kind, tuple(fields)


def _claim_id(path: str) -> str | None:
    if path.startswith(CLAIMS_DIR) and path.endswith(".yaml") and path.count("/") == 1:
        return path[len(CLAIMS_DIR) : -len(".yaml")]
    return None


def unavailable(note: str) -> History:
    return History(available=False, note=note)


def read(data_dir: Path) -> History:
    """The history of every record under data_dir, from one pass over git's log."""
    data_dir = Path(data_dir)
    info = git_text(data_dir, "rev-parse", "--show-prefix", "--is-shallow-repository")
    if info is None:
        return unavailable(
            "Record history is not available: the site was built without git, or not from "
            "a git work tree."
        )
    lines = info.split("\n")
    prefix = lines[0].strip()
    shallow = len(lines) > 1 and lines[1].strip() == "true"
    fmt = f"--format={_COMMIT}%H{_FIELD}%ct{_FIELD}%P"
    log = git_text(
        data_dir, "log", "--raw", "--no-abbrev", "--no-renames", "--relative", fmt, "--", "."
    )
    if log is None:
        return unavailable("Record history is not available: git could not read the log.")
    commits, undated = _parse_log(log, shallow)
    tags = _tags(data_dir)
    wanted: list[str] = []
    for c in commits:
        for e in c.entries:
            if _claim_id(e.path) and e.status in "MD":
                wanted += [b for b in (e.old_blob, e.new_blob) if b.strip("0")]
    blobs = _read_blobs(data_dir, list(dict.fromkeys(wanted)))
    history = History(available=True, prefix=prefix, shallow=shallow)
    by_version: dict[str, Release] = {}
    for c in commits:  # newest first
        version = release_of(c.stamp, c.day, tags)
        release = by_version.get(version)
        if release is None:
            release = by_version[version] = Release(version, c.day)
            history.releases.append(release)
        for e in c.entries:
            history.file_dates.setdefault(e.path, c.day)
            cid = _claim_id(e.path)
            if cid is None:
                if e.path not in release.other:
                    release.other.append(e.path)
                continue
            kind, fields = "changed", ()
            if e.status == "A":
                kind = "present" if c.boundary else "added"
            elif e.status == "D":
                kind = "removed"
            else:
                kind, fields = _diff(blobs.get(e.old_blob), blobs.get(e.new_blob))
            change = Change(c.sha, c.day, version, kind, prefix + e.path, fields)
            history.claims.setdefault(cid, []).append(change)
    for cid, changes in history.claims.items():
        _add_to_releases(cid, changes, by_version)
    for release in history.releases:
        for ids in (release.added, release.changed, release.withdrawn, release.removed):
            ids.sort()
    if commits:
        history.version = release_of(commits[0].stamp, commits[0].day, tags)
    history.dirty = _dirty(data_dir, prefix)
    history.local_changes = bool(history.dirty)
    notes = []
    if shallow:
        notes.append(
            "This site was built from a shallow clone of the repository: changes before "
            "the clone's first commit are not shown, and records first seen there are marked "
            "as present rather than added."
        )
    if undated:
        notes.append(
            f"{undated} commit{' has' if undated == 1 else 's have'} an impossible date "
            "(past the year 9999) and "
            f"{'is' if undated == 1 else 'are'} left out of the history."
        )
    if history.local_changes:
        notes.append("The data has uncommitted changes: they are in no release yet.")
        history.version += LOCAL
    history.note = " ".join(notes) or None
    return history


def _dirty(data_dir: Path, prefix: str) -> set[str]:
    """data/-relative paths of uncommitted changes (untracked files included)."""
    status = git_text(data_dir, "status", "--porcelain", "--untracked-files=all", "--", ".")
    out = set()
    for line in (status or "").splitlines():
        path = line[3:].split(" -> ")[-1].strip().strip('"')
        if path.startswith(prefix):
            out.add(path[len(prefix) :])
    return out


def _add_to_releases(cid: str, changes: list[Change], releases: dict[str, Release]) -> None:
    """List the claim once per release, under its most telling change in that release."""
    per_release: dict[str, set[str]] = {}
    for ch in changes:
        per_release.setdefault(ch.version, set()).add(ch.kind)
    for version, kinds in per_release.items():
        release = releases[version]
        if "added" in kinds:
            release.added.append(cid)
        elif "withdrawn" in kinds:
            release.withdrawn.append(cid)
        elif "removed" in kinds and len(kinds) == 1:
            release.removed.append(cid)
        elif kinds & {"changed", "removed"}:
            release.changed.append(cid)
