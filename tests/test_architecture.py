"""The one hard line: the domain package never imports MkDocs (only hooks/ do)."""
from __future__ import annotations

import ast
import re

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


def test_hooks_share_one_typed_build_state():
    """Hooks pass nothing to each other through config.extra or a module's globals: each event reaches the build's
    state (hooks/_state.py) through _state.of(config); config.extra only gives the theme's templates a value."""
    for path in (ROOT / "hooks").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        keys = set(re.findall(r"""config\.extra(?:\[|\.get\(|\.setdefault\()["'](bro_\w+)""", text))
        assert keys <= {"bro_directory_path"}, (path.name, keys)  # read by overrides/main.html
        tree = ast.parse(text)
        imported = {alias.asname or alias.name for node in ast.walk(tree)
                    if isinstance(node, ast.Import | ast.ImportFrom) for alias in node.names}
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.AugAssign | ast.AnnAssign) else []
            for target in targets:
                assert not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                            and target.value.id in imported), f"{path.name}:{node.lineno} sets a module's global"
            assert not isinstance(node, ast.Global), f"{path.name}:{node.lineno}"
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("on_"):
                unannotated = [a.arg for a in node.args.args if a.annotation is None]
                assert not unannotated and node.returns is not None, f"{path.name}:{node.name} is not typed"


ARCHITECTURE = ROOT / "ARCHITECTURE.md"
MAPPED = {"src/bro": "*.py", "src/bro/model": "*.py", "src/bro/ted": "*.py", "hooks": "*.py",
          "overrides/assets/bro": "*.js"}


def _named_in_map() -> set[str]:
    """Every `name.py` / `name.js` / `folder/name.py` the newcomer's map names."""
    return set(re.findall(r"`([\w./-]+\.(?:py|js))`", ARCHITECTURE.read_text(encoding="utf-8")))


def test_the_newcomers_map_names_every_module():
    named = {name.split("/")[-1] for name in _named_in_map()}
    missing = [f"{folder}/{path.name}" for folder, pattern in MAPPED.items()
               for path in sorted((ROOT / folder).glob(pattern)) if path.name not in named]
    assert missing == [], f"ARCHITECTURE.md does not name: {missing}"
    assert "`forms/`" in ARCHITECTURE.read_text(encoding="utf-8")


def test_every_module_the_map_names_exists():
    places = [ROOT / folder for folder in MAPPED] + [ROOT / "scripts", ROOT]
    gone = [name for name in sorted(_named_in_map())
            if not any((place / name).is_file() or (place / name.split("/")[-1]).is_file() for place in places)]
    assert gone == [], f"ARCHITECTURE.md names modules that do not exist: {gone}"
