"""The `r1kb` command line. Exit codes are decided here and only here:
0 clean, 1 problems found, 2 usage error."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from r1kb.checksource.command import check_source
from r1kb.config import find_config
from r1kb.new import new
from r1kb.site.command import export

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _data_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="The data directory (default: from [tool.r1kb] in pyproject.toml, else ./data).",
    )(f)


def resolve_data(data_dir: Path | None) -> tuple[Path, list[Path]]:
    cfg = find_config(data_dir)
    data = data_dir or cfg.data_dir
    if not data.is_dir():
        raise click.UsageError(f"data directory {str(data)!r} does not exist (use --data DIR)")
    return data, cfg.snapshot_dirs


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="r1kb")
def cli() -> None:
    """r1kb: the DeepSeek-R1 knowledge base: validate records, check articles, export data.

    \b
    Examples:
      r1kb validate
      r1kb validate --format github
      r1kb codes
    """


@cli.command(context_settings=CONTEXT)
@_data_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: file:line:col: path: message [code]; json; github: workflow annotations.",
)
@click.option(
    "--snapshots",
    "snapshot_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Extra directory of source snapshots to verify quotes against (repeatable).",
)
@click.option(
    "--strict-quotes",
    is_flag=True,
    help="Fail (exit 1) on unchecked quotes too, not only on errors.",
)
def validate(
    data_dir: Path | None, fmt: str, snapshot_dirs: tuple[Path, ...], strict_quotes: bool
) -> None:
    """Validate every record: YAML, schema and the rules across records.

    Every problem of the run is reported at once. Exit status: 0 clean (warnings allowed),
    1 problems found, 2 usage error.

    \b
    Examples:
      r1kb validate
      r1kb validate --data tests/cases/valid/minimal --format json
      r1kb validate --snapshots ~/r1kb-snapshots --format github
    """
    from r1kb import reporters
    from r1kb.validate import validate as run

    data, configured = resolve_data(data_dir)
    result = run(data, [*snapshot_dirs, *configured])
    click.echo(reporters.render(result, fmt))
    failed = not result.ok or (strict_quotes and result.summary()["quotes_unchecked"] > 0)
    sys.exit(1 if failed else 0)


@cli.command(context_settings=CONTEXT)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def codes(fmt: str) -> None:
    """List every problem code with its severity and meaning.

    \b
    Examples:
      r1kb codes
      r1kb codes --format json
    """
    import json

    from r1kb.codes import CODES

    if fmt == "json":
        click.echo(json.dumps([vars(c) for c in CODES.values()], indent=2))
        return
    for c in CODES.values():
        click.echo(f"{c.code:32} {c.severity:8} {c.title}")


@cli.command("publish-ids", context_settings=CONTEXT)
@_data_option
def publish_ids(data_dir: Path | None) -> None:
    """Add every current claim and source id to data/published-ids.txt.

    Published ids are permanent: `validate` fails if one of them loses its record
    (withdraw a claim instead, or rename it with a redirect). Ids are only added, never removed.

    \b
    Examples:
      r1kb publish-ids
    """
    from r1kb.loader import PUBLISHED_IDS, load

    data, _ = resolve_data(data_dir)
    loaded = load(data)
    current = set(loaded.kb.published_ids)
    new = {f"claims/{i}" for i in loaded.present_claim_ids} | {
        f"sources/{i}" for i in loaded.present_source_ids
    }
    added = sorted(new - current)
    header = (
        "# Ids published on the site: permanent. "
        "Maintained by `r1kb publish-ids`; never remove a line.\n"
    )
    body = "".join(f"{i}\n" for i in sorted(current | new))
    (data / PUBLISHED_IDS).write_text(header + body, encoding="utf-8")
    click.echo(f"{len(added)} id(s) added, {len(current | new)} published")


cli.add_command(check_source)
cli.add_command(new)
cli.add_command(export)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        sys.exit(130)
