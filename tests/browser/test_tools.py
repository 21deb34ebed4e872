"""What every tool shares, in the widget book: no serious accessibility problem, and no chart code
until there is a chart."""

from __future__ import annotations

import pytest

from ..conftest import ROOT, open_page
from .tools import CAFFEINE, DIARY, DIARY_KEY, VISIT, add_drink, add_entry, assert_quiet

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("path", [CAFFEINE, DIARY, VISIT])
def test_tool_pages_have_no_serious_accessibility_problems(page, watch, widget_book_url, path, dark):
    page.add_init_script(
        f"""localStorage.setItem('{DIARY_KEY}', JSON.stringify({{version: 1, entries: [
            {{when: '2026-11-01T08:00', area: 'calf', duration_min: 2, sleep_h: 6,
              caffeine_mg: 300, stress: 7, exercise: 'hard', notes: 'n'}}]}}));"""
    )
    open_page(page, widget_book_url, path, dark=dark)
    if path == CAFFEINE:
        add_drink(page.locator('[data-widget="caffeine-timeline"]'), "coffee-filter-mug", "08:00")
    if path != VISIT:
        page.wait_for_function("() => document.querySelector('.cw-plot svg')")
    # Show an error message too: it must be readable in both modes.
    if path == DIARY:
        add_entry(page, sleep_h="30")
        # Back at the top: the theme's fading "Back to top" button is not part of the tools.
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_timeout(600)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    serious = [
        (v["id"], targets)
        for v in result
        if v["impact"] in ("serious", "critical") and (targets := [n["target"] for n in v["nodes"]])
    ]
    assert serious == []
    assert_quiet(watch)


@pytest.mark.parametrize("path", [CAFFEINE, DIARY])
def test_an_empty_tool_loads_no_chart_code_until_there_is_something_to_draw(page, watch, widget_book_url, path):
    """plotly.js is about 400 kB: an empty tool shows no chart and does not fetch it; the first entry draws one."""
    open_page(page, widget_book_url, path)
    page.wait_for_timeout(500)
    plotly = [url for url in watch.requests if "plotly" in url]
    assert plotly == [] and page.locator(".cw-plot").first.is_hidden()
    if path == CAFFEINE:
        add_drink(page.locator('[data-widget="caffeine-timeline"]'), "coffee-filter-mug", "08:00")
    else:
        add_entry(page)
    page.wait_for_function("() => document.querySelector('.cw-plot svg')")
    assert [url for url in watch.requests if "plotly-basic.min.js" in url], "the first entry loads the chart code"
    assert_quiet(watch)
