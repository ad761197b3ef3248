"""Keeping the published data current: external links that stopped working or moved, supplier profiles not
verified for 12 months, tender entries whose dates have passed while their status still says planned or
published, and the pages' open review points (never shown to readers). Produces one Markdown report in Danish
and Swedish for the weekly tracking issue.

Nothing here runs in pull requests: a link that is down for an hour must never block a contribution."""
from __future__ import annotations

import datetime as dt
import fnmatch
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bro import content, files
from bro.catalog import Catalog
from bro.changes import MAX_NAME, display_name, review_lines
from bro.escape import markdown_code, markdown_line, markdown_url
from bro.messages import text
from bro.model import Organisation, Supplier, TenderEntry
from bro.model.rules import CLOSED_STATUSES
from bro.texts import AUTOMATION_LANGUAGES

SCANNED = ("data", "content")
SCANNED_SUFFIXES = (".yml", ".md")
URL_PATTERN = re.compile(r"https?://[^\s<>\"'`)\]]+")
TRAILING = ".,;:!?*_"
HOST_PATTERN = re.compile(r"[\w-]+(\.[\w-]+)+")  # a real host name has a dot; "https://…" in a guide has none
USER_AGENT = "Bro-linkcheck/1.0 (+https://github.com/bro-socialt-indkob/bro; weekly check of links in Bro's data)"
PERMANENT_REDIRECTS = (301, 308)
RETRY_STATUSES = (429, 500, 502, 503, 504)
READ_BYTES = 65_536  # enough to know the page answers; the rest is not downloaded
MAX_ITEMS = 50  # per report section; the issue body has a size limit


@dataclass(frozen=True)
class Exclude:
    """A link the check leaves alone, and why."""

    reason: str
    host: str | None = None  # this host and its subdomains
    url: str | None = None  # a shell-style pattern matched against the whole address


@dataclass(frozen=True)
class Place:
    """Where an address is written: file and line."""

    file: str
    line: int


@dataclass
class LinkResult:
    """What happened when an address was fetched."""

    url: str
    status: str  # ok | moved | broken | unreachable
    detail: str = ""  # "HTTP 404", "timeout", …
    target: str | None = None  # where a moved page lives now
    attempts: int = 1
    places: list[Place] = field(default_factory=list)


@dataclass
class Report:
    """Everything the weekly tracking issue says."""

    today: dt.date
    links: list[LinkResult] = field(default_factory=list)
    skipped: int = 0
    stale: list[Supplier] = field(default_factory=list)
    overdue: list[tuple[TenderEntry, str, dt.date]] = field(default_factory=list)  # (entry, reason, date)
    statuses: dict = field(default_factory=dict, repr=False)  # status code → {da, sv} label
    review: dict[str, list[content.ReviewPoint]] = field(default_factory=dict)  # page → its open review points
    stale_organisations: list[Organisation] = field(default_factory=list)  # support organisations not checked lately

    def by_status(self, status: str) -> list[LinkResult]:
        """Checked links with one outcome."""
        return [link for link in self.links if link.status == status]

    @property
    def findings(self) -> bool:
        """Whether anything needs an editor."""
        return bool(self.stale or self.stale_organisations or self.overdue or self.review
                    or any(link.status != "ok" for link in self.links))

    def counts(self) -> dict[str, int]:
        """Numbers for the job's log and the tracking step."""
        return {"checked": len(self.links), "skipped": self.skipped, "stale": len(self.stale),
                "stale_organisations": len(self.stale_organisations),
                "overdue": len(self.overdue), "review": sum(len(points) for points in self.review.values()),
                **{status: len(self.by_status(status)) for status in ("ok", "moved", "broken", "unreachable")}}


# --- links ---------------------------------------------------------------------------------------------------


def collect_urls(root: Path) -> dict[str, list[Place]]:
    """Every external address written in the data and content files, with each place it is written."""
    found: dict[str, list[Place]] = {}
    for folder in SCANNED:
        for path, link in files.walk(root, folder):
            if link or path.suffix not in SCANNED_SUFFIXES:
                continue  # a link is the validator's error, never read
            rel = path.relative_to(root).as_posix()
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                for match in URL_PATTERN.finditer(line):
                    url = match.group(0).rstrip(TRAILING)
                    if HOST_PATTERN.fullmatch(_host(url)):
                        found.setdefault(url, []).append(Place(rel, number))
    return found


def _host(url: str) -> str:
    """An address's host name in lower case ('' when the address is malformed)."""
    try:
        return (urllib.parse.urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def load_excludes(path: Path) -> list[Exclude]:
    """The exclude list (.github/link-check.yml); every entry needs a reason and one of host or url."""
    if not path.exists():
        return []
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("exclude") or []
    excludes = []
    for index, entry in enumerate(entries):
        reason = str(entry.get("reason") or "").strip() if isinstance(entry, dict) else ""
        kinds = [key for key in ("host", "url") if isinstance(entry, dict) and entry.get(key)]
        if not reason or len(kinds) != 1:
            raise ValueError(f"{path}: exclude[{index}] needs a reason and exactly one of host or url")
        excludes.append(Exclude(reason, host=entry.get("host"), url=entry.get("url")))
    return excludes


def excluded_by(url: str, excludes: list[Exclude]) -> Exclude | None:
    """The exclude entry that covers an address, if any."""
    host = _host(url)
    for entry in excludes:
        if entry.host and (host == entry.host.lower() or host.endswith("." + entry.host.lower())):
            return entry
        if entry.url and fnmatch.fnmatchcase(url, entry.url):
            return entry
    return None


class _RedirectRecorder(urllib.request.HTTPRedirectHandler):
    """Follows redirects and remembers each one (status and new address)."""

    def __init__(self) -> None:
        self.chain: list[tuple[int, str]] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        """Record the redirect, then follow it as urllib does."""
        self.chain.append((code, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float, user_agent: str) -> tuple[str, str, str | None]:
    """One GET: (status, detail, target). Raises nothing for HTTP or network trouble."""
    recorder = _RedirectRecorder()
    opener = urllib.request.build_opener(recorder)
    request = urllib.request.Request(url, method="GET", headers={
        "User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        "Accept-Language": "da, sv;q=0.9, en;q=0.5"})
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read(READ_BYTES)
            final = response.geturl()
    except urllib.error.HTTPError as error:
        return "broken", f"HTTP {error.code}", None
    except TimeoutError:
        return "unreachable", "timeout", None
    except urllib.error.URLError as error:
        reason = error.reason
        timed_out = isinstance(reason, TimeoutError) or "timed out" in str(reason)
        return "unreachable", "timeout" if timed_out else "connection", None
    except (OSError, ValueError) as error:
        return "unreachable", type(error).__name__, None
    if any(status in PERMANENT_REDIRECTS for status, _ in recorder.chain) and final.rstrip("/") != url.rstrip("/"):
        return "moved", f"HTTP {recorder.chain[0][0]}", final
    return "ok", "", None


def _retryable(status: str, detail: str) -> bool:
    """Trouble that may pass: no answer, too many requests, a server error."""
    return status == "unreachable" or (status == "broken" and detail.split()[-1] in map(str, RETRY_STATUSES))


def check_url(url: str, timeout: float = 10.0, retries: int = 2, backoff: float = 2.0,
              user_agent: str = USER_AGENT, sleep=time.sleep) -> LinkResult:
    """Fetch an address, trying again after a pause when the trouble may be passing."""
    for attempt in range(1, retries + 2):
        status, detail, target = fetch(url, timeout, user_agent)
        if not _retryable(status, detail) or attempt == retries + 1:
            return LinkResult(url, status, detail, target, attempt)
        sleep(backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover


def check_links(found: dict[str, list[Place]], excludes: list[Exclude], workers: int = 8,
                **options) -> tuple[list[LinkResult], int]:
    """Check every address that is not excluded (each once, a few at a time); returns results and how many
    addresses the exclude list skipped."""
    wanted = sorted(url for url in found if not excluded_by(url, excludes))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(lambda url: check_url(url, **options), wanted))
    for result in results:
        result.places = found[result.url]
    return results, len(found) - len(wanted)


# --- freshness -----------------------------------------------------------------------------------------------


def stale_suppliers(catalog: Catalog) -> list[Supplier]:
    """Profiles not verified for more than 12 months (the same rule as the site's notice), oldest first."""
    stale = [supplier for supplier in catalog.suppliers.values() if supplier.is_stale(catalog.today)]
    return sorted(stale, key=lambda supplier: (supplier.last_verified, supplier.slug))


def stale_organisations(catalog: Catalog) -> list[Organisation]:
    """Support organisations not checked against their sources for more than a year, the oldest first."""
    stale = [org for org in catalog.organisations.values() if org.is_stale(catalog.today)]
    return sorted(stale, key=lambda org: (org.checked, org.slug))


def overdue_tenders(catalog: Catalog) -> list[tuple[TenderEntry, str, dt.date]]:
    """Entries whose status is out of date: every key date passed while still planned or published (the site
    has moved them to the archive), or still planned after the expected publication date."""
    found = []
    for entry in catalog.tenders.values():
        if entry.status in CLOSED_STATUSES:
            continue
        published = entry.date_of("expected_publication")
        if entry.dates_passed(catalog.today):
            found.append((entry, "dates_passed", max(day for _, day in entry.key_dates)))
        elif entry.status == "planned" and published and published < catalog.today:
            found.append((entry, "publication_passed", published))
    return sorted(found, key=lambda item: (item[2], item[0].slug))


def build_report(catalog: Catalog, links: list[LinkResult], skipped: int) -> Report:
    """Put the link results, the freshness findings and the pages' open review points together."""
    statuses = {code_: {lang: catalog.vocab.label("statuses", code_, lang) for lang in AUTOMATION_LANGUAGES}
                for code_ in catalog.vocab.codes("statuses")}
    return Report(catalog.today, links, skipped, stale_suppliers(catalog), overdue_tenders(catalog), statuses,
                  content.review_points(catalog.root), stale_organisations(catalog))


# --- rendering -----------------------------------------------------------------------------------------------


def _t(lang: str, key: str, **params) -> str:
    """A text of the upkeep report."""
    return text("upkeep", lang, key, **params)


def _places(places: list[Place], lang: str) -> str:
    """Where an address is written, as a short list."""
    shown = [_t(lang, "place", file=markdown_code(p.file), line=p.line) for p in places[:5]]
    if len(places) > 5:
        shown.append(_t(lang, "and_more", count=len(places) - 5))
    return ", ".join(shown)


def _link_reason(link: LinkResult, lang: str) -> str:
    """Why a link is listed, in plain words."""
    if link.status == "moved":
        return _t(lang, "link.moved", target=markdown_url(link.target))
    if link.detail == "timeout":
        return _t(lang, "link.timeout", attempts=link.attempts)
    if link.status == "unreachable":
        return _t(lang, "link.connection", attempts=link.attempts)
    number = link.detail.split()[-1]
    return _t(lang, f"link.http_{number}" if number in ("403", "404", "410") else "link.http", code=number)


def _section(lines: list[str], heading: str, items: list[str], lang: str, intro: str | None = None) -> None:
    """A heading, a line of explanation if any, and its list (cut at MAX_ITEMS)."""
    lines += ["", f"### {heading}", ""] + ([intro, ""] if intro else []) + items[:MAX_ITEMS]
    if len(items) > MAX_ITEMS:
        lines.append("- " + _t(lang, "and_more", count=len(items) - MAX_ITEMS))


def render_report(report: Report, lang: str) -> str:
    """The report in one language."""
    year, week, _ = report.today.isocalendar()
    lines = [f"## {_t(lang, 'heading', week=week, year=year, date=report.today.isoformat())}", "",
             _t(lang, "intro")]
    for status in ("broken", "unreachable", "moved"):
        found = report.by_status(status)
        if found:
            items = [f"- {markdown_url(link.url)} – {_link_reason(link, lang)} {_t(lang, 'written_in')} "
                     f"{_places(link.places, lang)}" for link in found]
            _section(lines, _t(lang, f"links.{status}", count=len(found)), items, lang)
    if report.stale:
        items = [f"- **{markdown_line(display_name(r)[lang], MAX_NAME)}** ({markdown_code(r.source)}): "
                 f"{_t(lang, 'stale.item', date=r.last_verified.isoformat())}" for r in report.stale]
        _section(lines, _t(lang, "stale.heading", count=len(report.stale)), items, lang)
    if report.stale_organisations:
        items = [f"- **{markdown_line(org.name, MAX_NAME)}** ({markdown_code(org.source)}): "
                 f"{_t(lang, 'stale_organisations.item', date=org.checked.isoformat())}"
                 for org in report.stale_organisations]
        _section(lines, _t(lang, "stale_organisations.heading", count=len(report.stale_organisations)), items, lang)
    if report.overdue:
        items = []
        for record, reason, day in report.overdue:
            labels = {code_: markdown_line(report.statuses.get(code_, {}).get(lang, code_))
                      for code_ in (record.status, "awarded", "cancelled")}
            status = labels[record.status]
            closed = {code_: labels[code_] for code_ in ("awarded", "cancelled")}
            items.append(f"- **{markdown_line(display_name(record)[lang], MAX_NAME)}** "
                         f"({markdown_code(record.source)}): "
                         f"{_t(lang, f'overdue.{reason}', status=status, date=day.isoformat(), **closed)}")
        _section(lines, _t(lang, "overdue.heading", count=len(report.overdue)), items, lang)
    if report.review:
        count = sum(len(points) for points in report.review.values())
        _section(lines, _t(lang, "review.heading", count=count), review_lines(report.review, lang), lang,
                 _t(lang, "review.intro"))
    if not report.findings:
        lines += ["", _t(lang, "all_clear")]
    lines += ["", f"_{_t(lang, 'footer', checked=len(report.links), skipped=report.skipped)}_"]
    return "\n".join(lines).strip() + "\n"


def render_issue(report: Report) -> str:
    """The tracking issue's body: Danish first, then Swedish, apart by a rule after a blank line."""
    return "\n\n---\n\n".join(render_report(report, lang).rstrip("\n") for lang in AUTOMATION_LANGUAGES) + "\n"


def issue_title() -> str:
    """The tracking issue's title in both languages."""
    return " / ".join(_t(lang, "title") for lang in AUTOMATION_LANGUAGES)
