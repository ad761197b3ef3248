"""The one hard line: the domain package never imports MkDocs (only hooks/ do)."""
from __future__ import annotations

import ast

from helpers import ROOT


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_domain_package_never_imports_mkdocs():
    offenders = [(p.name, m) for p in (ROOT / "src" / "bro").rglob("*.py") for m in _imports(p)
                 if m.split(".")[0] in {"mkdocs", "material"}]
    assert offenders == []


def test_hooks_are_thin_and_typed():
    for path in (ROOT / "hooks").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("on_"):
                assert node.args.kwarg is not None, f"{path.name}:{node.name} must end in **kwargs"
                assert ast.get_docstring(node), f"{path.name}:{node.name} needs a line of intent"
        assert len(path.read_text().splitlines()) < 120, path.name
