"""Light pages (issue 15): each page loads only what it uses, in few files, and nothing blocks the first paint.

The weights themselves are measured by `make bench` (tests/bench.py), against the budgets.
"""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest

from widgets import icon_fonts, page_assets, slim

from ..conftest import HTML, open_page
from .test_build import loaded_scripts

# What each of Sphinx's search files contains, so it is found inside a bundle too.
SEARCH_MARKS = ("Search.setIndex(", "Sphinx JavaScript utilities for the full-text search", "var stopwords")


def _head(page) -> str:
    return page.read_text(encoding="utf-8").split("</head>")[0]


def test_only_the_search_page_loads_the_search_index(built_pages):
    for page in built_pages:
        scripts = loaded_scripts(page)
        loads = [mark for mark in SEARCH_MARKS if mark in scripts]
        if page.relative_to(HTML).as_posix() == "search.html":
            assert loads == list(SEARCH_MARKS)
        else:
            assert loads == [], page


def test_no_script_blocks_the_first_paint(built_pages):
    for page in built_pages:
        for tag in re.findall(r"<script\b[^>]*\ssrc=[^>]*>", page.read_text(encoding="utf-8")):
            assert re.search(r"\s(defer|async)\b|type=\"module\"", tag), (page, tag)


def test_each_page_has_one_stylesheet_with_its_print_styles(built_pages):
    for page in built_pages:
        head = _head(page)
        if 'http-equiv="refresh"' in head:
            continue
        sheets = re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', head)
        assert len(sheets) == 1 and "/_static/styles/course-" in "/" + sheets[0].replace("../", ""), (page, sheets)
        assert "@media print" in (page.parent / sheets[0]).read_text(encoding="utf-8")


def _icons_in(css: str) -> set[int]:
    return {int(m[0], 16) if m[0] else ord(m[1]) for m in icon_fonts.ICON.findall(css)}


def test_the_cut_icon_fonts_still_draw_every_icon_the_stylesheet_names():
    from fontTools.ttLib import TTFont

    css = "".join(p.read_text(encoding="utf-8") for p in (HTML / slim.STYLES).glob("course-*.css"))
    fonts = sorted((HTML / "_static/vendor/fontawesome/webfonts").glob("*.woff2"))
    drawn = set().union(*(TTFont(f).getBestCmap().keys() for f in fonts))
    needed = _icons_in(css)
    assert len(needed) >= 10  # the menu, search, light/dark, download, rocket, admonition icons...
    assert needed - drawn == set()
    assert sum(f.stat().st_size for f in fonts) < 40_000  # cut from about 400 kB


def test_a_theme_feature_loads_only_where_the_body_uses_it():
    def asset(name=None, body=""):
        return SimpleNamespace(filename=name, attributes={"body": body} if body else {})

    def page(body):
        context = {
            "script_files": [
                asset("copybutton.js"),
                asset("togglebutton.js"),
                asset(body="var togglebuttonSelector = 1"),
            ],
            "css_files": [asset("pygments.css"), asset("course.css")],
        }
        page_assets.drop_unused_assets(context, body)
        return [a.filename or a.attributes["body"] for a in context["script_files"] + context["css_files"]]

    assert page("<p>Just words</p>") == ["course.css"]
    assert page('<div class="highlight-python"><div class="highlight">') == [
        "copybutton.js",
        "pygments.css",
        "course.css",
    ]
    assert page('<div class="admonition dropdown">') == [
        "togglebutton.js",
        "var togglebuttonSelector = 1",
        "course.css",
    ]


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize(
    "path", ["book/welcome.html", "book/when-to-see-a-doctor.html", "book/teach/instructor-guide.html"]
)
def test_the_trimmed_stylesheet_draws_the_page_as_the_theme_s_own_do(page, watch, book_url, path, width, dark):
    """PurgeCSS dropped only rules nothing uses: swapping the theme's stylesheets back changes no pixel."""
    manifest = json.loads((HTML / slim.STYLES / slim.SOURCES_MANIFEST).read_text(encoding="utf-8"))
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, book_url, path, dark=dark)
    states = {"page": lambda: None}
    if width == 390:
        states["menu open"] = lambda: page.locator(".primary-toggle").first.click()
    else:
        states["search open"] = lambda: page.keyboard.press("Control+k")

    bundle = re.search(r"course-[0-9a-f]+\.css", (HTML / path).read_text(encoding="utf-8"))[0]

    def shot(action, theme_css: bool):
        page.reload()
        page.wait_for_load_state("networkidle")
        if theme_css:
            page.evaluate(SWAP_IN_THEME_CSS, manifest[bundle])
            page.wait_for_load_state("networkidle")
        action()
        page.wait_for_timeout(400)
        return page.screenshot()

    for name, action in states.items():
        trimmed, theirs = shot(action, False), shot(action, True)
        # A few anti-aliased pixels (one in 10,000) may differ where rules are met in another order;
        # a lost rule moves or recolours thousands.
        assert differing_pixels(page, trimmed, theirs) <= width * 900 / 10_000, f"{path} ({name}) at {width} px"
    assert watch.errors == []


def differing_pixels(page, a: bytes, b: bytes) -> int:
    """How many pixels two same-size PNG screenshots differ in (decoded by the browser's canvas)."""
    import base64

    urls = ["data:image/png;base64," + base64.b64encode(x).decode() for x in (a, b)]
    return page.evaluate(
        """async (urls) => {
          const decode = (u) => new Promise((ok) => { const i = new Image(); i.onload = () => ok(i); i.src = u; });
          const images = await Promise.all(urls.map(decode));
          const [w, h] = [images[0].width, images[0].height];
          if (images[1].width !== w || images[1].height !== h) return w * h;
          const [p, q] = images.map((img) => {
            const c = Object.assign(document.createElement('canvas'), { width: w, height: h });
            const x = c.getContext('2d'); x.drawImage(img, 0, 0); return x.getImageData(0, 0, w, h).data;
          });
          let n = 0;
          for (let i = 0; i < p.length; i += 4) {
            if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) n++;
          }
          return n;
        }""",
        urls,
    )


SWAP_IN_THEME_CSS = """(sources) => new Promise((done) => {
  const link = document.querySelector('link[rel=stylesheet][href*="_static/styles/course-"]');
  const base = new URL('../../', link.href);  // the manifest gives paths from the site's root
  let waiting = sources.length;
  for (const [href, media] of sources) {
    const original = Object.assign(document.createElement('link'), { rel: 'stylesheet', media });
    original.href = new URL(href, base).href;
    original.onload = original.onerror = () => --waiting || (link.remove(), requestAnimationFrame(() => done()));
    link.before(original);
  }
})"""
