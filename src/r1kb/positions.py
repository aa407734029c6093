"""Map a JSON path inside a YAML file to a line and column.

Only called for files that have problems, so the hot path never builds node
trees with positions.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PositionIndex:
    def __init__(self, text: str) -> None:
        try:
            self.root: Node | None = yaml.compose(text, Loader=_Loader)
        except (yaml.YAMLError, RecursionError):
            self.root = None

    def locate(self, parts: Sequence[str | int], key: bool = False) -> tuple[int, int] | None:
        """Line and column (1-based) of the deepest node on the path.

        With key=True and a path ending in a mapping key, point at the key itself.
        """
        node = self.root
        if node is None:
            return None
        best = node.start_mark
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if str(getattr(key_node, "value", None)) == str(part):
                        best = key_node.start_mark if (key and last) else value_node.start_mark
                        if not isinstance(value_node, (MappingNode, SequenceNode)) and not last:
                            return best.line + 1, best.column + 1
                        if isinstance(value_node, (MappingNode, SequenceNode)) and not (
                            key and last
                        ):
                            best = key_node.start_mark if last else value_node.start_mark
                        node = value_node
                        break
                else:
                    break
            elif (
                isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value)
            ):
                node = node.value[part]
                best = node.start_mark
            else:
                break
        return best.line + 1, best.column + 1
