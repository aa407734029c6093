"""The one loader: reads data/, parses strictly, checks schemas, builds the knowledge base.

Every consumer (validate, exports, check-source, the site) starts here.
"""

from __future__ import annotations

import gc
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from r1kb import schemas
from r1kb.datatree import schema_folder_problems, unsafe_entries
from r1kb.kb import (
    Claim,
    Evidence,
    ExchangeRate,
    KnowledgeBase,
    Model,
    Quantity,
    Source,
    Unit,
)
from r1kb.paths import ID_RE, NOFOLLOW, display_path
from r1kb.problems import Problem, problem
from r1kb.published import (
    PUBLISHED_HEADER,
    PUBLISHED_IDS,
    RENAMED_KINDS,
    PublishedList,
    read_published,
)
from r1kb.yamlstrict import YamlIssue, decode, load_text

MAX_BYTES = 1024 * 1024
SCHEMA_LINE = "# yaml-language-server: $schema="
RECORD_FOLDERS = {"source": "sources", "claim": "claims"}  # sources first, as they are loaded
__all__ = [
    "ID_RE",
    "MAX_BYTES",
    "PUBLISHED_HEADER",
    "PUBLISHED_IDS",
    "Loaded",
    "PublishedList",
    "RecordFile",
    "display_path",
    "load",
    "read_published",
]


@dataclass
class RecordFile:
    path: Path
    display: str
    kind: str
    id: str | None = None
    text: str | None = None
    data: Any = None
    valid: bool = False  # parsed and schema-valid


@dataclass
class Loaded:
    data_dir: Path
    kb: KnowledgeBase
    files: dict[str, RecordFile] = field(default_factory=dict)  # display path -> file
    problems: list[Problem] = field(default_factory=list)
    present_claim_ids: set[str] = field(default_factory=set)
    present_source_ids: set[str] = field(default_factory=set)
    published: PublishedList | None = None


def _read(
    rf: RecordFile, schema_dir: Path, problems: list[Problem], unusable: dict[str, str]
) -> None:
    try:
        fd = os.open(rf.path, os.O_RDONLY | NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise IsADirectoryError(21, "not a regular file")
            raw = fh.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                size = os.fstat(fh.fileno()).st_size
                problems.append(
                    problem(rf.display, "file-too-large", f"{size} bytes is over 1 MiB")
                )
                return
    except OSError as exc:
        problems.append(problem(rf.display, "file-unreadable", exc.strerror or str(exc)))
        return
    _parse(rf, raw, schema_dir, problems, unusable)


def _parse(
    rf: RecordFile,
    raw: bytes,
    schema_dir: Path,
    problems: list[Problem],
    unusable: dict[str, str],
) -> None:
    """A record file's bytes: decoded, parsed strictly, checked against its schema."""
    text, issue = decode(raw)
    if issue is not None:
        problems.append(problem(rf.display, issue.code, issue.message, line=issue.line))
        return
    rf.text = text
    loaded = load_text(text)
    for i in loaded.issues:
        problems.append(
            problem(rf.display, i.code, i.message, line=i.line, column=i.column, hint=yaml_hint(i))
        )
    if loaded.issues:
        return
    if not isinstance(loaded.data, dict):
        what = "empty" if loaded.data is None else type(loaded.data).__name__
        problems.append(
            problem(rf.display, "not-a-mapping", f"the document is {what}, not a mapping", line=1)
        )
        return
    if not text.startswith(SCHEMA_LINE):
        problems.append(
            problem(
                rf.display,
                "schema-header-missing",
                "the first line is not a `# yaml-language-server: $schema=…` line",
                line=1,
                hint=f"start the file with {SCHEMA_LINE}<schema path>",
            )
        )
    rf.data = loaded.data
    if rf.kind in unusable:
        return  # reported once, on the schema file (schema-invalid)
    found = schemas.check(schema_dir, rf.kind, rf.display, rf.data)
    problems.extend(found)
    rf.valid = not found


def _record_files(folder: Path, kind: str, problems: list[Problem]) -> list[RecordFile]:
    out: list[RecordFile] = []
    if folder.is_symlink():
        return out  # a linked folder is never listed (reported as not-a-regular-file)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(
            problem(
                display_path(folder),
                "data-missing",
                f"cannot read the {kind} folder: {exc.strerror or exc}",
            )
        )
        return out
    shown_folder = display_path(folder)
    for entry in entries:
        path = Path(entry.path)
        shown = os.path.join(shown_folder, entry.name)
        if entry.is_symlink() or not (entry.is_file() or entry.is_dir()):
            continue  # reported by unsafe_entries (not-a-regular-file)
        if entry.name.startswith("."):
            if entry.name.endswith((".yaml", ".yml")):
                problems.append(
                    problem(
                        shown,
                        "unexpected-file",
                        "a hidden file is never loaded as a record",
                        hint="remove the leading '.' from the name, or delete the file",
                    )
                )
            continue  # .gitkeep, .DS_Store: not records, never read
        if not entry.name.endswith(".yaml") or entry.is_dir():
            problems.append(
                problem(
                    shown,
                    "unexpected-file",
                    f"only <id>.yaml {kind} records belong in {shown_folder}",
                )
            )
            continue
        rid = entry.name[: -len(".yaml")]
        if not ID_RE.match(rid):
            problems.append(
                problem(
                    shown,
                    "bad-id",
                    f"{rid!r} is not a kebab-case id",
                    line=1,
                    hint="rename the file: lowercase letters, digits, '-' (and '.' in 1.5b)",
                )
            )
        out.append(RecordFile(path, shown, kind, rid))
    return out


def yaml_hint(issue: YamlIssue) -> str:
    """The fix for the YAML errors contributors meet most."""
    if "mapping values are not allowed" in issue.message:
        return (
            'a text with ": " in it must be quoted: statement: "DeepSeek says: R1 cost $294K" '
            "(or use a > block)"
        )
    if "found character '\\t'" in issue.message or "tab" in issue.message.lower():
        return "indent with spaces, not tabs"
    return ""


def load(data_dir: Path) -> Loaded:
    """Load every record under data_dir; never raises for bad data."""
    # Loading builds many small containers that all stay alive: the cyclic garbage collector
    # would rescan the growing heap again and again for nothing (~10% of the load time).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(data_dir)
    finally:
        if was_enabled:
            gc.enable()


def _load(data_dir: Path) -> Loaded:
    data_dir = Path(data_dir)
    schema_dir = schemas.schema_dir(data_dir)
    problems: list[Problem] = unsafe_entries(data_dir)
    unsafe = {p.file for p in problems}
    problems += schema_folder_problems(data_dir)
    unusable: dict[str, str] = {}
    for kind, name in schemas.SCHEMA_FILES.items():
        why = schemas.unusable(schema_dir, kind)
        if why is not None:
            unusable[kind] = why
            shown = display_path(schema_dir / name)
            if shown not in unsafe:
                problems.append(problem(shown, "schema-invalid", why))
    files: list[RecordFile] = []
    for name, kind in (
        ("models.yaml", "models"),
        ("quantities.yaml", "quantities"),
        ("redirects.yaml", "redirects"),
        ("exchange-rates.yaml", "exchange-rates"),
    ):
        path = data_dir / name
        if os.path.lexists(path) or kind not in ("redirects", "exchange-rates"):
            files.append(RecordFile(path, display_path(path), kind))
    for kind, folder in RECORD_FOLDERS.items():
        files += _record_files(data_dir / folder, kind, problems)
    for rf in files:
        if rf.display in unsafe:
            continue
        if rf.kind in ("models", "quantities") and not os.path.lexists(rf.path):
            problems.append(problem(rf.display, "data-missing", f"{rf.path.name} is missing"))
            continue
        _read(rf, schema_dir, problems, unusable)
    loaded = Loaded(data_dir=data_dir, kb=_build(files, problems), problems=problems)
    loaded.files = {rf.display: rf for rf in files}
    loaded.present_claim_ids = {rf.id for rf in files if rf.kind == "claim" and rf.id}
    loaded.present_source_ids = {rf.id for rf in files if rf.kind == "source" and rf.id}
    published = read_published(data_dir)
    if display_path(data_dir / PUBLISHED_IDS) not in unsafe:
        loaded.problems.extend(published.problems)
    loaded.published = published
    loaded.kb.published_ids = published.ids
    return loaded


def with_record(loaded: Loaded, kind: str, record_id: str, text: str) -> tuple[Loaded, str]:
    """loaded as it would be with one more record (kind "claim" or "source") holding text,
    which is not written: what `r1kb new` validates before it writes anything. Also the file
    the record's problems are reported on."""
    data_dir = loaded.data_dir
    path = data_dir / RECORD_FOLDERS[kind] / f"{record_id}.yaml"
    rf = RecordFile(path, display_path(path), kind, record_id)
    schema_dir = schemas.schema_dir(data_dir)
    why = schemas.unusable(schema_dir, kind)
    problems = list(loaded.problems)
    _parse(rf, text.encode("utf-8"), schema_dir, problems, {kind: why} if why else {})
    files = [*(f for f in loaded.files.values() if f.display != rf.display), rf]
    out = Loaded(data_dir, _build(files, problems), {f.display: f for f in files}, problems)
    out.present_claim_ids = loaded.present_claim_ids | ({record_id} if kind == "claim" else set())
    out.present_source_ids = loaded.present_source_ids | (
        {record_id} if kind == "source" else set()
    )
    out.published = loaded.published
    out.kb.published_ids = loaded.kb.published_ids
    return out, rf.display


def _build(files: list[RecordFile], problems: list[Problem] | None = None) -> KnowledgeBase:
    """The knowledge base of the valid records. A record that passed a schema loosened in the
    same change (`{}`: a claim without `sources`, a key r1kb does not know) is left out with a
    problem (`problems`), not a traceback."""
    kb = KnowledgeBase()
    for rf in files:
        if not rf.valid:
            continue
        try:
            _add(kb, rf)
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            if problems is None:
                raise
            rf.valid = False  # (never stored as a valid record by r1kb.kbcache)
            why = f"{type(exc).__name__}: {exc}"
            problems.append(
                problem(
                    rf.display,
                    "record-unreadable",
                    f"the record passed data/schema but is not one r1kb can read ({why})",
                    hint="restore data/schema, or give the record the fields the schema asks",
                )
            )
    return kb


def _add(kb: KnowledgeBase, rf: RecordFile) -> None:
    """One valid record into the knowledge base."""
    d = rf.data
    if rf.kind == "models":
        for mid, m in d["models"].items():
            kb.models[mid] = Model(id=mid, **m)
        kb.outside = list(d.get("outside", []))
        kb.size_nouns = list(d.get("size_nouns", []))
    elif rf.kind == "quantities":
        for uid, u in d["units"].items():
            kb.units[uid] = Unit(id=uid, **u)
        for qid, q in d["quantities"].items():
            kb.quantities[qid] = Quantity(id=qid, **q)
        kb.accelerators = list(d.get("accelerators", []))
        kb.accelerator_variants = list(d.get("accelerator_variants", []))
        kb.gpu_machines = list(d.get("gpu_machines", []))
        kb.foreign_units = list(d.get("foreign_units", []))
        kb.expert_layout_cues = list(d.get("expert_layout_cues", []))
        kb.money_not_cost = list(d.get("money_not_cost", []))
    elif rf.kind == "exchange-rates":
        kb.exchange_rates = [ExchangeRate(**r) for r in d["exchange_rates"]]
    elif rf.kind == "redirects":
        kb.redirects.update(d["redirects"])
        for kind in RENAMED_KINDS:
            kb.renamed[kind] = dict(d.get(kind) or {})
    elif rf.kind == "source" and rf.id:
        kb.sources[rf.id] = Source(id=rf.id, file=rf.display, **d)
    elif rf.kind == "claim" and rf.id:
        fields = dict(d)
        fields["sources"] = [Evidence(**e) for e in d["sources"]]
        kb.claims[rf.id] = Claim(id=rf.id, file=rf.display, **fields)
