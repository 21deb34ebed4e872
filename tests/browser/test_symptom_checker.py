"""The symptom checker in the widget book, as a reader on a phone meets it: no result before a tick,
the right level, the numbers for where they are, dated ticks."""

from __future__ import annotations

import datetime
import json

import pytest

from widgets.data import load_symptoms
from widgets.schemas import LEVEL_NAMES

from ..conftest import ROOT, open_page
from .tools import CHECKER, KEYS

DATA = load_symptoms(ROOT / "book")
SYMPTOMS, LEVELS, REGIONS = DATA["symptoms"], DATA["levels"], DATA["regions"]
IDS = [s["id"] for s in SYMPTOMS]
LEVEL_OF = {s["id"]: s["level"] for s in SYMPTOMS}
BY_LEVEL = {level: [s for s in SYMPTOMS if s["level"] == level] for level in LEVEL_NAMES}

PAGE = CHECKER
TICKS_KEY, REGION_KEY = KEYS["symptoms"], KEYS["region"]
pytestmark = pytest.mark.browser


def checker(page):
    return page.locator('[data-widget="symptom-checker"]')


def tick(page, symptom):
    box = checker(page).get_by_label(symptom["label"], exact=True)
    box.scroll_into_view_if_needed()
    box.check()


@pytest.mark.browser
def test_no_result_before_the_first_tick_then_the_right_level(page, widget_book_url):
    open_page(page, widget_book_url, PAGE)
    assert checker(page).locator("[data-level].cw-result").count() == 0
    for level in ("selfcare", "doctor", "urgent", "emergency"):
        tick(page, BY_LEVEL[level][0])
        result = checker(page).locator(".cw-result")
        assert result.get_attribute("data-level") == level
        text = result.inner_text()
        assert LEVELS[level]["heading"].split("{")[0] in text
        assert "null" not in text and "undefined" not in text and "{" not in text


@pytest.mark.browser
def test_any_emergency_tick_shows_the_emergency_result_on_screen_at_phone_size(page, widget_book_url):
    """At 390 x 844 the advice appears inside the visible screen, next to the tick, without scrolling."""
    open_page(page, widget_book_url, PAGE)
    for symptom in BY_LEVEL["emergency"]:
        checker(page).get_by_role("button", name="Clear my answers").click()
        tick(page, symptom)
        heading = checker(page).locator('.cw-result[data-level="emergency"] h4')
        box = heading.bounding_box()
        assert box is not None, symptom["id"]
        assert 0 <= box["y"] and box["y"] + box["height"] <= 844, (symptom["id"], box)
        assert all(n in heading.inner_text() for n in ("999", "911", "112"))


@pytest.mark.browser
def test_urgent_result_names_same_day_help(page, widget_book_url):
    open_page(page, widget_book_url, PAGE)
    tick(page, BY_LEVEL["urgent"][0])
    result = checker(page).locator('.cw-result[data-level="urgent"]')
    box = result.locator("h4").bounding_box()
    assert box and 0 <= box["y"] <= 844 - box["height"]
    assert "NHS 111" in result.inner_text() and "today" in result.inner_text()


@pytest.mark.browser
def test_the_country_choice_changes_the_numbers_and_survives_a_reload(page, widget_book_url):
    open_page(page, widget_book_url, PAGE)
    tick(page, BY_LEVEL["emergency"][0])
    checker(page).get_by_label("US", exact=True).check()
    heading = checker(page).locator(".cw-result h4")
    assert heading.inner_text() == "Call 911 now"
    checker(page).get_by_label("UK", exact=True).check()
    assert heading.inner_text() == "Call 999 now"
    page.reload()
    open_page(page, widget_book_url, PAGE)
    assert checker(page).get_by_label("UK", exact=True).is_checked()
    assert checker(page).locator(".cw-result h4").inner_text() == "Call 999 now"  # ticks of today come back


@pytest.mark.browser
@pytest.mark.parametrize("stored", ['"mars"', "42", "{}", "not json", '"all"'])
def test_a_bad_stored_country_shows_every_number(page, widget_book_url, stored):
    page.add_init_script(f"localStorage.setItem('{REGION_KEY}', {json.dumps(stored)});")
    open_page(page, widget_book_url, PAGE)
    tick(page, BY_LEVEL["emergency"][0])
    text = checker(page).locator(".cw-result h4").inner_text()
    assert all(n in text for n in ("999", "911", "112")), text


def _seed_ticks(page, ids, days_ago):
    date = (datetime.date.today() - datetime.timedelta(days=days_ago)).isoformat()
    value = json.dumps({"ticked": ids, "date": date})
    page.add_init_script(f"localStorage.setItem('{TICKS_KEY}', {json.dumps(value)});")


@pytest.mark.browser
def test_ticks_older_than_a_week_are_not_shown_as_current(page, widget_book_url):
    sign = BY_LEVEL["emergency"][0]
    _seed_ticks(page, [sign["id"]], days_ago=8)
    open_page(page, widget_book_url, PAGE)
    assert checker(page).locator(".cw-result").count() == 0
    assert not checker(page).get_by_label(sign["label"], exact=True).is_checked()
    note = checker(page).locator(".cw-saved")
    assert "more than 7 days ago" in note.inner_text()
    note.get_by_role("button", name="Show them again").click()
    assert checker(page).locator(".cw-result").get_attribute("data-level") == "emergency"


@pytest.mark.browser
def test_recent_ticks_come_back_with_their_date_and_clear_in_one_tap(page, widget_book_url):
    sign = BY_LEVEL["doctor"][0]
    _seed_ticks(page, [sign["id"]], days_ago=2)
    open_page(page, widget_book_url, PAGE)
    assert checker(page).get_by_label(sign["label"], exact=True).is_checked()
    assert "saved on" in checker(page).locator(".cw-saved").inner_text()
    checker(page).get_by_role("button", name="Clear my answers").click()
    assert checker(page).locator(".cw-result").count() == 0
    assert page.evaluate(f"localStorage.getItem('{TICKS_KEY}')") is None


@pytest.mark.browser
def test_checker_by_keyboard(page, widget_book_url):
    open_page(page, widget_book_url, PAGE)
    emergency = BY_LEVEL["emergency"][0]
    checker(page).get_by_label(emergency["label"], exact=True).focus()
    page.keyboard.press("Space")
    assert checker(page).locator(".cw-result").get_attribute("data-level") == "emergency"
    checker(page).get_by_role("button", name="Clear my answers").focus()
    page.keyboard.press("Enter")
    assert checker(page).locator(".cw-result").count() == 0


@pytest.mark.browser
def test_the_reader_can_see_the_source_of_each_ticked_sign(page, widget_book_url):
    open_page(page, widget_book_url, PAGE)
    sign = next(s for s in BY_LEVEL["urgent"] if s["source"]["url"])
    tick(page, sign)
    why = checker(page).locator(".cw-why")
    why.locator("summary").click()
    link = why.get_by_role("link", name=sign["source"]["label"])
    assert link.get_attribute("href") == sign["source"]["url"]
