"""What every widget shares (static/common.js), in an empty page: course text shown as text, never
as HTML; shuffles that stay the same."""

from __future__ import annotations

import pytest

from ..conftest import ROOT, open_page

pytestmark = pytest.mark.browser


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
