"""Shared by Bro's hooks (not a hook itself): BuildState, the one typed state of a build. Every hook reads what it
needs from it and adds what it makes to it; nothing passes between hooks through config.extra or module globals.

How a hook reaches it: MkDocs imports each file listed under `hooks:` as a module of its own, once per process (the
modules are kept across the rebuilds of `mkdocs serve`), with hooks/ on sys.path while it does; so `import _state`
gives every hook this one module. hooks/data.py's on_config, the first of Bro's events (priority 100), checks the
settings, loads the data and starts the build's state with `start(config, …)`; every later event asks for it with
`of(config)`, which refuses a state started for another configuration rather than reuse it. Every build starts
afresh: each language build of `make build` (a forked process with the catalog handed over), each rebuild of
`mkdocs serve` (a new configuration), the offline copy (scripts/offline.py: BRO_OFFLINE=true)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from bro import provisions, structured
from bro.catalog import Catalog
from bro.render import make_environment
from bro.settings import Settings


@dataclass(frozen=True)
class Generated:
    """How a generated page's body is made: its template in overrides/bro/ and the context for it."""

    template: str
    make_context: Callable[..., dict]
    args: tuple


@dataclass
class BulkPage:
    """One page rendered from a Bro template into its folder's shell (hooks/bulk.py)."""

    slug: str
    title: str
    template: str
    make_context: Callable[..., dict]
    args: tuple
    search_text: str | None = None  # text for the site search (None: not listed there)


@dataclass
class Shell:
    """A folder's shell page and the bulk pages that share it."""

    kind: str
    src_uri: str
    pages: list[BulkPage] = field(default_factory=list)


@dataclass
class BuildState:
    """What one build of one language knows: set up in on_config, filled in by the hooks as MkDocs' events run."""

    config: MkDocsConfig = field(repr=False)  # the build's configuration (of() checks it is this one)
    root: Path  # the repository (the folder of mkdocs.yml)
    lang: str  # the language of this site (theme.language)
    settings: Settings  # extra.bro_*, checked (bro.settings)
    catalog: Catalog  # the validated data
    env: jinja2.Environment  # Bro's templates in overrides/bro/, bound to the language and the catalog
    provisions: provisions.Provisions  # legal citations → the act's text (data/provisions.yml)
    serving: bool = False  # `mkdocs serve`: no Content-Security-Policy (its live-reload script is inline)
    worker_shim: Path | None = None  # the offline copy's iframe-worker shim (hooks/offline.py); None on the web
    generated: dict[str, Generated] = field(default_factory=dict)  # src_uri → how its body is made (hooks/pages.py)
    shells: dict[str, Shell] = field(default_factory=dict)  # record kind → its folder's shell (hooks/bulk.py)
    rendered: set[str] = field(default_factory=set)  # pages the theme rendered (hooks/csp.py)
    protected: set[str] = field(default_factory=set)  # pages that have their policy already (hooks/bulk.py)
    forms: dict[str, dict] = field(default_factory=dict)  # form kind → its definition (bro.forms.web; hooks/forms.py)
    site: structured.Site | None = None  # what every page's structured data needs of the others (hooks/structured.py)


_RUN: dict = {"command": "build", "state": None}  # this process: MkDocs' command and the current build's state


def note_command(command: str) -> None:
    """Remember MkDocs' command (on_startup: once per process, before the first build)."""
    _RUN["command"] = command


def start(config: MkDocsConfig, settings: Settings, catalog: Catalog) -> BuildState:
    """Start the state of the build that config is for (replacing any earlier build's)."""
    root, lang = Path(config.config_file_path).parent, config.theme["language"]
    _RUN["state"] = BuildState(config, root, lang, settings, catalog,
                               env=make_environment(root / "overrides" / "bro", lang, catalog.vocab, catalog),
                               provisions=provisions.load_provisions(root), serving=_RUN["command"] == "serve")
    return _RUN["state"]


def of(config: MkDocsConfig) -> BuildState:
    """The state of the build that config is for."""
    state = _RUN["state"]
    if state is None or state.config is not config:
        raise PluginError("Bro: this build has no state: hooks/data.py must be the first of the hooks in mkdocs.yml.")
    return state
