"""TED's public Search API (anonymous): an expert query POSTed to /v3/notices/search, paged through, and
each found notice's XML downloaded; with timeouts, retries with backoff and rate-limit handling.

The network is reached only through a `Transport` (a callable), so tests replay recorded responses.
Request body (docs.ted.europa.eu, "Downloading notices using the Search API"): query, fields, page, limit,
scope, paginationMode (PAGE_NUMBER, the default). Response: notices (each with the requested fields, e.g.
publication-number and links.xml.MUL), totalNoticeCount, timedOut.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

SEARCH_URL = "https://api.ted.europa.eu/v3/notices/search"
NOTICE_XML_URL = "https://ted.europa.eu/en/notice/{number}/xml"
FIELDS = ("publication-number", "notice-type", "buyer-country", "publication-date", "links")
PAGE_LIMIT = 100  # the API allows at most 250 a page
MAX_PAGES = 150  # PAGE_NUMBER mode reaches at most 15000 notices
USER_AGENT = "Bro-TED-import/1 (+https://github.com/)"


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


Transport = Callable[[str, str, bytes | None, dict[str, str], float], Response]


class TedError(RuntimeError):
    """TED could not be asked (after retries), or answered in a shape the importer does not know."""


def urllib_transport(method: str, url: str, body: bytes | None, headers: dict[str, str], timeout: float) -> Response:
    """The real network, through the standard library."""
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (https only, fixed hosts)
            return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
    except urllib.error.HTTPError as err:
        return Response(err.code, {k.lower(): v for k, v in (err.headers or {}).items()}, err.read() or b"")


def expert_query(start: date, end: date, countries: tuple[str, ...] = ("DNK", "SWE")) -> str:
    """The expert query: notices by Danish or Swedish buyers published in the window [start, end].
    Reservation and categories are decided after reading each notice's XML (the SDK's fields)."""
    return (f"buyer-country IN ({' '.join(countries)}) AND publication-date>={start:%Y%m%d} "
            f"AND publication-date<={end:%Y%m%d} SORT BY publication-number ASC")


class TedClient:
    def __init__(self, transport: Transport = urllib_transport, *, timeout: float = 30.0, retries: int = 4,
                 backoff: float = 2.0, max_wait: float = 120.0, sleep: Callable[[float], None] = time.sleep):
        self.transport, self.timeout, self.retries = transport, timeout, retries
        self.backoff, self.max_wait, self.sleep = backoff, max_wait, sleep

    def _call(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        """One request, retried on network errors, 429 and 5xx; waits Retry-After when TED sends it."""
        last = ""
        for attempt in range(self.retries + 1):
            try:
                answer = self.transport(method, url, body, {"User-Agent": USER_AGENT, **headers}, self.timeout)
            except (OSError, TimeoutError) as err:
                last = f"{type(err).__name__}: {err}"
            else:
                if answer.status < 400:
                    return answer
                last = f"HTTP {answer.status}"
                if answer.status != 429 and answer.status < 500:
                    raise TedError(f"{url}: {last}")
                retry_after = answer.headers.get("retry-after", "")
                if retry_after.isdigit() and attempt < self.retries:
                    self.sleep(min(float(retry_after), self.max_wait))
                    continue
            if attempt < self.retries:
                self.sleep(min(self.backoff * 2**attempt, self.max_wait))
        raise TedError(f"{url}: {last} after {self.retries + 1} attempts")

    def search(self, query: str, limit: int = PAGE_LIMIT) -> Iterator[dict]:
        """Every notice the query finds, page by page; a page shorter than the limit ends the search."""
        seen = 0
        for page in range(1, MAX_PAGES + 1):
            body = json.dumps({"query": query, "fields": list(FIELDS), "page": page, "limit": limit,
                               "scope": "ALL", "paginationMode": "PAGE_NUMBER"}).encode()
            answer = self._call("POST", SEARCH_URL, body, {"Content-Type": "application/json",
                                                             "Accept": "application/json"})
            try:
                data = json.loads(answer.body)
                notices, total = data["notices"], int(data.get("totalNoticeCount", 0))
            except (ValueError, KeyError, TypeError) as err:
                raise TedError(f"{SEARCH_URL}: page {page} is not a search result ({err})") from err
            if data.get("timedOut"):
                raise TedError(f"{SEARCH_URL}: page {page} timed out on TED's side")
            yield from notices
            seen += len(notices)
            if not notices or seen >= total:
                return
            if len(notices) < limit:
                raise TedError(f"{SEARCH_URL}: page {page} held {len(notices)} of {limit} notices "
                               f"before all {total} were seen (a partial page)")
        raise TedError(f"{SEARCH_URL}: more than {MAX_PAGES * limit} notices; narrow the date window")

    def notice_xml(self, notice: dict) -> bytes:
        """The notice's XML, from the link the search gave (links.xml.MUL) or TED's address for it."""
        links = (notice.get("links") or {}).get("xml") or {}
        url = links.get("MUL") or next(iter(links.values()), "") or NOTICE_XML_URL.format(
            number=notice.get("publication-number", ""))
        return self._call("GET", url, None, {"Accept": "application/xml"}).body
