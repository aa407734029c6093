"""Safe arithmetic over named inputs with units (no eval): + - * / ** and parentheses."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

_BINOPS: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}


class FormulaError(Exception):
    """The formula cannot be evaluated (syntax, unsupported node, unknown name)."""


class DimensionError(Exception):
    """The formula combines units that do not fit (adding GPU-hours to USD)."""


@lru_cache(maxsize=4096)
def _names(formula: str) -> frozenset[str]:
    return frozenset(n.id for n in ast.walk(parse(formula)) if isinstance(n, ast.Name))


def names(formula: str) -> set[str]:
    return set(_names(formula))


@lru_cache(maxsize=4096)
def parse(formula: str) -> ast.Expression:
    """Parse and vet a formula (cached: the tree is never mutated)."""
    try:
        tree = ast.parse(formula, mode="eval")
    except (SyntaxError, ValueError) as exc:
        raise FormulaError(
            f"syntax error in formula: {exc.msg if isinstance(exc, SyntaxError) else exc}"
        ) from None
    for node in ast.walk(tree):
        if not isinstance(
            node,
            (
                ast.Expression,
                ast.BinOp,
                ast.UnaryOp,
                ast.Constant,
                ast.Name,
                ast.Load,
                ast.USub,
                ast.UAdd,
                *_BINOPS,
            ),
        ):
            raise FormulaError(
                f"{type(node).__name__} is not allowed in a formula (only numbers, "
                "input names, + - * / ** and parentheses)"
            )
        if isinstance(node, ast.Constant) and (
            isinstance(node.value, bool) or not isinstance(node.value, (int, float))
        ):
            raise FormulaError(f"{node.value!r} is not a number")
    return tree


def evaluate(formula: str, env: Mapping[str, Any]) -> Any:
    tree = parse(formula)
    result = _eval(tree.body, env)
    if not math.isfinite(getattr(result, "magnitude", result)):
        raise FormulaError("the result is not a finite number (the arithmetic overflows)")
    return result


def _eval(node: ast.AST, env: Mapping[str, Any]) -> Any:
    if isinstance(node, ast.Constant):
        try:  # floats keep every step bounded: integer powers of powers would never finish
            return float(node.value)
        except OverflowError:
            raise FormulaError(f"the number {str(node.value)[:20]}… is too large") from None
    if isinstance(node, ast.Name):
        if node.id not in env:
            raise FormulaError(f"{node.id!r} is not one of the inputs")
        return env[node.id]
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, env)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, env), _eval(node.right, env)
        if isinstance(node.op, ast.Pow):
            exponent = getattr(right, "magnitude", right)
            if hasattr(right, "dimensionality") and not right.dimensionless:
                raise DimensionError("an exponent must be a pure number")
            if abs(exponent) > 64:
                raise FormulaError("exponent too large")
            right = exponent
        try:
            result = _BINOPS[type(node.op)](left, right)
        except ZeroDivisionError:
            raise FormulaError("division by zero") from None
        except OverflowError:
            raise FormulaError("the arithmetic overflows (a number too large)") from None
        except Exception as exc:  # pint's DimensionalityError and friends
            if type(exc).__name__ in ("DimensionalityError", "OffsetUnitCalculusError"):
                raise DimensionError(str(exc)) from None
            raise FormulaError(f"cannot compute: {exc}") from None
        if isinstance(getattr(result, "magnitude", result), complex):
            raise FormulaError(
                "a negative number to a fractional power has no real value"
            ) from None
        return result
    raise FormulaError(f"{type(node).__name__} is not allowed")  # pragma: no cover - parse() guards
