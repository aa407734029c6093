"""Models: none derives from itself, by naming its own id under `derived_from` or through
other models (a lineage that goes round in a circle has no first model to start from)."""

from __future__ import annotations

from collections.abc import Iterator

from r1kb.cycles import cycles
from r1kb.paths import display_path
from r1kb.problems import Problem, problem
from r1kb.rules import Context


def model_cycles(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    parents = {m.id: [d.get("model", "") for d in m.derived_from] for m in kb.models.values()}
    found = cycles(parents)
    models_file = display_path(ctx.loaded.data_dir / "models.yaml")
    for model_id, circle in found.items():
        i = parents[model_id].index(circle.next)  # the entry the circle leaves by
        yield problem(
            models_file,
            "model-derivation-cycle",
            f"{model_id!r} derives from itself: {circle.show()}",
            ("models", model_id, "derived_from", i, "model"),
            hint="a model derives from the models it was built from, never from itself "
            "or its own derivatives",
        )


RULES = [model_cycles]
