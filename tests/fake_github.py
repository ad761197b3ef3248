"""A small stand-in for the GitHub REST API on localhost: the calls Bro's automation makes, with their state,
so that the commenter, the form robot's pull requests and the upkeep tracker run end to end in tests without
GitHub. Pull requests may come from forks (another repository, perhaps with a branch of the same name), and the
pull listing honours `head=owner:branch` and `state` as GitHub does."""
from __future__ import annotations

import json
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT = {"login": "github-actions[bot]", "type": "Bot"}


@dataclass
class FakeState:
    """What the fake repository holds, and every call it received."""

    repo: str = "bro-socialt-indkob/bro"
    token: str = "test-token"
    pulls: dict[int, dict] = field(default_factory=dict)  # number → pull request (see add_pull)
    artifacts: dict[int, list[dict]] = field(default_factory=dict)  # run id → artifacts
    comments: dict[int, list[dict]] = field(default_factory=dict)  # issue/pr number → comments
    issues: list[dict] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)
    calls: list[tuple[str, str, dict | None]] = field(default_factory=list)
    next_id: int = 1000

    def new_id(self) -> int:
        """A fresh id for a created object."""
        self.next_id += 1
        return self.next_id

    def add_pull(self, number: int | None = None, sha: str = "0" * 40, branch: str = "main",
                 head_repo: str | None = None, base: str = "main", title: str = "", body: str = "",
                 state: str = "open") -> dict:
        """A pull request as GitHub describes it, from branch of head_repo (default: this repository; another
        repository is a fork) into base of this repository."""
        number = number if number is not None else max([*self.pulls, 0]) + 1
        head_repo = head_repo or self.repo
        pull = {"number": number, "state": state, "title": title, "body": body,
                "html_url": f"https://github.com/{self.repo}/pull/{number}",
                "head": {"ref": branch, "sha": sha, "label": f"{head_repo.split('/')[0]}:{branch}",
                         "repo": {"full_name": head_repo, "owner": {"login": head_repo.split("/")[0]}}},
                "base": {"ref": base, "repo": {"full_name": self.repo, "owner": {"login": self.repo.split("/")[0]}}}}
        self.pulls[number] = pull
        return pull


def _handler(state: FakeState, repo: str):
    """A request handler class bound to one fake state."""
    prefix = f"/repos/{repo}"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            """Keep test output quiet."""

        def _send(self, status: int, payload) -> None:
            """Answer with JSON."""
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _route(self, method: str) -> None:
            """Dispatch one call to the matching fake endpoint."""
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            state.calls.append((method, url.path, body))
            if self.headers.get("Authorization") != f"Bearer {state.token}":
                return self._send(401, {"message": "Bad credentials"})
            if not url.path.startswith(prefix):
                return self._send(404, {"message": "Not Found"})
            path = url.path[len(prefix):]
            if int(query.get("page", 1)) > 1:
                return self._send(200, {"artifacts": []} if "/artifacts" in path else [])
            for pattern, handler in routes:
                match = re.fullmatch(pattern, f"{method} {path}")
                if match:
                    return handler(self, query, body, *match.groups())
            return self._send(404, {"message": "Not Found"})

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            """GET."""
            self._route("GET")

        def do_POST(self) -> None:  # noqa: N802
            """POST."""
            self._route("POST")

        def do_PATCH(self) -> None:  # noqa: N802
            """PATCH."""
            self._route("PATCH")

        def pull(self, query, body, number):
            """GET /pulls/N."""
            number = int(number)
            if number not in state.pulls:
                return self._send(404, {"message": "Not Found"})
            return self._send(200, state.pulls[number])

        def list_pulls(self, query, body):
            """GET /pulls?head=owner:branch&state=… (GitHub matches the head's owner and branch, not its repository)."""
            found = [p for p in state.pulls.values() if query.get("state", "open") in ("all", p["state"])]
            if "head" in query:
                owner, _, branch = query["head"].partition(":")
                found = [p for p in found if p["head"]["ref"] == branch
                         and p["head"]["repo"]["owner"]["login"].casefold() == owner.casefold()]
            return self._send(200, found)

        def create_pull(self, query, body):
            """POST /pulls: head is a branch of this repository, or owner:branch of a fork."""
            owner, _, branch = body["head"].rpartition(":")
            head_repo = f"{owner}/{repo.split('/')[1]}" if owner and owner != repo.split("/")[0] else repo
            if any(p["state"] == "open" and p["head"]["ref"] == branch and p["head"]["repo"]["full_name"] == head_repo
                   and p["base"]["ref"] == body["base"] for p in state.pulls.values()):
                return self._send(422, {"message": f"A pull request already exists for {body['head']}."})
            pull = state.add_pull(sha="1" * 40, branch=branch, head_repo=head_repo, base=body["base"],
                                  title=body["title"], body=body.get("body", ""))
            return self._send(201, pull)

        def update_pull(self, query, body, number):
            """PATCH /pulls/N."""
            pull = state.pulls.get(int(number))
            if pull is None:
                return self._send(404, {"message": "Not Found"})
            pull.update({k: v for k, v in body.items() if k in ("title", "body", "state")})
            return self._send(200, pull)

        def run_artifacts(self, query, body, run_id):
            """GET /actions/runs/ID/artifacts."""
            found = [a for a in state.artifacts.get(int(run_id), []) if a["name"] == query.get("name", a["name"])]
            return self._send(200, {"total_count": len(found), "artifacts": found})

        def list_comments(self, query, body, number):
            """GET /issues/N/comments."""
            return self._send(200, state.comments.get(int(number), []))

        def create_comment(self, query, body, number):
            """POST /issues/N/comments."""
            comment = {"id": state.new_id(), "body": body["body"], "user": BOT}
            state.comments.setdefault(int(number), []).append(comment)
            return self._send(201, comment)

        def update_comment(self, query, body, comment_id):
            """PATCH /issues/comments/ID."""
            for comments in state.comments.values():
                for comment in comments:
                    if comment["id"] == int(comment_id):
                        comment["body"] = body["body"]
                        return self._send(200, comment)
            return self._send(404, {"message": "Not Found"})

        def list_issues(self, query, body):
            """GET /issues?labels=…&state=…"""
            wanted = set(filter(None, query.get("labels", "").split(",")))
            found = [i for i in state.issues if i["state"] == query.get("state", "open")
                     and wanted <= {label["name"] for label in i["labels"]}]
            return self._send(200, found)

        def create_issue(self, query, body):
            """POST /issues."""
            issue = {"number": len(state.issues) + 1, "title": body["title"], "body": body["body"], "state": "open",
                     "labels": [{"name": name} for name in body.get("labels", [])]}
            state.issues.append(issue)
            return self._send(201, issue)

        def update_issue(self, query, body, number):
            """PATCH /issues/N."""
            issue = next((i for i in state.issues if i["number"] == int(number)), None)
            if issue is None:
                return self._send(404, {"message": "Not Found"})
            issue.update({k: v for k, v in body.items() if k in ("title", "body", "state", "state_reason")})
            return self._send(200, issue)

        def list_labels(self, query, body):
            """GET /labels."""
            return self._send(200, state.labels)

        def create_label(self, query, body):
            """POST /labels."""
            state.labels.append(dict(body))
            return self._send(201, body)

        def update_label(self, query, body, name):
            """PATCH /labels/NAME."""
            name = urllib.parse.unquote(name)
            label = next((item for item in state.labels if item["name"] == name), None)
            if label is None:
                return self._send(404, {"message": "Not Found"})
            label.update({"name": body.get("new_name", name), "color": body["color"],
                          "description": body["description"]})
            return self._send(200, label)

    routes = [
        (r"GET /pulls/(\d+)", Handler.pull),
        (r"GET /pulls", Handler.list_pulls),
        (r"POST /pulls", Handler.create_pull),
        (r"PATCH /pulls/(\d+)", Handler.update_pull),
        (r"GET /actions/runs/(\d+)/artifacts", Handler.run_artifacts),
        (r"GET /issues/(\d+)/comments", Handler.list_comments),
        (r"POST /issues/(\d+)/comments", Handler.create_comment),
        (r"PATCH /issues/comments/(\d+)", Handler.update_comment),
        (r"GET /issues", Handler.list_issues),
        (r"POST /issues", Handler.create_issue),
        (r"PATCH /issues/(\d+)", Handler.update_issue),
        (r"GET /labels", Handler.list_labels),
        (r"POST /labels", Handler.create_label),
        (r"PATCH /labels/([^/]+)", Handler.update_label),
    ]
    return Handler


class FakeGitHub:
    """The fake API on a free port, as a context manager: `with FakeGitHub("o/r") as gh: gh.env …`."""

    def __init__(self, repo: str = "bro-socialt-indkob/bro") -> None:
        self.repo = repo
        self.state = FakeState(repo)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.state, repo))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The API's base address."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def env(self) -> dict[str, str]:
        """The environment a workflow step would have."""
        return {"GITHUB_REPOSITORY": self.repo, "GITHUB_TOKEN": self.state.token, "GITHUB_API_URL": self.url,
                "GITHUB_SERVER_URL": "https://github.com"}

    def writes(self) -> list[tuple[str, str, dict | None]]:
        """The calls that changed something (POST, PATCH)."""
        return [call for call in self.state.calls if call[0] != "GET"]

    def __enter__(self) -> FakeGitHub:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
