"""The built book in headless Chromium with the network cut: every page, every widget (issues 2, 3)."""

from __future__ import annotations

import pytest

from widgets import data, pages

from ..conftest import ROOT, open_page

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def page_paths() -> list[str]:
    """Every page of the book, from `_toc.yml` (not from a build that may be missing or stale)."""
    return [f"{file}.html" for file in pages.toc_files(ROOT / "book")] + ["search.html", "genindex.html"]


def pytest_generate_tests(metafunc):
    if "book_page" in metafunc.fixturenames:
        metafunc.parametrize("book_page", page_paths())


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [390, 768, 1280])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_page_is_quiet_self_contained_and_accessible(page, watch, book_url, book_page, dark, width):
    """On a phone, a tablet and a desktop, light and dark: no other host, no console error, axe clean."""
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 800})
    open_page(page, book_url, book_page, dark=dark)
    assert page.evaluate("document.documentElement.dataset.theme") == ("dark" if dark else "light")
    assert watch.external == [], "requests to other hosts"
    assert watch.errors == [], "console errors"
    kinds = page.evaluate(
        """() => [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
                 .map(s => s.nextElementSibling.firstElementChild?.dataset.widget ?? null)"""
    )
    assert None not in kinds, f"a widget without data-widget on its root: {kinds}"
    assert axe_violations(page) == []


# The charts the course must have (issue 4), each on its chapter. (The blood-ranges chart gave way
# to the pee-colour picture, widgets/pictures.py.)
CHARTS = {
    "risk-in-proportion": "what-is-fasciculation",
    "caffeine-day": "everyday-triggers",
    "sleep-by-age": "sleep",
}


def contrast(a: list[float], b: list[float]) -> float:
    """WCAG contrast ratio of two sRGB colours given as 0-255 channels."""

    def lum(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    hi, lo = sorted([lum(a), lum(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("chart", CHARTS)
def test_chart_draws_every_data_point_in_readable_text(page, watch, book_url, chart, dark):
    """The SVG drawn at build time shows every number of its table, with text readable on the page."""
    open_page(page, book_url, f"book/{CHARTS[chart]}.html", dark=dark)
    drawn = page.evaluate(
        """(id) => {
          const svg = document.querySelector(`#chart-${id} svg[role=img]`);
          const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
          const opaque = (c) => !/rgba\\(.*,\\s*0\\)$|transparent/.test(c);
          let node = svg;  // the colour behind the chart: the nearest ancestor that paints one
          while (node && !opaque(getComputedStyle(node).backgroundColor)) node = node.parentElement;
          const bg = node ? getComputedStyle(node).backgroundColor : 'rgb(255, 255, 255)';
          const box = svg.getBoundingClientRect();
          return {
            squares: [...svg.querySelectorAll('path:not([fill-opacity])')]
              .reduce((n, p) => n + (p.getAttribute('d').match(/M/g) || []).length, 0),
            bars: svg.querySelectorAll('rect[height="20"]').length,
            line: svg.querySelectorAll('polyline').length,
            text: [...svg.querySelectorAll('text')].map((t) => rgb(getComputedStyle(t).fill)),
            page: rgb(bg),
            width: box.width,
            fits: box.right <= document.documentElement.clientWidth + 0.5,
          };
        }""",
        chart,
    )
    figures = data.load_figures()
    expected = {
        "risk-in-proportion": ("squares", figures["risk"]["people"]),  # one square a person
        "caffeine-day": ("line", 1),
        "sleep-by-age": ("bars", len(figures["sleep_by_age"]["groups"])),
    }[chart]
    assert drawn[expected[0]] == expected[1], drawn
    assert drawn["text"], "no title or labels drawn"
    worst = min(contrast(colour, drawn["page"]) for colour in drawn["text"])
    assert worst >= 4.5, f"chart text contrast {worst:.1f}:1 on the page background"
    assert drawn["width"] > 200 and drawn["fits"], drawn
    assert watch.errors == []


def test_no_table_is_wider_than_a_phone(page, book_url, book_page):
    """At 390 px every table fits or stacks: none needs sideways scrolling, chart data tables included."""
    open_page(page, book_url, book_page)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll('article table')]
                 .filter(t => t.offsetParent !== null)
                 .filter(t => t.getBoundingClientRect().right > innerWidth + 0.5
                           || t.parentElement.scrollWidth > t.parentElement.clientWidth + 0.5)
                 .map(t => (t.querySelector('th, td')?.textContent ?? '').trim().slice(0, 40)
                           + ` (${Math.round(t.getBoundingClientRect().width)} px)`)"""
    )
    assert page.viewport_size["width"] == 390
    assert too_wide == []


@pytest.mark.parametrize("picture", ["urine-colour", "four-levels"])
def test_pictures_sit_on_the_page_colours_in_dark_mode(page, book_url, picture):
    """No light panel behind a picture or chart in dark mode: it draws in the page's own colours."""
    where = {"urine-colour": "electrolytes", "four-levels": "when-to-see-a-doctor"}[picture]
    open_page(page, book_url, f"book/{where}.html", dark=True)
    figure = page.locator(f"#picture-{picture}")
    panel = figure.evaluate("f => getComputedStyle(f.parentElement).backgroundColor")
    assert panel in ("rgba(0, 0, 0, 0)", "transparent")
    text = figure.evaluate("f => getComputedStyle(f).color")
    assert text == page.evaluate("() => getComputedStyle(document.querySelector('article')).color")


def test_ids_are_unique_and_every_label_finds_its_field(page, book_url, book_page):
    """In the rendered page, widgets included: a repeated id gives a field no label, or the wrong one."""
    open_page(page, book_url, book_page)
    problems = page.evaluate(
        """() => {
          const FIELDS = 'input, select, textarea, button, meter, output, progress';
          const count = {};
          document.querySelectorAll('[id]').forEach(e => { count[e.id] = (count[e.id] || 0) + 1; });
          const repeated = Object.keys(count).filter(id => count[id] > 1);
          const lost = [...document.querySelectorAll('label[for]')]
            .filter(l => !document.getElementById(l.htmlFor)?.matches(FIELDS))
            .map(l => `label for=${l.htmlFor}`);
          return [...repeated, ...lost];
        }"""
    )
    assert problems == []


def test_page_reflows_at_200_percent_zoom_on_a_desktop(browser, book_url, book_page):
    """WCAG 1.4.10: a 1280 px screen at 200% zoom lays the page out in 640 CSS px, with no sideways scrolling."""
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    try:
        open_page(page, book_url, book_page)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        wide = page.evaluate(
            """() => [...document.querySelectorAll('article *')]
                 .filter(e => e.offsetParent !== null && e.getBoundingClientRect().right > innerWidth + 1
                           && !e.closest('.pst-scrollable-table-container, pre, .highlight'))
                 .slice(0, 5).map(e => e.tagName + '.' + [...e.classList].join('.'))"""
        )
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), wide
        assert wide == []
    finally:
        context.close()


WIDGET_PAGES = [p for p in page_paths() if p.startswith("book/")]

# Where focus is, whether it shows (an outline or a ring drawn as box-shadow), and whether it sits in a widget.
FOCUS_NOW = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow && style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  return {
    key: el.id || `${el.tagName}:${el.textContent.trim().slice(0, 30)}:${box.x},${box.y + scrollY}`,
    shows: outline || ring, inWidget: !!el.closest('.cw-host'), what: el.outerHTML.slice(0, 120),
    seen: box.width > 0 && box.height > 0,
  };
}"""
# Tab stops inside widgets: every control, but a group of radio buttons is one stop.
FOCUSABLE_IN_WIDGETS = """() => {
  const controls = [...document.querySelectorAll('.cw-host :is(a[href], button, input, select, textarea, summary)')]
    .filter((el) => !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden');
  const radios = new Set(controls.filter((el) => el.type === 'radio').map((el) => el.name));
  return controls.filter((el) => el.type !== 'radio').length + radios.size;
}"""


@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_keyboard_alone_reaches_every_widget_control_with_focus_shown_and_no_trap(page, book_url, path):
    """At 1280 px, Tab from the top of the page: focus always shows, every widget control is reached,
    and Tab carries on past the last widget to the end of the page (WCAG 2.1.2, 2.4.7)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, book_url, path)
    in_widgets = page.evaluate(FOCUSABLE_IN_WIDGETS)
    seen, order, hidden = set(), [], []
    for _ in range(400):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUS_NOW)
        if now is None:
            break  # focus left the page: Tab went past its last control
        if order and now["key"] == order[-1]["key"]:
            continue  # a date or time field: Tab steps through its parts (day, month, year...)
        if now["key"] in seen:
            break  # back to a control already visited: the end, or a trap (checked below)
        seen.add(now["key"])
        order.append(now)
        if not now["shows"] or not now["seen"]:
            hidden.append(now["what"])
    assert hidden == [], f"focus does not show on: {hidden[:3]}"
    assert len(order) > 5, "Tab reaches the page's links and controls"
    widget_stops = [i for i, n in enumerate(order) if n["inWidget"]]
    assert len(widget_stops) >= in_widgets, (len(widget_stops), in_widgets)
    if widget_stops:
        assert widget_stops[-1] < len(order) - 1, "Tab stops at the last widget control: a keyboard trap"
