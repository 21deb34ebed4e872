"""The book with JavaScript off, in headless Chromium: each tool's place says what the tool does and
where the same information is as text, and the emergency box keeps its red."""

from __future__ import annotations

import pytest

from widgets.data import load_symptoms
from widgets.triage import fill_numbers

pytestmark = pytest.mark.browser

TOOL_PAGES = {
    "book/when-to-see-a-doctor.html": "symptom checker",
    "book/caffeine-timeline.html": "caffeine timeline",
    "book/twitch-diary.html": "twitch diary",
    "book/doctor-visit.html": "visit summary",
}


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", TOOL_PAGES)
def test_each_tool_says_what_it_does_without_javascript(no_script_page, book_url, path):
    page = no_script_page
    page.goto(f"{book_url}/{path}")
    note = page.locator(".course-noscript")
    assert note.count() == 1 and note.is_visible()
    text = note.inner_text()
    assert TOOL_PAGES[path] in text.lower() and "JavaScript" in text
    for link in note.locator("a").all():  # where the same information is, on this page or another
        href = link.get_attribute("href")
        if href.startswith("#"):
            assert page.locator(f"[id='{href[1:]}']").count() == 1, href


def test_noscript_text_stays_hidden_with_javascript(page, book_url):
    page.goto(f"{book_url}/book/when-to-see-a-doctor.html")
    assert not page.locator(".course-noscript").is_visible()


def test_emergency_box_keeps_its_red_without_javascript(no_script_page, book_url):
    page = no_script_page
    page.goto(f"{book_url}/book/welcome.html")
    box = page.locator(".admonition.danger").first
    border = box.evaluate("e => getComputedStyle(e).borderLeftColor")
    title_bg = box.locator(".admonition-title").evaluate("e => getComputedStyle(e).backgroundColor")
    assert border == "rgb(215, 45, 71)", border
    assert title_bg == "rgb(249, 225, 228)", title_bg


@pytest.mark.browser
def test_without_javascript_every_warning_sign_is_on_the_page_as_text(browser, book_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{book_url}/book/when-to-see-a-doctor.html")
    # The page's text, and the four-level picture's: SVG draws without JavaScript, and its <desc>
    # says in words all that the picture shows (innerText leaves SVG text out).
    shown = page.locator("article").inner_text() + " ".join(page.locator("article svg desc").all_text_contents())
    text = " ".join(shown.split())
    assert page.locator("#picture-four-levels svg").is_visible()
    context.close()
    data = load_symptoms()
    for s in data["symptoms"]:
        if s["level"] != "selfcare":
            assert " ".join(s["label"].split()) in text, s["id"]
    for level in ("emergency", "urgent", "doctor"):
        heading = fill_numbers(data["levels"][level]["heading"], "all", data["regions"])
        assert heading in text, level
