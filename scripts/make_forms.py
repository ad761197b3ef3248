"""Write Bro's GitHub issue forms (.github/ISSUE_TEMPLATE/) from src/bro/locales/forms.*.yml and the
vocabularies in data/vocabularies/, so dropdowns and checkboxes always offer the codes the validator knows.

Usage: python scripts/make_forms.py [--check] [--root DIR]
  --check  change nothing; exit 1 and name the files that differ from what would be written (and any form in
           the folder that is not generated any more, which the script removes)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bro.forms import build_issue_templates
from bro.vocab import load_vocabularies

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) every issue template; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    vocab = load_vocabularies(root / "data" / "vocabularies", root)
    if vocab.problems:
        print("The vocabularies have problems; run `make validate` first.", file=sys.stderr)
        return 2
    folder = root / ".github" / "ISSUE_TEMPLATE"
    templates = build_issue_templates(vocab)
    stale, extra = [], []
    for name, text in templates.items():
        path = folder / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.relative_to(root).as_posix())
        if not args.check:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    # A form that is no longer generated (the removal form, which made removal requests public) must not stay.
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        if path.name not in templates:
            extra.append(path.relative_to(root).as_posix())
            if not args.check:
                path.unlink()
    if args.check and (stale or extra):
        if stale:
            print("Out of date (run python scripts/make_forms.py): " + ", ".join(stale), file=sys.stderr)
        if extra:
            print("Not generated (run python scripts/make_forms.py to remove): " + ", ".join(extra), file=sys.stderr)
        return 1
    for name in stale if not args.check else []:
        print(f"wrote {name}")
    for name in extra if not args.check else []:
        print(f"removed {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
