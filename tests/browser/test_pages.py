"""The built book in headless Chromium with the network cut: every page, every widget (issues 2, 3)."""

from __future__ import annotations

import json

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


def test_quiz_answers_by_mouse(page, watch, book_url):
    open_page(page, book_url, "book/sleep.html")
    quiz = page.locator('[data-widget="quiz"]')
    first = quiz.locator("fieldset.cw-question").first
    bank = json.loads(json.dumps(__import__("widgets.data", fromlist=["x"]).load_chapter("sleep")))
    question = bank["quiz"][0]
    right = next(o["text"] for o in question["options"] if o.get("correct"))
    first.get_by_label(right, exact=True).check()
    first.get_by_role("button", name="Check answer").click()
    feedback = first.locator(".cw-feedback")
    assert "Correct" in feedback.inner_text()
    for option in question["options"]:  # every option is explained
        assert option["why"].split("**")[0][:30] in feedback.inner_text()
    assert feedback.get_attribute("role") == "status"
    assert quiz.locator(".cw-score").inner_text().startswith("Score: 1 of ")
    assert watch.external == [] and watch.errors == []


def test_quiz_by_keyboard_alone_with_summary_and_try_again(page, book_url):
    open_page(page, book_url, "book/sleep.html")
    quiz = page.locator('[data-widget="quiz"]')
    questions = quiz.locator("fieldset.cw-question")
    count = questions.count()
    for i in range(count):
        q = questions.nth(i)
        q.locator("input").first.focus()
        page.keyboard.press("Space")  # choose the first option, right or wrong
        q.get_by_role("button", name="Check answer").focus()
        page.keyboard.press("Enter")
        assert q.locator(".cw-verdict").count() == 1
    bank = data.load_chapter("sleep", ROOT / "book")["quiz"]
    marks = [[bool(o.get("correct")) for o in q["options"]] for q in bank]
    right = sum(m[0] and m.count(True) == 1 for m in marks)  # questions the first option alone answers
    assert right < count, "the first option is not always right"
    summary = quiz.locator(".cw-summary").inner_text()
    assert f"{right} of {count}" in summary and "To review" in summary
    links = quiz.locator(".cw-summary a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(links) >= 1
    for href in links:  # every missed question links to the section that teaches it
        assert page.locator(href).count() == 1, href
    quiz.get_by_role("button", name="Try again").focus()
    page.keyboard.press("Enter")
    assert quiz.locator(".cw-verdict").count() == 0
    assert quiz.locator(".cw-score").inner_text().startswith("Score: 0 of ")


def test_wrong_answer_is_marked_wrong_in_words_not_only_colour(page, book_url):
    open_page(page, book_url, "book/sleep.html")
    first = page.locator('[data-widget="quiz"] fieldset.cw-question').first
    bank = data.load_chapter("sleep", ROOT / "book")
    wrong = next(o["text"] for o in bank["quiz"][0]["options"] if not o.get("correct"))
    first.get_by_label(wrong, exact=True).check()
    first.get_by_role("button", name="Check answer").click()
    assert "Not quite" in first.locator(".cw-feedback").inner_text()


def test_checklist_tips_follow_ticks_and_persist_across_reload(page, book_url):
    open_page(page, book_url, "book/sleep.html")
    checklist = page.locator('[data-widget="trigger-checklist"]')
    boxes = checklist.locator('input[type="checkbox"]')
    assert boxes.count() >= 2
    boxes.nth(1).check()
    boxes.nth(0).check()
    tips = checklist.locator(".cw-tips li")
    assert tips.count() == 2
    ids = tips.evaluate_all("els => els.map(e => e.dataset.trigger)")
    triggers = __import__("widgets.data", fromlist=["x"]).checklist_items("sleep")
    order = [t["id"] for t in triggers]
    assert ids == sorted(ids, key=order.index), "most helpful first"
    assert all(a.get_attribute("href") for a in checklist.locator(".cw-tips a").all())
    page.reload()
    open_page(page, book_url, "book/sleep.html")
    checklist = page.locator('[data-widget="trigger-checklist"]')
    assert checklist.locator('input[type="checkbox"]').nth(0).is_checked()
    assert checklist.locator(".cw-tips li").count() == 2
    checklist.get_by_role("button", name="Clear my ticks").click()
    assert checklist.locator(".cw-tips li").count() == 0
    page.reload()
    open_page(page, book_url, "book/sleep.html")
    assert not page.locator('[data-widget="trigger-checklist"] input[type="checkbox"]').nth(0).is_checked()


def test_checklist_survives_corrupted_storage(page, book_url):
    page.add_init_script("localStorage.setItem('fasciculation-course:checklist:sleep', '{not json');")
    open_page(page, book_url, "book/sleep.html")
    checklist = page.locator('[data-widget="trigger-checklist"]')
    assert checklist.locator('input[type="checkbox"]:checked').count() == 0
    assert "Tick a box" in checklist.locator(".cw-tips").inner_text()


def _common_js() -> str:
    return (ROOT / "widgets" / "static" / "common.js").read_text()


def test_course_text_is_rendered_as_text_never_as_html(page, book_url):
    """The small Markdown of course data: bold, italic and safe links; everything else stays text."""
    open_page(page, book_url, "book/how-to-use.html")
    html = page.evaluate(
        f"""(samples) => {{ {_common_js()};
            return samples.map(s => {{
                const d = document.createElement('div'); d.append(inline(s)); return d.innerHTML; }}); }}""",
        [
            "**Bold** and *soft* and [a page](sleep#sleep-how-much)",
            '<img src=x onerror="window.hacked=1"> <script>window.hacked=1</script>',
            "[click](javascript:alert(1))",
            "[source](https://www.nhs.uk/)",
        ],
    )
    assert html[0] == '<strong>Bold</strong> and <em>soft</em> and <a href="sleep.html#sleep-how-much">a page</a>'
    assert "<img" not in html[1] and "<script" not in html[1] and "&lt;img" in html[1]
    assert "href" not in html[2] and "click" in html[2]
    assert html[3] == '<a href="https://www.nhs.uk/">source</a>'
    assert page.evaluate("window.hacked") is None


def test_shuffled_options_keep_the_same_order_on_every_load(page, book_url):
    open_page(page, book_url, "book/how-to-use.html")
    orders = page.evaluate(
        f"""() => {{ {_common_js()};
            const items = ['a', 'b', 'c', 'd', 'e'];
            return [seededShuffle(items, hashString('sleep:q1')), seededShuffle(items, hashString('sleep:q1')),
                    seededShuffle(items, hashString('anxiety:q1'))]; }}"""
    )
    assert orders[0] == orders[1], "stable for the same quiz and question"
    assert sorted(orders[0]) == ["a", "b", "c", "d", "e"], "a permutation: nothing lost"
    assert orders[0] != ["a", "b", "c", "d", "e"] or orders[2] != ["a", "b", "c", "d", "e"], "it does shuffle"


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
