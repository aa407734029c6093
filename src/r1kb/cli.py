"""The `r1kb` command line. Exit codes are decided here and only here:
0 clean, 1 problems found, 2 usage error."""

from __future__ import annotations

import codecs
import contextlib
import io
import sys
from pathlib import Path

import click

from r1kb.checksource.command import check_source
from r1kb.new import new
from r1kb.options import CONTEXT, existing_dirs, resolve_data
from r1kb.options import data_option as _data_option
from r1kb.outstream import OutputError, OutputStream
from r1kb.site.command import export

__all__ = ["cli", "main", "resolve_data"]


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
    result = run(data, [*existing_dirs(snapshot_dirs, "--snapshots"), *configured])
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
    """Add every current claim, source, model and quantity id to data/published-ids.txt.

    Published ids are permanent: `validate` fails if one of them loses its record
    (withdraw a claim instead, or rename it with a redirect). Ids are only added, never removed.

    \b
    Examples:
      r1kb publish-ids
    """
    from r1kb.fsutil import write_atomic
    from r1kb.loader import load
    from r1kb.published import PUBLISHED_HEADER, PUBLISHED_IDS

    data, _ = resolve_data(data_dir)
    loaded = load(data)
    published = loaded.published
    assert published is not None
    if published.problems and not published.missing:
        for p in published.problems:
            where = f"{p.file}:{p.line}" if p.line else p.file
            click.echo(f"{where}: {p.message}", err=True)
        click.echo(
            f"r1kb publish-ids: {PUBLISHED_IDS} cannot be read as it is; nothing was written "
            "(fix or restore it first)",
            err=True,
        )
        sys.exit(1)
    current = set(published.ids)
    new = {f"claims/{i}" for i in loaded.present_claim_ids}
    new |= {f"sources/{i}" for i in loaded.present_source_ids}
    new |= {f"models/{i}" for i in loaded.kb.models}
    new |= {f"quantities/{i}" for i in loaded.kb.quantities}
    added = sorted(new - current)
    body = "".join(f"{i}\n" for i in sorted(current | new))
    try:
        write_atomic(data / PUBLISHED_IDS, PUBLISHED_HEADER + body)
    except OSError as exc:
        click.echo(
            f"r1kb publish-ids: cannot write {data / PUBLISHED_IDS}: {exc.strerror or exc}; "
            "the list is unchanged",
            err=True,
        )
        sys.exit(1)
    click.echo(f"{len(added)} id(s) added, {len(current | new)} published")


cli.add_command(check_source)
cli.add_command(new)
cli.add_command(export)


def main() -> None:
    for stream in (sys.stdout, sys.stderr):  # a character the output's encoding lacks (a
        if isinstance(stream, io.TextIOWrapper):  # latin-1 terminal) is escaped, never a traceback
            # click writes UTF-8 to an ASCII stream's buffer itself, past OutputStream: say it
            ascii_only = codecs.lookup(stream.encoding).name == "ascii"
            stream.reconfigure(encoding="utf-8" if ascii_only else None, errors="backslashreplace")
    out = OutputStream(sys.stdout)
    sys.stdout = out  # type: ignore[assignment]
    status: object = 0
    try:
        cli(standalone_mode=True)
    except SystemExit as exc:  # click ends every run this way, a broken pipe too (status 1)
        status = exc.code
    except OutputError:  # any other failed write of the output (a full disk)
        pass
    except KeyboardInterrupt:  # pragma: no cover - interactive
        sys.exit(130)
    with contextlib.suppress(OutputError):
        out.flush()  # what is still buffered: a small output to a full disk fails only here
    sys.exit(out.give_up() if out.error is not None else status)
