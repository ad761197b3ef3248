"""Interface labels and localized texts: both languages complete, fallbacks visible, never a crash."""
from __future__ import annotations

from bro import i18n, urls
from helpers import ROOT

# Words that are spelled the same in Danish and Swedish; any other identical label is a missing translation.
SAME_IN_BOTH = {"contact.phone", "supplier.country", "supplier.categories", "supplier.cpv", "supplier.target_groups",
                "supplier.contacts", "tender.status", "tender.reserved", "directory.facet_categories",
                "directory.facet_country", "directory.browse_categories", "js.row_categories",
                "js.row_contact", "js.row_profile", "tender.archive", "case.year", "editors.name",
                "plan.filter_category", "plan.filter_status", "plan.count_archived",
                "plan.area_municipality", "threshold.table_eur", "threshold.table_euro",
                "open_data.count", "open_data.count_one", "help.contact"}


def test_ui_labels_differ_between_languages():
    da, sv = i18n.ui_catalog("da"), i18n.ui_catalog("sv")
    assert {k for k in da if da[k] == sv[k]} == SAME_IN_BOTH


def test_localize_prefers_reader_language_and_marks_fallback():
    assert i18n.localize({"da": "hej", "sv": "hej då"}, "sv") == i18n.Localized("hej då", "sv", False)
    assert i18n.localize({"sv": "städning"}, "da") == i18n.Localized("städning", "sv", True)
    assert i18n.localize(None, "da") is None


def test_missing_label_falls_back_without_crashing(monkeypatch):
    monkeypatch.setitem(i18n.ui_catalog("da"), "only.da", "kun dansk {name}")
    assert i18n.label("only.da", "sv", name="x") == i18n.Localized("kun dansk x", "da", True)
    assert i18n.label("no.such.key", "da").text == "no.such.key"
    assert i18n.label("browse.count", "da").text == "{count} leverandører i denne kategori."  # no values: as written


def test_content_pages_exist_in_both_languages():
    """Each page of bro.urls.CONTENT_PAGES in both languages, each under its own language's name."""
    da = {p.relative_to(ROOT / "content" / "da").as_posix() for p in (ROOT / "content" / "da").rglob("*.md")}
    sv = {p.relative_to(ROOT / "content" / "sv").as_posix() for p in (ROOT / "content" / "sv").rglob("*.md")}
    assert da == {t["da"] for t in urls.CONTENT_PAGES.values()} and "index.md" in da
    assert sv == {t["sv"] for t in urls.CONTENT_PAGES.values()} and "index.md" in sv


def test_content_pages_have_title_and_description():
    import yaml
    for page in (ROOT / "content").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert text.startswith("---\n"), page
        meta = yaml.safe_load(text.split("---\n")[1])
        assert meta.get("title") and meta.get("description"), page


def test_singular_form_is_used_for_one():
    assert i18n.label("browse.count", "da", count=1).text == "1 leverandør i denne kategori."
    assert i18n.label("browse.count", "sv", count=2).text == "2 leverantörer i den här kategorin."
