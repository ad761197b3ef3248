"""MkDocs hook: load and validate Bro's data once per build; stop the build on any error."""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from bro.catalog import handed_over, load_catalog
from bro.problems import format_problem, summary

log = logging.getLogger("mkdocs.hooks.bro")


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Validate every data file; on errors, log them all and abort before anything is written."""
    root = Path(config.config_file_path).parent
    if (catalog := handed_over()) is not None:  # `make build` validated already: this build is its fork
        config.extra["bro_catalog"] = catalog
        return config
    today = dt.date.fromisoformat(os.environ["BRO_TODAY"]) if os.environ.get("BRO_TODAY") else None
    catalog = load_catalog(root, today=today)
    if catalog.errors:
        for problem in catalog.errors:
            log.error(format_problem(problem))
        raise Abort(f"Bro: {summary(catalog.problems)} Nothing was built.")
    if catalog.warnings:
        log.info("Bro: %d warning(s) in the data; `make validate` lists them.", len(catalog.warnings))
    config.extra["bro_catalog"] = catalog
    return config
