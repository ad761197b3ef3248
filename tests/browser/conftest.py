"""Browser fixtures: the built site served on loopback, and Debian's chromium driven by Playwright."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import build_with, serve_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    """Everything in tests/browser is a browser test."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def http_root(built_site):
    """Serve the built site on 127.0.0.1 (a random free port) for the session."""
    with serve_site(built_site) as root:
        yield root


@pytest.fixture(scope="session")
def sharded_site(tmp_path_factory) -> Path:
    """The site built with five suppliers per search shard, so that the page loads several shards."""
    return build_with(tmp_path_factory, "sharded", BRO_SHARD_SIZE="5")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and every request it makes."""
    context = browser.new_context()
    tab = context.new_page()
    tab.console_errors = []
    tab.requests = []
    tab.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    tab.on("request", lambda req: tab.requests.append(req.url))
    yield tab
    context.close()

