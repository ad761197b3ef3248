"""Build the whole site: validate, build each language with MkDocs, add the landing page and open data,
then replace site/ in one step so that nothing partial is ever published."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import runpy
import shutil
import sys
from pathlib import Path

from bro import LANGUAGES, csp, opendata, settings, structured, tenders, urls
from bro.catalog import Catalog, hand_over, load_catalog
from bro.problems import format_problem, summary
from bro.problems import load_catalog as messages
from bro.render import make_environment
from bro.schema import SchemaSet


def build(root: Path, out: Path, today: dt.date | None = None, lang: str = "en", offline: bool = False) -> int:
    """Build into a staging folder and swap it in; return a process exit code."""
    # offline: the copy to open from disk (Material's offline plugin: site search without a server)
    # The settings (mkdocs.yml's extra.bro_*, with the environment's BRO_*) are checked here too, so that their
    # problems are listed once with the data's, before the language builds start (each checks them again).
    config = root / settings.FILE
    problems = settings.load(config)[1] if config.is_file() else []
    catalog = load_catalog(root, today=today)
    if problems or catalog.errors:
        for problem in problems + catalog.errors:
            print(format_problem(problem, lang), file=sys.stderr)
        print(summary(problems + catalog.problems, lang), messages(lang)["_build_stopped"], file=sys.stderr)
        return 1
    if catalog.warnings:
        print(f"Bro: {len(catalog.warnings)} warning(s); `make validate` lists them.", file=sys.stderr)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".site-staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        if not _build_languages(root, staging, catalog, offline):
            return 1
        _copy_not_found(staging)
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Bro: site built in {out}", file=sys.stderr)
    return 0


def _build_languages(root: Path, staging: Path, catalog: Catalog, offline: bool = False) -> bool:
    """Run one MkDocs build per language in parallel, each in a fork of this process that inherits the validated
    catalog; the open data and landing page are written meanwhile. True when all succeed."""
    forking = multiprocessing.get_context("fork")
    builds = [forking.Process(target=_run_mkdocs, args=(root, lang, staging / lang, catalog, offline))
              for lang in LANGUAGES]
    for process in builds:
        process.start()
    write_extras(root, staging, catalog)
    for process in builds:
        process.join()
    return all(process.exitcode == 0 for process in builds)


def _run_mkdocs(root: Path, lang: str, out: Path, catalog: Catalog, offline: bool) -> None:
    """In a forked child: `python -m mkdocs build` for one language (the command line, as a subprocess would run
    it: this package uses no MkDocs API), with the catalog handed over; exits with the command's exit code."""
    os.environ.update({"BRO_TODAY": catalog.today.isoformat(), "NO_MKDOCS_2_WARNING": "1",
                       "BRO_OFFLINE": "true" if offline else "false"})
    os.chdir(root)
    hand_over(catalog)
    sys.argv = ["mkdocs", "build", "-f", str(root / f"mkdocs.{lang}.yml"), "-d", str(out)]
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)


def write_extras(root: Path, staging: Path, catalog) -> None:
    """The bilingual landing page and the open data files (bro.opendata: api/ with its index and schemas)."""
    opendata.write(staging, catalog, dt.datetime.now(dt.UTC), SchemaSet(root / "schemas"))
    env = make_environment(root / "overrides" / "bro", "da", catalog.vocab)
    site = settings.load(root / settings.FILE)[0] if (root / settings.FILE).is_file() else None
    html = env.get_template("landing.html").render(
        **landing_context(catalog), open_graph=structured.landing(site.site_url if site else settings.DEFAULT_SITE_URL))
    (staging / "index.html").write_text(csp.protect(html), encoding="utf-8")


def landing_context(catalog) -> dict:
    """What the landing page counts: the suppliers, and the tender plan's open entries (those not in the archive,
    by the plan's own rule) - the numbers each language home shows."""
    open_tenders = tenders.counts(catalog)["open"]
    links = {code: {"suppliers": urls.site_url(urls.output_path("supplier_list", code), code),
                    "tenders": urls.site_url(urls.output_path("tender_list", code), code)} for code in LANGUAGES}
    return {"counts": {"suppliers": len(catalog.suppliers), "open_tenders": open_tenders}, "links": links}


def _copy_not_found(staging: Path) -> None:
    """GitHub Pages answers every unknown path with the root 404.html: the Danish one (built by then)."""
    if (staging / "da" / "404.html").exists():
        shutil.copyfile(staging / "da" / "404.html", staging / "404.html")


def _swap(staging: Path, out: Path) -> None:
    """Replace out with staging (rename, so readers never see a half-written site)."""
    old = out.parent / f".site-old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
