"""`r1kb export`: the site's downloads from the command line (same functions, same bytes)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import click

from r1kb.options import CONTEXT, refuse_inside_data

FORMAT_NAMES = ("json", "csv", "evidence-csv", "bibtex", "csl-json", "ris")  # = exports.FORMATS


@click.command(context_settings=CONTEXT)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The data directory (default: from [tool.r1kb] in pyproject.toml, else ./data).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default="json",
    show_default=True,
    help="json: the whole knowledge base; csv: one row per claim; evidence-csv: one row per "
    "source of a claim; bibtex, csl-json, ris: a citation of every claim.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="File to write, new or a regular file outside the data directory (default: standard "
    "output).",
)
@click.option(
    "--site-url",
    default=None,
    metavar="URL",
    help="Base URL of the published site, for absolute claim permalinks "
    "(default: $R1KB_SITE_URL; without one, citations and rows carry no URL).",
)
def export(data_dir: Path | None, fmt: str, output: Path | None, site_url: str | None) -> None:
    """Export the whole knowledge base (the site's downloads) as JSON, CSV or citations.

    The data is validated first; data with errors is not exported (exit status 1).

    \b
    Examples:
      r1kb export --format json --output r1kb.json
      r1kb export --format csv --output claims.csv
      r1kb export --format bibtex --site-url https://example.org/r1kb/ -o r1kb.bib
    """
    from r1kb.fsutil import write_atomic
    from r1kb.options import resolve_data
    from r1kb.site.build import SiteDataError, load_validated
    from r1kb.site.context import SiteContext
    from r1kb.site.dataset import NO_ADDRESS_HINT
    from r1kb.site.dates import data_dates
    from r1kb.site.exports import FORMATS
    from r1kb.site.urls import Urls

    base = _site_address(site_url)
    data, snapshots = resolve_data(data_dir)
    if output is not None:
        _check_output(output, data)
    try:
        kb = load_validated(data, snapshots)
    except SiteDataError as exc:
        click.echo(str(exc).replace("the site is not built", "nothing is exported"), err=True)
        sys.exit(1)
    ctx = SiteContext(kb=kb, urls=Urls(site_url=base), dates=data_dates(data))
    text = FORMATS[fmt].render(ctx)
    if base is None:
        hint = "r1kb: no site address, so no row or citation carries a URL: " + NO_ADDRESS_HINT
        click.echo(hint, err=True)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise click.UsageError(f"cannot write {str(output)!r}: {exc.strerror or exc}") from None
    click.echo(f"wrote {output} ({fmt}, {len(kb.claims)} claims)", err=True)


def _site_address(option: str | None) -> str | None:
    """--site-url, else $R1KB_SITE_URL (empty: none). An address that is not an absolute
    http(s) URL is a usage error naming where it came from: it is written as it is into
    every citation and row."""
    from r1kb.site.urls import site_url_problem

    where, value = (
        ("--site-url", option) if option else ("R1KB_SITE_URL", os.getenv("R1KB_SITE_URL"))
    )
    if not value:
        return None
    if why := site_url_problem(value):
        raise click.UsageError(f"{where} {value!r} {why}")
    return value


def _check_output(output: Path, data: Path) -> None:
    """--output names a new or a regular file outside the data directory, else a usage error:
    a link would be replaced (or followed by the check of a writable path), a FIFO or a device
    written into, and a file under data/ become a record."""
    from r1kb.datatree import file_kind

    try:
        mode: int | None = os.lstat(output).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise click.UsageError(f"cannot write {str(output)!r}: {exc.strerror or exc}") from None
    if mode is not None and not stat.S_ISREG(mode):
        what = "a directory" if stat.S_ISDIR(mode) else file_kind(mode)
        raise click.UsageError(f"--output {str(output)!r} is {what}, not a regular file")
    refuse_inside_data(output.parent, data, "--output", "an export there would be read as a record")
