"""The doctor-visit summary in the widget book: what it takes from the diary and the checker, and one printed page."""

from __future__ import annotations

import json
import re

import pytest

from widgets.data import load_symptoms

from ..conftest import open_page
from .tools import CHECKER, DIARY, DIARY_KEY, KEYS, VISIT, add_entry, assert_quiet

pytestmark = pytest.mark.browser


def test_checker_ticks_persist_and_reach_the_visit_summary(page, watch, widget_book_url):
    open_page(page, widget_book_url, CHECKER)
    checker = page.locator('[data-widget="symptom-checker"]')
    box = checker.locator('input[type="checkbox"]').nth(0)
    label = page.evaluate("() => document.querySelector('[data-widget=symptom-checker] input').labels[0].textContent")
    box.check()
    page.reload()
    open_page(page, widget_book_url, CHECKER)
    assert checker.locator('input[type="checkbox"]').nth(0).is_checked()
    open_page(page, widget_book_url, DIARY)
    add_entry(page, when="2026-11-01T08:00", sleep_h="5", stress="8")
    add_entry(page, when="2026-11-08T08:00", area="eyelid", sleep_h="8")
    open_page(page, widget_book_url, VISIT)
    sheet = page.locator(".cw-visit-summary-sheet")
    text = sheet.inner_text()
    assert label in text
    assert "Call 999" in text  # the first sign is an emergency sign
    assert "2 episodes in 8 days" in text and "Calf or foot (1), Eyelid (1)" in text
    assert "1 of 2 episodes came after less than 7 hours of sleep." in text
    page.locator(".cw-visit-summary").get_by_label("Medicines and supplements you take").fill("Salbutamol inhaler")
    assert "Salbutamol inhaler" in sheet.inner_text()
    assert "Nothing leaves your device" in page.locator("main").inner_text()
    # Clear all in the checker removes the saved ticks.
    open_page(page, widget_book_url, CHECKER)
    checker.get_by_role("button", name="Clear my answers").click()
    assert page.evaluate("k => localStorage.getItem(k)", KEYS["symptoms"]) is None
    assert_quiet(watch)


def test_visit_summary_prints_on_one_page_with_only_the_summary(page, watch, widget_book_url):
    open_page(page, widget_book_url, DIARY)
    for day in range(1, 29):
        add_entry(
            page,
            when=f"2026-10-{day:02d}T08:00",
            sleep_h="6",
            caffeine_mg="500",
            stress="8",
            notes="x" * 200,
        )
    ids = [s["id"] for s in load_symptoms()["symptoms"]][:8]
    page.evaluate("([k, ids]) => localStorage.setItem(k, JSON.stringify(ids))", [KEYS["symptoms"], ids])
    open_page(page, widget_book_url, VISIT)
    page.locator(".cw-visit-summary").get_by_label("Medicines and supplements you take").fill("A\nB\nC")
    assert page.locator(".cw-visit-summary-sheet li:not(.cw-episodes li)").count() == 8 + 3  # 8 signs, 3 patterns
    episodes = page.locator(".cw-visit-summary-sheet .cw-episodes li").all_inner_texts()
    assert len(episodes) == 20, episodes
    assert episodes[0].startswith("28 Oct 2026, 08:00") and episodes[-1].startswith("9 Oct 2026")
    assert "And 8 earlier episodes, in the twitch diary." in page.locator(".cw-visit-summary-sheet").inner_text()
    started = page.locator(".cw-visit-summary").get_by_label("When the twitching started")
    started.fill("2026-09-15")
    sheet = page.locator(".cw-visit-summary-sheet").inner_text()
    assert re.search(r"The twitching started on (15 September|September 15),? 2026\.", sheet), sheet
    assert re.search(r"First diary entry: (1 October|October 1),? 2026\.", sheet), sheet
    page.reload()
    open_page(page, widget_book_url, VISIT)
    assert started.input_value() == "2026-09-15"  # kept on this device
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.locator(".cw-visit-summary").get_by_role("button", name="Print").click()
    assert page.evaluate("() => window.printed") == 1
    page.emulate_media(media="print")
    assert page.locator(".cw-visit-summary-sheet").is_visible()
    assert not page.locator("h1").first.is_visible()
    assert not page.locator(".cw-visit-summary button").first.is_visible()
    assert not page.locator(".onlyprint").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1  # one page
    assert_quiet(watch)


def test_empty_visit_summary_points_to_the_diary(page, watch, widget_book_url):
    open_page(page, widget_book_url, VISIT)
    text = page.locator(".cw-visit-summary-sheet").inner_text()
    assert "Your diary on this device is empty" in text
    assert "No signs are ticked" in text
    assert_quiet(watch)


def test_the_visit_summary_says_which_diary_entries_it_left_out(page, watch, widget_book_url):
    entries = [
        {"when": "2026-11-01T08:00", "area": "calf", "duration_min": 2},
        {"when": "2026-11-02T08:00", "area": "calf", "duration_min": "two"},
        7,
    ]
    page.add_init_script(
        f"localStorage.setItem({json.dumps(DIARY_KEY)}, {json.dumps(json.dumps({'version': 1, 'entries': entries}))});"
    )
    open_page(page, widget_book_url, VISIT)
    sheet = page.locator(".cw-visit-summary-sheet")
    assert "2 diary entries could not be read and are left out" in sheet.inner_text()
    assert "1 episode in 1 day" in sheet.inner_text()
    assert watch.errors == []
