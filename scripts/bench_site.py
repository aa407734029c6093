"""Benchmark the site build: synthetic 1,000- and 5,000-claim sites, and the real one.

The synthetic knowledge bases come from scripts/bench.py's generator (valid records with
sources, derivations, corrections and histories). Each is built with
`mkdocs build --strict` from the project's mkdocs.yml (R1KB_DATA_DIR points the hook at
it), timed with wall-clock seconds, and reported as pages per second. The last line is one
JSON object; `linear_ratio` is the largest claims' time over the smallest's, which should
stay within 1.1 × the ratio of claims (5.5 for 5,000 against 1,000).

    python scripts/bench_site.py                      # 1,000 and 5,000 claims, and the real site
    python scripts/bench_site.py --claims 500 --no-real
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

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")


def build(out: Path, data: Path | None) -> tuple[float, int]:
    """(seconds, pages) of one strict build into out."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("R1KB_DATA_DIR", None)
    if data is not None:
        env["R1KB_DATA_DIR"] = str(data)
    command = [str(MKDOCS), "build", "--strict", "--quiet", "-f", str(ROOT / "mkdocs.yml")]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "-d", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout}\n{done.stderr}")
    pages = sum(1 for p in out.rglob("index.html")) + sum(1 for _ in out.glob("*.html")) - 1
    return seconds, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--claims", type=int, nargs="+", default=[1000, 5000], help="sizes (1000 5000)"
    )
    parser.add_argument("--no-real", action="store_true", help="skip the real site")
    args = parser.parse_args(argv)
    report: dict[str, object] = {}
    runs = []
    with tempfile.TemporaryDirectory(prefix="r1kb-bench-site-") as tmp:
        for n in sorted(args.claims):
            data, _snapshots = generate(Path(tmp) / f"kb-{n}", n)
            seconds, pages = build(Path(tmp) / f"site-{n}", data)
            runs.append(
                {
                    "claims": n,
                    "pages": pages,
                    "seconds": round(seconds, 2),
                    "pages_per_s": round(pages / seconds, 1),
                }
            )
            print(
                f"{n:>6} claims: {pages} pages in {seconds:.1f} s ({pages / seconds:.0f} pages/s)"
            )
        if not args.no_real:
            seconds, pages = build(Path(tmp) / "site-real", None)
            report["real_s"] = round(seconds, 2)
            report["real_pages"] = pages
            print(f"  real site: {pages} pages in {seconds:.1f} s")
    report["synthetic"] = runs
    if len(runs) > 1:
        first, last = runs[0], runs[-1]
        ratio = float(last["seconds"]) / float(first["seconds"])  # type: ignore[arg-type]
        report["linear_ratio"] = round(ratio, 2)
        report["claims_ratio"] = round(int(last["claims"]) / int(first["claims"]), 2)  # type: ignore[call-overload]
    report["peak_child_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
    )
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
