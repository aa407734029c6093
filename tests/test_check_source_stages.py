"""check-source's stages read top to bottom: no module imports a module of a later stage, and
what one stage hands the next is typed data (attribution's readings, matching's choice).

The order is declared once, here: each subpackage of src/r1kb/checksource/ is a stage, and so is
each module at its top (pipeline.py, which runs the stages; command.py, the command line). Every
import counts, also one inside a function or under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import r1kb.checksource
from r1kb.checksource.attribution.readings import A_RANGE, Readings
from r1kb.checksource.attribution.walk import attribute
from r1kb.checksource.candidates.find import find
from r1kb.checksource.document.document import read
from r1kb.checksource.matching.choose import Choice, choose, match
from r1kb.checksource.matching.match import Matcher
from r1kb.checksource.pipeline import check_text
from r1kb.loader import load

PACKAGE = "r1kb.checksource"
ROOT = Path(r1kb.checksource.__file__).parent
STAGES = (
    "lexicon",  # the words of data/ compiled (no article yet)
    "document",  # an input read as blocks, sentences and table cells
    "candidates",  # every numeral and every name
    "attribution",  # each candidate's readings, nearest evidence first
    "matching",  # each reading judged against the knowledge base, one chosen
    "result",  # the report: one figure per chosen reading
    "reporting",  # the report printed, or written as drafts
    "pipeline",  # check_text: the stages above, one after another
    "evaluation",  # check_text measured on labelled articles
    "command",  # `r1kb check-source`
)


def stage_of(module: str) -> str | None:
    """The stage of a module of the package (`r1kb.checksource.attribution.cells` →
    attribution); None for the package itself or a module outside it."""
    if not module.startswith(PACKAGE + "."):
        return None
    return module[len(PACKAGE) + 1 :].split(".")[0]


def imported(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    """Every module an import names (with its line), relative imports resolved from `package`;
    for `from package import name`, the name, which may be a module."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            out += [(node.lineno, f"{base}.{a.name}") for a in node.names]
    return out


def later_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    """The imports of a module (or a package's __init__) that reach a later stage than its
    own."""
    own = stage_of(module)
    assert own in STAGES, f"{module}: stage {own!r} is not declared in STAGES"
    problems = []
    package = module if is_package else module.rsplit(".", 1)[0]
    for line, target in imported(ast.parse(source), package):
        stage = stage_of(target)
        if stage is None:
            continue
        assert stage in STAGES, f"{module}:{line}: imports {target}, of undeclared stage {stage!r}"
        if STAGES.index(stage) > STAGES.index(own):
            problems.append(f"{module}:{line}: {own} imports {target} ({stage}, a later stage)")
    return problems


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts == ("__init__",):
            continue
        name = ".".join([PACKAGE, *(p for p in parts if p != "__init__")])
        out[name] = path
    return out


def test_every_stage_is_declared_and_every_module_has_one() -> None:
    found = {stage_of(m) for m in modules()}
    assert found == set(STAGES), (
        f"undeclared: {sorted(found - set(STAGES))}; empty: {sorted(set(STAGES) - found)}"
    )


def test_no_module_imports_a_later_stage() -> None:
    problems = [
        p
        for name, path in modules().items()
        for p in later_imports(path.read_text(encoding="utf-8"), name, path.stem == "__init__")
    ]
    assert not problems, "\n".join(problems)


def test_the_check_finds_an_import_that_reaches_back_up() -> None:
    """The rule is enforced, not vacuous: attribution importing matching fails, in every
    spelling of the import; matching importing attribution does not."""
    reaching = (
        "from r1kb.checksource.matching.match import Matcher\n",
        "from r1kb.checksource.matching import match\n",
        "import r1kb.checksource.result.result\n",
        "def f():\n    from ..reporting import report\n",
        "if TYPE_CHECKING:\n    from ..matching.match import Judgement\n",
    )
    for source in reaching:
        assert later_imports(source, "r1kb.checksource.attribution.readings"), source
    forward = "from r1kb.checksource.attribution.readings import Readings\nfrom . import match\n"
    assert later_imports(forward, "r1kb.checksource.matching.choose") == []
    assert later_imports("from .cells import CellAttributor\n", f"{PACKAGE}.attribution.walk") == []


# --- what attribution hands matching ---------------------------------------------------------


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load(Path(__file__).resolve().parents[1] / "data").kb)


def _drive(text: str, matcher: Matcher) -> list[tuple[Readings, Choice | None]]:
    """Every readings attribution hands on, with the choice matching answered."""
    doc = read(text)
    stream = attribute(doc, find(doc, matcher.kb), matcher.kb, matcher.units)
    seen: list[tuple[Readings, Choice | None]] = []
    try:
        r = next(stream)
        while True:
            c = choose(r, matcher)
            seen.append((r, c))
            r = stream.send(c)
    except StopIteration:
        pass
    return seen


def test_attribution_offers_readings_and_matching_chooses_a_recognised_one(
    matcher: Matcher,
) -> None:
    """A range of sizes said of R1: attribution's first reading is what its sentence says (R1's
    parameters); the text also allows the quantity recorded only as a range, and matching
    chooses that one, since the knowledge base recognises it."""
    text = "DeepSeek-R1 comes with six distilled variants (1.5B-70B) for smaller machines.\n"
    ((r, c),) = [
        (r, c) for r, c in _drive(text, matcher) if text[r.raw.start : r.raw.end] == "1.5B-70B"
    ]
    assert r.first is not None
    assert (r.first.model, r.first.quantity) == ("deepseek-r1", "total-parameters")
    assert r.strong_model and r.how == "named in the sentence"
    assert ("deepseek-r1", "distilled-model-sizes") in [(x.model, x.quantity) for x in r.ranges()]
    assert c is not None and c.judgement.outcome == "agrees"
    assert (c.judgement.quantity, c.basis) == ("distilled-model-sizes", A_RANGE)
    fig = next(f for f in check_text(text, matcher.kb, matcher=matcher).figures if "1.5B" in f.text)
    assert (fig.quantity, fig.quantity_basis, fig.outcome) == (
        "distilled-model-sizes",
        A_RANGE,
        "agrees",
    )


def test_a_sentence_is_read_again_once_a_figure_tells_its_model(matcher: Matcher) -> None:
    """ "DeepSeek spent 2.788 million GPU hours" under a section about V3: the company stands for
    V3, so the sentence is read again with V3 as its subject; each candidate read again replaces
    its first reading, and each figure is reported once."""
    text = (
        "DeepSeek-V3 notes.\n\n"
        "The final run took 2,048 GPUs and DeepSeek spent 2.788 million GPU hours on it.\n"
    )
    seen = _drive(text, matcher)
    keys = [r.key for r, _ in seen]
    assert len(keys) > len(set(keys))  # read again
    switched = [c for _, c in seen if c is not None and c.switched]
    assert switched and switched[0].switched == "deepseek-v3"
    figures = check_text(text, matcher.kb, matcher=matcher).figures
    assert sorted(f.text for f in figures) == ["2,048 GPUs", "2.788 million GPU hours"]
    hours = next(f for f in figures if "hours" in f.text)
    assert (hours.model, hours.outcome) == ("deepseek-v3", "agrees")
    assert hours.attribution == "DeepSeek (the company) named for its model"
    doc = read(text)
    chosen = match(attribute(doc, find(doc, matcher.kb), matcher.kb, matcher.units), matcher)
    assert sorted(c.readings.key for c in chosen) == sorted(set(keys))
