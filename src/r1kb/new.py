"""`r1kb new source` and `r1kb new claim`: scaffold a record from flags.

Missing values are asked for when the command runs in a terminal, and refused (exit 2) when it
does not. The id and the references are checked, then the record, still in memory, goes
through everything `r1kb validate` checks: nothing validate would refuse is written.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from r1kb.new_values import parse_inputs, parse_value
from r1kb.options import CONTEXT
from r1kb.problems import json_path

if TYPE_CHECKING:
    from r1kb.loader import Loaded
    from r1kb.problems import Problem

ROLES = ("claims", "supports", "refutes")


def interactive() -> bool:
    """Prompt only when a person can answer (patched in tests)."""
    return sys.stdin.isatty()


def _fill(values: dict[str, Any], required: dict[str, dict[str, Any]]) -> None:
    """Prompt for the required values that are missing, or fail listing them."""
    missing = [k for k in required if values.get(k) in (None, "")]
    if not missing:
        return
    if not interactive():
        flags = ", ".join("--" + k.replace("_", "-") for k in missing)
        raise click.UsageError(f"missing {flags} (or run in a terminal to be asked)")
    for key in missing:
        values[key] = click.prompt(key.replace("_", " "), **required[key])


def _data(data_dir: Path | None) -> tuple[Loaded, list[Path]]:
    """The data as loaded, and the snapshot directories validate checks quotes against."""
    from r1kb.loader import load
    from r1kb.options import resolve_data

    data, snapshots = resolve_data(data_dir)
    return load(data), snapshots


def _finish(
    loaded: Loaded,
    snapshots: list[Path],
    kind: str,
    record_id: str,
    fields: dict[str, Any],
    problems: list[tuple[str, str, str]],
) -> None:
    """Write the record unless it would not validate. Every problem is said at once: new's
    own checks (code, path, message: they say how to fix a flag), then validate's, but for
    the ones an own check already said (the same code at the same path)."""
    from r1kb import scaffold

    text = scaffold.render(kind, fields, {}, [])
    covered = {(code, path) for code, path, _ in problems}
    said = [message for _, _, message in problems] + [
        message
        for code, path, message in _refusals(loaded, snapshots, kind, record_id, text)
        if (code, path) not in covered
    ]
    if said:
        raise click.UsageError("the record would not validate:\n  " + "\n  ".join(said))
    data = loaded.data_dir
    where = data / scaffold.FOLDERS[kind]
    try:
        path = scaffold.write(data, kind, record_id, text, exclusive=True)
    except FileExistsError:
        raise click.UsageError(
            f"{where / f'{record_id}.yaml'} already exists (written while this ran); "
            "nothing was written"
        ) from None
    except OSError as exc:
        raise click.ClickException(
            f"cannot write the record into {where}: {exc.strerror or exc}; nothing was written"
        ) from None
    click.echo(f"wrote {path}")
    click.echo("next: fill in anything else the record needs, then run `r1kb validate`")


def _refusals(
    loaded: Loaded, snapshots: list[Path], kind: str, record_id: str, text: str
) -> list[tuple[str, str, str]]:
    """The errors `r1kb validate` would report once the record is written, and does not now
    (code, path, message): the schema and every rule, run on the record held in memory. The
    data without it is validated only when there are errors to tell apart (a record that
    validates costs one run, not two)."""
    from r1kb.loader import with_record
    from r1kb.validate import validate_loaded

    with_it, record = with_record(loaded, kind, record_id, text)
    after = validate_loaded(with_it, snapshots).errors
    before = {_key(p) for p in validate_loaded(loaded, snapshots).errors} if after else set()
    return [(p.code, p.path, _said(p, record)) for p in after if _key(p) not in before]


def _key(p: Problem) -> tuple[str, str, str]:
    """A problem without its message, which can change with the records ("3 quote(s)")."""
    return p.file, p.path, p.code


def _said(p: Problem, record: str) -> str:
    """A problem as validate says it; the file only when it is not the new record."""
    from r1kb.problems import one_line

    where = "" if p.file == record else f"{one_line(p.file)}: "
    line = f"{where}{one_line(p.path)}: {one_line(p.message)} [{p.code}]"
    return line + (f"\n    hint: {one_line(p.hint)}" if p.hint else "")


def _check_id(data: Path, kind: str, record_id: str) -> None:
    from r1kb import scaffold

    unreadable = scaffold.published_problem(data)
    if unreadable:
        raise click.ClickException(unreadable)
    why = scaffold.id_problem(record_id, scaffold.taken_ids(data, kind))
    if why:
        raise click.UsageError(why)


@click.group(context_settings=CONTEXT)
def new() -> None:
    """Scaffold a new record (a source or a claim) with the schema line and a checked id.

    \b
    Examples:
      r1kb new source acme-blog-2025-02-01 --title "R1 explained" --publisher Acme \\
          --kind blog --published 2025-02-01 --url https://acme.example/r1
      r1kb new claim acme-r1-cost --subject deepseek-r1 --quantity training-cost ...
    """


@new.command("source", context_settings=CONTEXT)
@click.argument("source_id")
@click.option("--title")
@click.option("--publisher")
@click.option("--kind", help="paper, press, blog, content-farm… (the schema's list)")
@click.option("--published", help="YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--url", help="Where it is published (http/https).")
@click.option("--author", "authors", multiple=True, help="Repeatable.")
@click.option("--primary/--not-primary", default=False, show_default=True,
              help="Primary: one of DeepSeek's own documents.")  # fmt: skip
@click.option("--read-as", type=click.Choice(["original", "text-copy", "excerpt", "secondary"]),
              default="original", show_default=True)  # fmt: skip
@click.option("--snapshot", help="File name of a plain-text copy in a snapshot directory.")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path))
def new_source(source_id: str, data_dir: Path | None, **values: Any) -> None:
    """Write data/sources/SOURCE_ID.yaml.

    \b
    Examples:
      r1kb new source acme-blog-2025-02-01 --title "R1 explained" --publisher Acme \\
          --kind blog --published 2025-02-01 --url https://acme.example/r1
    """
    from r1kb import schemas

    loaded, snapshots = _data(data_dir)
    data = loaded.data_dir
    _check_id(data, "source", source_id)
    kinds = schemas.load_schema(schemas.schema_dir(data), "source")["properties"]["kind"]["enum"]
    _fill(values, {
        "title": {}, "publisher": {}, "kind": {"type": click.Choice(kinds)},
        "published": {"default": dt.date.today().isoformat()},
    })  # fmt: skip
    fields: dict[str, Any] = {"title": values["title"]}
    if values["authors"]:
        fields["authors"] = list(values["authors"])
    fields["publisher"] = values["publisher"]
    if values["url"]:
        fields["url"] = values["url"]
    fields |= {"published": values["published"], "accessed": dt.date.today().isoformat()}
    fields |= {"kind": values["kind"], "primary": values["primary"], "read_as": values["read_as"]}
    if values["snapshot"]:
        fields["snapshot"] = values["snapshot"]
    _finish(loaded, snapshots, "source", source_id, fields, [])


@new.command("claim", context_settings=CONTEXT)
@click.argument("claim_id")
@click.option("--subject", help="A model id from data/models.yaml.")
@click.option("--quantity", help="A quantity id from data/quantities.yaml.")
@click.option("--value", help="A number, LOW..HIGH (either side may be empty), a date or text.")
@click.option("--unit", help="Default: the quantity's unit.")
@click.option("--statement", help="One plain sentence a reader can quote.")
@click.option(
    "--status",
    type=click.Choice(["disclosed", "derived", "estimated", "speculative", "undisclosed"]),
)
@click.option(
    "--verdict",
    type=click.Choice(["accurate", "inaccurate", "misleading", "unsupported", "outdated"]),
)
@click.option("--source", help="The source id that makes (or backs) the claim.")
@click.option("--role", type=click.Choice(ROLES), default="claims", show_default=True)
@click.option("--locator", help="Where in the source: page, section, paragraph.")
@click.option("--quote", help="A short verbatim quote from the source.")
@click.option("--scope", help="What exactly the figure covers, where it matters.")
@click.option(
    "--corrected-by", "corrected_by", multiple=True, help="An accurate claim id (repeatable)."
)
@click.option(
    "--checked",
    multiple=True,
    help="A primary source id that does not give the figure (undisclosed claims; repeatable).",
)
@click.option("--method", help="How an estimate was made (for estimated claims).")
@click.option(
    "--formula",
    help="Arithmetic over the inputs' names that gives the value (derived claims): "
    "'gpu_hours * price'.",
)
@click.option(
    "--input",
    "inputs",
    multiple=True,
    metavar="NAME=CLAIM_ID|NAME=VALUE UNIT",
    help="An input of the formula: another claim, or a constant with its unit "
    "('price=2 USD-per-GPU-hour'). Repeatable.",
)
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path))
def new_claim(claim_id: str, data_dir: Path | None, **values: Any) -> None:
    """Write data/claims/CLAIM_ID.yaml.

    \b
    Examples:
      r1kb new claim acme-r1-cost --subject deepseek-r1 --quantity training-cost \\
          --value 5580000 --statement 'Acme says R1 cost $5.58M to train.' \\
          --status speculative --verdict misleading --corrected-by v3-training-cost \\
          --source acme-blog-2025-02-01 --locator "paragraph 3" --quote 'R1 cost $5.58M'

    \b
    A derived claim names its arithmetic:
      r1kb new claim acme-r1-rl-cost --subject deepseek-r1 --quantity training-cost \\
          --value 294000 --statement 'Acme prices the RL GPU-hours of R1 at $2 an hour.' \\
          --status derived --verdict accurate --source acme-blog-2025-02-01 \\
          --locator "paragraph 4" --quote 'at $2 an hour' \\
          --formula "gpu_hours * price" --input gpu_hours=r1-rl-gpu-hours \\
          --input "price=2 USD-per-GPU-hour"
    """
    from r1kb.units import UnitSystem

    loaded, snapshots = _data(data_dir)
    kb = loaded.kb
    _check_id(loaded.data_dir, "claim", claim_id)
    _fill(values, {
        "subject": {"type": click.Choice(sorted(kb.models))},
        "quantity": {"type": click.Choice(sorted(kb.quantities))},
        "statement": {}, "status": {"type": click.Choice(["disclosed", "derived", "estimated",
                                                          "speculative", "undisclosed"])},
        "verdict": {"type": click.Choice(["accurate", "inaccurate", "misleading", "unsupported",
                                          "outdated"])},
    })  # fmt: skip
    quantity = kb.quantities.get(values["quantity"])
    unit = values["unit"] or (quantity.unit if quantity else "")
    needs = (
        {}
        if values["status"] == "undisclosed"
        else {"value": {}, "source": {}, "locator": {}, "quote": {}}
    )
    if values["status"] == "derived":  # its derivation: without one validate refuses it
        needs["formula"] = {}
        if not values["inputs"]:
            raise click.UsageError("a derived claim needs its formula's inputs: --input NAME=...")
    _fill(values, needs)
    # (the code and path validate would report the problem with, new's message)
    problems: list[tuple[str, str, str]] = []
    if values["subject"] not in kb.models:
        problems.append(
            (
                "unknown-model",
                json_path(("subject",)),
                f"subject: no model {values['subject']!r} in data/models.yaml",
            )
        )
    if quantity is None:
        problems.append(
            (
                "unknown-quantity",
                json_path(("quantity",)),
                f"quantity: no quantity {values['quantity']!r} in data/quantities.yaml",
            )
        )
    elif not UnitSystem(kb.units).compatible(unit, quantity.unit):
        problems.append(
            (
                "unit-mismatch",
                json_path(("unit",)),
                f"unit: {unit!r} does not fit {quantity.id} (its unit is {quantity.unit})",
            )
        )
    if values["source"] and values["source"] not in kb.sources:
        problems.append(
            (
                "unknown-source",
                json_path(("sources", 0, "source")),
                f"source: no source {values['source']!r} (add it with `r1kb new source`)",
            )
        )
    problems += [
        (
            "unknown-claim",
            json_path(("relations", "corrected_by", i)),
            f"corrected_by: no claim {c!r}",
        )
        for i, c in enumerate(values["corrected_by"])
        if c not in kb.claims
    ]
    fields: dict[str, Any] = {"subject": values["subject"], "quantity": values["quantity"]}
    if values["scope"]:
        fields["scope"] = values["scope"]
    fields |= {
        "value": parse_value(values["value"], unit),
        "unit": unit,
        "statement": values["statement"],
    }
    fields |= {"status": values["status"], "verdict": values["verdict"], "sources": []}
    if values["source"]:
        fields["sources"] = [{k: values[k] for k in ("source", "role", "locator", "quote")}]
    if values["checked"]:
        fields["checked"] = list(values["checked"])
    if values["method"]:
        fields["method"] = values["method"]
    if values["formula"]:
        fields["derivation"] = {
            "formula": values["formula"],
            "inputs": parse_inputs(values["inputs"]),
        }
    if values["corrected_by"]:
        fields["relations"] = {"corrected_by": list(values["corrected_by"])}
    _finish(loaded, snapshots, "claim", claim_id, fields, problems)
