"""The caffeine timeline in the widget book: drinks, limits, bedtime, days, advice."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from widgets.caffeine import bedtime_hour, caffeine_left, hour_of_day, latest_stop_hour

from ..conftest import open_page
from .tools import (
    CAFFEINE,
    CAFFEINE_KEY,
    add_drink,
    add_drink_of,
    assert_quiet,
    chart_day,
    open_timeline,
    seed_storage,
)

pytestmark = pytest.mark.browser


def assert_kept_after_reload(page, url, root, drinks: int, watch) -> None:
    """Today's drinks are still there after a reload, and the page stayed quiet."""
    page.reload()
    open_page(page, url, CAFFEINE)
    assert root.locator(".cw-drink-list li").count() == drinks
    assert_quiet(watch)


TODAY = chart_day()


TOO_MANY = [{"time": f"{6 + i // 2:02d}:{30 * (i % 2):02d}", "mg": 10, "day": TODAY} for i in range(31)]


def test_caffeine_timeline_adds_drinks_flags_limits_and_persists(page, watch, widget_book_url):
    root = open_timeline(page, widget_book_url)
    add_drink(root, "coffee-filter-mug", "08:00")
    root.get_by_label("Drink", exact=True).select_option("other")
    root.get_by_label("Caffeine in this drink (mg)").fill("10000")
    root.get_by_role("button", name="Add drink").click()
    mg = root.get_by_label("Caffeine in this drink (mg)")
    assert mg.get_attribute("aria-invalid") == "true"
    assert "must be from 1 to 1000" in root.locator('[data-field="mg"] [role="alert"]').inner_text()
    mg.fill("300")
    root.get_by_label("Time you had it").fill("15:00")
    root.get_by_role("button", name="Add drink").click()
    assert mg.get_attribute("aria-invalid") is None
    result = root.locator(".cw-result").inner_text()
    expected = caffeine_left([(8, 140), (15, 300)], 22.5)
    assert f"At bedtime (22:30) about {round(expected)} mg" in result
    assert "more than 400 mg" in result and "more than 200 mg" in result
    assert_kept_after_reload(page, widget_book_url, root, 2, watch)


def test_caffeine_timeline_counts_drinks_close_together_as_one_time_and_notes_pregnancy(page, watch, widget_book_url):
    root = open_timeline(page, widget_book_url)
    result = root.locator(".cw-result")
    add_drink(root, "coffee-filter-mug", "08:00")
    add_drink(root, "coffee-filter-mug", "09:30")  # 90 minutes apart: two separate times
    assert result.locator(".cw-flags").count() == 0
    # 280 mg is fine for most adults, but over the pregnancy limit, and the page says both.
    assert "healthy adults who are not pregnant" in result.inner_text()
    assert "If you are pregnant, experts advise no more than 200 mg a day" in result.inner_text()
    add_drink(root, "coffee-filter-mug", "08:30")  # within an hour of the 08:00 mug
    assert "within an hour of each other add up to 280 mg" in result.inner_text()
    assert_quiet(watch)


@pytest.mark.parametrize(
    "saved, shown, unreadable",
    [
        ("{not json", 0, True),
        (json.dumps({"version": 99, "drinks": []}), 0, True),
        (
            json.dumps(
                {"version": 1, "drinks": [{"time": "08:00", "mg": 100, "day": TODAY}, {"time": "25:00", "mg": -3}]}
            ),
            1,
            False,
        ),
        (json.dumps({"version": 1, "drinks": TOO_MANY}), 30, False),  # the 31st drink, over the tool's 30
    ],
    ids=["corrupted", "unknown-version", "bad-drink", "too-many"],
)
def test_caffeine_timeline_keeps_saved_drinks_it_cannot_read_as_they_were(
    page, watch, widget_book_url, saved, shown, unreadable
):
    seed_storage(page, CAFFEINE_KEY, saved)
    root = open_timeline(page, widget_book_url)
    assert root.locator(".cw-drink-list li").count() == shown
    assert "could not be read" in root.locator(".cw-storage-note").inner_text()
    assert page.evaluate(f"() => localStorage.getItem('{CAFFEINE_KEY}')") == saved  # reading changes nothing
    with page.expect_download() as download:
        root.locator(".cw-storage-note").get_by_role("button", name="Download what is saved").click()
    assert json.loads(Path(download.value.path()).read_text())["saved"] == saved  # the reader gets it all back
    if shown == 30:
        return  # full: nothing more can be added
    add_drink(root, "coffee-filter-mug", "09:00")
    now = json.loads(page.evaluate(f"() => localStorage.getItem('{CAFFEINE_KEY}')"))
    if unreadable:  # a copy first, then a new timeline
        copies = page.evaluate(f"() => JSON.parse(localStorage.getItem('{CAFFEINE_KEY}:unreadable'))")
        assert [c["raw"] for c in copies] == [saved]
        assert len(now["drinks"]) == 1
    else:  # the drink that fails the rules stays in the list, exactly as it was
        assert now["drinks"][:2] == json.loads(saved)["drinks"] and len(now["drinks"]) == 3
    assert_quiet(watch)


def test_caffeine_timeline_counts_drinks_exactly_an_hour_apart_as_one_time(page, watch, widget_book_url):
    root = open_timeline(page, widget_book_url)
    add_drink(root, "coffee-filter-mug", "09:00")
    add_drink(root, "coffee-filter-mug", "10:00")
    assert "within an hour of each other add up to 280 mg" in root.locator(".cw-result").inner_text()
    assert_quiet(watch)


def test_caffeine_timeline_all_clear_names_who_it_is_for(page, watch, widget_book_url):
    root = open_timeline(page, widget_book_url)
    add_drink(root, "tea-mug", "08:00")
    text = root.locator(".cw-result").inner_text()
    assert "healthy adults who are not pregnant" in text and "If you are pregnant" not in text
    assert_quiet(watch)


def test_caffeine_drinks_from_yesterday_do_not_count_today_and_stay_in_the_history(page, watch, widget_book_url):
    saved = {
        "version": 1,
        "drinks": [
            {"time": "08:00", "mg": 300, "name": "Yesterday's coffee", "day": chart_day(1)},
            {"time": "15:00", "mg": 340, "name": "Yesterday's energy drink", "day": chart_day(1)},
            {"time": "09:00", "mg": 50, "name": "Old tea"},  # saved before drinks had a day
        ],
    }
    seed_storage(page, CAFFEINE_KEY, json.dumps(saved))
    root = open_timeline(page, widget_book_url)
    assert root.locator(".cw-drink-list li").count() == 0
    assert "Today: 0 mg" in root.locator(".cw-result").inner_text()
    history = root.locator(".cw-history")
    history.locator("summary").click()
    days = history.locator("li").all_inner_texts()
    yesterday = datetime.fromisoformat(chart_day(1))
    assert days[0].startswith(f"{yesterday:%A}") and days[0].endswith("2 drinks, 640 mg"), days
    assert days[1] == "Saved before this tool kept dates: 1 drink, 50 mg"
    add_drink(root, "tea-mug", "08:00")
    assert "Today: 75 mg" in root.locator(".cw-result").inner_text()
    now = json.loads(page.evaluate(f"() => localStorage.getItem('{CAFFEINE_KEY}')"))
    assert now["drinks"][:3] == saved["drinks"] and now["drinks"][3]["day"] == TODAY
    assert_quiet(watch)


def test_caffeine_clear_today_keeps_other_days_and_can_be_undone(page, watch, widget_book_url):
    yesterday = {"time": "08:00", "mg": 90, "name": "Yesterday's tea", "day": chart_day(1)}
    seed_storage(page, CAFFEINE_KEY, json.dumps({"version": 1, "drinks": [yesterday]}))
    root = open_timeline(page, widget_book_url)
    add_drink(root, "coffee-filter-mug", "08:00")
    add_drink(root, "tea-mug", "10:00")
    root.get_by_role("button", name="Clear today's drinks").click()
    assert root.locator(".cw-drink-list li").count() == 0
    assert "Cleared today's 2 drinks." in root.locator(".cw-status").first.inner_text()
    saved = lambda: json.loads(page.evaluate(f"() => localStorage.getItem('{CAFFEINE_KEY}')"))["drinks"]  # noqa: E731
    assert saved() == [yesterday]
    undo = root.get_by_role("button", name="Undo")
    assert page.evaluate("() => document.activeElement.textContent") == "Undo"  # focus is not lost
    undo.click()
    assert root.locator(".cw-drink-list li").count() == 2
    assert [d["mg"] for d in saved()] == [90, 140, 75]
    assert "Put back 2 drinks." in root.locator(".cw-status").first.inner_text()
    assert_kept_after_reload(page, widget_book_url, root, 2, watch)


def test_caffeine_advice_gives_a_stop_time_that_agrees_with_the_model(page, watch, widget_book_url):
    root = open_timeline(page, widget_book_url)
    add_drink(root, "coffee-filter-mug", "08:00")  # 140 mg
    add_drink_of(root, "300", "17:30")
    drinks, bed = [(8, 140), (17.5, 300)], 22.5
    stop = latest_stop_hour(drinks, bed)
    assert stop == 13  # worked by hand: 99 mg left if the 17:30 drink moves to 13:00, 102 mg at 13:15

    def left_if_stopped_at(hour):
        return caffeine_left([(min(h, hour), mg) for h, mg in drinks], bed)

    assert left_if_stopped_at(stop) < 100 <= left_if_stopped_at(stop + 0.25)
    advice = root.locator(".cw-advice").inner_text()
    assert "have your last caffeine by 13:00" in advice and "under 100 mg" in advice
    # moving the drink as advised brings bedtime under the limit, and the advice says so
    root.get_by_role("button", name="Remove Another drink at 17:30").click()
    add_drink_of(root, "300", "13:00")
    assert "under the 100 mg near bedtime" in root.locator(".cw-advice").inner_text()
    assert_quiet(watch)


def test_caffeine_advice_when_no_stop_time_is_early_enough_says_to_have_less(page, watch, widget_book_url):
    assert latest_stop_hour([(7, 1000), (8, 1000)], 22.5) is None
    root = open_timeline(page, widget_book_url)
    for time in ("07:00", "08:00"):
        add_drink_of(root, "1000", time)
    assert "have less" in root.locator(".cw-advice").inner_text()
    assert_quiet(watch)


def test_caffeine_label_follows_the_amount(page, watch, widget_book_url):
    root = open_timeline(page, widget_book_url)
    root.get_by_label("Drink", exact=True).select_option("energy-drink-can")
    label = root.get_by_label("Drink", exact=True).evaluate("s => s.selectedOptions[0].textContent")
    root.get_by_label("Caffeine in this drink (mg)").fill("160")
    root.get_by_label("Time you had it").fill("09:00")
    root.get_by_role("button", name="Add drink").click()
    item = root.locator(".cw-drink-list li").first.inner_text()
    add_drink(root, "energy-drink-can", "10:00")  # the amount from the list keeps its size
    assert f"{label.split(' — ')[0]}: 80 mg" in root.locator(".cw-drink-list li").nth(1).inner_text()
    assert "(your amount): 160 mg" in item and label.split(" (")[0] in item and "ml" not in item, item
    assert_quiet(watch)


DRINKS_INTO_THE_NIGHT = [("23:00", 100), ("02:00", 100)]


@pytest.mark.parametrize("bedtime, hours_after_last", [("03:59", 1 + 59 / 60), ("04:00", 2), ("06:00", 4)])
def test_bedtime_is_a_real_clock_time_after_the_drinks(page, watch, widget_book_url, bedtime, hours_after_last):
    hours = [hour_of_day(t) for t, _ in DRINKS_INTO_THE_NIGHT]
    bed = bedtime_hour(bedtime, hours)
    assert bed - hours[-1] == pytest.approx(hours_after_last)
    expected = caffeine_left([(h, mg) for h, (_, mg) in zip(hours, DRINKS_INTO_THE_NIGHT, strict=True)], bed)
    assert expected > 90  # most of the 02:00 drink is still there: never "about 0 mg"
    timeline = open_timeline(page, widget_book_url)
    for time, mg in DRINKS_INTO_THE_NIGHT:
        add_drink_of(timeline, str(mg), time)
    timeline.get_by_label("Bedtime").fill(bedtime)
    timeline.get_by_label("Bedtime").dispatch_event("change")
    result = timeline.locator(".cw-result").inner_text()
    assert f"At bedtime ({bedtime}) about {round(expected)} mg" in result
    if round(expected) >= 100:
        assert "near bedtime can make it harder to fall asleep" in result
    assert watch.errors == []
