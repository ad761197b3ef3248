"""The repository's own files in the folders Bro publishes from (data/, content/, schemas/), listed and read
without following symbolic links: a link could lead anywhere on the machine that builds the site (a token, a
key, another checkout), so Bro refuses links there and never reads through one."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

WATCHED = ("data", "content", "schemas")


def walk(root: Path, folder: str) -> Iterator[tuple[Path, bool]]:
    """(path, is a link) for every file and every symbolic link below root/folder, in name order; a linked
    folder is listed as a link and not entered, and a folder that is itself a link yields only itself."""
    top = root / folder
    if top.is_symlink():
        yield top, True
    elif top.is_dir():
        yield from _walk(top)


def _walk(folder: Path) -> Iterator[tuple[Path, bool]]:
    """walk() below one real folder."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        path = folder / entry.name
        if entry.is_symlink():
            yield path, True
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        else:
            yield path, False


def find_links(root: Path) -> list[str]:
    """Every symbolic link in the watched folders, as a repository-relative path (the folders themselves too)."""
    return [path.relative_to(root).as_posix() for folder in WATCHED for path, link in walk(root, folder) if link]


def linked(path: Path, root: Path) -> bool:
    """Whether path, or a folder between root and it, is a symbolic link (reading it could leave root)."""
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def entries(folder: Path, root: Path) -> list[Path]:
    """The entries of a folder that are not links, in name order; none when the folder is reached through a
    link."""
    if not folder.is_dir() or linked(folder, root):
        return []
    with os.scandir(folder) as scan:
        return [folder / entry.name for entry in sorted(scan, key=lambda entry: entry.name)
                if not entry.is_symlink()]
