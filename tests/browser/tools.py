"""What the tool tests share: the widget book's pages, finding a tool, and adding to it as a reader does."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from widgets.caffeine import guidance
from widgets.data import load_storage

from ..conftest import open_page

CAFFEINE = "pages/caffeine_timeline.html"
DIARY = "pages/twitch_diary.html"
VISIT = "pages/visit_summary.html"
CHECKER = "pages/symptom_checker.html"
NOW = "2026-11-22T12:00"
KEYS = load_storage()["keys"]
DIARY_KEY, CAFFEINE_KEY = KEYS["diary"], KEYS["caffeine"]


def diary(page):
    return page.locator('[data-widget="twitch-diary"]')


def field(page, name):
    return diary(page).locator(f'[data-field="{name}"]')


def add_entry(page, **values):
    values = {"area": "calf", "duration_min": "2", **values}
    root = diary(page)
    for name, value in values.items():
        control = root.locator(f'[name="{name}"]')
        if name in ("area", "exercise"):
            control.select_option(value)
        else:
            control.fill(value)
    root.get_by_role("button", name="Add to my diary").click()


def stored(page):
    return page.evaluate(f"() => JSON.parse(localStorage.getItem('{DIARY_KEY}'))")


def assert_quiet(watch):
    assert watch.external == []
    assert watch.errors == []
    assert watch.not_found == []


def open_timeline(page, book_url):
    """The caffeine tool, drawn (its chart waits for the first drink)."""
    open_page(page, book_url, CAFFEINE)
    root = page.locator('[data-widget="caffeine-timeline"]')
    root.get_by_role("button", name="Add drink").wait_for()
    return root


def add_drink(root, drink, time):
    root.get_by_label("Drink", exact=True).select_option(drink)
    root.get_by_label("Time you had it").fill(time)
    root.get_by_role("button", name="Add drink").click()


def add_drink_of(root, mg, time):
    """A drink not on the list: its caffeine typed in."""
    root.get_by_label("Drink", exact=True).select_option("other")
    root.get_by_label("Caffeine in this drink (mg)").fill(mg)
    root.get_by_label("Time you had it").fill(time)
    root.get_by_role("button", name="Add drink").click()


def seed_storage(page, key, raw):
    """Put `raw` in localStorage under `key` before the first load only: a reload reads what the page saved."""
    page.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{"
        f" localStorage.setItem('{key}', {json.dumps(raw)});"
        " sessionStorage.setItem('seeded', '1'); }"
    )


def chart_day(days_ago=0):
    """The caffeine chart's day, as the page counts it: the local date 4 hours earlier (04:00 to 04:00)."""
    return (datetime.now() - timedelta(hours=guidance()["day_start"], days=days_ago)).date().isoformat()
