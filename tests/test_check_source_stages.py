"""check-source's stages read top to bottom: no module imports a module of a later stage.

The order is declared once, here: each subpackage of src/r1kb/checksource/ is a stage, and so is
each module at its top (pipeline.py, which runs the stages; command.py, the command line). Every
import counts, also one inside a function or under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import r1kb.checksource

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
