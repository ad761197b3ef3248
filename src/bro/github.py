"""The few GitHub REST API calls Bro's automation makes: one summary comment per pull request, the form robot's
pull request, one tracking issue for upkeep, and the repository's labels.

Standard library only (the pull-request commenter runs without Bro's other dependencies). Every call has a
timeout; the token goes only to the API host (it is not repeated on redirects) and is never printed."""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

API_VERSION = "2022-11-28"
BOT_LOGINS = frozenset({"github-actions[bot]"})
MAX_RESPONSE_BYTES = 10_000_000
MAX_PAGES = 30


class GitHubError(RuntimeError):
    """A GitHub API call failed (the message names the call and the status, never the token)."""


@dataclass
class GitHub:
    """A client for one repository's REST API."""

    repository: str
    token: str
    api_url: str = "https://api.github.com"
    timeout: float = 30.0

    @classmethod
    def from_env(cls, environ: dict | None = None) -> GitHub:
        """A client from the variables every GitHub Actions job has (GITHUB_REPOSITORY, GITHUB_API_URL) and
        the token handed to the step as GITHUB_TOKEN."""
        env = os.environ if environ is None else environ
        missing = [name for name in ("GITHUB_REPOSITORY", "GITHUB_TOKEN") if not env.get(name)]
        if missing:
            raise GitHubError(f"missing environment variables: {', '.join(missing)}")
        return cls(env["GITHUB_REPOSITORY"], env["GITHUB_TOKEN"], env.get("GITHUB_API_URL") or cls.api_url)

    def request(self, method: str, path: str, body: dict | None = None, params: dict | None = None):
        """Call the API and return the decoded JSON answer (None when the answer is empty)."""
        url = self.api_url.rstrip("/") + path
        if params:
            url += "?" + urllib.parse.urlencode(params)
        data = json.dumps(body).encode("utf-8") if body is not None else None
        req = urllib.request.Request(url, data=data, method=method)
        req.add_unredirected_header("Authorization", f"Bearer {self.token}")
        req.add_header("Accept", "application/vnd.github+json")
        req.add_header("X-GitHub-Api-Version", API_VERSION)
        req.add_header("User-Agent", "bro-automation")
        if data is not None:
            req.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:  # noqa: S310 - https API URL
                raw = response.read(MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as error:
            raise GitHubError(f"{method} {path}: HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise GitHubError(f"{method} {path}: {error}") from None
        return json.loads(raw) if raw.strip() else None

    def paginate(self, path: str, params: dict | None = None, key: str | None = None) -> list:
        """Every item of a listing, page by page (items under key when the API wraps them)."""
        items: list = []
        for page in range(1, MAX_PAGES + 1):
            answer = self.request("GET", path, params={**(params or {}), "per_page": 100, "page": page})
            batch = (answer or {}).get(key, []) if key else (answer or [])
            items.extend(batch)
            if len(batch) < 100:
                break
        return items

    def repo(self, suffix: str) -> str:
        """An API path inside this repository."""
        return f"/repos/{self.repository}{suffix}"


def pull_head_sha(gh: GitHub, number: int) -> str:
    """The commit a pull request currently points at."""
    return gh.request("GET", gh.repo(f"/pulls/{number}"))["head"]["sha"]


def is_own_pull(gh: GitHub, pull: dict, branch: str) -> bool:
    """Whether a pull request comes from this repository's own branch and goes into this repository (a fork's pull
    request from a branch of the same name does not)."""
    head, base = pull.get("head") or {}, pull.get("base") or {}
    repository = gh.repository.casefold()  # owner and repository names are not case-sensitive on GitHub
    return (head.get("ref") == branch and str((head.get("repo") or {}).get("full_name")).casefold() == repository
            and str((base.get("repo") or {}).get("full_name")).casefold() == repository)


def find_own_pull(gh: GitHub, branch: str) -> dict | None:
    """The open pull request from this repository's branch (GitHub's head filter names the owner; a fork in the
    same organisation would still match it, so the repositories are checked too)."""
    owner = gh.repository.split("/")[0]
    pulls = gh.paginate(gh.repo("/pulls"), {"head": f"{owner}:{branch}", "state": "open"})
    return next((pull for pull in pulls if is_own_pull(gh, pull, branch)), None)


def upsert_pull(gh: GitHub, branch: str, base: str, title: str, body: str) -> tuple[str, dict]:
    """Update the title and body of the open pull request from this repository's branch, or open one into base;
    ('created'|'updated', the pull request)."""
    mine = find_own_pull(gh, branch)
    if mine is not None:
        return "updated", gh.request("PATCH", gh.repo(f"/pulls/{mine['number']}"), {"title": title, "body": body})
    return "created", gh.request("POST", gh.repo("/pulls"), {"title": title, "body": body, "head": branch,
                                                              "base": base})


def find_artifact(gh: GitHub, run_id: int, name: str) -> dict | None:
    """A workflow run's artifact by name (None when absent or expired)."""
    found = gh.paginate(gh.repo(f"/actions/runs/{run_id}/artifacts"), {"name": name}, key="artifacts")
    return next((a for a in found if a.get("name") == name and not a.get("expired")), None)


def _is_bot_comment(comment: dict, marker: str) -> bool:
    """A comment this automation wrote: by the Actions bot and starting with the marker."""
    return (comment.get("user") or {}).get("login") in BOT_LOGINS and (comment.get("body") or "").startswith(marker)


def upsert_comment(gh: GitHub, number: int, body: str, marker: str) -> tuple[str, int]:
    """Post the pull request's one summary comment, or update it when it exists; ('created'|'updated', id)."""
    comments = gh.paginate(gh.repo(f"/issues/{number}/comments"))
    mine = next((c for c in comments if _is_bot_comment(c, marker)), None)
    if mine:
        gh.request("PATCH", gh.repo(f"/issues/comments/{mine['id']}"), {"body": body})
        return "updated", mine["id"]
    created = gh.request("POST", gh.repo(f"/issues/{number}/comments"), {"body": body})
    return "created", created["id"]


def find_open_issue(gh: GitHub, label: str) -> dict | None:
    """The oldest open issue (not pull request) carrying a label."""
    issues = gh.paginate(gh.repo("/issues"), {"labels": label, "state": "open", "sort": "created",
                                              "direction": "asc"})
    return next((i for i in issues if "pull_request" not in i), None)


def upsert_issue(gh: GitHub, label: str, title: str, body: str, findings: bool) -> tuple[str, int | None]:
    """Keep one tracking issue per label: create it when there are findings, update it while it is open,
    close it when everything is in order. Returns what happened and the issue number."""
    issue = find_open_issue(gh, label)
    if issue is None and not findings:
        return "nothing", None
    if issue is None:
        created = gh.request("POST", gh.repo("/issues"), {"title": title, "body": body, "labels": [label]})
        return "created", created["number"]
    change = {"title": title, "body": body}
    if not findings:
        change["state"] = "closed"
        change["state_reason"] = "completed"
    gh.request("PATCH", gh.repo(f"/issues/{issue['number']}"), change)
    return ("closed" if not findings else "updated"), issue["number"]


def label_description(label: dict) -> str:
    """A label's description on GitHub: Danish, then Swedish."""
    return f"{label['description']['da']} / {label['description']['sv']}"


def sync_labels(gh: GitHub, labels: list[dict]) -> list[str]:
    """Create or update the labels of .github/labels.yml (others are left alone); returns what changed."""
    existing = {item["name"].casefold(): item for item in gh.paginate(gh.repo("/labels"))}
    done = []
    for label in labels:
        wanted = {"color": label["color"].lower(), "description": label_description(label)}
        current = existing.get(label["name"].casefold())
        if current is None:
            gh.request("POST", gh.repo("/labels"), {"name": label["name"], **wanted})
            done.append(f"created {label['name']}")
        elif (current.get("name"), (current.get("color") or "").lower(), current.get("description") or "") != (
                label["name"], wanted["color"], wanted["description"]):
            name = urllib.parse.quote(current["name"], safe="")
            gh.request("PATCH", gh.repo(f"/labels/{name}"), {"new_name": label["name"], **wanted})
            done.append(f"updated {label['name']}")
    return done
