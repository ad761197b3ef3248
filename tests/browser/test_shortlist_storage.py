"""The shortlist tolerates whatever this browser has stored under its key (another version of Bro, an extension,
a hand edit, an attack): the directory, the shortlist page and a profile work as usual, and only a clean list of
known suppliers' slugs is written back."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

KEY = "bro-shortlist"
UNKNOWN = ["ingen-saadan", "constructor", "__proto__", "toString", "hasOwnProperty", "<img src=x onerror=alert(1)>"]
# What is stored → the clean list written back once the page knows every supplier.
STORED = {
    "not JSON": ("{not json", []),
    "an object": ("{}", []),
    "an object with a length": ('{"length": 3, "0": "fjordvask"}', []),
    "a string": ('"fjordvask"', []),
    "a number": ("42", []),
    "null": ("null", []),
    "non-strings": ('[1, null, true, {"slug": "fjordvask"}, ["fjordvask"], 2.5]', []),
    "unknown slugs": (json.dumps([*UNKNOWN, "fjordvask", "fjordvask", ""]), ["fjordvask"]),
    "a huge list": (json.dumps([f"x-{n}" for n in range(100_000)] + ["fjordvask"]), []),
    "a huge non-list": ("[" * 1_000_000, []),
}


def _store(page, value: str) -> None:
    """Put value under the shortlist's key before the page's scripts run (on every page opened)."""
    page.add_init_script(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(value)});")


def _stored(page) -> str | None:
    return page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")


@pytest.mark.parametrize("name", STORED)
def test_the_directory_works_and_writes_back_a_clean_list(page, http_root, name):
    stored, clean = STORED[name]
    _store(page, stored)
    page.goto(f"{http_root}/da/leverandorer/index.html")
    expect(page.locator("#bro-status")).to_have_text("18 leverandører")
    expect(page.locator("#bro-results .bro-card")).to_have_count(18)
    expect(page.locator("#bro-shortlist-count")).to_have_text(str(len(clean)))
    page.wait_for_function(f"() => localStorage.getItem({json.dumps(KEY)}) === {json.dumps(json.dumps(clean))}")
    listed = page.locator('.bro-card .bro-shortlist-toggle[aria-pressed="true"]')
    expect(listed).to_have_count(len(clean))
    page.locator(".bro-card", has_text="Madværket SMBA").locator(".bro-shortlist-toggle").click()
    expect(page.locator("#bro-shortlist-count")).to_have_text(str(len(clean) + 1))
    assert json.loads(_stored(page)) == [*clean, "madvaerket"]
    assert page.console_errors == []


@pytest.mark.parametrize("name", STORED)
def test_the_shortlist_page_shows_only_known_suppliers(page, http_root, name):
    stored, clean = STORED[name]
    _store(page, stored)
    page.goto(f"{http_root}/da/leverandorer/min-liste.html")
    expect(page.locator("#bro-shortlist-body")).to_be_visible()
    if clean:
        expect(page.locator("#bro-compare thead th a")).to_have_text(["Fjordvask"])
    else:
        expect(page.locator("#bro-shortlist-empty")).to_be_visible()
        expect(page.locator("#bro-compare")).to_be_hidden()
    page.wait_for_function(f"() => localStorage.getItem({json.dumps(KEY)}) === {json.dumps(json.dumps(clean))}")
    assert page.console_errors == []


@pytest.mark.parametrize("name", ["not JSON", "an object", "non-strings", "unknown slugs", "a huge non-list"])
def test_the_profile_button_works(page, http_root, name):
    stored, clean = STORED[name]
    _store(page, stored)
    page.goto(f"{http_root}/da/leverandorer/madvaerket.html")
    button = page.locator(".bro-shortlist-box .bro-shortlist-toggle")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    written = json.loads(_stored(page))
    assert written[-1] == "madvaerket" and all(isinstance(slug, str) and slug for slug in written)
    assert page.console_errors == []


def test_a_bad_value_from_disk_too(page, built_site):
    _store(page, '{"length": 2}')
    page.goto((built_site / "da" / "leverandorer" / "index.html").as_uri())
    expect(page.locator("#bro-status")).to_have_text("18 leverandører")
    expect(page.locator("#bro-shortlist-count")).to_have_text("0")
    expect(page.locator("#bro-results .bro-card")).to_have_count(18)
    page.wait_for_function(f"() => localStorage.getItem({json.dumps(KEY)}) === '[]'")
