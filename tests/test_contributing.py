"""CONTRIBUTING.md, tried as a new contributor would: every command of its shell blocks runs, in
order, in a scratch copy of the project. Steps that would reach outside (downloading the article,
installing pre-commit) run equivalent local steps; the TODOs of the drafts are resolved as a
person would, between drafting and copying."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from test_check_source_draft import fill_todos

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
KNOWN = (".venv/bin/r1kb ", "bash scripts/serve.sh", ".venv/bin/pip install pre-commit",
         ".venv/bin/pre-commit install", ".venv/bin/python scripts/fetch_sources.py --primary",
         "mkdir ", "curl ", "cp ", "git ")  # fmt: skip
# Two figures that agree, one that conflicts, two known misconceptions and one that is new
ARTICLE = """<!doctype html><html><head><title>DeepSeek-R1 explained | Example Blog</title></head>
<body><h1>DeepSeek-R1 explained</h1>
<p>DeepSeek released the R1 model on 10 January 2025. DeepSeek-R1 has 671 billion parameters.</p>
<p>Its training reportedly cost $5.58M, although DeepSeek-V3 was trained on 14.8T tokens.</p>
<p>DeepSeek-R1 was trained on 3,000 H800 GPUs. DeepSeek rents its GPUs at $1.50 per GPU-hour.</p>
</body></html>
"""
SOURCE = "example-blog-deepseek-r1-explained"
# Equivalent local steps for the commands that would download or install
STUBS = r"""
curl() { local out=""; while [ $# -gt 0 ]; do [ "$1" = -o ] && out="$2"; shift; done;
         cp "$R1KB_ARTICLE" "$out"; }
"""
PRE_COMMIT = """#!{python}
import shlex, subprocess, sys, yaml
assert sys.argv[1:] == ["install"], sys.argv
config = yaml.safe_load(open(".pre-commit-config.yaml"))
for hook in (h for repo in config["repos"] for h in repo["hooks"]):
    if hook["id"] == "r1kb-validate":
        subprocess.run(shlex.split(hook["entry"]), check=True)
print("pre-commit installed at .git/hooks/pre-commit")
"""


def commands() -> list[str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #")[0].strip()
            if line:
                out.append(line)
    return out


def project(tmp_path: Path) -> Path:
    proj = tmp_path / "r1kb"
    patterns = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", ".*_cache")

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = {"site", "drafts"} & set(names) if Path(folder) == ROOT else set()
        return set(patterns(folder, names)) | top

    shutil.copytree(ROOT, proj, ignore=ignore)
    bin_dir = proj / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("r1kb", "mkdocs"):
        (bin_dir / tool).symlink_to(VENV_BIN / tool)
    # a linked python outside its venv would lose the venv's packages: a wrapper keeps them
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', "utf-8")
    (bin_dir / "pip").write_text("#!/bin/sh\n[ \"$*\" = 'install pre-commit' ]\n", encoding="utf-8")
    (bin_dir / "pre-commit").write_text(PRE_COMMIT.format(python=sys.executable), encoding="utf-8")
    for stub in ("pip", "pre-commit", "python"):
        (bin_dir / stub).chmod(0o755)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=proj, check=True)
    subprocess.run([*git, "add", "-A"], cwd=proj, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=proj, check=True)
    return proj


def serve_and_fetch(proj: Path, env: dict[str, str], command: str) -> tuple[str, str]:
    """The home page as `command` serves it, and what the server printed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [*command.split(), "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=proj, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    page = ""
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    page = answer.read().decode("utf-8", "replace")
                    break
            except OSError:
                if server.poll() is not None:
                    why = server.stderr.read()[-3000:] if server.stderr else ""
                    raise AssertionError(f"mkdocs serve stopped: {why}") from None
                time.sleep(1)
        else:
            raise AssertionError("mkdocs serve did not answer")
    finally:
        server.terminate()
        server.wait(timeout=30)
        printed = server.stderr.read() if server.stderr else ""
        if server.stderr:
            server.stderr.close()
    return page, printed


def test_every_command_is_one_this_test_knows() -> None:
    found = commands()
    assert len(found) >= 12
    unknown = [c for c in found if not c.startswith(KNOWN)]
    assert not unknown, f"CONTRIBUTING.md has commands test_contributing.py cannot run: {unknown}"


@pytest.mark.slow
def test_contributing_works_end_to_end(tmp_path: Path) -> None:
    proj = project(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    article = tmp_path / "article.html"
    article.write_text(ARTICLE, encoding="utf-8")
    env = {
        **os.environ,
        "HOME": str(home),
        "R1KB_ARTICLE": str(article),
        # offline: the documents' hosts refuse at once (the fetch reports each and goes on)
        "https_proxy": "http://127.0.0.1:9",
        "http_proxy": "http://127.0.0.1:9",
    }
    env.pop("NO_MKDOCS_2_WARNING", None)  # scripts/serve.sh silences the theme's advert itself
    env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"] = "Test"
    env["GIT_AUTHOR_EMAIL"] = env["GIT_COMMITTER_EMAIL"] = "test@example.org"
    outputs = []
    for command in commands():
        if command.startswith("bash scripts/serve.sh"):
            page, printed = serve_and_fetch(proj, env, command)
            assert "DeepSeek" in page
            assert "NO_MKDOCS_2_WARNING" not in printed and "end of life" not in printed, printed
            continue
        done = subprocess.run(
            ["bash", "-c", STUBS + "set -e\n" + command],
            cwd=proj, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
        outputs.append(done.stdout)
        if "--draft" in command:
            assert fill_todos(proj / "drafts") > 0
    fetched = outputs[commands().index(next(c for c in commands() if "--primary" in c))]
    assert "0 fetched" in fetched  # offline: nothing fetched, each source said why, no failure
    report = outputs[
        commands().index(".venv/bin/r1kb check-source ~/r1kb-snapshots/r1-explained.html")
    ]
    for counted in ("agrees (2)", "conflicts (1)", "known-misconception (2)", "new (1)"):
        assert counted in report, report
    data = proj / "data"
    drafted = sorted(p.stem for p in data.glob(f"claims/{SOURCE}-*.yaml"))
    assert drafted == [
        f"{SOURCE}-deepseek-gpu-rental-price",  # new
        f"{SOURCE}-r1-gpu-count",  # conflicts
        f"{SOURCE}-r1-release-date",  # known misconceptions
        f"{SOURCE}-r1-training-cost",
    ], drafted
    conflict = (data / "claims" / f"{SOURCE}-r1-gpu-count.yaml").read_text("utf-8")
    assert "verdict: inaccurate" in conflict and "- r1-rl-gpu-count" in conflict
    for agreed in ("r1-total-parameters", "v3-base-pretraining-tokens"):  # supported, not new
        record = yaml.safe_load((data / "claims" / f"{agreed}.yaml").read_text("utf-8"))
        assert {"source": SOURCE, "role": "supports"}.items() <= record["sources"][-1].items()
    source = (data / "sources" / f"{SOURCE}.yaml").read_text("utf-8")
    assert str(tmp_path) not in source and str(home) not in source  # no local path
    assert (data / "sources" / "example-blog-2025-02-10-r1-on-a-laptop.yaml").is_file()
    log = subprocess.run(["git", "log", "--oneline"], cwd=proj, capture_output=True, text=True)
    assert "Example Blog" in log.stdout
    status = subprocess.run(["git", "status", "--porcelain"], cwd=proj, capture_output=True,
                            text=True, check=True)  # fmt: skip
    assert "drafts/" not in status.stdout  # drafts/ is ignored by git
