"""Shared by the site tests: a small data directory (with hostile strings), site builds.

The records here validate cleanly; several carry markup and script in every free-text
field, so that the same data exercises the renderers and the injection test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = ROOT / "data"
MKDOCS = Path(sys.executable).with_name("mkdocs")

HOSTILE_STATEMENT = (
    '<script>alert("statement")</script> R1 cost $5.58M <img src=x onerror=alert(1)>'
)
HOSTILE_SCOPE = '"><svg onload=alert(2)> Training of R1 as the blog says.'
HOSTILE_NOTES = (
    "See [this](javascript:alert(3)) and [the report](https://example.org/report).\n\n"
    "![tracker](https://evil.example/pixel.png)\n\n"
    "<script>alert('notes')</script> <iframe src=https://evil.example/></iframe> **bold**"
)
HOSTILE_TITLE = "<b onmouseover=alert(4)>Hostile</b> blog & {braces} 100% $"

CLAIM = "# yaml-language-server: $schema=../schema/claim.schema.json\n"
SOURCE = "# yaml-language-server: $schema=../schema/source.schema.json\n"

RECORDS: dict[str, str] = {
    "sources/toy-report.yaml": SOURCE
    + """title: Toy Technical Report
authors: [DeepSeek-AI]
publisher: DeepSeek-AI
url: "https://example.org/toy-report"
published: "2024-12-26"
accessed: "2026-11-23"
kind: technical-report
primary: true
read_as: original
read_note: A made-up report for the site tests.
""",
    "sources/hostile-blog.yaml": SOURCE
    + f"""title: {json.dumps(HOSTILE_TITLE)}
publisher: "Blog <i>Inc</i>"
url: "https://blog.example/post?a=1&b=<2>"
published: "2025-02"
kind: blog
primary: false
read_as: original
read_note: "<script>alert('read')</script>"
notes: {json.dumps(HOSTILE_NOTES)}
""",
    "claims/v3-training-gpu-hours.yaml": CLAIM
    + """subject: deepseek-v3
quantity: training-gpu-hours
scope: Official training of V3.
value: 2788000
unit: GPU-hours
statement: DeepSeek-V3's official training took 2.788M GPU-hours.
status: disclosed
verdict: accurate
sources:
  - {source: toy-report, role: claims, locator: "p. 5", quote: "2.788M GPU hours"}
""",
    "claims/v3-gpu-rental-price.yaml": CLAIM
    + """subject: deepseek-v3
quantity: gpu-rental-price
scope: Official training of V3.
value: 2
unit: USD-per-GPU-hour
statement: DeepSeek assumed $2 per GPU-hour.
status: disclosed
verdict: accurate
sources:
  - {source: toy-report, role: claims, locator: "p. 5", quote: "$2 per GPU hour"}
""",
    "claims/v3-training-cost.yaml": CLAIM
    + """subject: deepseek-v3
quantity: training-cost
scope: Official training of V3.
value: 5576000
unit: USD
statement: At an assumed $2 per GPU-hour, the official training of DeepSeek-V3 cost $5.576M.
status: disclosed
verdict: accurate
sources:
  - {source: toy-report, role: claims, locator: "p. 5, Table 1", quote: "$5.576M"}
derivation:
  formula: gpu_hours * price
  inputs:
    gpu_hours: {claim: v3-training-gpu-hours}
    price: {claim: v3-gpu-rental-price}
history:
  - {date: "2024-12-26", status: disclosed, source: toy-report, note: Published in the report.}
notes: The figure behind the *widely repeated* $6M.
""",
    "claims/r1-training-cost-hostile.yaml": CLAIM
    + f"""subject: deepseek-r1
quantity: training-cost
scope: {json.dumps(HOSTILE_SCOPE)}
value: 5580000
unit: USD
statement: {json.dumps(HOSTILE_STATEMENT)}
status: speculative
verdict: misleading
sources:
  - source: hostile-blog
    role: claims
    locator: "</td><script>alert(5)</script>"
    quote: "</q><script>alert(6)</script>"
relations:
  corrected_by: [v3-training-cost]
notes: {json.dumps(HOSTILE_NOTES)}
""",
    "claims/r1-licence-hostile.yaml": CLAIM
    + """subject: deepseek-r1
quantity: licence
value: "MIT <b>License</b> <script>alert(7)</script>"
unit: text
statement: DeepSeek-R1 is released under the MIT License.
status: disclosed
verdict: accurate
sources:
  - {source: toy-report, role: claims, locator: README, quote: MIT License}
""",
    "claims/r1-total-parameters.yaml": CLAIM
    + """subject: deepseek-r1
quantity: total-parameters
value: 671000000000
unit: parameters
statement: DeepSeek-R1 has 671B total parameters.
status: disclosed
verdict: accurate
sources:
  - {source: toy-report, role: claims, locator: "p. 1", quote: 671B total parameters}
""",
    "claims/v3-base-pretraining-duration.yaml": CLAIM
    + """subject: deepseek-v3-base
quantity: pretraining-duration
value: {high: 2}
unit: months
statement: Pre-training took less than two months.
status: disclosed
verdict: accurate
sources:
  - {source: toy-report, role: claims, locator: "p. 5", quote: less than two months}
""",
    "claims/r1-gpu-fleet-undisclosed.yaml": CLAIM
    + """subject: deepseek
quantity: gpu-fleet-size
value: null
unit: GPUs
statement: DeepSeek has not disclosed how many GPUs it owns.
status: undisclosed
verdict: accurate
sources: []
checked: [toy-report]
""",
    "claims/v3-training-gpu-hours-old.yaml": CLAIM
    + """subject: deepseek-v3
quantity: training-gpu-hours
value: 2664000
unit: GPU-hours
statement: DeepSeek-V3's training took 2.664M GPU-hours.
status: disclosed
verdict: outdated
sources:
  - {source: toy-report, role: supports, locator: "p. 5", quote: 2664K GPU hours}
relations:
  corrected_by: [v3-training-gpu-hours]
withdrawn:
  date: "2025-02-01"
  reason: Recorded the pre-training figure as the whole training.
  replaced_by: v3-training-gpu-hours
""",
    "redirects.yaml": "# yaml-language-server: $schema=schema/redirects.schema.json\n"
    "redirects:\n  v3-gpu-hours: v3-training-gpu-hours\n"
    "sources:\n  toy-paper: toy-report\nmodels:\n  r1: deepseek-r1\n",
}


def write_site_data(dest: Path) -> Path:
    """A valid data directory at dest: the real vocabularies and schemas, RECORDS on top."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("models.yaml", "quantities.yaml"):
        shutil.copy(REAL_DATA / name, dest / name)
    shutil.copytree(REAL_DATA / "schema", dest / "schema", dirs_exist_ok=True)
    (dest / "published-ids.txt").write_text("# published ids\n", encoding="utf-8")
    for rel, text in RECORDS.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


def build_in_process(out: Path, data_dir: Path, monkeypatch: Any) -> Path:
    """`mkdocs build` of the project from data_dir into out in this process, so that a test
    can patch what the build uses (monkeypatch: pytest's fixture)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("R1KB_DATA_DIR", str(data_dir))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("R1KB_SITE_URL", raising=False)
    monkeypatch.chdir(ROOT)
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out), strict=True))
    return out


def build_site(out: Path, data_dir: Path | None = None, timeout: int = 600) -> Path:
    """`mkdocs build --strict` of the project into out (from data_dir if given)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("R1KB_SITE_URL", None)
    if data_dir is not None:
        env["R1KB_DATA_DIR"] = str(data_dir)
    else:
        env.pop("R1KB_DATA_DIR", None)
    done = subprocess.run(
        [
            str(MKDOCS),
            "build",
            "--strict",
            "--quiet",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{done.stdout}\n{done.stderr}")
    return out


_real_site: list[Path] = []


def real_site(tmp_root: Path) -> Path:
    """The real site, built once per test session (the first caller's tmp_root is used)."""
    if not _real_site:
        _real_site.append(build_site(tmp_root / "site"))
    return _real_site[0]
