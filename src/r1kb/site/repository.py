"""Links into the project's repository: a record's file, its edit form, its version at a
commit, and a new-issue form prefilled with the record id.

The repository's address is configured once: `repo_url` in mkdocs.yml (from R1KB_REPO_URL,
with a default) and `edit_uri` (`edit/<branch>/`). Addresses follow GitHub's layout
(`/blob/<ref>/<path>`, `/edit/<branch>/<path>`, `/issues/new?template=…`).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

# The issue forms in .github/ISSUE_TEMPLATE/ (their field ids are prefilled from the URL).
FIGURE_WRONG = "figure-wrong.yml"
NEW_ARTICLE = "new-article.yml"


@dataclass(frozen=True)
class Repository:
    url: str  # https://github.com/<owner>/<name>
    branch: str = "main"
    prefix: str = "data/"  # the data directory inside the repository

    @classmethod
    def from_config(
        cls, repo_url: str | None, edit_uri: str | None, prefix: str
    ) -> Repository | None:
        """From mkdocs.yml's repo_url and edit_uri; None without an http(s) repo_url."""
        if not repo_url or not repo_url.startswith(("https://", "http://")):
            return None
        parts = [p for p in (edit_uri or "").strip("/").split("/") if p]
        branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob") else "main"
        return cls(repo_url.rstrip("/"), branch, prefix)

    def _path(self, data_relative: str) -> str:
        return quote(self.prefix + data_relative)

    def blob(self, commit: str, repo_path: str) -> str:
        """The file as it stood at a commit (repo_path is relative to the repository)."""
        return f"{self.url}/blob/{quote(commit)}/{quote(repo_path)}"

    def view(self, data_relative: str) -> str:
        return f"{self.url}/blob/{quote(self.branch)}/{self._path(data_relative)}"

    def edit(self, data_relative: str) -> str:
        return f"{self.url}/edit/{quote(self.branch)}/{self._path(data_relative)}"

    def report(self, kind: str, record_id: str, data_relative: str) -> str:
        """A new 'a figure is wrong' issue, prefilled with the record's kind, id and file."""
        query = {
            "template": FIGURE_WRONG,
            "title": f"Wrong figure in {kind} {record_id}",
            "record": record_id,
            "file": self.prefix + data_relative,
        }
        return f"{self.url}/issues/new?{urlencode(query)}"

    def new_article(self) -> str:
        return f"{self.url}/issues/new?{urlencode({'template': NEW_ARTICLE})}"
