"""Strict YAML loading: YAML 1.2 core typing on libyaml's C parser.

Refused, each with its line: duplicate keys, anchors and aliases, explicit tags,
NaN and infinity, several documents, non-UTF-8 text. Dates stay strings. The
hot path is `CParser` plus a small constructor; the event scan that finds
anchors and tags only runs on files where one of `& * !` could start a node property.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

try:  # libyaml is the fast path; fall back to the pure-Python parser if absent
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


@dataclass
class YamlIssue:
    code: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None


class CoreResolver(BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans, no sexagesimal, no timestamps."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    # libyaml calls these three for every node; the base versions also serve path resolvers,
    # which r1kb never registers, so lean versions save ~15% of the load.
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:  # type: ignore[override]
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is SequenceNode else "tag:yaml.org,2002:map"

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


MAX_DEPTH = 32  # records nest 4 levels; deeper documents overflow the schema validator
_FLOAT_MAX = sys.float_info.max


_STR_TAG, _MAP_TAG, _SEQ_TAG = (f"tag:yaml.org,2002:{t}" for t in ("str", "map", "seq"))


class StrictConstructor:
    """Builds plain data from the composed nodes by walking them directly.

    Mapping keys stay their source text (JSON objects have string keys); tags other than
    the core ones are refused, never constructed. About twice as fast as PyYAML's
    SafeConstructor: no generator bookkeeping, strings (most scalars) returned at once.
    """

    def __init__(self) -> None:
        self.issues: list[YamlIssue] = []
        self._too_deep = False

    def _issue(self, code: str, message: str, node: Node) -> None:
        mark = node.start_mark
        self.issues.append(YamlIssue(code, message, mark.line + 1, mark.column + 1))

    def build(self, node: Node, depth: int = 0) -> Any:
        tag = node.tag
        if type(node) is ScalarNode:
            if tag == _STR_TAG:
                return node.value
            scalar = _SCALARS.get(tag)
            return scalar(self, node) if scalar is not None else self._refuse_tag(node)
        if type(node) is MappingNode and tag == _MAP_TAG:
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self._issue("yaml-alias", "merge keys (`<<`) are not allowed", key_node)
                    continue
                if type(key_node) is not ScalarNode:
                    self._issue("yaml-syntax", "a mapping key must be a plain value", key_node)
                    continue
                key = key_node.value
                if key in mapping:
                    self._issue("yaml-duplicate-key", f"duplicate key {key!r}", key_node)
                    continue
                mapping[key] = self._build_child(value_node, depth)
            return mapping
        if type(node) is SequenceNode and tag == _SEQ_TAG:
            return [self._build_child(child, depth) for child in node.value]
        return self._refuse_tag(node)

    def _build_child(self, child: Node, depth: int) -> Any:
        if type(child) is ScalarNode:
            return child.value if child.tag == _STR_TAG else self.build(child, depth)
        if depth + 1 > MAX_DEPTH:
            if not self._too_deep:
                self._too_deep = True
                self._issue("yaml-syntax", f"nested deeper than {MAX_DEPTH} levels", child)
            return None
        return self.build(child, depth + 1)

    def _int(self, node: ScalarNode) -> int:
        value = node.value
        number: int | None = None
        if value.startswith("0o"):
            number = int(value[2:], 8)
        elif value.startswith("0x"):
            number = int(value[2:], 16)
        elif len(core := value.lstrip("+-").lstrip("0_")) <= 309:  # longer is beyond any float
            number = int(core or "0", 10) * (-1 if value.startswith("-") else 1)  # (and 4,300
            # leading zeros passed int()'s limit on digits)
        if number is None or abs(number) > _FLOAT_MAX:
            shown = value if len(value) <= 20 else value[:20] + "…"
            self._issue("yaml-non-finite", f"{shown} is too large to be a figure", node)
            return 0
        return number

    def _float(self, node: ScalarNode) -> float:
        text = node.value
        lowered = text.lower().lstrip("+-")
        value = math.nan if lowered == ".nan" else (math.inf if lowered == ".inf" else float(text))
        if not math.isfinite(value):
            self._issue("yaml-non-finite", f"{text!r} is not a finite number", node)
            return 0.0
        return value

    def _refuse_tag(self, node: Node) -> None:
        self._issue("yaml-tag", f"tag {node.tag!r} is not allowed", node)
        return None


_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:int": StrictConstructor._int,
    "tag:yaml.org,2002:float": StrictConstructor._float,
    "tag:yaml.org,2002:bool": lambda self, node: node.value.lower() == "true",
    "tag:yaml.org,2002:null": lambda self, node: None,
}


class StrictLoader(_Parser, StrictConstructor, CoreResolver):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        StrictConstructor.__init__(self)
        CoreResolver.__init__(self)


@dataclass
class Loaded:
    data: Any = None
    issues: list[YamlIssue] = field(default_factory=list)


def _scan_events(text: str) -> list[YamlIssue]:
    """Find anchors, aliases and explicit tags (only called when the text has & * or !)."""
    issues: list[YamlIssue] = []
    try:
        for event in yaml.parse(
            text, Loader=yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
        ):
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                issues.append(
                    YamlIssue("yaml-alias", f"alias *{event.anchor} is not allowed", *where)
                )
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                issues.append(YamlIssue("yaml-alias", f"anchor &{anchor} is not allowed", *where))
            tag = getattr(event, "tag", None)
            if tag is not None and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                implicit = getattr(event, "implicit", None)
                explicit = not any(implicit) if isinstance(implicit, tuple) else not implicit
                if explicit or tag == "!":  # a lone `!` is the non-specific tag
                    issues.append(
                        YamlIssue("yaml-tag", f"explicit tag {tag!r} is not allowed", *where)
                    )
    except yaml.YAMLError:
        pass  # the main load reports the syntax error
    return issues


# Where an anchor (&a), alias (*a) or tag (!t, !!t, or a lone !) could start a node: at a
# line start (after `--- ` or any `- ` entries), after `:` or `?`, or after `[`, `{` or `,`.
# False positives (a line or a quoted text starting with *emphasis*) only cost a scan; Markdown
# emphasis inside a sentence ("the *whole* report") does not trigger it.
# A line starts after any of YAML's line breaks: "\r", NEL, LS and PS too (PyYAML reads them
# as breaks; `^` alone let an alias bomb with CR line endings through, and hang the parse).
_MAYBE_PROPERTY = re.compile(
    r"(?:(?:^|(?<=[\r\x85\u2028\u2029]))[ \t]*(?:---[ \t]+)?(?:-[ \t]+)*|[:?][ \t]*"
    r"|[\[{,][ \t]*)(?:[&*]\S|!)",
    re.MULTILINE,
)


def load_text(text: str) -> Loaded:
    """Parse one YAML document strictly; never raises for bad input."""
    try:
        return _load(text)
    except UnicodeEncodeError as exc:  # lone surrogates: never from decode(), which is strict
        line = text.count("\n", 0, exc.start) + 1
        return Loaded(issues=[YamlIssue("not-utf8", "a lone surrogate is not UTF-8 text", line)])


def _load(text: str) -> Loaded:
    result = Loaded()
    if ("&" in text or "*" in text or "!" in text) and _MAYBE_PROPERTY.search(text):
        result.issues.extend(_scan_events(text))
        if result.issues:
            return result
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.build(node) if node is not None else None
    except yaml.composer.ComposerError as exc:
        code = "yaml-multiple-documents" if "single document" in str(exc) else "yaml-syntax"
        result.issues.append(_from_error(code, exc))
        return result
    except yaml.reader.ReaderError as exc:
        result.issues.append(_from_reader_error(text, exc))
        return result
    except yaml.YAMLError as exc:
        result.issues.append(_from_error("yaml-syntax", exc))
        return result
    except RecursionError:
        result.issues.append(YamlIssue("yaml-syntax", "nesting too deep"))
        return result
    finally:
        loader.dispose()
    result.issues.extend(loader.issues)
    result.data = data
    return result


def _from_error(code: str, exc: yaml.YAMLError) -> YamlIssue:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"{context}, {problem}" if context else str(problem)
    if mark is None:
        return YamlIssue(code, message)
    return YamlIssue(code, message, mark.line + 1, mark.column + 1)


def _from_reader_error(text: str, exc: yaml.reader.ReaderError) -> YamlIssue:
    """A character YAML refuses (control characters); libyaml counts the offset in bytes."""
    if _Parser.__module__ != __name__:  # libyaml
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
    else:  # pragma: no cover - the pure-Python reader counts characters
        before = text[: exc.position]
    line = before.count("\n") + 1
    column = len(before) - before.rfind("\n")
    char = exc.character
    shown = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return YamlIssue("yaml-syntax", f"character {shown} is not allowed in YAML", line, column)


def decode(raw: bytes) -> tuple[str | None, YamlIssue | None]:
    """Decode strict UTF-8 (a BOM is dropped); report the line of the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, YamlIssue("not-utf8", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", line)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, YamlIssue("not-utf8", "NUL character in a text file", line)
    return text, None
