"""Turn a form from the site, received by e-mail, into a pull request: the same data file and branch as the form robot.

Usage (an editor, in a checkout of the default branch):
  python scripts/mail_to_pr.py MAIL.eml [--root .] [--out OUT] [--lang da|sv] [--today YYYY-MM-DD]
      reads the saved e-mail (or a bare bro-*.yml file), checks the record with the validator and, when it has no
      errors, writes the data file (and a tender's new buyer file) into the tree, OUT/pr-body.md and
      OUT/result.json {ok, kind, lang, paths, branch, title, received}; prints every problem as the validator does
      (file:line:col: error: field: message) and exits 1 when there are errors, writing nothing
  python scripts/mail_to_pr.py MAIL.eml --open-pr --base main
      also commits the files on the branch form/mail-<id> (made afresh from the current commit), pushes it to
      origin and opens its pull request into BASE (or updates the one already open: the same mail imported again);
      needs GITHUB_TOKEN in the environment (e.g. GITHUB_TOKEN=$(gh auth token)); the repository is
      GITHUB_REPOSITORY, else mkdocs.yml's bro_repository

Save the mail from the mail program as a file (.eml: "Save as" / "Gem som" / "Spara som"), or save the attached
bro-*.yml. The sender's address is never written anywhere: the pull request says the day the mail was received."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from bro import settings
from bro.forms import MAIL_LIMIT, MailResult, import_received, read_document_file, read_mail, word_problem_line
from bro.github import GitHub, GitHubError, upsert_pull

DOCUMENT_SUFFIXES = (".yml", ".yaml")  # a bare document; anything else is read as a saved e-mail


def main(argv: list[str] | None = None) -> int:
    """Import one mail; 0 when the pull request's files are written (and, with --open-pr, pushed and opened)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mail", type=Path, help="the saved e-mail (.eml) or the document (bro-*.yml)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: .)")
    parser.add_argument("--out", type=Path, help="folder for pr-body.md and result.json (default: a new temporary one)")
    parser.add_argument("--lang", choices=("da", "sv"), help="the problems' language (default: the form's, else da)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="treat this date as today")
    parser.add_argument("--open-pr", action="store_true", help="commit, push the branch and open its pull request")
    parser.add_argument("--base", help="the branch the pull request goes into (with --open-pr)")
    args = parser.parse_args(argv)
    if args.open_pr and not args.base:
        parser.error("--open-pr needs --base")
    root = args.root.resolve()
    if args.open_pr and git(root, "branch", "--show-current", check=False).strip() != args.base:
        print(f"mail_to_pr: switch to an up-to-date {args.base} first (git switch {args.base} && git pull): the "
              "branch is made from the current commit", file=sys.stderr)
        return 1
    raw = read_bounded(args.mail)
    if raw is None:
        print(f"mail_to_pr: {args.mail}: larger than {MAIL_LIMIT // (1024 * 1024)} MB", file=sys.stderr)
        return 1
    reader = read_document_file if args.mail.suffix.lower() in DOCUMENT_SUFFIXES else read_mail
    received, problems = reader(raw, args.mail.name)
    result = import_received(received, root, args.today) if received else None
    if result is None or not result.ok:
        lang = args.lang or (result.lang if result and result.lang else "da")
        for problem in problems or result.problems:
            print(word_problem_line(problem, lang), file=sys.stderr)
        print("mail_to_pr: nothing written", file=sys.stderr)
        return 1
    for warning in result.problems:
        print(word_problem_line(warning, args.lang or result.lang), file=sys.stderr)
    out = args.out or Path(tempfile.mkdtemp(prefix="bro-mail-"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "pr-body.md").write_text(result.pr_body, encoding="utf-8")
    (out / "result.json").write_text(json.dumps(result.summary(), ensure_ascii=False, indent=2) + "\n",
                                     encoding="utf-8")
    print(json.dumps(result.summary(), ensure_ascii=False))
    print(f"mail_to_pr: wrote {', '.join(result.paths)}; the pull request's text is in {out / 'pr-body.md'}")
    if not args.open_pr:
        return 0
    return open_pull_request(root, result, args.base)


def read_bounded(path: Path) -> bytes | None:
    """The mail's bytes, or None when it is larger than any mail with a form can be."""
    with open(path, "rb") as fh:
        data = fh.read(MAIL_LIMIT + 1)
    return None if len(data) > MAIL_LIMIT else data


def open_pull_request(root: Path, result: MailResult, base: str) -> int:
    """Commit the files on the mail's branch (as the robot does: made afresh, one commit), push it, open or update
    its pull request, and go back to the branch the editor was on."""
    try:
        gh = GitHub.from_env({**os.environ, "GITHUB_REPOSITORY": os.environ.get("GITHUB_REPOSITORY")
                              or repository_from_settings()})
    except GitHubError as error:
        print(f"mail_to_pr: {error}", file=sys.stderr)
        return 1
    start = git(root, "rev-parse", "--abbrev-ref", "HEAD").strip()
    try:
        git(root, "switch", "--force-create", result.branch)
        git(root, "add", "--", *result.paths)
        git(root, "commit", "--message", result.title, "--message", f"Received by e-mail on {result.received}.")
        git(root, "push", "--force", "origin", f"HEAD:refs/heads/{result.branch}")
        done, pull = upsert_pull(gh, result.branch, base, result.title, result.pr_body)
    except (subprocess.CalledProcessError, GitHubError) as error:
        print(f"mail_to_pr: {error} {getattr(error, 'stderr', '') or ''}".rstrip(), file=sys.stderr)
        return 1
    finally:
        if start != "HEAD":
            git(root, "switch", start, check=False)
    print(f"mail_to_pr: pull request {done}: {pull['html_url']}")
    return 0


def repository_from_settings() -> str:
    """owner/name from mkdocs.yml's bro_repository (empty when it names none)."""
    found, _ = settings.load()
    return urlsplit(found.repository).path.strip("/") if found and found.repository else ""


def git(root: Path, *args: str, check: bool = True) -> str:
    """Run git in root (arguments as a list: nothing from the mail reaches a shell); its output."""
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, ["git", *args], done.stdout, done.stderr)
    return done.stdout


if __name__ == "__main__":
    sys.exit(main())
