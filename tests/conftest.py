"""Fixtures shared by all tests (helpers live in helpers.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import make_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A valid test repository."""
    return make_repo(tmp_path)
