"""MkDocs hook: the web forms. A page whose front matter says `bro_form: <kind>` (content/*/bidrag/formular/…) gets
its form below its text: every question rendered by overrides/bro/form.html from the form's definition
(bro.forms.web), which the page's scripts also get as JSON. Each language's site gets assets/bro/check-data.js,
the data the in-browser checks need (bro.record_checks)."""
from __future__ import annotations

import _state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from bro import form_pages, urls
from bro.forms.web import make_form_definition
from bro.record_checks import make_check_script


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Write the in-browser checks' data for this language's site."""
    build = _state.of(config)
    files.append(File.generated(config, f"{urls.ASSETS}/check-data.js",
                                content=make_check_script(build.catalog, build.lang)))
    return files


@event_priority(-110)  # after hooks/csp.py has cleaned and marked the page's own text: the form is Bro's template
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Add the form below the text of a form page."""
    kind = page.meta.get("bro_form")
    if not kind:
        return html
    build = _state.of(config)
    if kind not in build.forms:
        build.forms[kind] = make_form_definition(kind, build.lang, build.catalog.vocab, build.settings)
    context = form_pages.page_context(kind, build.lang, build.catalog, build.settings.site_url,
                                      build.settings.editors_email, build.forms[kind])
    root = "../" * page.file.src_uri.count("/") or "./"
    return html + build.env.get_template("form.html").render(root=root, **context)
