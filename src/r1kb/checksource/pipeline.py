"""check-source from start to end, one stage after another: read the article, find its
candidates, attribute them, match them with the knowledge base, make the report.

Each stage is a package of its own and imports only the stages before it
(tests/test_check_source_stages.py holds them to that order): lexicon, document, candidates,
attribution, matching, result, then the reporters (reporting/) that print a result.
"""

from __future__ import annotations

import gc

from r1kb.checksource.attribution.walk import attribute
from r1kb.checksource.candidates.find import find
from r1kb.checksource.document.document import read
from r1kb.checksource.matching.choose import match
from r1kb.checksource.matching.match import Matcher
from r1kb.checksource.result.figures import report
from r1kb.checksource.result.result import Report
from r1kb.kb import KnowledgeBase


def check_text(
    text: str,
    kb: KnowledgeBase,
    name: str = "-",
    fmt: str | None = None,
    matcher: Matcher | None = None,
) -> Report:
    """The report for one article's text."""
    # Every stage builds small containers that stay alive until the report (the document's
    # blocks, the candidates, their readings, the figures), and none of them is garbage in a
    # cycle (tests/test_check_source_attribution_speed.py holds a run to that): the cyclic
    # collector's passes over the growing heap free nothing (~7% of a run on real prose), as
    # when the knowledge base is loaded (loader.load)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_text(text, kb, name, fmt, matcher)
    finally:
        if was_enabled:
            gc.enable()


def _check_text(
    text: str, kb: KnowledgeBase, name: str, fmt: str | None, matcher: Matcher | None
) -> Report:
    matcher = matcher or Matcher(kb)
    document = read(text, name, fmt)
    candidates = find(document, kb)
    readings = attribute(document, candidates, kb, matcher.units)  # lazy: matching answers it
    chosen = match(readings, matcher)
    return report(text, name, document, chosen, kb)
