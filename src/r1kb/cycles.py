"""Cycles in a graph of ids (a claim's inputs, a model's parents, what a claim supersedes):
which ids lie on one, and a circle through each for a message to name."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Circle:
    """A circle through one node: `nodes` once round (shared by every node found on it, so
    that a ring of thousands costs no more than one), this node at `at`."""

    nodes: Sequence[str]
    at: int

    @property
    def next(self) -> str:
        """The node this one leads to on the circle (the reference a message points at)."""
        return self.nodes[(self.at + 1) % len(self.nodes)]

    def show(self, most: int = 8) -> str:
        """The circle from this node back to it, as a message names it: "a -> b -> a"; past
        `most` nodes, "a -> b -> … -> a (12 in the circle)"."""
        n = len(self.nodes)
        ids = [self.nodes[(self.at + k) % n] for k in range(min(n, most))]
        if n > most:
            ids.append("…")
        shown = " -> ".join([*ids, self.nodes[self.at]])
        return shown if n <= most else f"{shown} ({n} in the circle)"


def cycles(graph: Mapping[str, Iterable[str]]) -> dict[str, Circle]:
    """Each node that lies on a circle -> a circle through it: the shortest, unless the node
    lies on one found first for another node (a node that names itself: itself alone). A node
    that only leads into a circle is not on one; edges to nodes outside graph are ignored."""
    edges = {node: [t for t in targets if t in graph] for node, targets in graph.items()}
    found: dict[str, Circle] = {}
    for group in _components(edges):
        if len(group) == 1:
            (node,) = group
            if node in edges[node]:
                found[node] = Circle((node,), 0)
            continue
        for node in sorted(group):
            if node in found:
                continue
            circle = _shortest_cycle(edges, node, group)
            for i, member in enumerate(circle):
                found.setdefault(member, Circle(circle, i))
    return found


def _components(edges: Mapping[str, list[str]]) -> list[set[str]]:
    """Strongly connected components (Tarjan's algorithm, without recursion: a chain of
    thousands of records must not reach Python's recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[set[str]] = []
    for root in edges:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if i < len(targets):
                work.append((node, i + 1))
                nxt = targets[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:  # back in the caller: it takes what this node reaches
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                groups.append(group)
    return groups


def _shortest_cycle(edges: Mapping[str, list[str]], start: str, group: set[str]) -> list[str]:
    """A shortest circle from start within its component (breadth-first), once round."""
    before: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in edges[node]:
            if nxt not in group or nxt in before:
                continue
            before[nxt] = node
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(before[path[-1]])
                return path[::-1]
            queue.append(nxt)
    raise AssertionError(f"{start!r} is in a component of {len(group)} nodes but on no cycle")
