"""Legal citations in reader text ("udbudsloven § 54", "LOU 4 kap. 18 §", "direktivets art. 77, stk. 2"): found,
held against the table of provisions (data/provisions.yml) and linked to the act's text. Conservative: only a
citation that names its act is linked; one that leans on an act named earlier is checked, never linked."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path

from bro.yamlload import load_file

PROVISIONS_FILE = Path("data") / "provisions.yml"
_NUMBER = r"\d+(?:\s[a-h]\b)?"  # 25, or 25 a as Swedish law numbers an inserted section

# The acts as the text names them, by kind of numbering: "§ 54" (DK), "4 kap. 18 §" (SE), "art. 20" (EU).
_ACT_NAMES = {
    "udbudsloven": ("dk", r"[Uu]dbudslov(?:en|ens)"),
    "serviceloven": ("dk", r"[Ss]ervicelov(?:en|ens)"),
    "lou": ("se", r"LOU(?:\s\(2016:1145\))?|lag(?:en)?\s\(2016:1145\)\som\soffentlig\supphandling"),
    "lov": ("se", r"lag(?:en)?\s\(2008:962\)\som\svalfrihetssystem"),
    "kommunallagen": ("se", r"[Kk]ommunallag(?:en|ens)?(?:\s\(2017:725\))?"),
    "direktiv-2014-24": ("eu", r"(?:[Dd]irektiv|[Dd]irective)\s2014/24/EU"
                               r"|(?:[Uu]dbuds|[Uu]pphandlings)?[Dd]irektivets"),
    "gdpr": ("eu", r"[Dd]atabeskyttelsesforordningens|[Dd]ataskyddsförordningens?"),
}


def _names(kind: str) -> str:
    """One alternation of the names of the acts of one kind, each in its own named group."""
    return "|".join(f"(?P<{code.replace('-', '_')}>{pattern})" for code, (k, pattern) in _ACT_NAMES.items()
                    if k == kind)


_DK_SECTION = rf"(?P<sign>§§?)\s(?P<n>{_NUMBER})(?:\s?[-–]\s?(?P<to>\d+))?"
_DK_DETAIL = r"(?:,?\s(?:stk\.\s\d+(?:\s?[-–]\s?\d+)?|nr\.\s\d+|litra\s[a-z]\b))*"
_SE_SECTION = rf"(?P<ch>{_NUMBER})\skap\.(?:\s(?P<n>{_NUMBER})\s§)?"
_EU_SECTION = r"(?:art\.|artikel)\s(?P<n>\d+)"
_EU_DETAIL = r"(?:(?:\.\d+)+(?:\s[a-z]\b)?|(?:,\s(?:stk\.\s\d+|nr\.\s\d+|litra\s[a-z]\b))+)?"

# (kind, whether the act is named, pattern); the part to link is the group "cite" (the whole match without it).
_FORMS = [
    ("dk", True, re.compile(rf"(?P<cite>(?:{_names('dk')})\s{_DK_SECTION}{_DK_DETAIL})")),
    ("dk", True, re.compile(rf"(?P<cite>{_DK_SECTION}{_DK_DETAIL}\si\s(?:{_names('dk')}))")),
    ("dk", False, re.compile(rf"(?P<cite>{_DK_SECTION}{_DK_DETAIL})")),
    ("se", True, re.compile(rf"(?P<cite>(?:{_names('se')})\s{_SE_SECTION})")),
    ("se", True, re.compile(rf"(?P<cite>{_SE_SECTION}\s(?:i\s)?(?:{_names('se')}))")),
    ("se", False, re.compile(rf"(?P<cite>{_SE_SECTION})")),
    ("se-section", False, re.compile(rf"(?<![\w.])(?P<cite>(?P<n>{_NUMBER})\s§)")),
    ("eu", True, re.compile(rf"(?P<cite>(?:{_names('eu')})\s{_EU_SECTION}{_EU_DETAIL})")),
    ("eu", True, re.compile(rf"(?P<cite>{_EU_SECTION}{_EU_DETAIL}\s(?:i\s)?(?:{_names('eu')}))")),
    ("eu", True, re.compile(rf"(?P<cite>{_EU_SECTION}{_EU_DETAIL})\s\((?:{_names('eu')})\)")),
    ("eu", False, re.compile(rf"(?P<cite>{_EU_SECTION}{_EU_DETAIL})")),
]
# "19 kap. 25 § och 25 a §", "6 kap. 30 § og 40 §": a further section of the same chapter.
_AND_SECTION = re.compile(rf"\s(?:och|og)\s(?P<cite>(?P<n>{_NUMBER})\s§)")


@dataclass(frozen=True)
class Citation:
    """One citation in a text: where it is, the act (None when the text names none before it) and the section in
    the table's normal form ("§ 54", "4 kap. 18 §", "16 kap.", "art. 20")."""

    start: int
    end: int
    text: str
    act: str | None
    section: str
    named: bool  # the act is named in the citation itself (or in the one it continues): safe to link


@dataclass
class Provisions:
    """The table of provisions: the acts (country, title, address) and each cited section of them."""

    acts: dict[str, dict] = field(default_factory=dict)
    sections: dict[tuple[str, str], dict] = field(default_factory=dict)
    # Pieces of generated pages' text as linked (link_html): the same few hundred recur on thousands of pages.
    linked: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def find(self, citation: Citation) -> dict | None:
        """The table's entry for a citation, or None when the table does not have it."""
        return self.sections.get((citation.act, citation.section)) if citation.act else None

    def url(self, citation: Citation) -> str | None:
        """The address of the act a citation is in, None when unknown or when the number is a former one."""
        entry = self.find(citation)
        if entry is None or entry.get("valid_until"):
            return None
        return self.acts[citation.act]["url"]


def load_provisions(root: Path) -> Provisions:
    """The table in data/provisions.yml (its schema is checked by the tests)."""
    path = root / PROVISIONS_FILE
    data = load_file(path, PROVISIONS_FILE.as_posix()).data if path.exists() else None
    table = Provisions()
    if isinstance(data, dict):
        table.acts = dict(data.get("acts") or {})
        for entry in data.get("provisions") or []:
            table.sections[(entry["act"], entry["section"])] = entry
    return table


def _act(match: re.Match) -> str | None:
    """The code of the act a match names, if any."""
    return next((code for code in _ACT_NAMES if match.groupdict().get(code.replace("-", "_"))), None)


def _section(kind: str, match: re.Match, chapter: str | None = None) -> str:
    """A matched section in the table's normal form."""
    number = " ".join(match["n"].split()) if match["n"] else ""
    if kind == "dk":
        return f"§§ {number}-{match['to']}" if match["to"] else f"§ {number}"
    if kind == "eu":
        return f"art. {number}"
    chapter = " ".join(match["ch"].split()) if kind == "se" else chapter
    return f"{chapter} kap. {number} §" if number else f"{chapter} kap."


def find_citations(text: str) -> list[Citation]:
    """Every citation in a text, in order. A citation without its act takes the act named last before it in the
    text (and a bare Swedish "25 §" the chapter cited last); it is then marked as not named."""
    found: dict[int, tuple[int, str, bool, re.Match]] = {}
    for kind, named, pattern in _FORMS:
        for match in pattern.finditer(text):
            start, end = match.span("cite")
            if not any(s <= start < e or start <= s < end for s, (e, *_rest) in found.items()):
                found[start] = (end, kind, named, match)
    citations: list[Citation] = []
    last_act: dict[str, str] = {}
    last_chapter: tuple[str, str, bool] | None = None  # (act, chapter, named)
    for start in sorted(found):
        end, kind, named, match = found[start]
        if citations and start < citations[-1].end:
            continue  # a section already read as continuing the citation before it
        group = "se" if kind == "se-section" else kind
        act = _act(match) if named else last_act.get(group)
        if named:
            last_act[group] = act
        if kind == "se-section":
            if last_chapter is None:
                citations.append(Citation(start, end, text[start:end], None, text[start:end], False))
                continue
            act, chapter, _named = last_chapter
            citations.append(Citation(start, end, text[start:end], act, _section(kind, match, chapter), False))
            continue
        section = _section(kind, match)
        citations.append(Citation(start, end, text[start:end], act, section, named))
        if kind == "se":
            last_chapter = (act, " ".join(match["ch"].split()), named)
            citations.extend(_continued(text, end, act, last_chapter[1], named))
    return sorted(citations, key=lambda c: c.start)


def _continued(text: str, end: int, act: str | None, chapter: str, named: bool) -> list[Citation]:
    """The sections that continue a Swedish citation: "19 kap. 25 § och 25 a §" → 19 kap. 25 a §."""
    more = []
    while (match := _AND_SECTION.match(text, end)) is not None:
        start, end = match.span("cite")
        more.append(Citation(start, end, text[start:end], act, f"{chapter} kap. {' '.join(match['n'].split())} §",
                             named))
    return more


# --- reader pages ------------------------------------------------------------------------------------------------

# Notes to the editors, not read by readers as the law: neither checked nor linked.
EDITORIAL_TITLES = ("Til redaktionel kontrol", "För redaktionell granskning")
_EDITORIAL = re.compile(r'^(?:!!!|\?\?\?\+?)\s+\w+\s+"(?:' + "|".join(EDITORIAL_TITLES) + r')"')
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(?:#{1,6}\s|\s*(?:!!!|\?\?\?))")  # a heading, or a note's title line
# Inline parts whose text must not become a link: code, links and images, autolinks and tags, attribute lists.
_INLINE_KEEP = re.compile(r"`[^`\n]*`|!?\[[^\]\n]*\]\([^)\n]*\)|!?\[[^\]\n]*\]\[[^\]\n]*\]|<[^>\n]+>|\{[^}\n]*\}")


def _regions(markdown: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The parts of a Markdown page that are not checked (front matter with its editors' review points, editorial
    notes, code), and those that are checked but never linked (headings and notes' titles, existing links, tags,
    attribute lists), as (start, end) offsets."""
    unchecked: list[tuple[int, int]] = []
    unlinked: list[tuple[int, int]] = []
    offset, fence, editorial = 0, None, False
    front_matter = markdown.startswith("---\n")
    for number, line in enumerate(markdown.splitlines(keepends=True)):
        span = (offset, offset + len(line))
        offset += len(line)
        if front_matter:
            unchecked.append(span)
            front_matter = number == 0 or line.rstrip() != "---"
            continue
        if fence:
            unchecked.append(span)
            fence = None if line.strip().startswith(fence) else fence
            continue
        if editorial and (not line.strip() or line.startswith(("    ", "\t"))):
            unchecked.append(span)
            continue
        editorial = bool(_EDITORIAL.match(line))
        if (match := _FENCE.match(line)) is not None:
            fence = match.group(1)
            unchecked.append(span)
        elif editorial:
            unchecked.append(span)
        elif _HEADING.match(line):
            unlinked.append(span)
        else:
            unlinked.extend((span[0] + m.start(), span[0] + m.end()) for m in _INLINE_KEEP.finditer(line))
    return unchecked, unlinked


def _inside(citation: Citation, regions: list[tuple[int, int]]) -> bool:
    """Whether a citation overlaps one of the regions."""
    return any(start < citation.end and citation.start < end for start, end in regions)


def reader_citations(markdown: str) -> list[Citation]:
    """The citations a reader reads on a Markdown page (editorial notes and code left out)."""
    unchecked, _unlinked = _regions(markdown)
    return [c for c in find_citations(markdown) if not _inside(c, unchecked)]


def unknown(citation: Citation, table: Provisions) -> str:
    """Why a citation is wrong ('' when the table has it): it names no act, or the table lacks the section."""
    if citation.act is None:
        return f"'{citation.text}' names no act, and none is named before it"
    if table.find(citation) is None:
        return f"'{citation.text}' ({citation.act} {citation.section}) is not in {PROVISIONS_FILE.as_posix()}"
    return ""


def link_citations(markdown: str, table: Provisions) -> str:
    """A Markdown page with each citation that names its act linked to the act's text (not in headings, links,
    code or editorial notes; a citation the table lacks or a former number stays plain text)."""
    unchecked, unlinked = _regions(markdown)
    return _replace_citations(markdown, table, lambda citation, url: f"[{citation.text}]({url})",
                              skip=lambda citation: _inside(citation, unchecked) or _inside(citation, unlinked))


def _replace_citations(text: str, table: Provisions, link, skip=lambda citation: False) -> str:
    """text with each citation that names its act and that the table has (and skip does not refuse) replaced by
    link(citation, url); the rest as it is."""
    out, last = [], 0
    for citation in find_citations(text):
        url = table.url(citation) if citation.named else None
        if url is None or skip(citation):
            continue
        out.append(text[last:citation.start])
        out.append(link(citation, url))
        last = citation.end
    out.append(text[last:])
    return "".join(out)


def check_markdown(markdown: str, table: Provisions, name: str) -> list[str]:
    """Each citation on a page that the table lacks, as 'file:line: why' (see unknown)."""
    return [f"{name}:{markdown.count(chr(10), 0, c.start) + 1}: {why}"
            for c in reader_citations(markdown) if (why := unknown(c, table))]


# --- generated pages ---------------------------------------------------------------------------------------------

# Elements whose text is never linked: a link already, headings, code, and what is not read as text at all.
_HTML_KEEP = ("a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "title", "textarea", "option",
              "button", "label", "summary")
_KEEP_TAG = re.compile(r"<(/?)(" + "|".join(_HTML_KEEP) + r")(?![a-zA-Z0-9])[^>]*>", re.I)
_MAYBE = re.compile(r"§|kap\.|art\.|artikel")  # every form of citation has one: pages without are left alone


def link_html(html: str, table: Provisions) -> str:
    """A generated page's HTML with each citation in its text that names its act linked to the act's text, as
    link_citations does for content pages (the table's address; never inside links, headings, code or form
    controls; a citation the table lacks or a former number stays plain text). Only the pieces of text that may
    hold a citation are read, and the page only as far as its last one: this runs on every generated page."""
    if _MAYBE.search(html) is None:
        return html
    candidates = [at for at in (maybe.start() for maybe in _MAYBE.finditer(html))
                  if html.rfind("<", 0, at) <= html.rfind(">", 0, at)]  # in text, not inside a tag or comment
    if not candidates:
        return html
    kept = _kept_spans(html, candidates[-1] + 1)
    out, last = [], 0
    for at in candidates:
        if at < last or _inside_spans(at, kept):
            continue  # already linked with its piece of text, or in a kept element
        begin = html.rfind(">", 0, at) + 1
        end = html.find("<", at)
        end = len(html) if end < 0 else end
        out.append(html[last:begin])
        out.append(_link_text(html[begin:end], table))
        last = end
    out.append(html[last:])
    return "".join(out)


def _kept_spans(html: str, until: int) -> list[tuple[int, int]]:
    """Where the elements whose text is never linked begin and end, in html[:until] (nested ones counted; a stray
    end tag ignored). until lies in text, so no tag crosses it."""
    spans, depth, inside, begin = [], {}, 0, 0
    for tag in _KEEP_TAG.finditer(html, 0, until):
        if tag.group(0).endswith("/>"):
            continue
        name = tag.group(2).lower()
        if not tag.group(1):
            if not inside:
                begin = tag.start()
            depth[name] = depth.get(name, 0) + 1
            inside += 1
        elif depth.get(name):
            depth[name] -= 1
            inside -= 1
            if not inside:
                spans.append((begin, tag.end()))
    if inside:
        spans.append((begin, len(html)))
    return spans


def _inside_spans(at: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a position lies in one of the spans (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (at, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]


def _link_text(text: str, table: Provisions) -> str:
    """A piece of HTML text (entities as they are) with its named citations as links (each piece worked out once
    per table)."""
    if (done := table.linked.get(text)) is not None:
        return done
    done = table.linked[text] = _replace_citations(
        text, table, lambda citation, url: f'<a href="{html_escape(url)}">{citation.text}</a>')
    return done
