"""The core journeys of issue 12, in a real browser: each in Danish and Swedish, on a desktop (1366×768) and a
phone (390×844) screen. What a page should show is computed from the data with the bro package
(journey_data.py), never read from the page it checks.

The journeys run on the repository's data plus a few cleaning suppliers and plan entries around Aarhus and
Göteborg (journey_data.py), so that every filter they use has something to find and something to leave out.
"""
from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from helpers import serve_site
from journey_data import (
    ELIGIBILITY,
    build_journey_site,
    entry_in_area,
    entry_matches,
    is_open,
    journey_catalog,
    supplier_contact_email,
    supplier_declares_eligibility,
    supplier_delivers_in,
    supplier_facet_values,
    supplier_mentions_cleaning,
)

SCREENS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
WITHIN_SCREEN_WIDTH = "a => { const box = a.getBoundingClientRect(); return box.left >= 0 && box.right <= innerWidth; }"
DEVELOPER_WORDS = re.compile(r"pull request|yaml|\.yml|\binterested\b|\bgit\b", re.IGNORECASE)


@dataclass(frozen=True)
class Words:
    """What a reader of one language sees and types."""
    lang: str
    directory_link: re.Pattern      # the home page's way to the supplier list
    plan_link: re.Pattern           # … and to the tender plan
    query: str
    place: str                      # the buyer's or the enterprise's town, as the place lists name it
    place_code: str
    directory_place_label: str      # the directory's "delivers in" select
    plan_place_label: str           # the plan's place select
    category_label: str
    cleaning: str                   # the category "cleaning" as the plan's select names it
    filter_toggle: re.Pattern
    shortlist_link: re.Pattern
    shortlist_button: re.Pattern    # a result card's add/remove button
    copy_button: re.Pattern
    copied: re.Pattern              # the status after copying
    interest_heading: str
    guide_link: re.Pattern
    guide_heading: re.Pattern
    knowledge_bank: str             # the top menu's entry

    @property
    def eligibility(self) -> str:
        return ELIGIBILITY[self.lang]


DANISH = Words(
    lang="da", directory_link=re.compile(r"^(find (en )?leverandør|leverandører|leverandørlisten)", re.I),
    plan_link=re.compile(r"^(se )?udbudsplan", re.I),
    query="rengøring", place="Aarhus", place_code="DK-751", directory_place_label="Leverer i",
    plan_place_label="Leveringssted", category_label="Kategori", cleaning="Rengøring",
    filter_toggle=re.compile(r"^Filtre"), shortlist_link=re.compile(r"^Min liste"),
    shortlist_button=re.compile(r"min liste", re.I), copy_button=re.compile(r"^Kopiér"),
    copied=re.compile(r"kopieret", re.I), interest_heading="Meld interesse",
    guide_link=re.compile(r"^Kom i gang"), guide_heading=re.compile(r"^Kom i gang"), knowledge_bank="Vidensbank")
SWEDISH = Words(
    lang="sv", directory_link=re.compile(r"^(hitta (en )?leverantör|leverantörer|leverantörslistan)", re.I),
    plan_link=re.compile(r"^(se )?upphandlingsplan", re.I),
    query="städning", place="Göteborg", place_code="SE-1480", directory_place_label="Levererar i",
    plan_place_label="Leveransort", category_label="Kategori", cleaning="Städning",
    filter_toggle=re.compile(r"^Filter"), shortlist_link=re.compile(r"^Min lista"),
    shortlist_button=re.compile(r"min lista", re.I), copy_button=re.compile(r"^Kopiera"),
    copied=re.compile(r"kopierad", re.I), interest_heading="Anmäl intresse",
    guide_link=re.compile(r"^Kom igång"), guide_heading=re.compile(r"^Kom igång"), knowledge_bank="Kunskapsbank")
# The Danish buyer in Aarhus and the Swedish one in Göteborg; the enterprises likewise.
WORDS = {"da": DANISH, "sv": SWEDISH}


# ---- fixtures ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def journey_build(tmp_path_factory):
    """(repository copy with the journeys' records, its built site)."""
    return build_journey_site(tmp_path_factory)


@pytest.fixture(scope="session")
def journey_root(journey_build):
    with serve_site(journey_build[1]) as root:
        yield root


@pytest.fixture(scope="session")
def catalog(journey_build):
    return journey_catalog(journey_build[0])


@pytest.fixture(params=["da", "sv"])
def words(request) -> Words:
    return WORDS[request.param]


@pytest.fixture(params=list(SCREENS))
def screen(request) -> str:
    return request.param


@pytest.fixture
def tab(browser, screen, journey_root) -> Page:
    """A page on the given screen that may read and write the clipboard."""
    phone = screen == "phone"
    context = browser.new_context(viewport=SCREENS[screen], is_mobile=phone, has_touch=phone)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=journey_root)
    context.set_default_timeout(10000)  # a step that cannot be done fails in seconds, not half a minute
    page = context.new_page()
    page.root = journey_root
    page.screen = screen
    yield page
    context.close()


# ---- steps ------------------------------------------------------------------------------------------------------

def open_home(page: Page, words: Words) -> None:
    page.goto(f"{page.root}/{words.lang}/index.html")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()


def follow_link(page: Page, name: re.Pattern) -> None:
    """Click the first link on the screen whose name matches and that leads away from this page (a table of
    contents' link to a heading of the same name is no way to another page; nor is a link in a closed drawer)."""
    links = page.get_by_role("link", name=name).and_(page.locator("a:not([href^='#'])")).filter(visible=True)
    expect(links.first).to_be_visible()
    on_screen = [link for link in links.all() if link.evaluate(WITHIN_SCREEN_WIDTH)]
    assert on_screen, f"every link {name.pattern!r} sits outside the screen (in a closed menu)"
    on_screen[0].click()


def result_count(page: Page) -> Locator:
    """The announced result count (a live region) in the main content."""
    return page.get_by_role("main").locator("[role=status], [aria-live]").first


def expect_count(page: Page, shown: int, archived: int = 0, timeout: float = 5000) -> None:
    """The announced count comes to `shown` results: stated as one number, or (the plan) as the open ones and
    then the archived ones ("2 kommende udbud og indkøb vises · 1 i arkivet"); a count without a number is zero."""
    patterns = [rf"^\D*\b{shown}\b\D*$", rf"^\D*\b{shown - archived}\b\D+\b{archived}\b\D*$"]
    if shown == 0:
        patterns.append(r"^\D*$")
    expect(result_count(page)).to_have_text(re.compile("|".join(f"(?:{p})" for p in patterns)), timeout=timeout)


def result_cards(page: Page) -> Locator:
    """The result cards the reader sees (the directory's results, the plan's entries)."""
    return page.get_by_role("main").locator(".bro-card").filter(visible=True)


def card_slug(card: Locator) -> str:
    """The record a card links to, by the name of its page (the record's slug)."""
    href = card.locator(":is(h2, h3, h4) a").first.get_attribute("href")  # also of a card filtered away
    return href.split("#")[0].rsplit("/", 1)[-1].removesuffix(".html")


def shown_slugs(page: Page) -> list[str]:
    return [card_slug(card) for card in result_cards(page).all()]


def search_for(page: Page, query: str) -> None:
    """Type a query into the page's search box as a reader does, key by key."""
    box = page.get_by_role("main").get_by_role("searchbox")
    box.click()
    box.press_sequentially(query)


def open_filters(page: Page, words: Words, required: bool = True) -> None:
    """On a phone the filters sit in a panel behind the "Filtre"/"Filter" button: open it. A test about the
    filters' counts, not the panel, passes required=False and goes on where there is no such button."""
    if page.screen != "phone":
        return
    toggle = page.get_by_role("button", name=words.filter_toggle)
    if not required and toggle.count() == 0:
        return
    expect(toggle).to_have_attribute("aria-expanded", "false")  # closed at first: results come first on a phone
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")


def close_filters(page: Page, words: Words) -> None:
    if page.screen != "phone":
        return
    toggle = page.get_by_role("button", name=words.filter_toggle)
    if toggle.get_attribute("aria-expanded") == "true":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option of the select with the given label."""
    page.get_by_role("combobox", name=label).select_option(label=option)


def tick(page: Page, label: str) -> None:
    box = page.get_by_label(label)
    box.check()
    expect(box).to_be_checked()


def expect_first_result_without_scrolling(page: Page) -> None:
    """The first result card lies wholly within the first screenful of the page."""
    first = result_cards(page).first
    expect(first).to_be_visible()
    bottom = first.evaluate("card => card.getBoundingClientRect().bottom + window.scrollY")
    height = SCREENS[page.screen]["height"]
    assert bottom <= height, f"the first result ends {bottom:.0f} px down, below the {height} px screen"


def open_first_result(page: Page) -> str:
    """Open the first result's page; return its heading."""
    link = result_cards(page).first.get_by_role("heading").get_by_role("link").first
    name = link.inner_text().strip()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    return name


def go_back_to_results(page: Page, query: str, slugs: list[str]) -> None:
    """Back in the list, the query and the results are as the reader left them."""
    page.go_back()
    expect(page.get_by_role("main").get_by_role("searchbox")).to_have_value(query)
    expect(result_cards(page)).to_have_count(len(slugs))
    assert shown_slugs(page) == slugs


def add_to_shortlist(page: Page, words: Words, count: int) -> list[str]:
    """Add the first `count` results to the shortlist; return their slugs."""
    added = []
    for card in result_cards(page).all()[:count]:
        button = card.get_by_role("button", name=words.shortlist_button)
        expect(button).to_have_attribute("aria-pressed", "false")
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
        added.append(card_slug(card))
    return added


def open_shortlist(page: Page, words: Words) -> None:
    page.get_by_role("link", name=words.shortlist_link).filter(visible=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.shortlist_link)


def copy_email_text(page: Page, words: Words) -> str:
    """Press the copy button; return what it put on the clipboard."""
    page.get_by_role("button", name=words.copy_button).click()
    expect(page.get_by_role("main").get_by_role("status").filter(has_text=words.copied)).to_be_visible()
    return page.evaluate("() => navigator.clipboard.readText()")


def interest_box(page: Page, words: Words) -> Locator:
    """The box headed "Meld interesse"/"Anmäl intresse": the innermost block that holds the heading."""
    heading = page.get_by_role("heading", name=words.interest_heading, exact=True)
    expect(heading).to_be_visible()
    return page.get_by_role("main").locator("section, aside, div", has=heading).last


# ---- journey 1: a buyer finds eligible cleaning suppliers, shortlists two and copies their e-mails ---------------

def test_buyer_finds_eligible_cleaning_suppliers_and_copies_their_emails(tab, words, catalog):
    """Danish buyer in Aarhus ("rengøring", udbudsloven § 54) or Swedish buyer in Göteborg ("städning",
    LOU 4 kap. 18 §): the first result shows without scrolling; every result after filtering is a cleaning
    supplier that delivers in the town and declares eligibility; two go on the shortlist; the copied e-mail
    text names both."""
    page = tab
    open_home(page, words)
    follow_link(page, words.directory_link)
    count = result_count(page)
    expect(count).to_have_text(re.compile(r"\d"))
    before = count.inner_text()

    search_for(page, words.query)
    expect(count).not_to_have_text(before)
    expect_first_result_without_scrolling(page)

    open_filters(page, words)
    choose(page, words.directory_place_label, words.place)
    tick(page, words.eligibility)
    close_filters(page, words)
    wanted = sorted(slug for slug in catalog.suppliers
                    if "cleaning" in catalog.suppliers[slug].data["categories"]
                    and supplier_delivers_in(catalog, slug, words.place_code)
                    and supplier_declares_eligibility(catalog, slug))
    assert len(wanted) >= 2, "the journey site should hold two such suppliers at least"
    allowed = {slug for slug in catalog.suppliers if supplier_mentions_cleaning(catalog, slug)
               and supplier_delivers_in(catalog, slug, words.place_code)
               and supplier_declares_eligibility(catalog, slug)}
    wait_for_results_within(page, allowed)
    shown = shown_slugs(page)
    expect_count(page, len(shown))
    wrong = [slug for slug in shown if slug not in allowed]
    assert wrong == [], f"shown but not an eligible cleaning supplier in {words.place}"
    assert set(wanted) <= set(shown), f"missing: {sorted(set(wanted) - set(shown))}"

    open_first_result(page)
    go_back_to_results(page, words.query, shown)

    listed = add_to_shortlist(page, words, 2)
    open_shortlist(page, words)
    text = copy_email_text(page, words)
    for slug in listed:
        assert catalog.suppliers[slug].data["name"] in text
        assert supplier_contact_email(catalog, slug) in text


# ---- journey 2: an enterprise finds open entries in its place and sees how to signal interest ---------------------

def test_enterprise_finds_entries_in_its_place_and_sees_how_to_signal_interest(tab, words, catalog):
    """A work-integration enterprise in Göteborg (Swedish) or Aarhus (Danish) filters the plan by its place and
    by cleaning: each shown entry is for a place that overlaps its town and is a cleaning entry, every open one
    of those is shown; an entry explains in plain words how to signal interest."""
    page = tab
    open_home(page, words)
    follow_link(page, words.plan_link)
    expect(result_cards(page).first).to_be_visible()

    open_filters(page, words)
    choose(page, words.plan_place_label, words.place)
    choose(page, words.category_label, words.cleaning)
    close_filters(page, words)
    listed = all_plan_slugs(page)
    wanted = [slug for slug in listed if entry_in_area(catalog, slug, words.place_code)
              and entry_matches(catalog, slug, "category", "cleaning")]
    assert len(wanted) >= 2, "the journey site should hold two such entries at least"
    expect_count(page, *shown_and_archived(catalog, wanted))
    shown = shown_slugs(page)
    assert sorted(shown) == sorted(wanted)
    assert {slug for slug in wanted if is_open(catalog, slug)} <= set(shown)

    open_first_result(page)
    box = interest_box(page, words)
    expect(box.get_by_role("heading")).to_have_count(1)  # a box of its own, not the whole page
    text = box.inner_text()
    assert len(text) > len(words.interest_heading) + 40, "the box should explain how to signal interest"
    assert DEVELOPER_WORDS.findall(text) == []


def shown_and_archived(catalog, slugs: list[str]) -> tuple[int, int]:
    """How many entries a plan filter shows, and how many of them are archived."""
    return len(slugs), sum(not is_open(catalog, slug) for slug in slugs)


def all_plan_slugs(page: Page) -> list[str]:
    """Every entry the plan page lists, shown or filtered away."""
    return [card_slug(card) for card in page.get_by_role("main").locator(".bro-card").all()]


# ---- journey 3: a newcomer reaches the getting-started guide ------------------------------------------------------

def test_newcomer_reaches_the_guide_in_one_click_from_the_home_page(tab, words):
    page = tab
    open_home(page, words)
    follow_link(page, words.guide_link)
    expect(page.get_by_role("heading", level=1)).to_have_text(words.guide_heading)


def test_newcomer_reaches_the_guide_through_the_menu(tab, words):
    """The menu's knowledge bank leads to the guide: two clicks on a wide screen; on a phone the menu is in the
    drawer, opened first by the header's menu button (the home page's tile is the one-tap way there)."""
    page = tab
    open_home(page, words)
    if page.screen == "phone":
        page.locator("header label[for='__drawer']").click()
        expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    # the menu's knowledge bank section opens on a click (Material's section toggle) and shows the guide
    menu = page.locator(".md-sidebar--primary")
    menu.locator(".md-nav__link", has_text=words.knowledge_bank).filter(visible=True).first.click()
    guide = menu.get_by_role("link", name=words.guide_link).filter(visible=True).first
    expect(guide).to_be_in_viewport()  # on a phone the section slides in over the menu
    guide.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.guide_heading)


# ---- journey 4: every filter option gives the count the data says ------------------------------------------------

def test_every_plan_filter_option_shows_the_entries_the_data_says(tab, words, catalog):
    """Each option of each plan select (ids plan-<name>), and each CPV division used, alone."""
    page = tab
    page.goto(f"{page.root}/{words.lang}/{plan_path(words)}")
    expect(result_cards(page).first).to_be_visible()
    listed = all_plan_slugs(page)
    open_filters(page, words, required=False)
    selects = page.locator("select[id^='plan-']")
    assert selects.count() >= 6
    wrong = []
    for select in selects.all():
        name = select.get_attribute("id").removeprefix("plan-")
        for value in [v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)") if v]:
            select.select_option(value)
            wanted = [slug for slug in listed if entry_matches(catalog, slug, name, value)]
            if not count_settles_on(page, *shown_and_archived(catalog, wanted), cards=True):
                wrong.append(f"{name}={value}: {len(result_cards(page).all())} shown, "
                             f"{result_count(page).inner_text()!r}, data says {len(wanted)}")
        select.select_option("")
    cpv = page.locator("#plan-cpv")
    for division in sorted({code[:2] for slug in listed for code in catalog.tenders[slug].data.get("cpv") or []}):
        cpv.fill(division)
        wanted = [slug for slug in listed
                  if any(code.startswith(division) for code in catalog.tenders[slug].data.get("cpv") or [])]
        if not count_settles_on(page, *shown_and_archived(catalog, wanted), cards=True):
            wrong.append(f"cpv={division}: {len(result_cards(page).all())} shown, "
                         f"{result_count(page).inner_text()!r}, data says {len(wanted)}")
    assert not wrong, "\n".join(wrong)


def test_every_directory_facet_option_counts_what_the_data_says(tab, words, catalog):
    """Each checkbox option of the directory, those behind a long facet's "show all" too: its count in the label,
    and the results when ticked alone."""
    page = open_directory_filters(tab, words, catalog)
    closed = page.locator(".bro-facet__all[aria-expanded='false']")
    for left in range(closed.count(), 0, -1):
        closed.first.click()
        expect(closed).to_have_count(left - 1)
    values = {slug: supplier_facet_values(catalog, slug) for slug in catalog.suppliers}
    # By id, not by position: while a box is ticked, options with hits may show or hide around it.
    ids = page.get_by_role("main").get_by_role("checkbox").evaluate_all("boxes => boxes.map(box => box.id)")
    assert len(ids) == page.locator("main input[type=checkbox][id^='f-']").count() > 20
    wrong = []
    for box in (page.locator(f"#{id_}") for id_ in ids):
        facet, value = box.get_attribute("name"), box.get_attribute("value")
        wanted = sum(value in have[facet] for have in values.values())
        label = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
        stated = re.findall(r"\d+", label)
        if not stated or int(stated[-1]) != wanted:
            wrong.append(f"{facet}={value}: label {label!r}, data says {wanted}")
        box.check()
        if not count_settles_on(page, wanted):
            wrong.append(f"{facet}={value}: ticked shows {result_count(page).inner_text()!r}, data says {wanted}")
        box.uncheck()
    assert not wrong, "\n".join(wrong)


def test_every_directory_place_finds_the_suppliers_that_deliver_there(tab, words, catalog):
    """Each place of the "delivers in" select: the suppliers with a delivery area that overlaps it."""
    page = open_directory_filters(tab, words, catalog)
    place = page.get_by_role("combobox", name=words.directory_place_label)
    wrong = []
    for code in [v for v in place.locator("option").evaluate_all("os => os.map(o => o.value)") if v]:
        place.select_option(code)
        wanted = sum(supplier_delivers_in(catalog, slug, code) for slug in catalog.suppliers)
        if not count_settles_on(page, wanted):
            wrong.append(f"area={code}: {result_count(page).inner_text()!r}, data says {wanted}")
    assert not wrong, "\n".join(wrong)


def open_directory_filters(page: Page, words: Words, catalog) -> Page:
    """The directory with every supplier counted and the filters open."""
    page.goto(f"{page.root}/{words.lang}/{directory_path(words)}")
    expect(result_count(page)).to_have_text(re.compile(rf"\b{len(catalog.suppliers)}\b"))
    open_filters(page, words, required=False)
    return page


def count_settles_on(page: Page, shown: int, archived: int = 0, cards: bool = False) -> bool:
    """Whether the announced count (and, with cards, the number of shown cards) comes to `shown`, waiting as
    expect does but briefly: a wrong count is reported with the others, not at once."""
    try:
        expect_count(page, shown, archived, timeout=1500)
        if cards:
            expect(result_cards(page)).to_have_count(shown, timeout=1500)
    except AssertionError:
        return False
    return True


def wait_for_results_within(page: Page, allowed: set[str]) -> None:
    """Wait until the page shows results and only ones from `allowed` (filters may apply after a pause); if it
    never does, the caller's assertions say which results are wrong."""
    script = """allowed => {
        const cards = [...document.querySelectorAll("main .bro-card")].filter(card => card.offsetParent !== null);
        const slug = card => (card.querySelector("h1 a, h2 a, h3 a, h4 a") || {href: ""}).href
            .split("#")[0].split("/").pop().replace(/\\.html$/, "");
        return cards.length > 0 && cards.every(card => allowed.includes(slug(card)));
    }"""
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(script, arg=sorted(allowed), timeout=5000)


def plan_path(words: Words) -> str:
    return "udbudsplan/index.html" if words.lang == "da" else "upphandlingsplan/index.html"


def directory_path(words: Words) -> str:
    return "leverandorer/index.html" if words.lang == "da" else "leverantorer/index.html"
