"""Open or update the TED import's one pull request (the job of .github/workflows/ted-import.yml that holds a
write token; standard library and PyYAML only, like every job with a write token).

Usage, with OUT made by `scripts/ted_import.py --out OUT` in the job before (read-only):
  python scripts/ted_pr.py --out OUT --get branch|title|paths
      prints one value of OUT/result.json, paths one a line (for the workflow's shell)
  python scripts/ted_pr.py --out OUT --pr-state
      prints `open` when this repository's pull request from the branch is open (the new commit goes on top of it,
      so earlier runs' entries and the editors' corrections stay), `none` when none is; exit code 2 when GitHub
      cannot be asked (the workflow then stops rather than start the branch afresh)
  python scripts/ted_pr.py --out OUT --open-pr --base BRANCH
      sets the title and body of the open pull request from the branch, or opens one into BRANCH; the body is this
      run's summary (OUT/pr-body.md) above the summaries of the earlier runs still in the pull request
Needs GITHUB_REPOSITORY and GITHUB_TOKEN (GITHUB_API_URL optional) for --pr-state and --open-pr."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # the pull-request job runs without installing Bro

from bro.github import GitHub, GitHubError, find_own_pull, upsert_pull  # noqa: E402

RUN_MARKER = "<!-- bro:ted-run -->"  # starts each run's summary in the pull request's body
MAX_BODY = 65_000  # GitHub refuses a body above 65,536 characters


def combine(new: str, earlier: str, limit: int = MAX_BODY) -> str:
    """This run's summary first, then the earlier runs' summaries from the current body (newest first), dropping
    the oldest until the body fits GitHub's limit."""
    runs = [RUN_MARKER + "\n" + new.strip("\n")]
    runs += [RUN_MARKER + part.rstrip("\n") for part in earlier.split(RUN_MARKER)[1:] if part.strip()]
    while len(runs) > 1 and len("\n\n".join(runs)) + 1 > limit:
        runs.pop()
    return "\n\n".join(runs)[: limit - 1] + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the folder scripts/ted_import.py --out wrote")
    parser.add_argument("--get", choices=("branch", "title", "paths"), help="print one value of OUT/result.json")
    parser.add_argument("--pr-state", action="store_true", help="print open or none: the branch's pull request")
    parser.add_argument("--open-pr", action="store_true", help="open or update the pull request")
    parser.add_argument("--base", help="the branch a new pull request goes into (with --open-pr)")
    args = parser.parse_args(argv)
    result = json.loads((args.out / "result.json").read_text(encoding="utf-8"))
    if args.get:
        value = result[args.get]
        print("\n".join(value) if isinstance(value, list) else value)
        return 0
    if not (args.pr_state or args.open_pr):
        parser.error("one of --get, --pr-state, --open-pr")
    if args.open_pr and not args.base:
        parser.error("--open-pr needs --base")
    try:
        gh = GitHub.from_env()
        current = find_own_pull(gh, result["branch"])
        if args.pr_state:
            print("open" if current is not None else "none")
            return 0
        body = combine((args.out / "pr-body.md").read_text(encoding="utf-8"), (current or {}).get("body") or "")
        done, pull = upsert_pull(gh, result["branch"], args.base, result["title"], body)
    except GitHubError as error:
        print(f"ted_pr: {error}", file=sys.stderr)
        return 2
    print(f"ted_pr: pull request {done}: {pull['html_url']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
