"""`r1kb check-source`: the command. Exit 0 done, 1 a --fail-on outcome found, 2 usage error."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from r1kb.checksource.matching.match import OUTCOMES
from r1kb.checksource.reporting.report import FORMATS

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _outcomes(ctx: click.Context, param: click.Parameter, value: str | None) -> frozenset[str]:
    if not value:
        return frozenset()
    wanted = {v.strip() for v in value.split(",") if v.strip()}
    unknown = wanted - set(OUTCOMES)
    if unknown:
        raise click.BadParameter(
            f"unknown outcome(s) {', '.join(sorted(unknown))}; choose from {', '.join(OUTCOMES)}"
        )
    return frozenset(wanted)


def _folder(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """A folder's path; an empty one is refused (it would be the working directory)."""
    if value is not None and not value.strip():
        raise click.BadParameter("give a folder (an empty path is the working directory)")
    return None if value is None else Path(value)


@click.command("check-source", context_settings=CONTEXT)
# as given, not a Path ("./-" is the file named "-", Path would make it standard input); a
# directory among them is reported with the other inputs' reports, not a usage error
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: a table grouped by outcome; markdown (a pull-request comment); json; "
              "github: workflow annotations.")  # fmt: skip
@click.option("--fail-on", "fail_on", callback=_outcomes, metavar="OUTCOME[,OUTCOME]",
              help="Exit 1 if a figure has one of these outcomes "
              f"({', '.join(OUTCOMES)}).")  # fmt: skip
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The data directory (default: from [tool.r1kb] in pyproject.toml, "
              "else ./data).")  # fmt: skip
@click.option("--draft", "draft_dir", callback=_folder, type=click.Path(file_okay=False),
              help="Also write a draft source record and one draft claim per figure into DIR "
              "(sources/, claims/, snapshots/), with TODOs to resolve; not inside the data "
              "directory.")  # fmt: skip
@click.option("--input-format", "input_fmt",
              type=click.Choice(["auto", "text", "markdown", "html"]),
              default="auto", show_default=True,
              help="How to read the input (auto: by file name, then by content).")  # fmt: skip
@click.option("--without-source", "without", multiple=True, metavar="SOURCE_ID",
              help="Judge as if the claims only this source makes were not recorded (to re-check "
              "an article the knowledge base already holds). Repeatable.")  # fmt: skip
@click.option("--explain", is_flag=True,
              help="Under each figure, the evidence that decided its model and quantity, the "
              "claims it was compared with and why the outcome (text format).")  # fmt: skip
def check_source(
    files: tuple[str, ...],
    fmt: str,
    fail_on: frozenset[str],
    data_dir: Path | None,
    draft_dir: Path | None,
    input_fmt: str,
    without: tuple[str, ...],
    explain: bool,
) -> None:
    """Check the figures of articles (text, Markdown or HTML; `-` reads standard input).

    Finds every figure an article states about DeepSeek-R1 and its family (parameters, tokens,
    GPU-hours, GPUs, costs, durations, context length, dates, batch sizes, benchmark scores),
    decides which model and quantity it is about, and checks it against the knowledge base:
    agrees, conflicts, known-misconception, misattributed or new.

    \b
    Examples:
      r1kb check-source article.html
      curl -sL https://example.org/post | r1kb check-source --format markdown -
      r1kb check-source --fail-on conflicts,known-misconception --format github post.md
      r1kb check-source --draft drafts/ article.txt
      r1kb check-source --explain article.md
    """
    from r1kb.checksource.document.inputs import MAX_BYTES, decode, read_input, shown_name
    from r1kb.checksource.matching.match import Matcher
    from r1kb.checksource.pipeline import check_text
    from r1kb.checksource.reporting.report import render
    from r1kb.checksource.result.result import CheckResult, Report
    from r1kb.kbcache import load_kb
    from r1kb.options import refuse_inside_data, resolve_data
    from r1kb.problems import one_line
    from r1kb.vocabulary_size import vocabulary_unusable

    if not files:
        raise click.UsageError("give at least one FILE (or - for standard input)")
    data, _ = resolve_data(data_dir)
    if draft_dir is not None:
        refuse_inside_data(
            draft_dir,
            data,
            "--draft",
            "drafts there would be read as records, TODOs and all, and the article's text "
            "copied into the data; write them to drafts/ (which git ignores) and move each "
            "record into the data once it is complete",
        )
    kb, has_errors = load_kb(data)
    if not kb.quantities or not kb.models:
        raise click.UsageError(
            f"{data} holds no usable knowledge base (run r1kb validate --data {data})"
        )
    unusable = vocabulary_unusable(kb)
    if unusable is not None:  # compiling them would cost minutes and GBs
        raise click.UsageError(f"{data}: {unusable} (run r1kb validate --data {data})")
    if has_errors:
        click.echo(
            f"warning: {data} has record problems; run `r1kb validate` (checking anyway)", err=True
        )
    matcher = Matcher(kb, frozenset(without))
    result = CheckResult()
    for path in files:
        got = read_input(path)
        name = shown_name(path)  # what the reports print
        if got.error is not None:
            result.reports.append(Report(name=name, error=got.error))
            continue
        text, notes = decode(got.data)
        if got.truncated:
            notes.append(f"only the first {MAX_BYTES:,} bytes were read")
        fmt_in = None if input_fmt == "auto" else input_fmt
        report = check_text(text, kb, name, fmt_in, matcher)
        report.notes[:0] = notes
        result.reports.append(report)
    click.echo(render(result, fmt, fail_on, explain), nl=False)
    if draft_dir is not None:
        from r1kb.checksource.reporting.draft import write_drafts

        for report in result.reports:
            if report.error is None:
                try:
                    written = write_drafts(report, kb, draft_dir, matcher, data / "schema")
                except OSError as exc:
                    error = click.ClickException(
                        f"cannot write drafts under {one_line(str(draft_dir))}: "
                        f"{exc.strerror or exc} ({one_line(str(exc.filename or draft_dir))})"
                    )
                    error.exit_code = 2
                    raise error from None
                click.echo(
                    one_line(
                        f"{report.name}: wrote {len(written)} draft record(s) under {draft_dir}"
                    ),
                    err=True,
                )
    if any(r.error for r in result.reports):
        sys.exit(2)
    sys.exit(1 if result.outcomes() & fail_on else 0)
