"""The contributor pipeline's configuration: workflows and pre-commit files parse and run the same
commands as .ci/run, scripts/test.sh and the README; the CI fetch script works."""

from __future__ import annotations

import http.server
import re
import shlex
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def _yaml(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _runs(workflow: dict) -> list[str]:
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]


def _uses(workflow: dict) -> list[str]:
    return [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]


@pytest.fixture(scope="module")
def workflows() -> dict[str, dict]:
    found = {p.name: _yaml(p) for p in sorted(WORKFLOWS.glob("*.yml"))}
    assert set(found) == {"pull-request.yml", "site.yml"}
    return found


def test_workflows_parse_and_trigger_as_intended(workflows: dict[str, dict]) -> None:
    for wf in workflows.values():
        triggers = wf.get("on", wf.get(True))  # YAML 1.1 reads the key `on` as true
        assert triggers and wf["jobs"]
        for job in wf["jobs"].values():
            assert job["runs-on"] and job["steps"]
    assert "pull_request" in workflows["pull-request.yml"].get(True, {})
    assert workflows["site.yml"][True]["push"]["branches"] == ["main"]


def test_pull_requests_run_the_ci_and_readme_commands(workflows: dict[str, dict]) -> None:
    runs = "\n".join(_runs(workflows["pull-request.yml"]))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_command = re.search(r"^exec (.+)$", ci, re.M).group(1)  # type: ignore[union-attr]
    assert ci_command == "bash scripts/test.sh" and ci_command in runs
    assert "bash scripts/build.sh" in runs
    assert "r1kb validate --format github" in runs
    assert "scripts/fetch_sources.py --cache .cache/sources" in runs
    assert "r1kb check-source --format markdown --without-source" in runs
    assert "gh pr comment" in runs
    assert "actions/cache@v4" in _uses(workflows["pull-request.yml"])
    cache = next(s for j in workflows["pull-request.yml"]["jobs"].values() for s in j["steps"]
                 if s.get("uses") == "actions/cache@v4")  # fmt: skip
    assert cache["with"]["path"] == ".cache/sources"


def test_main_builds_and_publishes_the_site(workflows: dict[str, dict]) -> None:
    site = workflows["site.yml"]
    assert "bash scripts/build.sh" in _runs(site)
    assert "actions/upload-pages-artifact@v3" in _uses(site)
    assert "actions/deploy-pages@v4" in _uses(site)
    assert site["permissions"]["pages"] == "write"


def test_the_published_site_has_its_address(workflows: dict[str, dict]) -> None:
    """The Pages build sets R1KB_SITE_URL from the repository's Pages URL, so that every
    permalink, citation and download is absolute; mkdocs.yml reads it as site_url."""
    steps = [s for j in workflows["site.yml"]["jobs"].values() for s in j["steps"]]
    pages = next(s for s in steps if str(s.get("uses", "")).startswith("actions/configure-pages"))
    build = next(s for s in steps if s.get("run") == "bash scripts/build.sh")
    assert steps.index(pages) < steps.index(build)
    address = build["env"]["R1KB_SITE_URL"]
    assert address.startswith(f"${{{{ steps.{pages['id']}.outputs.base_url }}}}")
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[R1KB_SITE_URL\]$", mkdocs, re.M)


def test_readme_commands_are_the_workflows_commands(workflows: dict[str, dict]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runs = "\n".join(r for wf in workflows.values() for r in _runs(wf))
    for command in set(re.findall(r"^(bash scripts/\w+\.sh)\b", readme, re.M)):
        assert command in runs, f"README's `{command}` is not run by any workflow"


def test_pre_commit_files_expose_and_use_r1kb_validate() -> None:
    offered = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = offered
    assert hook["id"] == "r1kb-validate" and hook["entry"] == "r1kb validate"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    config = _yaml(ROOT / ".pre-commit-config.yaml")
    local = {h["id"]: h for r in config["repos"] for h in r["hooks"]}
    assert local["r1kb-validate"]["entry"].endswith(hook["entry"])
    assert local["r1kb-validate"]["files"] == hook["files"]
    test_sh = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    for hook_id in ("ruff", "ruff-format"):
        assert local[hook_id]["entry"] in test_sh


def test_the_pre_commit_validate_hook_passes_on_the_data() -> None:
    config = _yaml(ROOT / ".pre-commit-config.yaml")
    entry = next(
        h["entry"] for r in config["repos"] for h in r["hooks"] if h["id"] == "r1kb-validate"
    )
    argv = shlex.split(entry)
    argv[0] = str(Path(sys.executable).with_name("r1kb"))
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:]


def test_fetch_sources_caches_pages_and_skips_sources_without_url(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "post.html").write_text("<p>DeepSeek-R1 has 671B parameters.</p>", encoding="utf-8")
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(site), **k)  # noqa: E731
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sources = tmp_path / "sources"
        sources.mkdir()
        base = f"http://127.0.0.1:{server.server_port}"
        (sources / "a-post.yaml").write_text(f"url: {base}/post.html\n", encoding="utf-8")
        (sources / "no-url.yaml").write_text("title: Offline\n", encoding="utf-8")
        (sources / "gone.yaml").write_text(f"url: {base}/missing.html\n", encoding="utf-8")
        cache = tmp_path / "cache"
        argv = [sys.executable, str(ROOT / "scripts" / "fetch_sources.py"), "--cache", str(cache)]
        files = [str(p) for p in sorted(sources.glob("*.yaml"))]
        done = subprocess.run([*argv, *files], capture_output=True, text=True, check=False)
        assert done.returncode == 0
        assert done.stdout.split() == ["a-post", str(cache / "a-post.html")]
        assert "no http(s) url" in done.stderr and "cannot fetch" in done.stderr
        (site / "post.html").unlink()  # a second run reads the cache
        again = subprocess.run([*argv, files[0]], capture_output=True, text=True, check=True)
        assert again.stdout == done.stdout
        r1kb = str(Path(sys.executable).with_name("r1kb"))
        checked = subprocess.run(
            [r1kb, "check-source", str(cache / "a-post.html")],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert "1 agrees" in checked.stdout
    finally:
        server.shutdown()
        server.server_close()


def test_checkouts_leave_no_credentials_behind(workflows: dict[str, dict]) -> None:
    """A link under data/ to ../../.git/config would otherwise publish the job's token."""
    for name, wf in workflows.items():
        for job in wf["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith("actions/checkout"):
                    assert (step.get("with") or {}).get("persist-credentials") is False, name


def test_fetch_sources_survives_bad_ports_and_malformed_responses(tmp_path: Path) -> None:
    """A URL with a bad port and a server that answers garbage are reported, not tracebacks."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)

    def answer_garbage() -> None:
        for _ in range(2):
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(b"NOT HTTP AT ALL\r\n\r\n")

    threading.Thread(target=answer_garbage, daemon=True).start()
    try:
        sources = tmp_path / "sources"
        sources.mkdir()
        port = listener.getsockname()[1]
        (sources / "bad-port.yaml").write_text("url: http://127.0.0.1:99999/x\n")
        (sources / "two words\nx y.yaml").write_text("url: http://127.0.0.1:1/x\n")
        (sources / "garbage.yaml").write_text(f"url: http://127.0.0.1:{port}/x\n")
        argv = [sys.executable, str(ROOT / "scripts" / "fetch_sources.py"), "--cache"]
        files = [str(p) for p in sorted(sources.glob("*.yaml"))]
        done = subprocess.run(
            [*argv, str(tmp_path / "cache"), *files], capture_output=True, text=True, timeout=60
        )
        assert "Traceback" not in done.stderr, done.stderr
        assert done.stderr.count("cannot fetch") == 2, done.stderr
        assert "not a <id>.yaml source record" in done.stderr and not done.stdout.strip()
    finally:
        listener.close()


def test_relative_links_of_the_readme_and_contributing_lead_somewhere() -> None:
    """CONTRIBUTING's `docs/` links led to a folder of CSS."""
    for name in ("README.md", "CONTRIBUTING.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#]+)\)", text):
            if "://" in target or target.startswith("mailto:"):
                continue
            path = ROOT / target
            assert path.exists(), (name, target)
            assert target.rstrip("/") != "docs", (name, "docs/ holds only the theme's assets")


def test_drafts_are_ignored_by_git() -> None:
    assert "/drafts/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
