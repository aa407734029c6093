"""Benchmark the site build: synthetic 1,000- and 5,000-claim sites, and the real one.

The synthetic knowledge bases come from scripts/bench.py's generator (valid records with
sources, derivations, corrections and histories). Each is built with
`mkdocs build --strict` from the project's mkdocs.yml (R1KB_DATA_DIR points the hook at
it), timed with wall-clock seconds, and reported as pages per second. The last line is one
JSON object; `time_ratio` (and `cpu_ratio`, which other work on the machine does not
inflate) is the largest site's time over the smallest's: linear growth keeps it within
1.1 × `claims_ratio` (5.5 for 5,000 claims against 1,000).

    python scripts/bench_site.py                      # 1,000 and 5,000 claims, and the real site
    python scripts/bench_site.py --claims 500 --no-real
    python scripts/bench_site.py --history            # each size also as a git repository
    python scripts/bench_site.py --claims 20000 --no-real   # the target: < 120 s, < 1 GB

With --history, each synthetic data directory is also built as a git repository with
HISTORY_COMMITS commits (all records, then a tenth of the claims' statements revised per
commit), so the record history (r1kb.site.history: one `git log`, one `git cat-file`) is
in the build; `history_s` is that build's time next to `seconds` without git.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import generate
from bench_interpreter import describe, interpreter

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")
HISTORY_COMMITS = 4


def make_history(data: Path) -> None:
    """Turn data/ into a git repository with HISTORY_COMMITS commits of edits."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }

    def git(*args: str, day: int) -> None:
        stamp = f"2026-01-{day:02d}T12:00:00+00:00"
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = stamp
        subprocess.run(["git", "-C", str(data), *args], env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main", day=1)
    git("add", "-A", day=1)
    git("commit", "-qm", "records", day=1)
    claims = sorted((data / "claims").glob("*.yaml"))
    for n in range(1, HISTORY_COMMITS):
        for path in claims[n::10]:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("statement: ", f"statement: Revised ({n}) ", 1))
        git("commit", "-qam", f"revision {n}", day=1 + n)


TARGET_CLAIMS, TARGET_S, TARGET_MB = 20_000, 120, 1024


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(out: Path, data: Path | None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, pages) of one strict build into out. CPU time is not
    inflated by other work on the machine; wall time is what a user waits."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("R1KB_DATA_DIR", None)
    if data is not None:
        env["R1KB_DATA_DIR"] = str(data)
    command = [str(MKDOCS), "build", "--strict", "--quiet", "-f", str(ROOT / "mkdocs.yml")]
    cpu, start = _child_cpu(), time.perf_counter()
    done = subprocess.run(
        [*command, "-d", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    seconds, cpu = time.perf_counter() - start, _child_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout}\n{done.stderr}")
    pages = sum(1 for p in out.rglob("index.html")) + sum(1 for _ in out.glob("*.html")) - 1
    return seconds, cpu, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--claims", type=int, nargs="+", default=[1000, 5000], help="sizes (1000 5000)"
    )
    parser.add_argument("--no-real", action="store_true", help="skip the real site")
    parser.add_argument(
        "--history", action="store_true", help="also build each size from a git repository"
    )
    args = parser.parse_args(argv)
    python = interpreter()
    print(describe(python))
    report: dict[str, object] = {"interpreter": python}
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="r1kb-bench-site-") as tmp:
        for n in sorted(args.claims):
            data, _snapshots = generate(Path(tmp) / f"kb-{n}", n)
            seconds, cpu, pages = build(Path(tmp) / f"site-{n}", data)
            run = {
                "claims": n,
                "pages": pages,
                "seconds": round(seconds, 2),
                "cpu_s": round(cpu, 2),
                "pages_per_s": round(pages / seconds, 1),
            }
            print(
                f"{n:>6} claims: {pages} pages in {seconds:.1f} s, {cpu:.1f} s CPU "
                f"({pages / seconds:.0f} pages/s)"
            )
            if args.history:
                make_history(data)
                seconds, cpu, pages = build(Path(tmp) / f"site-{n}-git", data)
                run.update(history_s=round(seconds, 2), history_cpu_s=round(cpu, 2))
                print(f"{n:>6} claims with git history: {seconds:.1f} s, {cpu:.1f} s CPU")
            runs.append(run)
        if not args.no_real:
            seconds, cpu, pages = build(Path(tmp) / "site-real", None)
            report.update(real_s=round(seconds, 2), real_cpu_s=round(cpu, 2), real_pages=pages)
            print(f"  real site: {pages} pages in {seconds:.1f} s, {cpu:.1f} s CPU")
    report["synthetic"] = runs
    if len(runs) > 1:
        first, last = runs[0], runs[-1]
        report["claims_ratio"] = round(last["claims"] / first["claims"], 2)
        report["time_ratio"] = round(last["seconds"] / first["seconds"], 2)
        report["cpu_ratio"] = round(last["cpu_s"] / first["cpu_s"], 2)
        if args.history:
            report["history_cpu_ratio"] = round(last["history_cpu_s"] / first["history_cpu_s"], 2)
    report["peak_child_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
    )
    if runs:  # issue 10 §5: a 20,000-claim site in under 120 s and 1 GB
        big = runs[-1]
        ok = big["seconds"] < TARGET_S and report["peak_child_rss_mb"] < TARGET_MB
        verdict = (
            ("meets" if ok else "MISSES")
            if big["claims"] >= TARGET_CLAIMS
            else f"judged at {TARGET_CLAIMS:,} claims only"
        )
        print(
            f"largest site ({big['claims']} claims): {big['seconds']:.0f} s wall, "
            f"{big['cpu_s']:.0f} s CPU, peak {report['peak_child_rss_mb']:.0f} MB (target for "
            f"{TARGET_CLAIMS:,} claims: < {TARGET_S} s and < {TARGET_MB} MB: {verdict})"
        )
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
