"""CappedDict: a memo that keeps what is asked again and never holds more than its limit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from r1kb.capped import CappedDict


def test_keep_stores_and_returns_the_value() -> None:
    memo: CappedDict[str, int] = CappedDict(2)
    assert memo.keep("a", 1) == 1 and memo == {"a": 1}
    assert memo.keep("b", 2) == 2 and memo == {"a": 1, "b": 2}
    assert memo.keep("c", 3) == 3 and memo == {"c": 3}  # full: emptied, then kept


@given(st.integers(1, 5), st.lists(st.integers(0, 20), max_size=60))
def test_never_holds_more_than_its_limit(limit: int, keys: list[int]) -> None:
    memo: CappedDict[int, int] = CappedDict(limit)
    for k in keys:
        assert memo.keep(k, k * 2) == k * 2
        assert len(memo) <= limit and memo[k] == k * 2
