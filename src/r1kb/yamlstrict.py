"""Strict YAML loading: YAML 1.2 core typing on libyaml's C parser.

Refused, each with its line: duplicate keys, anchors and aliases, explicit tags,
NaN and infinity, several documents, non-UTF-8 text. Dates stay strings. The
hot path is `CParser` plus a small constructor; the event scan that finds
anchors and tags only runs on files where one of `& * !` could start a node property.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode
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


class StrictConstructor(SafeConstructor):
    def __init__(self) -> None:
        super().__init__()
        self.issues: list[YamlIssue] = []

    def _issue(self, code: str, message: str, node: Node) -> None:
        mark = node.start_mark
        self.issues.append(YamlIssue(code, message, mark.line + 1, mark.column + 1))

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:  # type: ignore[override]
        if not isinstance(node, MappingNode):  # pragma: no cover - guarded by the tag
            raise ConstructorError(None, None, "expected a mapping", node.start_mark)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._issue("yaml-alias", "merge keys (`<<`) are not allowed", key_node)
                continue
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (list, dict)):
                self._issue("yaml-syntax", "a mapping key must be a plain value", key_node)
                continue
            if key in mapping:
                self._issue("yaml-duplicate-key", f"duplicate key {key!r}", key_node)
                continue
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_int(self, node: ScalarNode) -> int:  # type: ignore[override]
        value = str(self.construct_scalar(node))
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value, 10)

    def construct_yaml_float(self, node: ScalarNode) -> float:  # type: ignore[override]
        text = str(self.construct_scalar(node))
        lowered = text.lower().lstrip("+-")
        value = math.nan if lowered == ".nan" else (math.inf if lowered == ".inf" else float(text))
        if not math.isfinite(value):
            self._issue("yaml-non-finite", f"{text!r} is not a finite number", node)
            return 0.0
        return value

    def construct_undefined(self, node: Node) -> None:  # type: ignore[override]
        self._issue("yaml-tag", f"tag {node.tag!r} is not allowed", node)
        return None


StrictConstructor.add_constructor("tag:yaml.org,2002:int", StrictConstructor.construct_yaml_int)
StrictConstructor.add_constructor("tag:yaml.org,2002:float", StrictConstructor.construct_yaml_float)
StrictConstructor.add_constructor(None, StrictConstructor.construct_undefined)  # type: ignore[arg-type]
for _tag in ("timestamp", "binary", "omap", "pairs", "set"):
    StrictConstructor.yaml_constructors.pop(f"tag:yaml.org,2002:{_tag}", None)


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


# Where an anchor (&a), alias (*a) or tag (!t, !!t, or a lone !) could start: at a line start or
# after whitespace or a flow indicator. False positives (Markdown *emphasis*) only cost a scan.
_MAYBE_PROPERTY = re.compile(r"(?:^|[\s\[{,:])(?:[&*]\S|!)", re.MULTILINE)


def load_text(text: str) -> Loaded:
    """Parse one YAML document strictly; never raises for bad input."""
    result = Loaded()
    if ("&" in text or "*" in text or "!" in text) and _MAYBE_PROPERTY.search(text):
        result.issues.extend(_scan_events(text))
        if result.issues:
            return result
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.composer.ComposerError as exc:
        code = "yaml-multiple-documents" if "single document" in str(exc) else "yaml-syntax"
        result.issues.append(_from_error(code, exc))
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
