"""MkDocs hook: check Bro's settings and load and validate its data once per build, then start the build's state
(hooks/_state.py) that every other hook reads; stop the build on any error."""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import _state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from bro import settings as bro_settings
from bro.catalog import Catalog, handed_over, load_catalog
from bro.problems import format_problem, summary

log = logging.getLogger("mkdocs.hooks.bro")


def on_startup(command: str, **kwargs) -> None:
    """Remember whether this is `mkdocs serve` (the build's state says so: hooks/bulk.py and hooks/csp.py ask)."""
    _state.note_command(command)


@event_priority(100)  # the first of Bro's events: every other hook reads the state started here
def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Check the settings (extra.bro_*) and validate every data file; on errors, log them all and abort before
    anything is written. Then start the build's state."""
    root = Path(config.config_file_path).parent
    settings, problems = bro_settings.from_config(config.extra, root / bro_settings.FILE)
    if problems:
        for problem in problems:
            log.error(format_problem(problem))
        raise Abort(f"Bro: {summary(problems)} Nothing was built.")
    _state.start(config, settings, _validated_catalog(root))
    return config


def _validated_catalog(root: Path) -> Catalog:
    """The data, loaded and validated (or handed over by `make build`, which validated it: this build is its fork)."""
    if (catalog := handed_over()) is not None:
        return catalog
    today = dt.date.fromisoformat(os.environ["BRO_TODAY"]) if os.environ.get("BRO_TODAY") else None
    catalog = load_catalog(root, today=today)
    if catalog.errors:
        for problem in catalog.errors:
            log.error(format_problem(problem))
        raise Abort(f"Bro: {summary(catalog.problems)} Nothing was built.")
    if catalog.warnings:
        log.info("Bro: %d warning(s) in the data; `make validate` lists them.", len(catalog.warnings))
    return catalog
