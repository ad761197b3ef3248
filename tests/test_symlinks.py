"""Symbolic links in the folders Bro publishes from (data/, content/, schemas/) are refused at file:1:1 in
English, Danish and Swedish, and never read through: nothing outside the repository is opened, listed or shown
(a link could point at a token, a key or another checkout on the machine that builds the site)."""
from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

import pytest

from bro import upkeep
from bro.catalog import load_catalog
from bro.changes import render_comment, summarize
from bro.cli import main
from bro.problems import format_problem
from helpers import FIXTURES, TODAY, make_repo

MESSAGES = {
    "en": "'{}' is a symbolic link, not a file or folder of its own. Bro reads only what lies in the repository "
          "itself: replace the link with the file or folder it points to.",
    "da": "'{}' er en genvej (et symbolsk link), ikke en rigtig fil eller mappe. Bro læser kun det, der ligger i "
          "selve arkivet: erstat genvejen med den fil eller mappe, den peger på.",
    "sv": "'{}' är en genväg (en symbolisk länk), inte en riktig fil eller mapp. Bro läser bara det som ligger i "
          "själva arkivet: ersätt genvägen med filen eller mappen som den pekar på.",
}
SEVERITY = {"en": "error", "da": "fejl", "sv": "fel"}
SECRET = "GITHUB_TOKEN_ghp_secret"
_WATCHING: list[tuple[Path, list[str]]] = []


def _audit(event: str, args: tuple) -> None:
    """Remember every file or folder opened or listed inside the watched place (while a test watches)."""
    if not _WATCHING or event not in ("open", "os.scandir", "os.listdir") or not args:
        return
    path = args[0]
    if isinstance(path, (str, bytes, os.PathLike)):
        real = os.path.realpath(os.fsdecode(path))
        for place, seen in _WATCHING:
            if real == str(place) or real.startswith(str(place) + os.sep):
                seen.append(real)


sys.addaudithook(_audit)


@contextlib.contextmanager
def watching(place: Path):
    """The paths under place that the code inside the block opens or lists."""
    seen: list[str] = []
    _WATCHING.append((place.resolve(), seen))
    try:
        yield seen
    finally:
        _WATCHING.pop()


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the repository with a secret in YAML, Markdown and JSON, and a web address."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.yml").write_text(f"{SECRET}: https://evil.example/{SECRET}\n", encoding="utf-8")
    (folder / "more.yml").write_text(f"{SECRET}: 1\n", encoding="utf-8")
    (folder / "page.md").write_text(f"# {SECRET}\n\nhttps://evil.example/{SECRET}\n", encoding="utf-8")
    (folder / "x.schema.json").write_text(json.dumps({"title": SECRET}), encoding="utf-8")
    return folder


def _linked_repo(tmp_path: Path, outside: Path) -> Path:
    """A valid repository with links to a file and to a folder outside it, in data/ and content/."""
    repo = make_repo(tmp_path, {"content/da/om.md": "---\ntitle: Om\ndescription: Om Bro.\n---\n\n# Om\n"})
    (repo / "data" / "suppliers" / "leak.yml").symlink_to(outside / "secret.yml")
    (repo / "data" / "tenders" / "more").symlink_to(outside, target_is_directory=True)
    (repo / "content" / "da" / "page.md").symlink_to(outside / "page.md")
    (repo / "content" / "sv").symlink_to(outside, target_is_directory=True)
    return repo


@pytest.mark.parametrize("lang", ["en", "da", "sv"])
def test_links_to_a_file_and_a_folder_are_refused_in_every_language(tmp_path, outside, lang):
    repo = _linked_repo(tmp_path, outside)
    with watching(outside) as seen:
        catalog = load_catalog(repo, today=TODAY)
    assert seen == []
    assert [format_problem(p, lang) for p in catalog.errors] == [
        f"{path}:1:1: {SEVERITY[lang]}: {MESSAGES[lang].format(path.rsplit('/', 1)[1])}"
        for path in ("content/da/page.md", "content/sv", "data/suppliers/leak.yml", "data/tenders/more")]
    assert "leak" not in catalog.suppliers and not [s for s in catalog.tenders if "more" in s]
    assert len(catalog.suppliers) == len(load_catalog(make_repo(tmp_path / "clean"), today=TODAY).suppliers)


def test_a_link_anywhere_below_the_folders_and_the_folders_themselves(tmp_path, outside):
    repo = make_repo(tmp_path)
    (repo / "data" / "vocabularies" / "extra.yml").symlink_to(outside / "more.yml")
    (repo / "data" / "thresholds.yml").unlink()
    (repo / "data" / "thresholds.yml").symlink_to(outside / "more.yml")
    (repo / "content" / "da" / "deep").mkdir(parents=True)
    (repo / "content" / "da" / "deep" / "x.md").symlink_to(outside / "page.md")
    (repo / "data" / "cases" / "dangling.yml").symlink_to(tmp_path / "nothing-here.yml")
    with watching(outside) as seen:
        errors = [(p.file, p.line, p.column, p.code) for p in load_catalog(repo, today=TODAY).errors]
    assert seen == []
    assert errors == [("content/da/deep/x.md", 1, 1, "file.symlink"), ("data/cases/dangling.yml", 1, 1, "file.symlink"),
                      ("data/thresholds.yml", 1, 1, "file.symlink"),
                      ("data/vocabularies/extra.yml", 1, 1, "file.symlink")]


def test_a_linked_data_or_schema_folder_is_not_read(tmp_path, outside):
    repo = make_repo(tmp_path)
    real = repo / "data"
    real.rename(tmp_path / "data-elsewhere")
    real.symlink_to(tmp_path / "data-elsewhere", target_is_directory=True)
    (repo / "schemas" / "x.schema.json").symlink_to(outside / "x.schema.json")
    with watching(tmp_path / "data-elsewhere") as seen_data, watching(outside) as seen_outside:
        catalog = load_catalog(repo, today=TODAY)
    assert seen_data == seen_outside == []
    assert [(p.file, p.code) for p in catalog.problems] == [("data", "file.symlink"),
                                                           ("schemas/x.schema.json", "file.symlink")]
    assert catalog.suppliers == {}


def test_the_command_line_fails_on_a_link(tmp_path, outside, capsys):
    repo = _linked_repo(tmp_path, outside)
    assert main(["--root", str(repo), "--lang", "da", "--today", TODAY.isoformat(), "--errors-only"]) == 1
    out = capsys.readouterr()
    assert "data/suppliers/leak.yml:1:1: fejl: 'leak.yml' er en genvej" in out.out
    assert SECRET not in out.out + out.err


def test_the_change_summary_names_a_new_link_without_reading_it(tmp_path, outside):
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    base = make_repo(tmp_path / "base")
    head = _linked_repo(tmp_path / "head", outside)
    with watching(outside) as seen:
        comment = render_comment(summarize(base, head, TODAY))
    assert seen == []
    assert SECRET not in comment
    assert "- `data/suppliers/leak.yml`, linje 1: 'leak.yml' er en genvej" in comment


def test_the_link_check_does_not_follow_links(tmp_path, outside):
    repo = _linked_repo(tmp_path, outside)
    with watching(outside) as seen:
        found = upkeep.collect_urls(repo)
    assert seen == [] and not [url for url in found if SECRET in url]


def test_a_fixture_copied_as_a_file_is_still_fine(tmp_path):
    """Only links are refused: the same content as a real file is read as usual."""
    repo = make_repo(tmp_path, {"data/suppliers/copy.yml": (FIXTURES / "valid" / "supplier_minimal.yml").read_text(
        encoding="utf-8").replace("802412-3401", "802400-0005")})
    assert "copy" in load_catalog(repo, today=TODAY).records("suppliers")  # read (its name is another's: refused)
