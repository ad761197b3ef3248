"""TEMPORARY stand-in for bro.record_checks.make_check_script (branch issue15-check): the contract's shape, so that
the form pages can be built before it lands. Deleted once it is merged."""
from __future__ import annotations


def make_check_script(catalog, lang) -> str:
    """The checks' data script (empty)."""
    return "window.BroCheckData = {};\n"
