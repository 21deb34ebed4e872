"""Python -> page for the caffeine timeline: what a notebook sets (`drinks`, `half_life`, `bedtime`)
shows on the page and is saved in this browser, as the reader's own changes are; what the page's
rules refuse leaves the page and what it saved as they were. The page alone, with no book:
tests/browser/harness.py."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from widgets import CaffeineTimeline
from widgets.caffeine import caffeine_left, guidance
from widgets.data import load_storage

from .harness import mount, set_trait, synced

pytestmark = pytest.mark.browser
KEY = load_storage()["keys"]["caffeine"]


def chart_day(days_ago=0):
    """The chart's day as the page counts it: the local date 4 hours earlier (04:00 to 04:00)."""
    return (datetime.now() - timedelta(hours=guidance()["day_start"], days=days_ago)).date().isoformat()


TODAY, YESTERDAY = chart_day(), chart_day(1)


def timeline(page, saved=None):
    """A fresh timeline on a page of its own; `saved`, if given, is in this browser's storage first."""
    if saved is not None:
        page.add_init_script(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(json.dumps(saved))})")
    mount(page, CaffeineTimeline())
    return page.locator('[data-widget="caffeine-timeline"]')


def stored(page):
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", KEY)


def shown(root):
    """What the page shows: the drink list, the summary, the half-life and bedtime controls."""
    return {
        "drinks": root.locator(".cw-drink-list li").all_text_contents(),
        "summary": root.locator(".cw-result").inner_text(),
        "half_life": root.locator('input[type="range"]').input_value(),
        "half_life_out": root.locator("output").inner_text(),
        "bedtime": root.locator('[name="bedtime"]').input_value(),
    }


def assert_refused(page, root, name, values):
    """Python sets each of `values`: the page shows and saves nothing new, and tells Python what it shows."""
    before, saved = shown(root), stored(page)
    kept = page.evaluate("n => window.model.get(n)", name)
    for value in values:
        set_trait(page, name, value)
        assert shown(root) == before and stored(page) == saved, value
        # Python's copy is put back to what the page shows, and sent
        assert page.evaluate("n => window.model.get(n)", name) == kept == synced(page)[-1][name], value


def with_a_coffee(page):
    """A timeline with one drink, set from Python, and how many states the page has sent so far."""
    root = timeline(page)
    set_trait(page, "drinks", [{"time": "16:00", "mg": 200, "name": "Coffee"}])
    return root, len(synced(page))


def test_drinks_set_in_python_become_todays_drinks_and_are_saved(page, errors):
    yesterday = {"time": "08:00", "mg": 90, "name": "Yesterday's tea", "day": YESTERDAY}
    unreadable = {"time": "25:00", "mg": -3}
    root = timeline(page, {"version": 1, "drinks": [yesterday, unreadable]})
    assert root.locator(".cw-drink-list li").count() == 0
    sent = len(synced(page))
    set_trait(
        page,
        "drinks",
        [
            {"time": "15:00", "mg": 300, "name": "Energy drink", "day": TODAY},
            {"time": "08:00", "mg": 140, "name": "Coffee"},  # no day: today's
        ],
    )
    assert root.locator(".cw-drink-list li").all_text_contents() == [
        "08:00 Coffee: 140 mg Remove Coffee at 08:00",
        "15:00 Energy drink: 300 mg Remove Energy drink at 15:00",
    ]
    left = round(caffeine_left([(8, 140), (15, 300)], 22.5))
    assert f"Today: 440 mg of caffeine. At bedtime (22:30) about {left} mg" in root.locator(".cw-result").inner_text()
    assert root.locator(".cw-table").is_visible()
    # Saved as today's drinks; yesterday's drink and the unreadable item stay as they were.
    saved = stored(page)["drinks"]
    assert saved[:2] == [yesterday, unreadable]
    assert sorted((d["time"], d["mg"], d["name"], d["day"]) for d in saved[2:]) == [
        ("08:00", 140, "Coffee", TODAY),
        ("15:00", 300, "Energy drink", TODAY),
    ]
    # The page answered once (its own change event did not start a loop), with what it shows.
    after = synced(page)
    assert len(after) == sent + 1
    assert [(d["time"], d["day"]) for d in after[-1]["drinks"]] == [("08:00", TODAY), ("15:00", TODAY)]
    # The same drinks again, in another order: nothing to show, save or send.
    set_trait(page, "drinks", list(reversed(after[-1]["drinks"])))
    assert len(synced(page)) == sent + 1
    # An empty list from Python clears today, and only today.
    set_trait(page, "drinks", [])
    assert root.locator(".cw-drink-list li").count() == 0
    assert stored(page)["drinks"] == [yesterday, unreadable]
    assert errors == []


@pytest.mark.parametrize(
    "refused",
    [
        [{"time": "25:00", "mg": 100}],  # not a time
        [{"time": "09:00", "mg": 100}, {"time": "10:00", "mg": 5000}],  # one drink over the limit
        [{"time": "09:00", "mg": 100, "day": YESTERDAY}],  # another day's drink
        [{"time": "09:00", "mg": {"value": 100}}],  # the wrong shape
        [{"time": f"{6 + i // 2:02d}:{30 * (i % 2):02d}", "mg": 10} for i in range(31)],  # over the 30 a day
        "09:00 coffee",
        {"time": "09:00", "mg": 100},
        None,
        [None],
    ],
    ids=["bad-time", "too-much", "other-day", "wrong-shape", "too-many", "text", "record", "none", "list-of-none"],
)
def test_drinks_the_page_refuses_leave_it_as_it_was(page, errors, refused):
    root, _ = with_a_coffee(page)
    assert_refused(page, root, "drinks", [refused])
    assert errors == []


def test_half_life_set_in_python_moves_the_slider_and_is_saved(page, errors):
    root, sent = with_a_coffee(page)
    set_trait(page, "half_life", 7.5)
    assert root.locator('input[type="range"]').input_value() == "7.5"
    assert root.locator("output").inner_text() == "7.5 hours"
    left = round(caffeine_left([(16, 200)], 22.5, 7.5))
    assert f"At bedtime (22:30) about {left} mg" in root.locator(".cw-result").inner_text()
    assert stored(page)["half_life"] == 7.5
    assert len(synced(page)) == sent + 1 and synced(page)[-1]["half_life"] == 7.5
    assert_refused(page, root, "half_life", [20, 1, "5", None, [5], True])
    assert errors == []


def test_bedtime_set_in_python_fills_the_field_and_is_saved(page, errors):
    root, sent = with_a_coffee(page)
    set_trait(page, "bedtime", "23:45")
    assert root.locator('[name="bedtime"]').input_value() == "23:45"
    left = round(caffeine_left([(16, 200)], 23.75))
    assert f"At bedtime (23:45) about {left} mg" in root.locator(".cw-result").inner_text()
    assert "Bedtime 23:45" in root.locator(".cw-table tfoot").text_content()
    assert stored(page)["bedtime"] == "23:45"
    assert len(synced(page)) == sent + 1 and synced(page)[-1]["bedtime"] == "23:45"
    assert_refused(page, root, "bedtime", ["25:00", "bedtime", "", 2300, None, ["23:00"]])
    assert errors == []


def test_what_python_set_is_there_after_a_reload(page, errors):
    root = timeline(page)
    set_trait(page, "drinks", [{"time": "09:30", "mg": 75, "name": "Tea"}])
    set_trait(page, "half_life", 3.5)
    set_trait(page, "bedtime", "21:00")
    page.reload()
    page.wait_for_selector("body[data-mounted=yes]", state="attached")
    assert root.locator(".cw-drink-list li").all_text_contents() == ["09:30 Tea: 75 mg Remove Tea at 09:30"]
    assert root.locator('input[type="range"]').input_value() == "3.5"
    assert root.locator('[name="bedtime"]').input_value() == "21:00"
    assert errors == []


def test_drinks_a_notebook_gives_the_timeline_are_kept_when_the_reader_adds_one(page, errors):
    """`CaffeineTimeline(drinks=[...])` in a notebook: the drinks are saved at once, so the reader's
    first added drink joins them instead of replacing them."""
    mount(page, CaffeineTimeline(drinks=[{"time": "08:00", "mg": 140, "name": "Mug of filter coffee"}]))
    root = page.locator('[data-widget="caffeine-timeline"]')
    assert root.locator(".cw-drink-list li").count() == 1
    assert [(d["time"], d["mg"], d["day"]) for d in stored(page)["drinks"]] == [("08:00", 140, TODAY)]
    root.locator('[name="time"]').fill("10:00")
    root.locator("form button[type=submit]").click()
    root.locator(".cw-drink-list li").nth(1).wait_for()
    assert sorted(d["time"] for d in stored(page)["drinks"]) == ["08:00", "10:00"]
    assert errors == []
