"""Personal data in the tools (issue 13), in headless Chromium against the built book: two open tabs
never lose entries, "Delete all" is never undone, failed saves are said, saved values the tools
cannot read are kept as they were, and exported CSV cannot run as a spreadsheet formula."""

from __future__ import annotations

import json

import pytest

from widgets.data import load_storage

from ..conftest import open_page
from .tools import add_drink as add_timeline_drink
from .tools import add_entry as add_diary_entry
from .tools import seed_storage

pytestmark = pytest.mark.browser
DIARY_KEY = load_storage()["keys"]["diary"]
KEYS = load_storage()["keys"]
PREFIX = load_storage()["prefix"]
CAFFEINE_KEY, TICKS_KEY, VISIT_KEY = KEYS["caffeine"], KEYS["symptoms"], KEYS["visit"]
CHECKLIST_KEY = KEYS["checklist"] + "sleep"
PAGES = {  # in the widget book
    "diary": "pages/twitch_diary.html",
    "caffeine": "pages/caffeine_timeline.html",
    "checker": "pages/symptom_checker.html",
    "checklist": "pages/trigger_checklist.html",
    "visit": "pages/visit_summary.html",
}
WIDGET = {
    "diary": "twitch-diary",
    "caffeine": "caffeine-timeline",
    "checker": "symptom-checker",
    "checklist": "trigger-checklist",
    "visit": "visit-summary",
}


def root(page, tool):
    return page.locator(f'[data-widget="{WIDGET[tool]}"]').first


def saved(page, key):
    return page.evaluate("(k) => localStorage.getItem(k)", key)


def saved_json(page, key):
    text = saved(page, key)
    return None if text is None else json.loads(text)


# One reader's action in each tool; `n` makes each a different one.
def add_entry(page, n):
    add_diary_entry(page, when=f"2026-11-0{n}T08:00")


def add_drink(page, n):
    add_timeline_drink(root(page, "caffeine"), "coffee-filter-mug", f"0{n}:00")


def tick_sign(page, n):
    root(page, "checker").locator('input[type="checkbox"]').nth(n).check()


def tick_trigger(page, n):
    root(page, "checklist").locator('input[type="checkbox"]').nth(n).check()


def write_note(page, n):
    visit = root(page, "visit")
    if n == 1:
        visit.get_by_label("Medicines and supplements you take").fill("Salbutamol inhaler")
    else:
        visit.locator('input[type="checkbox"]').nth(0).check()


ACTIONS = {
    "diary": add_entry,
    "caffeine": add_drink,
    "checker": tick_sign,
    "checklist": tick_trigger,
    "visit": write_note,
}


def what_is_saved(page, tool) -> int:
    """How many of the reader's things the tool has saved."""
    if tool == "diary":
        return len((saved_json(page, DIARY_KEY) or {"entries": []})["entries"])
    if tool == "caffeine":
        return len((saved_json(page, CAFFEINE_KEY) or {"drinks": []})["drinks"])
    if tool == "checker":
        return len((saved_json(page, TICKS_KEY) or {"ticked": []})["ticked"])
    if tool == "checklist":
        return len(saved_json(page, CHECKLIST_KEY) or [])
    notes = saved_json(page, VISIT_KEY) or {}
    return bool(notes.get("medicines")) + len(notes.get("asked", []))


def what_is_shown(page, tool) -> int:
    """How many of them the page shows."""
    widget = root(page, tool)
    if tool == "diary":
        return widget.locator(".cw-entry-list li").count()
    if tool == "caffeine":
        return widget.locator(".cw-drink-list li").count()
    if tool in ("checker", "checklist"):
        return widget.locator('input[type="checkbox"]:checked').count()
    text = widget.locator(".cw-visit-summary-sheet").inner_text()
    return ("Salbutamol inhaler" in text) + widget.locator('input[type="checkbox"]:checked').count()


def eventually(page, count, expected, timeout_ms=5000):
    """The count once the page has caught up (a `storage` event arrives a moment after the change)."""
    for _ in range(timeout_ms // 100):
        if count() == expected:
            return expected
        page.wait_for_timeout(100)
    return count()


@pytest.fixture
def two_tabs(context, page, widget_book_url):
    """The same tool open in two tabs of one browser, both loaded before either changes anything."""

    def open_both(tool):
        other = context.new_page()
        for tab in (page, other):
            open_page(tab, widget_book_url, PAGES[tool])
        return page, other

    return open_both


@pytest.mark.parametrize("tool", ACTIONS)
def test_two_open_tabs_keep_what_each_added(two_tabs, tool):
    first, second = two_tabs(tool)
    ACTIONS[tool](first, 1)
    # Chromium hands a save to the other tab's storage a moment later: a reader is never that quick.
    assert eventually(second, lambda: what_is_saved(second, tool), 1) == 1
    ACTIONS[tool](second, 2)  # this tab loaded before the first one saved anything
    assert what_is_saved(second, tool) == 2
    assert eventually(first, lambda: what_is_saved(first, tool), 2) == 2
    for tab in (first, second):  # each tab shows both, without a reload
        assert eventually(tab, lambda tab=tab: what_is_shown(tab, tool), 2) == 2, tab.url


@pytest.mark.parametrize("tool", ACTIONS)
def test_delete_all_in_one_tab_is_not_undone_by_another(context, page, widget_book_url, tool):
    open_page(page, widget_book_url, PAGES[tool])
    ACTIONS[tool](page, 1)
    assert what_is_saved(page, tool) == 1
    deleter = context.new_page()
    open_page(deleter, widget_book_url, PAGES["diary"])
    root(deleter, "diary").get_by_role("button", name="Delete all my data").click()
    root(deleter, "diary").get_by_role("button", name="Yes, delete everything").click()
    assert "All your data is deleted" in root(deleter, "diary").inner_text()
    assert deleter.evaluate("p => Object.keys(localStorage).filter(k => k.startsWith(p))", PREFIX) == []
    assert eventually(page, lambda: what_is_shown(page, tool), 0) == 0  # the open tab follows
    ACTIONS[tool](page, 2)  # and what it saves next brings nothing deleted back
    assert what_is_saved(page, tool) == 1
    assert what_is_shown(page, tool) == 1


@pytest.mark.parametrize("tool", ["diary", "caffeine", "visit"])
def test_every_tool_page_deletes_everything_the_course_keeps(page, widget_book_url, tool):
    page.add_init_script(
        "if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');"
        " localStorage.setItem('sphinx_highlight_terms', 'twitch');"
        f" localStorage.setItem('{TICKS_KEY}', JSON.stringify({{ticked: ['calf-weak'], date: '2026-11-30'}})); }}"
    )
    open_page(page, widget_book_url, PAGES[tool])
    widget = root(page, tool)
    widget.get_by_role("button", name="Delete all my data").click()
    widget.get_by_role("button", name="Yes, delete everything").click()
    assert "All your data is deleted" in widget.inner_text()
    assert page.evaluate("() => Object.keys(localStorage)") == []


SEEDED = {  # something saved in every tool
    DIARY_KEY: {"version": 1, "entries": [{"when": "2026-11-01T08:00", "area": "calf", "duration_min": 2}]},
    CAFFEINE_KEY: {"version": 1, "drinks": [{"time": "08:00", "mg": 100, "name": "Coffee"}]},
    VISIT_KEY: {"medicines": "Vitamin D"},
    CHECKLIST_KEY: ["caffeine-late"],
}
FULL_STORAGE = (
    "if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');"
    f" for (const [k, v] of Object.entries({json.dumps(SEEDED)})) localStorage.setItem(k, JSON.stringify(v));"
    f" localStorage.setItem({json.dumps(TICKS_KEY)},"
    " JSON.stringify({ticked: ['calf-weak'], date: new Date().toISOString().slice(0, 10)})); }"
    # From here on the browser refuses every write and every removal, as a full or locked storage does.
    " Storage.prototype.setItem = () => { throw new DOMException('quota exceeded', 'QuotaExceededError'); };"
    " Storage.prototype.removeItem = () => { throw new DOMException('locked', 'SecurityError'); };"
)


@pytest.mark.parametrize("tool", ACTIONS)
def test_a_full_storage_is_said_and_nothing_saved_is_removed(page, widget_book_url, tool):
    page.add_init_script(FULL_STORAGE)
    open_page(page, widget_book_url, PAGES[tool])
    before = page.evaluate("() => ({...localStorage})")
    ACTIONS[tool](page, 2)
    message = root(page, tool).get_by_text("storage for this site is full")
    message.first.wait_for()
    assert "was not saved" in message.first.inner_text()
    assert page.evaluate("() => ({...localStorage})") == before


@pytest.mark.parametrize("tool", ["diary", "caffeine", "visit"])
def test_delete_all_says_so_when_it_fails(page, widget_book_url, tool):
    page.add_init_script(FULL_STORAGE)
    open_page(page, widget_book_url, PAGES[tool])
    before = page.evaluate("() => ({...localStorage})")
    widget = root(page, tool)
    widget.get_by_role("button", name="Delete all my data").click()
    widget.get_by_role("button", name="Yes, delete everything").click()
    assert "would not let the page delete your data" in widget.inner_text()
    assert "All your data is deleted" not in widget.inner_text()
    assert page.evaluate("() => ({...localStorage})") == before


def test_blocked_storage_is_said_and_the_diary_still_works_for_the_visit(page, widget_book_url):
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage',"
        " {get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    open_page(page, widget_book_url, PAGES["diary"])
    widget = root(page, "diary")
    assert "does not let the page save anything" in widget.inner_text()
    add_entry(page, 1)
    assert "was not saved" in widget.locator(".cw-status").inner_text()
    assert widget.locator(".cw-entry-list li").count() == 1  # kept on the page, and in the CSV download
    widget.get_by_role("button", name="Delete all my data").click()
    widget.get_by_role("button", name="Yes, delete everything").click()
    assert "would not let the page delete your data" in widget.inner_text()


# Saved values of the wrong type, or that cannot be read at all: reported, kept exactly, no crash.
WRONG = {
    "diary": (
        DIARY_KEY,
        {"version": 1, "entries": [{"when": "2026-11-01T08:00", "area": "calf", "duration_min": "2"}]},
    ),
    "caffeine": (CAFFEINE_KEY, {"version": 1, "drinks": [{"time": "08:00", "mg": {"value": 100}}], "half_life": "5"}),
    "visit": (VISIT_KEY, {"medicines": {"name": "Salbutamol"}, "asked": "all"}),
    "checker": (TICKS_KEY, "{not json"),
    "checklist": (CHECKLIST_KEY, '{"ticked": 3}'),
}


@pytest.mark.parametrize("tool", WRONG)
def test_wrongly_typed_saved_values_are_reported_and_kept_as_they_were(page, watch, widget_book_url, tool):
    key, value = WRONG[tool]
    raw = value if isinstance(value, str) else json.dumps(value)
    seed_storage(page, key, raw)
    open_page(page, widget_book_url, PAGES[tool])
    widget = root(page, tool)
    assert "[object Object]" not in widget.inner_text()
    if tool in ("diary", "caffeine", "visit"):
        assert "could not be read" in widget.locator(".cw-storage-note").inner_text()
    assert saved(page, key) == raw  # reading changed nothing
    page.reload()
    open_page(page, widget_book_url, PAGES[tool])
    assert saved(page, key) == raw
    ACTIONS[tool](page, 1)  # the reader's next change keeps what could not be read
    if tool in ("diary", "caffeine"):
        items = saved_json(page, key)["entries" if tool == "diary" else "drinks"]
        assert items[0] == value[("entries" if tool == "diary" else "drinks")][0] and len(items) == 2
    elif tool == "visit":
        assert saved_json(page, key)["medicines"] == "Salbutamol inhaler"
        assert saved_json(page, key)["asked"] == "all"  # the other note is untouched
    else:  # the unreadable value is kept as a copy before the first new save
        copies = saved_json(page, f"{key}:unreadable")
        assert copies and copies[0]["raw"] == raw
    assert watch.errors == []


def test_a_copy_is_kept_before_unreadable_data_is_replaced_or_nothing_is_replaced(page, widget_book_url):
    """When even the copy cannot be written, the unreadable diary is not replaced."""
    page.add_init_script(
        f"localStorage.setItem({json.dumps(DIARY_KEY)}, '{{broken');"
        "const set = Storage.prototype.setItem;"
        "Storage.prototype.setItem = function (k, v) {"
        " if (k.endsWith(':unreadable')) throw new DOMException('full', 'QuotaExceededError');"
        " return set.call(this, k, v); };"
    )
    open_page(page, widget_book_url, PAGES["diary"])
    add_entry(page, 1)
    assert saved(page, DIARY_KEY) == "{broken"
    assert "was not saved" in root(page, "diary").locator(".cw-status").inner_text()


# --------------------------------------------------------------------------- CSV formulas


# --------------------------------------------------------------------------- caffeine bedtime
