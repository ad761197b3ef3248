"""What a pull request changes in Bro, in Danish and Swedish, and the one comment that shows it.

Summarize (in CI, on the pull request's own code, with a read-only token):
  python scripts/pr_summary.py --base DIR --head DIR --out FILE
  python scripts/pr_summary.py --base-ref REF [--head DIR] --out FILE   (REF is exported with `git archive`)

Comment (in .github/workflows/pr-comment.yml, with the base repository's code; the artifact is data):
  python scripts/pr_summary.py comment --artifact DIR --run-id ID --head-sha SHA
  (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL and GITHUB_SERVER_URL come from the environment)
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # the commenter runs without installing Bro

from bro.escape import BREAK, break_mentions, visible  # noqa: E402
from bro.github import GitHub, GitHubError, find_artifact, pull_head_sha, upsert_comment  # noqa: E402
from bro.texts import AUTOMATION_LANGUAGES, text  # noqa: E402

MARKER = "<!-- bro-pr-summary -->"
WATCHED = ("data", "content", "schemas")
MAX_SUMMARY_BYTES = 60_000  # GitHub allows 65,536 characters in a comment; the rest is ours
MAX_NUMBER_BYTES = 16
PREVIEW_ARTIFACT = "preview"


class ArtifactError(ValueError):
    """The summary artifact is not what CI writes (missing, too large, or a malformed number)."""


# --- summarize -----------------------------------------------------------------------------------------------


def export_ref(repo: Path, ref: str, target: Path) -> None:
    """Write the watched folders of a commit into target (`git archive`, extracted as plain data)."""
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", ref], capture_output=True,
                             check=True, timeout=300).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = [m for m in tar.getmembers() if m.name.split("/", 1)[0] in WATCHED]
        tar.extractall(target, members=members, filter="data")


def program_files(repo: Path, ref: str) -> list[str]:
    """Files changed since ref outside the data, content and schema folders."""
    names = subprocess.run(["git", "-C", str(repo), "diff", "--name-only", "--no-renames", ref, "HEAD"],
                           capture_output=True, check=True, text=True, timeout=300).stdout.splitlines()
    return sorted(name for name in names if name and name.split("/", 1)[0] not in WATCHED)


def summarize_main(argv: list[str]) -> int:
    """Compare base and head and write the comment's Markdown to --out."""
    from bro.changes import render_comment, summarize

    parser = argparse.ArgumentParser(prog="pr_summary.py", description="Summarize a pull request's changes.")
    base = parser.add_mutually_exclusive_group(required=True)
    base.add_argument("--base", type=Path, help="a checkout of the base commit")
    base.add_argument("--base-ref", help="the base commit as a git revision of --head (e.g. HEAD^1)")
    parser.add_argument("--head", type=Path, default=Path.cwd(), help="the pull request's checkout (default: .)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the Markdown")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="treat this date as today")
    args = parser.parse_args(argv)
    head = args.head.resolve()
    with tempfile.TemporaryDirectory(prefix="bro-base-") as tmp:
        program: list[str] = []
        if args.base_ref:
            base_root = Path(tmp)
            export_ref(head, args.base_ref, base_root)
            program = program_files(head, args.base_ref)
        else:
            base_root = args.base.resolve()
        summary = summarize(base_root, head, today=args.today, program=program)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render_comment(summary), encoding="utf-8")
    print(f"pr_summary: {len(summary.records)} record(s) changed, {len(summary.errors)} error(s) in changed files",
          file=sys.stderr)
    return 0


# --- comment -------------------------------------------------------------------------------------------------


def read_regular(folder: Path, name: str, limit: int) -> tuple[bytes, bool]:
    """At most limit bytes of a regular file in the artifact folder, and whether there was more."""
    path = folder / name
    if path.is_symlink() or not path.is_file():
        raise ArtifactError(f"{name}: missing or not a regular file")
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    return data[:limit], len(data) > limit


def read_pr_number(folder: Path) -> int:
    """The pull request's number as CI wrote it: digits only."""
    raw, more = read_regular(folder, "pr-number", MAX_NUMBER_BYTES)
    match = re.fullmatch(rb"([0-9]{1,9})\n?", raw)
    if more or not match:
        raise ArtifactError("pr-number: not a pull request number")
    return int(match.group(1))


def clean_summary(raw: bytes, truncated: bool) -> str:
    """The artifact's Markdown, made safe to post: valid UTF-8, control and direction characters shown (not
    removed: an editor must see them), no marker or hidden HTML comments, no @mentions, cut at a line when it was
    too long. The summary breaks mentions and links with zero-width spaces; those stay."""
    body = visible(raw.decode("utf-8", errors="replace"), keep="\n\t" + BREAK)
    body = break_mentions(body.replace("<!--", "&lt;!--"))
    if truncated:
        body = body[: body.rfind("\n")] if "\n" in body else body
        body += "\n\n" + "\n\n".join(f"_{text('changes', lang, 'truncated')}_" for lang in AUTOMATION_LANGUAGES)
    return body.strip()


def compose(summary: str, preview_url: str | None, run_url: str) -> str:
    """The comment: marker, the summary, the preview link (or why there is none), the footer."""
    parts = [MARKER, summary, "---"]
    for lang in AUTOMATION_LANGUAGES:
        sentence = (text("changes", lang, "preview.ready", url=preview_url) if preview_url
                    else text("changes", lang, "preview.missing", url=run_url))
        parts.append(f"**{text('changes', lang, 'preview.heading')}:** {sentence}")
    parts.append("<sub>" + "<br>".join(text("changes", lang, "footer") for lang in AUTOMATION_LANGUAGES) + "</sub>")
    return "\n\n".join(parts) + "\n"


def post_comment(gh: GitHub, folder: Path, run_id: int, head_sha: str, server_url: str) -> tuple[str, int | None]:
    """Check the artifact against the run, then create or update the pull request's one comment; returns what
    happened and the pull request's number once it is known to belong to the run."""
    number = read_pr_number(folder)
    raw, truncated = read_regular(folder, "summary.md", MAX_SUMMARY_BYTES)
    if pull_head_sha(gh, number) != head_sha:
        return f"skipped: pull request #{number} is not at {head_sha[:12]} (moved on, or not this run's)", None
    run_url = f"{server_url.rstrip('/')}/{gh.repository}/actions/runs/{run_id}"
    preview = find_artifact(gh, run_id, PREVIEW_ARTIFACT)
    preview_url = f"{run_url}/artifacts/{preview['id']}" if preview else None
    action, comment_id = upsert_comment(gh, number, compose(clean_summary(raw, truncated), preview_url, run_url),
                                        MARKER)
    return f"{action} comment {comment_id} on pull request #{number}", number


def comment_main(argv: list[str]) -> int:
    """Post the summary from a CI run's artifact on its pull request."""
    parser = argparse.ArgumentParser(prog="pr_summary.py comment", description="Post the pull-request summary.")
    parser.add_argument("--artifact", type=Path, required=True, help="folder with summary.md and pr-number")
    parser.add_argument("--run-id", type=int, required=True, help="the CI run that wrote the artifact")
    parser.add_argument("--head-sha", required=True, help="the commit that run tested")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[0-9a-f]{40}", args.head_sha):
        print("pr_summary: --head-sha is not a commit id", file=sys.stderr)
        return 2
    try:
        gh = GitHub.from_env()
        result, number = post_comment(gh, args.artifact, args.run_id, args.head_sha,
                                      os.environ.get("GITHUB_SERVER_URL", "https://github.com"))
    except (ArtifactError, GitHubError) as error:
        print(f"::error::pr_summary: {error}")
        return 1
    print(f"pr_summary: {result}")
    if number is not None and os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as fh:
            fh.write(f"pr-number={number}\n")  # verified: digits, and the pull request is at the tested commit
    return 0


def main(argv: list[str] | None = None) -> int:
    """Dispatch: `comment …` posts, anything else summarizes."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["comment"]:
        return comment_main(argv[1:])
    return summarize_main(argv)


if __name__ == "__main__":
    sys.exit(main())
