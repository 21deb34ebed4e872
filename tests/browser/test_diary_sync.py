"""The twitch diary driven from Python: `diary.entries = [...]` reaches the page (tests/browser/harness.py).

The page shows exactly the entries its rules take, charts them, and keeps them as this browser's
diary, as an import plus deletions would; what it refuses is left out and said, never a crash.
"""

from __future__ import annotations

import json
import re

import pytest

from widgets import TwitchDiary
from widgets.data import load_storage

from .harness import mount, set_trait, synced

pytestmark = pytest.mark.browser

KEY = load_storage()["keys"]["diary"]
VERSION = load_storage()["versions"]["diary"]
ROOT_SELECTOR = '[data-widget="twitch-diary"]'
FIRST = {"when": "2026-11-01T08:00", "area": "calf", "duration_min": 2.5, "sleep_h": 6, "caffeine_mg": 1000}
SECOND = {"when": "2026-11-03T22:15", "area": "eyelid", "duration_min": 1, "stress": 7, "notes": "after coffee"}


def entries(*raw):
    """Entries as Python holds them (checked and filled in by the trait)."""
    diary = TwitchDiary()
    diary.entries = list(raw)
    return diary.entries


def shown(page) -> list[str]:
    return page.locator(f"{ROOT_SELECTOR} .cw-entries li").all_inner_texts()


def stored(page):
    return page.evaluate(f"() => JSON.parse(localStorage.getItem('{KEY}'))")


def status(page) -> str:
    return page.locator(f"{ROOT_SELECTOR} .cw-status").inner_text()


def opened(page, watch, saved=None):
    """The diary alone in a page (with `saved` in this browser's storage first), drawn."""
    if saved is not None:
        page.add_init_script(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(json.dumps(saved))})")
    mount(page, TwitchDiary())
    page.locator(ROOT_SELECTOR).wait_for()
    return page


def quiet(watch):
    assert watch.errors == []


def test_entries_set_in_python_are_listed_charted_and_saved_in_this_browser(page, watch):
    opened(page, watch)
    assert shown(page) == []
    wanted = entries(FIRST, SECOND)
    set_trait(page, "entries", wanted)
    assert [re.sub(r"\s+", " ", t) for t in shown(page)] == [
        "3 Nov 2026, 22:15 · Eyelid · 1 min · stress 7 · after coffee Delete entry of 3 Nov 2026, 22:15",
        "1 Nov 2026, 08:00 · Calf or foot · 2.5 min · slept 6 h · 1000 mg caffeine Delete entry of 1 Nov 2026, 08:00",
    ]
    root = page.locator(ROOT_SELECTOR)
    assert root.locator("h4.cw-subtitle").first.inner_text() == "Your entries (2)"
    assert root.locator(".cw-table tbody tr").count() == 2  # the chart's numbers, one row a day
    assert not root.locator(".cw-plot").is_hidden()
    assert stored(page) == {"version": VERSION, "entries": wanted}
    assert synced(page)[-1]["entries"] == wanted
    # Python setting the same entries again changes nothing: no new save, nothing sent back.
    sent = len(synced(page))
    set_trait(page, "entries", list(reversed(wanted)))
    assert len(synced(page)) == sent and stored(page)["entries"] == wanted
    # And an empty list empties the diary, as deleting every entry would.
    set_trait(page, "entries", [])
    assert shown(page) == [] and stored(page) == {"version": VERSION, "entries": []}
    assert "No entries yet." in root.inner_text()
    quiet(watch)


def test_python_entries_replace_the_saved_ones_and_keep_what_cannot_be_read(page, watch):
    old = entries({"when": "2026-10-01T07:00", "area": "arm", "duration_min": 3})[0]
    broken = {"when": "2026-10-02T07:00", "area": "calf", "duration_min": -5}
    opened(page, watch, saved={"version": VERSION, "entries": [old, broken]})
    assert len(shown(page)) == 1
    assert "1 saved entry could not be read and is not shown." in page.locator(".cw-storage-note").inner_text()
    wanted = entries(FIRST)
    set_trait(page, "entries", wanted)
    assert len(shown(page)) == 1 and shown(page)[0].startswith("1 Nov 2026, 08:00")
    # the entry that cannot be read stays as it was; the one Python left out is gone
    assert stored(page)["entries"] == [broken, *wanted]
    assert synced(page)[-1]["entries"] == wanted
    quiet(watch)


def test_entries_the_page_refuses_are_left_out_and_said(page, watch):
    opened(page, watch)
    good = entries(FIRST)[0]
    wrong = {**good, "when": "2026-11-02T08:00", "area": "elbow"}
    set_trait(page, "entries", [good, wrong, "not an entry"])
    assert len(shown(page)) == 1
    assert status(page) == "2 entries from Python were left out: they do not follow the diary's rules."
    assert stored(page)["entries"] == [good]
    assert synced(page)[-1]["entries"] == [good]  # Python is told what the page holds
    quiet(watch)


@pytest.mark.parametrize(
    "value",
    [{"when": "2026-11-01T08:00"}, "calf", None, 7, [{"when": "tomorrow", "area": "calf", "duration_min": 1}], [3]],
    ids=["dict", "text", "none", "number", "only-wrong-entries", "only-numbers"],
)
def test_a_value_that_is_not_a_list_of_entries_leaves_the_diary_as_it_was(page, watch, value):
    opened(page, watch)
    before = entries(SECOND)
    set_trait(page, "entries", before)
    page_before, saved_before = shown(page), stored(page)
    set_trait(page, "entries", value)
    assert shown(page) == page_before and stored(page) == saved_before
    assert synced(page)[-1]["entries"] == before  # the page says what it still shows
    if isinstance(value, list):
        assert "Your diary is unchanged." in status(page)
    quiet(watch)
