"""Bro's settings in mkdocs.yml (extra.bro_*: the site's address, the repository, the editors' e-mail address, page
and shard sizes, the sample-data notice), parsed and checked once into a typed, frozen Settings. A deployment gives
them through environment variables (`!ENV [BRO_SITE_URL, default]`: .github/workflows/deploy.yml), so they are
checked like data: every problem in the project's one shape (mkdocs.yml:line:col: error: field: message), all of them
listed, before anything is built. mkdocs.yml stays the one place the values are written; DEFAULT_SITE_URL and
DEFAULT_EDITORS_EMAIL are its default values for code that runs without a build (the issue forms). No MkDocs here:
hooks/data.py hands over MkDocs' config.extra, bro.build reads the file itself (load) to stop before forking the
language builds."""
from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from bro import addresses
from bro.problems import Problem

FILE = "mkdocs.yml"
_CONFIG = Path(__file__).resolve().parents[2] / FILE  # the repository's mkdocs.yml (src/bro/settings.py → root)
PREFIX = "bro_"  # a setting's key in extra is its field's name with this prefix: bro_site_url


@dataclass(frozen=True)
class Settings:
    """Every extra.bro_* setting of mkdocs.yml, each checked (see the _CHECKS below)."""

    site_url: str  # the published site's address: absolute http(s), ending in "/" (feeds, calendars, the 404 page)
    repository: str | None  # the repository's web address, https://host/owner/name (edit and report links)
    editors_email: str  # the editors' one address: the footer, the events page, the forms' no-account route, and
    # removal and privacy requests (which never go into a public issue); the data controller is data/site.yml's
    page_size: int  # suppliers per page of the lists readable without JavaScript
    shard_size: int  # suppliers per file of the directory's search data
    sample_data: bool  # the notice that the site shows sample data


Check = Callable[[Any], tuple[Any, tuple[str, dict] | None]]  # value → (checked value, None) or (None, problem)

# What a pattern message says is expected, in each language of the messages (bro.problems).
_EXPECTED = {
    "site_url": {"en": "a full address ending in '/', for example https://bro-socialt-indkob.github.io/bro/",
                 "da": "en fuld adresse, der slutter med '/', for eksempel https://bro-socialt-indkob.github.io/bro/",
                 "sv": "en fullständig adress som slutar med '/', till exempel https://bro-socialt-indkob.github.io/bro/"},
    "repository": {"en": "the repository's address, https://github.com/owner/name",
                   "da": "repositoriets adresse, https://github.com/ejer/navn",
                   "sv": "repots adress, https://github.com/agare/namn"},
    "email": {"en": "an e-mail address, for example name@example.org",
              "da": "en e-mailadresse, for eksempel navn@example.org",
              "sv": "en e-postadress, till exempel namn@example.org"},
}
_REPOSITORY_PATH = re.compile(r"/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/?")


def _show(value: Any) -> str:
    """A value as written in YAML (true, not True), for messages."""
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _web_address(value: Any) -> tuple[str, dict] | None:
    """Why a value is no absolute http(s) address (bro.addresses' reasons first), or None."""
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
        return "schema.url", {"value": _show(value)}
    issue = addresses.url_problem(value)
    return (issue.code, issue.params) if issue else None


def check_site_url(value: Any) -> tuple[str | None, tuple[str, dict] | None]:
    """The site's address: absolute http(s), no query or fragment, ending in "/" (a page's path goes after it)."""
    if problem := _web_address(value):
        return None, problem
    parts = urlsplit(value)
    if not value.endswith("/") or parts.query or parts.fragment:
        return None, ("schema.pattern", {"value": value, "expected": _EXPECTED["site_url"]})
    return value, None


def check_repository(value: Any) -> tuple[str | None, tuple[str, dict] | None]:
    """The repository's web address, https://host/owner/name; empty means none (no edit or report links)."""
    if value is None or value == "":
        return None, None
    if problem := _web_address(value):
        return None, problem
    parts = urlsplit(value)
    if not _REPOSITORY_PATH.fullmatch(parts.path) or parts.query or parts.fragment:
        return None, ("schema.pattern", {"value": value, "expected": _EXPECTED["repository"]})
    return value, None


def check_email(value: Any) -> tuple[str | None, tuple[str, dict] | None]:
    """One plausible e-mail address (the data's own rule, bro.addresses.is_email)."""
    if not isinstance(value, str) or not addresses.is_email(value):
        return None, ("schema.pattern", {"value": _show(value), "expected": _EXPECTED["email"]})
    return value, None


def check_positive(value: Any) -> tuple[int | None, tuple[str, dict] | None]:
    """A whole number of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None, ("schema.type_integer", {"value": _show(value)})
    if value < 1:
        return None, ("schema.too_small", {"value": value, "limit": 1})
    return value, None


def check_flag(value: Any) -> tuple[bool | None, tuple[str, dict] | None]:
    """true or false."""
    if not isinstance(value, bool):
        return None, ("schema.type_boolean", {"value": _show(value)})
    return value, None


_CHECKS: dict[str, Check] = {"site_url": check_site_url, "repository": check_repository,
                             "editors_email": check_email, "page_size": check_positive,
                             "shard_size": check_positive, "sample_data": check_flag}
KEYS = tuple(PREFIX + name for name in _CHECKS)  # the settings' keys in extra, in the order of Settings


def parse(extra: Mapping[str, Any], where: Mapping[str, tuple[int, int]] | None = None, file: str = FILE,
          defaults: Mapping[str, Any] | None = None) -> tuple[Settings | None, list[Problem]]:
    """Settings from MkDocs' `extra` mapping (values already resolved), with every problem: a setting missing, a
    value that fails its check, a bro_* key that is no setting (a misspelling would otherwise be ignored). `where`
    gives each key's (line, column) in the file (positions); an empty value (an environment variable set to
    nothing: MkDocs reads it as null) means not given, and the file's default (`defaults`) holds. None when there is
    any problem."""
    where, defaults = where or {}, defaults or {}
    values, problems = {}, []

    def problem(key: str | None, code: str, params: dict) -> None:
        """Note one problem at the key's place in the file (the extra: block's when the key is not written)."""
        line, column = where.get(key or "", where.get("", (1, 1)))
        problems.append(Problem(file, line, column, ("extra",) + ((key,) if key else ()), code, params))

    for name, check in _CHECKS.items():
        key = PREFIX + name
        if key not in extra:
            problem(None, "schema.required", {"name": key})
            continue
        value = extra[key]
        values[name], issue = check(defaults.get(key) if value in (None, "") and key in defaults else value)
        if issue:
            problem(key, *issue)
    for key in sorted(k for k in extra if isinstance(k, str) and k.startswith(PREFIX) and k not in KEYS):
        close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
        problem(key, *(("schema.unknown_key_suggest", {"key": key, "suggestion": close[0]}) if close else
                       ("schema.unknown_key", {"key": key, "allowed": ", ".join(KEYS)})))
    return (None if problems else Settings(**values)), sorted(problems, key=Problem.sort_key)


def positions(text: str) -> dict[str, tuple[int, int]]:
    """Where each key of a mkdocs.yml's extra: block is written, key → (line, column of its value), 1-based; ''
    → the extra: key's own place. Empty when the text has no such block (or is no YAML)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    found = {}
    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if isinstance(key, yaml.ScalarNode) and key.value == "extra":
            found[""] = (key.start_mark.line + 1, key.start_mark.column + 1)
            for name, setting in value.value if isinstance(value, yaml.MappingNode) else ():
                if isinstance(name, yaml.ScalarNode):
                    found[name.value] = (setting.start_mark.line + 1, setting.start_mark.column + 1)
    return found


def load(path: Path = _CONFIG, environ: Mapping[str, str] | None = None) -> tuple[Settings | None, list[Problem]]:
    """The settings of a mkdocs.yml file as MkDocs reads them: `!ENV [VAR, default]` is the variable's value when
    environ (os.environ by default) has it, read as a YAML scalar, else the default."""
    return from_config(_extra(path.read_text(encoding="utf-8"), os.environ if environ is None else environ), path)


def from_config(extra: Mapping[str, Any], path: Path) -> tuple[Settings | None, list[Problem]]:
    """Settings from an `extra` mapping read from the mkdocs.yml at path (MkDocs' own, in hooks/data.py), with the
    file's positions for the problems and its defaults for empty values (nothing of the file when it is missing)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return parse(extra, positions(text), path.name, _extra(text, {}))


def _extra(text: str, environ: Mapping[str, str]) -> dict:
    """The extra: block of a mkdocs.yml's text, its !ENV values resolved from environ ({} when there is none)."""
    loader = _Loader(text)  # an empty text is no document (None): no extra block
    loader.environ = environ
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    extra = data.get("extra") if isinstance(data, dict) else None
    return extra if isinstance(extra, dict) else {}


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs reads its configuration: !ENV resolved from `environ`; other tags of its (!relative,
    !!python/name:…) read as nothing, as no setting of Bro's uses them."""

    environ: Mapping[str, str] = os.environ


def _environment_value(loader: _Loader, node: yaml.Node) -> Any:
    """!ENV VAR or !ENV [VAR, …, default]: the first variable that is set (as a YAML scalar), else the default
    (the same rule as the pyyaml-env-tag package MkDocs uses)."""
    default, names = None, node.value
    if isinstance(node, yaml.ScalarNode):
        names = [node]
    elif len(names) > 1:
        default, names = loader.construct_object(names[-1]), names[:-1]
    for name in (loader.construct_scalar(n) for n in names):
        if name in loader.environ:
            value = loader.environ[name]
            return loader.construct_object(yaml.ScalarNode(loader.resolve(yaml.ScalarNode, value, (True, False)),
                                                           value))
    return default


_Loader.add_constructor("!ENV", _environment_value)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def default_setting(name: str, path: Path = _CONFIG) -> str:
    """A setting as mkdocs.yml writes it for when its environment variable is not set, e.g. the site's address when
    no BRO_SITE_URL is given (checked by the tests, not here: a deployment's own value may be fine while this one is
    not)."""
    return str(_extra(path.read_text(encoding="utf-8"), {}).get(PREFIX + name) or "") if path.is_file() else ""


# For code that runs without a build and writes committed files (the issue forms, bro.forms.issue_templates): the
# file's own values, never the environment's, so that the files are the same wherever they are generated.
DEFAULT_SITE_URL = default_setting("site_url")
DEFAULT_EDITORS_EMAIL = default_setting("editors_email")
