"""Circles: claims derived from each other, models derived from each other (or from
themselves), claims that supersede each other; the finder and the messages that name them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CASE_SNAPSHOTS, CASES
from r1kb.cycles import cycles
from r1kb.validate import validate


def test_every_node_on_a_circle_is_found_with_a_shortest_circle() -> None:
    # c is on a -> c -> b -> a although the search meets b (done) from c: a depth-first
    # search that only looked at nodes still on its stack missed it
    graph = {"a": ["b", "c"], "b": ["a"], "c": ["b"], "d": ["a", "zz"], "e": ["e"], "f": []}
    found = {node: circle.show() for node, circle in cycles(graph).items()}
    assert found == {"a": "a -> b -> a", "b": "b -> a -> b", "c": "c -> b -> a -> c", "e": "e -> e"}


def test_a_ring_of_thousands_is_found_once_without_recursion() -> None:
    n = 20_000
    graph = {f"n{i}": [f"n{i + 1}"] for i in range(n)} | {f"n{n}": ["n0"]}
    found = cycles(graph)
    assert len(found) == n + 1 and found["n5"].next == "n6"
    shown = "n5 -> n6 -> n7 -> n8 -> n9 -> n10 -> n11 -> n12 -> … -> n5 (20001 in the circle)"
    assert found["n5"].show() == shown


@pytest.mark.parametrize(
    ("case", "messages"),
    [
        (
            "model-derivation-cycle",
            {
                "'deepseek-v3' derives from itself: deepseek-v3 -> deepseek-v3",
                "'deepseek-r1-zero' derives from itself: "
                "deepseek-r1-zero -> deepseek-r1 -> deepseek-r1-zero",
                "'deepseek-r1' derives from itself: deepseek-r1 -> deepseek-r1-zero -> deepseek-r1",
            },
        ),
        (
            "supersedes-cycle",
            {
                "claims supersede each other in a circle: hours-a -> hours-b -> hours-a",
                "claims supersede each other in a circle: hours-b -> hours-a -> hours-b",
                "claims supersede each other in a circle: hours-d -> hours-e -> hours-d",
                "claims supersede each other in a circle: hours-e -> hours-d -> hours-e",
            },
        ),
        (
            "derivation-cycle",
            {
                "this derivation depends on itself through its inputs: "
                "hours-a -> hours-b -> hours-a",
                "this derivation depends on itself through its inputs: "
                "hours-b -> hours-a -> hours-b",
                "this derivation depends on itself through its inputs: hours-self -> hours-self",
            },
        ),
    ],
)
def test_the_message_names_the_circle(
    case: str, messages: set[str], make_data: Callable[..., Path]
) -> None:
    problems = validate(make_data(CASES / "invalid" / case), [CASE_SNAPSHOTS]).problems
    assert {p.message for p in problems if p.code == case} == messages
