"""The site's own pages (content/): refused with file:line:col for raw HTML (also written with character references),
unsafe links, images, attributes and settings the pages do not use, and files that are not Markdown pages; read
with the site's own Markdown extensions; and what a page gives the theme is cleaned and escaped at build time
even when the validator is bypassed."""
from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import YAML_RE

from bro import content, markdown_text
from bro.catalog import load_catalog
from bro.problems import format_problem
from helpers import ROOT, TODAY, assert_build_refused, make_repo

FRONT = "---\ntitle: Side\ndescription: En side.\n---\n\n"  # the body starts on line 6
RAW = ("content/da/side.md:{}: error: The text contains HTML ({}). Bro accepts Markdown only: remove the HTML or "
       "write it as Markdown (**bold**, [link](https://…)).")
LIKE_HTML = "content/da/side.md:{}: error: {}The text contains something that looks like HTML ({}). Write plain text " \
            "without < and >."
LINK = ("content/da/side.md:{}: error: The link '{}' is not allowed. Link to another page of the site (for example "
        "om.md or ../data.md#csv) or to an address that starts with https://, http://, mailto: or tel:.")
ATTRIBUTES = ("content/da/side.md:{}: error: The page gives an element attributes ({}). The only one allowed is a "
              "heading's anchor name, written at the end of the heading: ## Heading {{ #name }}. Remove the rest of "
              "what is in curly brackets.")
UNKNOWN = ("content/da/side.md:{0}: error: {1}: '{1}' is not a field Bro knows. Allowed fields here: title, "
           "description, bro_form, reviewed, review.")
NOT_MARKDOWN = ("{}:1:1: error: '{}' is not a Markdown page (.md). Only pages written in Markdown belong in content/: "
                "any other file would be published exactly as it is. Remove the file.")

# name: (files of content/, or a body after FRONT; the exact errors)
VECTORS = {
    "script": ("<script>alert(1)</script>\n", [RAW.format("6:1", "<script>alert(1)</script>")]),
    "meta_refresh": ('Tekst.\n\n<meta http-equiv="refresh" content="0; url=https://evil.example">\n',
                     [RAW.format("8:1", '<meta http-equiv="refresh" content="0; url=https://evil.e…')]),
    "comment": ("Tekst <!-- skjult --> her.\n", [RAW.format("6:7", "<!-- skjult -->")]),
    "style": ("<style>body { display: none }</style>\n", [RAW.format("6:1", "<style>body { display: none }</style>")]),
    "iframe": ('<iframe src="https://evil.example"></iframe>\n',
               [RAW.format("6:1", '<iframe src="https://evil.example"></iframe>')]),
    "inline_html": ('Tekst med <span onclick="alert(1)">HTML</span>.\n',
                    [RAW.format("6:11", '<span onclick="alert(1)">'), RAW.format("6:40", "</span>")]),
    # MkDocs takes a page's title from its first heading, and Material decodes it into <title>
    "entity_encoded_heading": ("# Nyhed &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n",
                               [LIKE_HTML.format("6:9", "", "</title><scr…")]),
    "entity_encoded_tag": ("Se &#60;img src=x onerror=alert(1)&#62; her.\n",
                           [LIKE_HTML.format("6:4", "", "<img src=x o…")]),
    "javascript_link": ("[Klik](javascript:alert(1))\n", [LINK.format("6:1", "javascript:alert(1)")]),
    "entity_encoded_link": ("[Klik](&#106;avascript:alert(1))\n", [LINK.format("6:1", "javascript:alert(1)")]),
    "protocol_relative_link": ("[Klik](//evil.example/login)\n", [LINK.format("6:1", "//evil.example/login")]),
    "data_link": ("[Klik](data:text/html,hej)\n", [LINK.format("6:1", "data:text/html,hej")]),
    # the address rules of data apply to the pages' links too (bro.addresses.link_problem)
    "userinfo_link": ("[Skat](https://www.skat.dk@evil.example/login)\n",
                      ["content/da/side.md:6:1: error: The address 'https://www.skat.dk@evil.example/login' has "
                       "something before an '@' in its first part. A browser opens evil.example, not what is written "
                       "before the '@'. Write the website's own address, without a name, password and '@'."]),
    "image": ("![Logo](logo.png)\n", ["content/da/side.md:6:1: error: The page contains an image (logo.png). Bro's "
                                     "pages have no images: describe in words what the image shows."]),
    "attr_list_handler": ('## Overskrift { onclick="alert(1)" }\n',
                          [ATTRIBUTES.format("6:15", '{ onclick="alert(1)" }')]),
    "attr_list_class": ("## Overskrift { .md-header }\n", [ATTRIBUTES.format("6:15", "{ .md-header }")]),
    "attr_list_paragraph": ("Et afsnit.\n{: #afsnit }\n", [ATTRIBUTES.format("7:1", "{: #afsnit }")]),
    "attr_list_link": ("[Klik](om.md){ target=_blank }\n", [ATTRIBUTES.format("6:14", "{ target=_blank }")]),
    "attr_list_fence": ('```{ .yaml onclick="alert(1)" }\na: 1\n```\n',
                        [ATTRIBUTES.format("6:4", '{ .yaml onclick="alert(1)" }')]),
    "anchor_of_the_theme": ("## Overskrift { #__config }\n", [
        "content/da/side.md:6:18: error: The anchor name '__config' cannot be used. An anchor name starts with a "
        "letter or a digit and holds only letters, digits, - and _ (names that start with _ belong to the theme)."]),
    "admonition_type": ('!!! danger "Fare"\n    Tekst.\n', [
        "content/da/side.md:6:1: error: The box type 'danger' is not used on Bro's pages. Write one of these after "
        '!!!: note, tip, warning, for example !!! note "Title".']),
    # editorial points belong in the front matter ('review'), never on a reader's page
    "editorial_box": ('Tekst.\n\n!!! warning "Til redaktionel kontrol"\n    Bekræft § 54.\n\n'
                      '!!! note "Under granskning"\n    Punkt.\n', [
        "content/da/side.md:8:1: error: The box 'Til redaktionel kontrol' is meant for the editors, and readers must "
        "not see it. Move each point to the page's settings at the top, as a review point (review: - point: …, with "
        "source: … where there is one), and take a statement that is not confirmed out of the text.",
        "content/da/side.md:11:1: error: The box 'Under granskning' is meant for the editors, and readers must not see "
        "it. Move each point to the page's settings at the top, as a review point (review: - point: …, with source: … "
        "where there is one), and take a statement that is not confirmed out of the text."]),
    "review_malformed": ({"content/da/side.md": "---\ntitle: Side\ndescription: En side.\nreview:\n"
                                                "  - point: Bekræft § 54.\n    kilde: udbudsloven\n  - Tjek datoen.\n"
                                                '  - point: ""\n  - source: https://x.dk\n---\n\nTekst.\n'}, [
        "content/da/side.md:6:5: error: review[0].kilde: 'kilde' is not a field Bro knows. Allowed fields here: "
        "point, source.",
        "content/da/side.md:7:5: error: review[1]: Write the sub-fields here, indented on the next lines (not 'Tjek "
        "datoen.').",
        "content/da/side.md:8:12: error: review[2].point: This field must not be empty.",
        "content/da/side.md:9:5: error: review[3].point: The field 'point' is missing and must be filled in."]),
    "table_align": ("| a | b |\n| :-- | --- |\n| 1 | 2 |\n", [
        "content/da/side.md:7:1: error: The table aligns a column (| :-- | --- |). Columns on Bro's pages cannot be "
        "aligned: write the line under the header row with --- only, without colons."]),
    "description_script": ({"content/da/side.md": "---\ntitle: Side\ndescription: '\"><script>alert(1)</script>'\n"
                                                  "---\n\nTekst.\n"},
                           [LIKE_HTML.format("3:14", "description: ", "<s…")]),
    "title_html": ({"content/da/side.md": "---\ntitle: Side <b>fed</b>\ndescription: En side.\n---\n\nTekst.\n"},
                   [LIKE_HTML.format("2:8", "title: ", "<b…")]),
    # Material's redirect page, chosen by a page's settings, sends the reader to 'location'
    "template": ({"content/da/side.md": "---\ntitle: Side\ndescription: En side.\ntemplate: redirect.html\n"
                                        "location: https://evil.example\n---\n\nTekst.\n"},
                 [UNKNOWN.format("4:1", "template"), UNKNOWN.format("5:1", "location")]),
    # without '---', MkDocs reads the first 'name: value' lines as settings
    "no_front_matter": ({"content/da/side.md": "Template: redirect.html\nLocation: https://evil.example\n\n# Side\n"},
                        ["content/da/side.md:1:1: error: The page must begin with its settings between two lines of "
                         "three dashes: '---', then 'title: …' and 'description: …', then '---' again (as the other "
                         "pages in content/ do)."]),
    "description_missing": ({"content/da/side.md": "---\ntitle: Side\n---\n\nTekst.\n"},
                            ["content/da/side.md:2:1: error: description: The field 'description' is missing and must "
                             "be filled in."]),
    "description_list": ({"content/da/side.md": "---\ntitle: Side\ndescription: [a, b]\n---\n\nTekst.\n"},
                         ["content/da/side.md:3:14: error: description: Write a text here (not '['a', 'b']'); put it "
                          "in quotes if it looks like a number or true/false."]),
    "reviewed_not_a_date": ({"content/da/side.md": "---\ntitle: Side\ndescription: En side.\nreviewed: 2026-02-30\n"
                                                   "---\n\nTekst.\n"},
                            ["content/da/side.md:4:11: error: reviewed: '2026-02-30' is not a real date. Write it as "
                             "YYYY-MM-DD, for example 2026-09-15."]),
    "html_file": ({"content/da/side.html": "<script>alert(1)</script>"},
                  [NOT_MARKDOWN.format("content/da/side.html", "side.html")]),
    "svg_file": ({"content/sv/logo.svg": "<svg onload=alert(1)></svg>"},
                 [NOT_MARKDOWN.format("content/sv/logo.svg", "logo.svg")]),
}

# Everything the pages use today, read as the site reads it.
ACCEPTED = FRONT + """# Side { #side }

## Hvorfor? { #hvorfor }

Tekst med **fed**, *kursiv*, `<kode>` og `&lt;kode&gt;`, a < b og 3 &lt; 5, A &amp; B og en [side](om.md),
et [afsnit](../data.md#csv), et [anker](#hvorfor), [GitHub](https://github.com/login), <https://example.dk>,
[post](mailto:hej@example.dk) og [telefon](tel:+4512345678).

!!! note "Bemærk"
    Indhold i en boks.

!!! tip "Tip"
    Et tip.

!!! warning "Bemærk fristen"
    Et forbehold.

| Felt | Betydning |
| --- | --- |
| `name` | Navnet |

```yaml
name: <b>Grøn Vask</b>
```

- Punkt
    - Underpunkt

1. Først
2. Så

> Et citat.

---
"""


def _errors(tmp_path, files: dict[str, str]) -> list[str]:
    """The validator's errors for a repository with these files in content/ and the site's mkdocs.yml."""
    repo = make_repo(tmp_path, {"mkdocs.yml": (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), **files})
    return [format_problem(problem) for problem in load_catalog(repo, today=TODAY).errors]


@pytest.mark.parametrize("name", VECTORS)
def test_a_hostile_page_is_refused_with_its_place(tmp_path, name):
    page, expected = VECTORS[name]
    files = page if isinstance(page, dict) else {"content/da/side.md": FRONT + page}
    assert _errors(tmp_path, files) == expected


def test_what_the_pages_use_is_accepted(tmp_path):
    assert _errors(tmp_path, {"content/da/side.md": ACCEPTED, "content/sv/side.md": ACCEPTED,
                              "content/da/.hidden": "<script>"}) == []  # MkDocs leaves out dot files


def test_the_real_pages_are_valid():
    assert [format_problem(p) for p in load_catalog(ROOT, today=TODAY).errors if p.file.startswith("content/")] == []


def test_messages_exist_in_danish_and_swedish(tmp_path):
    repo = make_repo(tmp_path, {"mkdocs.yml": (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                "content/da/side.md": FRONT + "![Logo](logo.png)\n"})
    problem = load_catalog(repo, today=TODAY).errors[0]
    assert format_problem(problem, "da") == ("content/da/side.md:6:1: fejl: Siden indeholder et billede (logo.png). "
                                             "Bros sider har ingen billeder: beskriv med ord, hvad billedet viser.")
    assert format_problem(problem, "sv") == ("content/da/side.md:6:1: fel: Sidan innehåller en bild (logo.png). Bros "
                                             "sidor har inga bilder: beskriv med ord vad bilden visar.")


def test_a_hostile_page_stops_the_build_and_publishes_nothing(tmp_path, capsys):
    repo = make_repo(tmp_path, {"mkdocs.yml": (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                "content/da/om.md": FRONT + "<script>alert(1)</script>\n"})
    assert_build_refused(repo, tmp_path)
    assert RAW.format("6:1", "<script>alert(1)</script>").replace("side.md", "om.md") in capsys.readouterr().err


# --- read as MkDocs reads it ---------------------------------------------------------------------------------------

def test_front_matter_and_extensions_are_mkdocs_own():
    assert content.FRONT_MATTER.pattern == YAML_RE.pattern and content.FRONT_MATTER.flags == YAML_RE.flags
    assert set(content.MKDOCS_EXTENSIONS) == set(MkDocsConfig.markdown_extensions.builtins)
    names, configs = content.site_extensions(ROOT)
    assert names == ["admonition", "attr_list", "tables", "toc", "fenced_code"]
    assert configs == {"toc": {"permalink": True}}


# --- the second wall: what a page gives the theme at build time ------------------------------------------------------

KEYS = frozenset({"title", "description", "reviewed"})


def test_the_theme_gets_a_page_s_settings_as_text_and_only_the_known_ones():
    meta = {"title": "A & B <script>", "description": '"><script>alert(1)</script>', "reviewed": dt.date(2026, 1, 2),
            "template": "redirect.html", "location": "https://evil.example", "subtitle": "<script>", "hide": ["toc"]}
    assert content.theme_meta(meta, KEYS, "ignored") == {
        "title": "A &amp; B &lt;script&gt;", "description": "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        "reviewed": dt.date(2026, 1, 2)}
    assert content.theme_meta({"description": ["<script>"]}, KEYS, "T") == {"title": "T"}  # a list: shown as Python
    review = [{"point": "Bekræft § 54.", "source": "udbudsloven"}]  # the editors' points: a known setting, never given
    assert content.theme_meta({"review": review}, content.front_matter_keys(ROOT / "schemas"), "T") == {"title": "T"}


def test_a_title_from_the_first_heading_is_given_as_text():
    # MkDocs' title from '# Nyhed &lt;/title&gt;&lt;script&gt;' is HTML; Material would decode it into <title>
    title = "Nyhed &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert content.theme_meta({}, KEYS, title) == {"title": title}  # a title that <title> shows, not decodes
    assert content.theme_meta({}, KEYS, "A &amp; B") == {"title": "A &amp; B"}


def test_a_page_is_cleaned_to_what_the_validator_accepts():
    reader = markdown_text.page_reader(*content.site_extensions(ROOT))
    accepted = reader.reset().convert(ACCEPTED.split("---\n", 2)[2])
    # the same HTML, written as the sanitizer writes it
    assert markdown_text.clean_page(accepted) == accepted.replace("&para;", "¶").replace(" />", ">")
    hostile = ('<p>a</p><meta http-equiv="refresh" content="0; url=https://evil.example"><script>alert(1)</script>'
               '<!-- x --><style>p{}</style><h2 id="__config" onclick="x">T</h2><div class="admonition danger">d</div>'
               '<a href="javascript:alert(1)">j</a><a href="//evil.example">e</a><a href="om.html#x">o</a>'
               '<img src="x.png"><iframe src="https://evil.example"></iframe>')
    assert markdown_text.clean_page(hostile) == ('<p>a</p><h2>T</h2><div>d</div><a>j</a><a>e</a>'
                                                 '<a href="om.html#x">o</a>')


ADMONITION_TITLE = re.compile(r'<p class="admonition-title">(.*?)</p>', re.DOTALL)


def _reader_files(site: Path):
    """Every published file of the Danish and the Swedish site, as text with character references decoded."""
    for lang in ("da", "sv"):
        for path in sorted((site / lang).rglob("*")):
            if path.suffix in (".html", ".json", ".xml", ".js", ".txt", ".ics"):
                yield path, html.unescape(path.read_text(encoding="utf-8", errors="replace"))


def test_no_reader_page_holds_an_editorial_box_or_an_open_review_point(built_site):
    """Editorial work belongs to editors (issue 13): no box named for the editors' work on any page of either
    language, and no open review point from a page's front matter anywhere in what is published."""
    points = [point.point for found in content.review_points(ROOT).values() for point in found]
    assert len(points) >= 2  # the real pages have open points: the test looks for something
    pages = 0
    for path, text in _reader_files(built_site):
        where = path.relative_to(built_site).as_posix()
        pages += path.suffix == ".html"
        assert "Til redaktionel kontrol" not in text and "För redaktionell granskning" not in text, where
        titles = [" ".join(title.split()) for title in ADMONITION_TITLE.findall(text)]
        assert not [title for title in titles if markdown_text.EDITORIAL_TITLE.search(title)], where
        assert not [point for point in points if " ".join(point.split()[:8]) in " ".join(text.split())], where
    assert pages > 50
