"""Turn a submitted Bro issue form into a data file, validated like any pull request.

Usage (in .github/workflows/form-to-pr.yml):
  python scripts/form_to_pr.py --event "$GITHUB_EVENT_PATH" --root . --out OUT
      writes the data files into the tree (only when they are valid: a new tender may bring a new buyer file)
      and OUT/reply.md (the answer on the issue), OUT/pr-body.md and
      OUT/result.json {ok, kind, lang, paths, branch, title, pr}
  python scripts/form_to_pr.py --out OUT --get branch|title|paths
      prints one value of OUT/result.json, paths one a line (for the workflow's shell)
  python scripts/form_to_pr.py --out OUT --open-pr --base BRANCH
      finds the robot's open pull request from the branch (in this repository, never a fork's of the same
      name) or opens one into BRANCH, sets its title and body, and puts its address into OUT/reply.md;
      needs GITHUB_REPOSITORY and GITHUB_TOKEN (GITHUB_API_URL optional) in the environment
  python scripts/form_to_pr.py --out OUT --pr-url URL
      puts the pull request's address into OUT/reply.md
  python scripts/form_to_pr.py --event "$GITHUB_EVENT_PATH" --out OUT --failure
      writes OUT/reply.md saying that the robot failed and an editor will look

The issue's text is read only from the event file; nothing from it reaches a shell. A removal or privacy request
has no issue form (an issue is public): it goes to the editors by e-mail. A form from the site received by e-mail
becomes the same file and pull request with scripts/mail_to_pr.py."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from bro.forms import fill_pr_link, submit, word_failure
from bro.github import GitHub, GitHubError, upsert_pull


def main(argv: list[str] | None = None) -> int:
    """Run one of the steps; return 0 when it did its job (a form with problems is not a failure)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--event", type=Path, help="the GitHub `issues` event (JSON), e.g. $GITHUB_EVENT_PATH")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: .)")
    parser.add_argument("--out", type=Path, required=True, help="folder for reply.md, pr-body.md, result.json")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="treat this date as today")
    parser.add_argument("--get", choices=("branch", "title", "paths"), help="print one value of OUT/result.json")
    parser.add_argument("--open-pr", action="store_true", help="open or update the robot's pull request")
    parser.add_argument("--base", help="the branch a new pull request goes into (with --open-pr)")
    parser.add_argument("--pr-url", help="fill the pull request's address into OUT/reply.md")
    parser.add_argument("--failure", action="store_true", help="write the answer for a failed run")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.get:
        value = json.loads((args.out / "result.json").read_text(encoding="utf-8"))[args.get]
        print("\n".join(value) if isinstance(value, list) else value)
        return 0
    if args.open_pr:
        if not args.base:
            parser.error("--open-pr needs --base")
        return open_pull_request(args.out, args.base)
    if args.pr_url:
        fill_reply(args.out, args.pr_url)
        return 0
    if args.event is None:
        parser.error("--event is required")
    event = json.loads(args.event.read_text(encoding="utf-8"))
    if args.failure:
        (args.out / "reply.md").write_text(word_failure(event), encoding="utf-8")
        return 0
    result = submit(event, args.root.resolve(), today=args.today)
    (args.out / "reply.md").write_text(result.reply, encoding="utf-8")
    (args.out / "pr-body.md").write_text(result.pr_body, encoding="utf-8")
    (args.out / "result.json").write_text(json.dumps(result.summary(), ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")
    print(json.dumps(result.summary(), ensure_ascii=False))
    if os.environ.get("GITHUB_OUTPUT"):  # step outputs for the workflow: two booleans, no user text
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as fh:
            fh.write(f"ok={str(result.ok).lower()}\npr={str(result.pr).lower()}\n")
    return 0


def open_pull_request(out: Path, base: str) -> int:
    """Find or create the robot's pull request for result.json's branch, set its title and body from the converter's
    output, and put its address into the reply."""
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    body = (out / "pr-body.md").read_text(encoding="utf-8")
    try:
        done, pull = upsert_pull(GitHub.from_env(), result["branch"], base, result["title"], body)
    except GitHubError as error:
        print(f"form_to_pr: {error}", file=sys.stderr)
        return 1
    print(f"form_to_pr: pull request {done}: {pull['html_url']}")
    fill_reply(out, pull["html_url"])
    return 0


def fill_reply(out: Path, url: str) -> None:
    """Put the pull request's address into OUT/reply.md (it must look like one)."""
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    reply = (out / "reply.md").read_text(encoding="utf-8")
    (out / "reply.md").write_text(fill_pr_link(reply, result["lang"], url), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
