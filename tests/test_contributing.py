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

from test_check_source_draft import fill_todos

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
KNOWN = (".venv/bin/r1kb ", ".venv/bin/mkdocs serve", ".venv/bin/pip install pre-commit",
         ".venv/bin/pre-commit install", "mkdir ", "curl ", "cp ", "git ")  # fmt: skip
ARTICLE = """<!doctype html><html><head><title>DeepSeek-R1 explained</title></head><body>
<h1>DeepSeek-R1 explained</h1>
<p>DeepSeek released the R1 model on 10 January 2025. DeepSeek-R1 has 671 billion parameters.</p>
<p>Its training reportedly cost $5.58M, although DeepSeek-V3 was trained on 14.8T tokens.</p>
</body></html>
"""
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
    for tool in ("r1kb", "mkdocs", "python"):
        (bin_dir / tool).symlink_to(VENV_BIN / tool)
    (bin_dir / "pip").write_text("#!/bin/sh\n[ \"$*\" = 'install pre-commit' ]\n", encoding="utf-8")
    (bin_dir / "pre-commit").write_text(PRE_COMMIT.format(python=sys.executable), encoding="utf-8")
    for stub in ("pip", "pre-commit"):
        (bin_dir / stub).chmod(0o755)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=proj, check=True)
    subprocess.run([*git, "add", "-A"], cwd=proj, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=proj, check=True)
    return proj


def serve_and_fetch(proj: Path, env: dict[str, str]) -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(proj / ".venv/bin/mkdocs"), "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=proj, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    return page.read().decode("utf-8", "replace")
            except OSError:
                if server.poll() is not None:
                    why = server.stderr.read()[-3000:] if server.stderr else ""
                    raise AssertionError(f"mkdocs serve stopped: {why}") from None
                time.sleep(1)
        raise AssertionError("mkdocs serve did not answer")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr:
            server.stderr.close()


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
        "NO_MKDOCS_2_WARNING": "1",
    }
    env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"] = "Test"
    env["GIT_AUTHOR_EMAIL"] = env["GIT_COMMITTER_EMAIL"] = "test@example.org"
    outputs = []
    for command in commands():
        if command.startswith(".venv/bin/mkdocs serve"):
            assert "DeepSeek" in serve_and_fetch(proj, env)
            continue
        done = subprocess.run(
            ["bash", "-c", STUBS + "set -e\n" + command],
            cwd=proj, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
        outputs.append(done.stdout)
        if "--draft" in command:
            assert fill_todos(proj / "drafts") > 0
    report = outputs[
        commands().index(".venv/bin/r1kb check-source ~/r1kb-snapshots/r1-explained.html")
    ]
    assert "known-misconception (2)" in report and "agrees (2)" in report
    assert len(list((proj / "data" / "claims").glob("deepseek-r1-explained-*.yaml"))) >= 4
    assert (proj / "data" / "sources" / "example-blog-2025-02-01.yaml").is_file()
    log = subprocess.run(["git", "log", "--oneline"], cwd=proj, capture_output=True, text=True)
    assert "Example Blog" in log.stdout
