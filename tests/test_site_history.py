"""Data releases from git: record histories, versions, the changelog, the Atom feed, the
edit and report links; without git and in a shallow clone."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
import yaml

from r1kb.site import build, feed, history, release
from r1kb.site.dates import data_dates
from r1kb.site.pages import changelog, claim
from r1kb.site.repository import FIGURE_WRONG, NEW_ARTICLE, Repository
from site_helpers import ROOT, build_site, write_site_data

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

REPO_URL = "https://github.com/example/r1kb"
DURATION = "claims/v3-base-pretraining-duration.yaml"
PARAMS = "claims/r1-total-parameters.yaml"


def git(repo: Path, *args: str, day: str | None = None, at: str | None = None) -> str:
    """git in repo; day (YYYY-MM-DD, noon UTC) or at (any date git reads) dates a commit."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    if day or at:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = at or f"{day}T12:00:00+00:00"
    done = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose data/ has four commits: added (2025-01-10, tagged data-2025.01.12);
    a value changed
    (2025-02-03) and a verdict changed (2025-02-04), both tagged data-2025.02.04; a claim
    withdrawn (2025-03-01, untagged)."""
    root = tmp_path_factory.mktemp("repo")
    data = write_site_data(root / "data")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "records", day="2025-01-10")
    git(root, "tag", "data-2025.01.12")  # a tag names its release, whatever the commit date
    edit(data / DURATION, "value: {high: 2}", "value: {high: 3}")
    git(root, "commit", "-qam", "duration", day="2025-02-03")
    edit(
        data / DURATION, "status: disclosed", "status: estimated\nmethod: A guess from the report."
    )
    git(root, "commit", "-qam", "status", day="2025-02-04")
    git(root, "tag", "data-2025.02.04")
    edit(
        data / PARAMS,
        "verdict: accurate\n",
        'verdict: accurate\nwithdrawn: {date: "2025-03-01", reason: A duplicate.}\n',
    )
    git(root, "commit", "-qam", "withdraw", day="2025-03-01")
    return root


def test_history_reads_changes_versions_and_releases(repo: Path) -> None:
    h = history.read(repo / "data")
    assert h.available and not h.shallow and h.note is None
    assert h.version == "2025.03.01"  # untagged: the date of the last data commit
    assert [r.version for r in h.releases] == ["2025.03.01", "2025.02.04", "2025.01.12"]
    changes = h.of("v3-base-pretraining-duration")
    assert [(c.kind, c.version, c.date) for c in changes] == [
        ("changed", "2025.02.04", "2025-02-04"),
        ("changed", "2025.02.04", "2025-02-03"),  # the tag covers the earlier commit too
        ("added", "2025.01.12", "2025-01-10"),
    ]
    status, value = changes[0].fields, changes[1].fields
    assert ("status", "disclosed", "estimated") in [(f.field, f.old, f.new) for f in status]
    assert [(f.field, f.old, f.new) for f in value] == [("value", {"high": 2}, {"high": 3})]
    assert h.of("r1-total-parameters")[0].kind == "withdrawn"
    newest, tagged, first = h.releases
    assert newest.withdrawn == ["r1-total-parameters"] and not newest.added
    assert tagged.changed == ["v3-base-pretraining-duration"]
    assert "v3-training-cost" in first.added and "sources/toy-report.yaml" in first.other


def test_each_change_names_the_commit_holding_that_version(repo: Path) -> None:
    h = history.read(repo / "data")
    stood = h.of("v3-base-pretraining-duration")[1]
    assert stood.path == "data/" + DURATION
    assert "value: {high: 3}" in git(repo, "show", f"{stood.commit}:{stood.path}")
    assert "status: disclosed" in git(repo, "show", f"{stood.commit}:{stood.path}")


def test_git_is_read_once_per_build(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting(args: list[str], *a: object, **k: object) -> object:
        calls.append(list(args))
        return real_run(args, *a, **k)  # type: ignore[call-overload]

    monkeypatch.setattr(history.subprocess, "run", counting)
    monkeypatch.setenv("R1KB_DATA_DIR", str(repo / "data"))
    ctx = build.prepare(ROOT, repo_url=REPO_URL)
    assert release.data_version(repo) == ctx.history.version  # no second reading
    pages = build.generate(ctx, lift=False)
    assert len(pages) > 20
    logs = [c for c in calls if "log" in c]
    assert len(logs) == 1 and "--raw" in logs[0]
    assert sum("cat-file" in c for c in calls) == 1
    assert len(calls) <= 5  # rev-parse, log, cat-file, for-each-ref, status


def test_uncommitted_changes_are_in_no_release(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    edit(clone / "data" / DURATION, "value: {high: 3}", "value: {high: 4}")
    h = history.read(clone / "data")
    assert h.version == "2025.03.01+local" and h.local_changes
    assert "uncommitted" in (h.note or "")


def test_shallow_clone_degrades_with_a_note(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    h = history.read(shallow / "data")
    assert h.available and h.shallow
    assert "shallow clone" in (h.note or "")
    assert h.version == "2025.03.01"
    assert {c.kind for c in h.of("v3-training-cost")} == {"present"}
    assert not any(r.added for r in h.releases)  # nothing is claimed to be new


def test_without_git_the_history_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = write_site_data(tmp_path / "data")
    h = history.read(plain)
    assert not h.available and h.version == history.UNVERSIONED
    assert "without git" in (h.note or "")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no git binary at all
    assert not history.read(plain).available
    monkeypatch.setenv("R1KB_DATA_DIR", str(plain))
    monkeypatch.setenv("PATH", os.defpath)
    ctx = build.prepare(ROOT)
    page = claim.render(ctx, ctx.kb.claims["v3-training-cost"])
    assert "Record history is not available" in page
    assert "set <code>R1KB_REPO_URL</code>" in page  # no repository: says so
    assert "unversioned" in changelog.render(ctx)
    # the release links to the changelog, which has no section for it
    assert "#release-unversioned" not in page and 'href="../../changelog/">unversioned' in page


def test_a_version_has_a_changelog_section_only_when_it_was_released() -> None:
    released = history.History(available=True, releases=[history.Release("2025.03.01", "")])
    assert released.release("2025.03.01+local") is released.releases[0]
    assert history.History().release(history.UNVERSIONED) is None
    assert released.release("2025.03.02") is None
    assert history.History(available=True).release(history.UNVERSIONED + history.LOCAL) is None


BEYOND_9999 = "@300000000000 +0000"  # year 11476: git takes it, Python's dates stop at 9999


def test_a_commit_dated_past_year_9999_is_left_out_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build stopped with a traceback (datetime: year 11476 is out of range)."""
    data = write_site_data(tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "records", day="2025-01-10")
    edit(
        data / DURATION, "status: disclosed", "status: estimated\nmethod: A guess from the report."
    )
    git(tmp_path, "commit", "-qam", "a bogus date", at=BEYOND_9999)
    assert git(tmp_path, "log", "-1", "--format=%ct").strip() == BEYOND_9999[1:13]
    h = history.read(data)
    assert h.available and h.version == "2025.01.10"
    assert [r.version for r in h.releases] == ["2025.01.10"]
    assert [c.kind for c in h.of("v3-base-pretraining-duration")] == ["added"]
    assert "1 commit has an impossible date" in (h.note or "")
    monkeypatch.setenv("R1KB_DATA_DIR", str(data))
    ctx = build.prepare(ROOT)
    assert ctx.dates.of(DURATION) == "2025-01-10" and ctx.dates.latest == "2025-01-10"
    assert "impossible date" in changelog.render(ctx)
    claim.render(ctx, ctx.kb.claims["v3-base-pretraining-duration"])
    assert data_dates(data).of(DURATION) == "2025-01-10"  # git asked again (%cs)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEYOND_9999[1:13])
    assert len(release.access_date()) == 10  # today, as without SOURCE_DATE_EPOCH


def test_a_release_tag_on_a_commit_dated_past_year_9999_gathers_no_commit(
    tmp_path: Path,
) -> None:
    """Such a tag sorted after every commit, so each commit without a later tag was put in its
    release; it is left out, as its commit is."""
    data = write_site_data(tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "records", day="2025-01-10")
    edit(data / DURATION, "status: disclosed", "status: estimated\nmethod: A guess.")
    git(tmp_path, "commit", "-qam", "a bogus date", at=BEYOND_9999)
    git(tmp_path, "tag", "data-2025.01.20")
    edit(data / DURATION, "method: A guess.", "method: A better guess.")
    git(tmp_path, "commit", "-qam", "later", day="2025-02-01")
    h = history.read(data)
    assert [r.version for r in h.releases] == ["2025.02.01", "2025.01.10"]
    assert h.version == "2025.02.01"


def test_a_tag_of_other_digits_is_no_release(tmp_path: Path) -> None:
    """`\\d` also reads Arabic-Indic and other digits: "data-٢٠٢٥.٠١.٢٠" was a release whose
    name the site showed in those digits."""
    write_site_data(tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "records", day="2025-01-10")
    git(tmp_path, "tag", "data-\u0662\u0660\u0662\u0665.\u0660\u0661.\u0662\u0660")
    h = history.read(tmp_path / "data")
    assert [r.version for r in h.releases] == ["2025.01.10"]


def test_access_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    assert release.access_date() == "2025-01-01"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert len(release.access_date()) == 10
    for epoch in ("\u00b2", "\u0661\u0662", "-5", "1e9"):  # int("²") was a ValueError
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        assert len(release.access_date()) == 10  # today, as without SOURCE_DATE_EPOCH


@pytest.fixture
def ctx(repo: Path, monkeypatch: pytest.MonkeyPatch) -> build.SiteContext:
    monkeypatch.setenv("R1KB_DATA_DIR", str(repo / "data"))
    return build.prepare(
        ROOT, site_url="https://example.org/r1kb/", repo_url=REPO_URL, edit_uri="edit/main/"
    )


def test_claim_page_shows_its_history_and_links(ctx: build.SiteContext) -> None:
    page = claim.render(ctx, ctx.kb.claims["v3-base-pretraining-duration"])
    commits = [c.commit for c in ctx.history.of("v3-base-pretraining-duration")]
    for sha in commits:
        assert f"{REPO_URL}/blob/{sha}/data/{DURATION}" in page
    assert "value: &lt; 2 months → &lt; 3 months" in page
    assert "status: disclosed → estimated" in page
    assert "#release-2025-02-04" in page
    assert f"{REPO_URL}/edit/main/data/{DURATION}" in page
    assert (
        f"{REPO_URL}/issues/new?template={FIGURE_WRONG}&amp;title=Wrong+figure+in+claim+"
        "v3-base-pretraining-duration&amp;record=v3-base-pretraining-duration" in page
    )


def test_changelog_lists_each_release(ctx: build.SiteContext) -> None:
    page = changelog.render(ctx)
    assert page.index("Release 2025.03.01") < page.index("Release 2025.02.04")
    assert "{ #release-2025-02-04 }" in page
    assert "Withdrawn claims (1)" in page
    assert "status: disclosed → estimated" in page


def test_feed_parses_with_an_entry_per_release(ctx: build.SiteContext) -> None:
    parsed = feedparser.parse(feed.render(ctx))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == [
        "Release 2025.03.01: 0 new, 0 changed, 1 withdrawn claims",
        "Release 2025.02.04: 0 new, 1 changed claims",
        "Release 2025.01.12: 9 new, 0 changed claims",
    ]
    assert parsed.entries[1].link == "https://example.org/r1kb/changelog/#release-2025-02-04"
    assert "https://example.org/r1kb/claims/v3-base-pretraining-duration/" in (
        parsed.entries[1].summary
    )
    assert parsed.feed.updated.startswith("2025-03-01")


def test_repository_from_mkdocs_config() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "repo_url: !ENV [R1KB_REPO_URL," in config and "edit_uri: edit/main/" in config
    repo = Repository.from_config(REPO_URL + "/", "edit/dev/", "data/")
    assert repo is not None and repo.branch == "dev"
    assert repo.edit("models.yaml") == f"{REPO_URL}/edit/dev/data/models.yaml"
    assert Repository.from_config("javascript:alert(1)", None, "data/") is None


def test_issue_forms_ask_for_what_a_fix_needs() -> None:
    folder = ROOT / ".github" / "ISSUE_TEMPLATE"
    wrong = yaml.safe_load((folder / FIGURE_WRONG).read_text(encoding="utf-8"))
    fields = {b["id"]: b for b in wrong["body"] if "id" in b}
    for prefilled in ("record", "file"):  # Repository.report fills these from the page
        assert prefilled in fields
    for needed in ("source", "locator", "record"):
        assert fields[needed]["validations"]["required"] is True
    article = yaml.safe_load((folder / NEW_ARTICLE).read_text(encoding="utf-8"))
    assert article["name"] == "A new article to check"
    assert any(b.get("id") == "url" for b in article["body"])


@pytest.mark.slow
def test_built_site_shows_the_release_everywhere(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("R1KB_REPO_URL", REPO_URL)
    site = build_site(tmp_path / "site", repo / "data")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # redirect pages of renamed ids
        assert "Data release <a" in html and ">2025.03.01</a>" in html, path
        assert 'rel="alternate" type="application/atom+xml"' in html, path
        assert "api.github.com" not in html and 'data-md-component="source"' not in html
    downloads = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'href="../feed.xml"' in downloads
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 3
    for kind, page in (
        ("claim", "claims/v3-training-cost"),
        ("source", "sources/toy-report"),
        ("model", "models/deepseek-r1"),
        ("quantity", "quantities/training-cost"),
    ):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'href="{REPO_URL}/edit/main/data/' in html, page
        assert f"template={FIGURE_WRONG}" in html and f"+{kind}+" in html, page
    changelog_page = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert 'id="release-2025-02-04"' in changelog_page


def test_pages_workflow_builds_from_the_whole_history() -> None:
    site = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    steps = [s for job in site["jobs"].values() for s in job["steps"]]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    build_step = next(s for s in steps if s.get("run") == "bash scripts/build.sh")
    assert "github.repository" in build_step["env"]["R1KB_REPO_URL"]


def test_footer_caveats(repo: Path, tmp_path: Path) -> None:
    assert history.read(repo / "data").caveat is None
    assert history.read(write_site_data(tmp_path / "plain")).caveat == "no git history"
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    assert history.read(shallow / "data").caveat == "history cut by a shallow clone"
