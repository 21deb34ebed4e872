"""Sphinx extension for the course book (listed in _config.yml under sphinx.extra_extensions).

- Checks every course data file before anything runs: a problem stops the build with one line.
- Serves the widget runtime and plotly.js from the book's own static files. Charts in chapters are
  SVG drawn at build time (charts.py); plotly.js is only for the tools, which load it when they
  first draw (the page says where it is in a meta tag).
- Keeps pages light (slim.py): each loads only the theme features it uses, in a few cached files.
- Gives every page a meta description (from its front matter) and fails the build without one.
- Labels the cells of wide tables with their column headings, so a phone can stack them.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .catalogue import words
from .course_files import BOOK_DIR_ENV, CourseDataError
from .csp import CONTENT_SECURITY_POLICY, THEME_MODE_SCRIPT, make_book_strict
from .data import validate_course
from .page_assets import drop_unused_assets
from .slim import bundle_book

logger = logging.getLogger(__name__)
SITE = Path(__file__).parent / "site"
# Files served at the site's root: favicon.ico, the favicon.svg drawn at 16, 32 and 48 px, for the
# browsers and tools that ask for /favicon.ico whatever the page links.
SITE_ROOT = Path(__file__).parent / "site-root"
PLOTLY = ("plotly.js-basic-dist-min", "plotly-basic.min.js")
PLOTLY_URL = "vendor/plotly-basic.min.js"


def _plotly_source(app: Sphinx) -> Path:
    return Path(app.confdir) / "node_modules" / PLOTLY[0] / PLOTLY[1]


def _check_course(app: Sphinx) -> None:
    import os

    book = Path(app.confdir) / "book"
    os.environ.setdefault(BOOK_DIR_ENV, str(book))  # notebooks executed by the build find the data
    try:
        validate_course(book)
    except CourseDataError as err:
        raise ExtensionError(f"course data: {err}") from None
    if not _plotly_source(app).is_file():
        raise ExtensionError(f"{_plotly_source(app)} is missing: run `make book` (it installs the pinned npm packages)")


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    context["theme_mode_script"] = THEME_MODE_SCRIPT  # templates/layout.html
    drop_unused_assets(context, body)
    if 'role="doc-biblioentry"' in body:
        # docutils puts citations in a role="list" whose items have the deprecated DPUB role
        # doc-biblioentry, which browsers and axe do not accept as list items.
        body = context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')
    if "<table" in body:
        body = context["body"] = stackable_tables(body)
    if 'class="bibtex-citation"' in body:
        # A superscript citation reads "Source 4" to a screen reader, not a bare "4" mid-sentence.
        say = words("book")["source_number"]
        body = context["body"] = CITATION_LINK.sub(
            lambda m: f'{m[1]} aria-label="{html.escape(say.format(number=m[2]))}">{m[2]}</a>', body
        )
    if _page_widgets_use_plotly(app, pagename):
        # The tool loads plotly.js from here only once it has something to draw (static/plot.js).
        context["metatags"] = context.get("metatags", "") + (
            f'\n<meta name="course-plotly" content="{context["pathto"]("_static/" + PLOTLY_URL, 1)}" />'
        )
    description = (app.env.metadata.get(pagename) or {}).get("description")
    if not description:
        if pagename in app.env.found_docs:
            logger.warning("page has no 'description' in its front matter", location=pagename)
            return
        description = f"{context.get('title', pagename)}: {app.config.project}"
    context["metatags"] = context.get("metatags", "") + (
        f'\n<meta name="description" content="{html.escape(str(description), quote=True)}" />'
    )


CITATION_LINK = re.compile(
    r'(<a class="reference internal" href="[^"]*sources\.html#[^"]*"(?: title="[^"]*")?)>(\d+)</a>'
)
STACK_FROM_COLUMNS = 3  # a table of this many columns or more does not fit a 390 px phone side by side


def stackable_tables(body: str) -> str:
    """Give each cell of a wide table its column heading (`data-label`) and the class `stacks`.

    On a phone, course.css shows such a table one block per row, each cell under its heading,
    so nothing needs sideways scrolling. No ARIA roles are added: HTML forbids roles on the rows
    and cells of a table, and current browsers keep a table's meaning when its display changes.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    changed = False
    for table in soup.find_all("table"):
        headings = [th.get_text(" ", strip=True) for th in table.select("thead tr:last-child th")]
        if len(headings) < STACK_FROM_COLUMNS:
            continue
        changed = True
        table["class"] = [*table.get("class", []), "stacks"]
        for row in table.select("tbody > tr"):
            for heading, cell in zip(headings, row.find_all(["td", "th"], recursive=False), strict=False):
                cell["data-label"] = heading
    return str(soup) if changed else body


def _page_widgets_use_plotly(app: Sphinx, pagename: str) -> bool:
    js_files = (getattr(app.env, "nb_metadata", {}).get(pagename) or {}).get("js_files", {})
    state = js_files.get("ipywidgets_state", (None, {}))[1].get("body", "")
    return '"_uses_plotly": true' in state


class PlotlyMimeRenderer:
    """MyST-NB plugin: a chart's plotly JSON is for JupyterLab; the book uses its HTML twin.

    Registered under the `myst_nb.mime_renderers` entry point in pyproject.toml.
    """

    mime_type = "application/vnd.plotly.v1+json"
    mime_priority_overrides = (("*", mime_type, None),)

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        return [] if data.mime_type == PlotlyMimeRenderer.mime_type else None


def _course_fingerprint(root: Path) -> str:
    """A hash of everything a chapter's outputs depend on besides its own cells."""
    digest = hashlib.sha256()
    files = sorted(
        [
            *(root / "widgets").rglob("*.py"),
            *(root / "widgets" / "static").glob("*"),
            *(root / "book" / "data").rglob("*.yml"),
            root / "book" / "references.bib",
        ]
    )
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _outdated_when_course_data_changes(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Re-run every notebook when widget code or course data change.

    The execution cache only knows a notebook's own cells; a quiz edited in its YAML file
    must still show up, so a change anywhere in the data or widgets clears the cache.
    """
    root = Path(app.confdir)
    stamp = Path(app.outdir).parent / ".course-fingerprint"
    fingerprint = _course_fingerprint(root)
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return []
    cache = root / app.config.nb_execution_cache_path
    if cache.is_dir():
        shutil.rmtree(cache)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)
    notebooks = [d for d in env.found_docs if env.metadata.get(d, {}).get("kernelspec")]
    return sorted(set(notebooks) - set(added) - set(changed))


def _rewrite_when_site_files_change(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Sphinx copies static files only when it writes a page, so a CSS-only edit must mark one."""
    static = Path(app.outdir) / "_static"
    stale = any(
        not (static / f.name).is_file() or (static / f.name).read_bytes() != f.read_bytes()
        for f in SITE.iterdir()
        if f.is_file()
    )
    return [app.config.root_doc] if stale else []


def _drop_thebe(app: Sphinx) -> None:
    """The course offers live code through Binder launch buttons, not thebe.

    Jupyter Book always loads sphinx-thebe, which puts a script pointing at a CDN on every page
    (and declares THEBE_JS_URL twice on a rebuild). Its listeners are removed so nothing of it
    reaches a page.
    """
    unwanted = {"init_thebe_core", "st_static_path"}  # its scripts and its static folder
    for listeners in app.events.listeners.values():
        for listener in list(listeners):
            handler = listener.handler
            if handler.__module__ == "sphinx_thebe" and handler.__name__ in unwanted:
                app.disconnect(listener.id)
    # ...and the stylesheet its setup() registered for every page.
    app.registry.css_files = [f for f in app.registry.css_files if f[0] != "sphinx-thebe.css"]


def _finish_build(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / PLOTLY_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_plotly_source(app), target)
    _describe_redirect(app)
    make_book_strict(Path(app.outdir))
    counts = bundle_book(Path(app.outdir), Path(app.confdir) / "node_modules")
    logger.info("course: pages bundled (%s)", ", ".join(f"{v} {k}" for k, v in counts.items()))
    # Netlify, Cloudflare Pages and similar hosts read this file: every page gets the policy.
    (Path(app.outdir) / "_headers").write_text(f"/*\n  Content-Security-Policy: {CONTENT_SECURITY_POLICY}\n")


def _describe_redirect(app: Sphinx) -> None:
    """The site's front door (index.html, a redirect to the first page) gets a title and description too."""
    index = Path(app.outdir) / "index.html"
    # Jupyter Book writes index.html as a bare redirect; anything else is a real page, left alone.
    if not index.is_file() or 'http-equiv="refresh"' not in index.read_text(encoding="utf-8").lower():
        return
    root = app.config.root_doc
    # Jupyter Book puts the book's title in html_title; `project` stays Sphinx's placeholder.
    title = html.escape(app.config.html_title or app.config.project)
    description = html.escape(str((app.env.metadata.get(root) or {}).get("description", title)), quote=True)
    index.write_text(
        f'<!DOCTYPE html>\n<html lang="{app.config.language}"><head><meta charset="utf-8" />'
        f"<title>{title}</title>"
        f'<meta name="description" content="{description}" />'
        f'<meta http-equiv="refresh" content="0; url={root}.html" /></head>'
        f'<body><p><a href="{root}.html">{html.escape(words("book")["open_the_course"])}</a></p></body></html>\n',
        encoding="utf-8",
    )


def _add_static_path(app: Sphinx, config) -> None:
    config.html_static_path.append(str(SITE))
    config.html_extra_path.append(str(SITE_ROOT))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _check_course)
    app.connect("html-page-context", _page_assets)
    app.connect("build-finished", _finish_build)
    app.connect("env-get-outdated", _outdated_when_course_data_changes)
    app.connect("env-get-outdated", _rewrite_when_site_files_change)
    _drop_thebe(app)
    app.add_js_file("course-page.js", defer="defer")
    app.add_css_file("course.css")
    app.add_css_file("course-print.css", media="print")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
