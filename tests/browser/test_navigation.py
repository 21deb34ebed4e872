"""Finding the way, in headless Chromium: the menu and "On this page" buttons at every width, the start
page's short answer in the first phone screen, the skip link to the checker, the site's front door."""

from __future__ import annotations

import urllib.request

import pytest

from ..conftest import open_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# A 1280 px screen at 200% zoom lays the page out in 640 CSS pixels.
ZOOMED = {"width": 640, "height": 400}
DESKTOP = {"width": 1280, "height": 800}


def visible_button(page, kind: str):
    """The one visible sidebar button of a kind ('primary' is the menu, 'secondary' is "On this page")."""
    buttons = page.locator(f"button.{kind}-toggle:visible")
    assert buttons.count() == 1, f"{buttons.count()} visible {kind} buttons"
    return buttons.first


@pytest.mark.parametrize("size", [PHONE, ZOOMED], ids=["phone", "zoom-200"])
def test_menu_opens_the_chapter_list_and_its_links_work(page, watch, book_url, size):
    page.set_viewport_size(size)
    open_page(page, book_url, "book/sleep.html")
    menu = visible_button(page, "primary")
    assert menu.get_attribute("aria-label") == "Menu: all chapters"
    menu.click()
    dialog = page.locator("#pst-primary-sidebar-modal")
    link = dialog.get_by_role("link", name="When to see a doctor", exact=True)
    link.wait_for(state="visible")
    assert dialog.evaluate("d => d.open")
    link.click()
    page.wait_for_url("**/book/when-to-see-a-doctor.html")
    assert page.locator("h1").first.inner_text().startswith("When to see a doctor")
    assert watch.errors == []


@pytest.mark.parametrize("size", [PHONE, ZOOMED], ids=["phone", "zoom-200"])
def test_on_this_page_opens_the_section_list_and_its_links_work(page, watch, book_url, size):
    page.set_viewport_size(size)
    open_page(page, book_url, "book/sleep.html")
    visible_button(page, "secondary").click()
    dialog = page.locator("#pst-secondary-sidebar-modal")
    link = dialog.get_by_role("link", name="Key takeaways")
    link.wait_for(state="visible")
    target = link.get_attribute("href")
    assert target.startswith("#")
    link.click()
    page.wait_for_function("target => location.hash === target", arg=target)
    heading = page.locator(f"[id='{target[1:]}']")
    assert heading.count() == 1 and heading.first.is_visible()
    assert watch.errors == []


def test_menu_hides_and_shows_the_sidebar_on_a_wide_screen(page, watch, book_url):
    page.set_viewport_size(DESKTOP)
    open_page(page, book_url, "book/sleep.html")
    sidebar = page.locator("#pst-primary-sidebar")
    chapter = sidebar.get_by_role("link", name="When to see a doctor", exact=True)
    assert chapter.is_visible()
    menu = visible_button(page, "primary")
    menu.click()
    sidebar.wait_for(state="hidden")
    assert not page.locator("#pst-primary-sidebar-modal").evaluate("d => d.open"), "no modal on a wide screen"
    menu.click()
    chapter.wait_for(state="visible")
    chapter.click()
    page.wait_for_url("**/book/when-to-see-a-doctor.html")
    # On a wide screen the section list is always shown, and its links work.
    section = page.locator("#pst-secondary-sidebar").get_by_role("link", name="Check your symptoms")
    assert section.is_visible()
    target = section.get_attribute("href")
    section.click()
    page.wait_for_function("target => location.hash === target", arg=target)
    assert watch.errors == []


def test_start_page_answers_the_worried_reader_in_the_first_phone_screen(page, watch, book_url):
    page.set_viewport_size(PHONE)
    open_page(page, book_url, "book/welcome.html")

    def in_first_screen(text: str) -> bool:
        return page.evaluate(
            """text => {
                const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
                let node, found = '', bottom = 0;
                const range = document.createRange();
                // the text may run over several nodes (bold, links): find where it ends
                while ((node = walker.nextNode())) {
                  found += node.textContent;
                  if (found.replace(/\\s+/g, ' ').includes(text)) {
                    range.selectNodeContents(node);
                    bottom = range.getBoundingClientRect().bottom;
                    break;
                  }
                }
                return bottom > 0 && bottom <= window.innerHeight;
            }""",
            text,
        )

    assert in_first_screen("It usually starts with weakness, not twitching")
    assert in_first_screen("a twitch that lasts more than 2 weeks")
    box = page.locator(".admonition", has_text="The short answer")
    assert (
        box.get_by_role("link", name="Read the facts about ALS")
        .get_attribute("href")
        .startswith("serious-conditions.html")
    )
    assert box.get_by_role("link", name="Check your symptoms").get_attribute("href").endswith("#doctor-checker")
    box.get_by_role("link", name="See the emergency signs").click()
    page.wait_for_function("() => location.hash === '#welcome-emergency'")
    assert page.locator(".admonition.danger").first.is_visible()
    # its claims are cited, and each citation is one click from its source
    assert box.locator("a[href*='sources.html#']").count() >= 3
    assert watch.errors == []


def test_skip_link_takes_the_keyboard_straight_to_the_checker(page, book_url):
    open_page(page, book_url, "book/when-to-see-a-doctor.html")
    skip = page.get_by_role("link", name="Skip to the symptom checker")
    skip.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#doctor-checker'")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => Boolean(document.activeElement.closest('[data-widget=\"symptom-checker\"]'))"):
            break
    else:
        pytest.fail("5 Tab presses after the skip link did not reach the checker")


def test_front_door_has_a_title_and_the_site_a_favicon(page, book_url):
    page.goto(f"{book_url}/index.html")
    page.wait_for_url("**/book/welcome.html")
    with urllib.request.urlopen(f"{book_url}/index.html") as response:
        front = response.read().decode()
    assert "<title>Muscle twitches: a calm, clear course</title>" in front
    with urllib.request.urlopen(f"{book_url}/favicon.ico") as response:
        icon = response.read()
    assert response.status == 200 and icon[:4] == b"\0\0\1\0", "an ICO file"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_doctor_page_shows_call_now_advice_today_and_book_a_visit_in_its_first_screen(page, book_url, width):
    """The three levels, each with its first sign, are read before any scrolling, on a phone and a desktop."""
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 800})
    open_page(page, book_url, "book/when-to-see-a-doctor.html")
    box = page.locator(".admonition.what-to-do")
    items = box.locator("li")
    assert [items.nth(i).locator("strong").inner_text() for i in range(3)] == [
        "Call now:",
        "Get advice today:",
        "Book a visit within about 2 weeks:",
    ]
    assert "999" in items.nth(0).inner_text() and "sudden weakness" in items.nth(0).inner_text()
    top = page.evaluate("() => document.querySelector('.admonition.what-to-do').getBoundingClientRect().top")
    first_item_bottom = items.nth(0).bounding_box()["y"] + items.nth(0).bounding_box()["height"]
    assert top < page.viewport_size["height"] and first_item_bottom <= page.viewport_size["height"]
