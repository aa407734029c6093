"""Status and verdict are consistent with the evidence a claim carries."""

from __future__ import annotations

from collections.abc import Iterator

from r1kb.problems import Problem, problem
from r1kb.rules import Context


def evidence(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    for c in kb.claims.values():
        if c.status == "undisclosed":
            if c.value is not None:
                yield problem(
                    c.file,
                    "undisclosed-with-value",
                    "an undisclosed record has value: null",
                    ("value",),
                )
            if not c.checked:
                yield problem(
                    c.file,
                    "undisclosed-unchecked",
                    "say which primary documents were checked in `checked`",
                    ("status",),
                )
            for i, sid in enumerate(c.checked):
                src = kb.sources.get(sid)
                if src is not None and not src.primary:
                    yield problem(
                        c.file,
                        "checked-not-primary",
                        f"{sid!r} is not a primary source (DeepSeek's own)",
                        ("checked", i),
                    )
        else:
            if c.value is None:
                yield problem(
                    c.file,
                    "value-missing",
                    f"a {c.status} claim needs a value (null is only for undisclosed)",
                    ("value",),
                )
            if not c.sources:
                yield problem(c.file, "no-sources", "cite at least one source", ("sources",))
        if c.status == "disclosed" and not any(
            e.role in ("supports", "claims")
            and (s := kb.sources.get(e.source)) is not None
            and s.primary
            for e in c.sources
        ):
            yield problem(
                c.file,
                "disclosed-without-primary",
                "`disclosed` needs a primary source (primary: true) that supports or makes "
                "the claim, with locator and quote",
                ("status",),
                hint="cite DeepSeek's own document, or change the status",
            )
        if c.status == "estimated" and not c.method:
            yield problem(
                c.file,
                "estimated-without-method",
                "an estimate states its method",
                ("status",),
                hint="add `method:` saying who estimated it and how",
            )
        if c.status == "derived" and not c.derivation:
            yield problem(
                c.file,
                "derived-without-derivation",
                "a derived figure carries its formula and inputs",
                ("status",),
            )
        if c.status == "disclosed" and c.verdict in ("inaccurate", "unsupported"):
            yield problem(
                c.file,
                "status-verdict-conflict",
                f"a disclosed figure cannot be {c.verdict}",
                ("verdict",),
                hint="if the source misreports DeepSeek, the claim is not `disclosed`",
            )
        if c.verdict == "unsupported" and c.status not in ("speculative", "estimated"):
            yield problem(
                c.file,
                "status-verdict-conflict",
                f"`unsupported` fits speculative or estimated claims, not {c.status}",
                ("verdict",),
            )


RULES = [evidence]
