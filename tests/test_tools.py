"""The tools (issue 5) in the built book, in headless Chromium with the network cut:
caffeine timeline, twitch diary, doctor-visit summary; and Python and the browser agreeing."""

from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from widgets.caffeine import caffeine_left, guidance, latest_stop_hour
from widgets.csvfile import parse_csv, to_csv
from widgets.data import load_fields, load_storage, load_symptoms
from widgets.fields import form, validate

from .conftest import ROOT, open_page

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CAFFEINE = "book/caffeine-timeline.html"
DIARY = "book/twitch-diary.html"
VISIT = "book/doctor-visit.html"
NOW = "2026-11-22T12:00"
DIARY_FIELDS, CAFFEINE_FIELDS, MESSAGES = form("diary"), form("caffeine"), load_fields()["messages"]
LIMITS = {
    "max_bytes": load_fields()["limits"]["import_max_bytes"],
    "max_entries": load_fields()["limits"]["import_max_entries"],
}
DIARY_KEY = load_storage()["keys"]["diary"]


@pytest.fixture
def watch(watch, not_found):
    watch.not_found = not_found
    return watch


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


@pytest.fixture(autouse=True)
def not_found(page):
    urls: list[str] = []
    page.on("response", lambda r: urls.append(r.url) if r.status >= 400 else None)
    return urls


def assert_quiet(watch):
    assert watch.external == []
    assert watch.errors == []
    assert watch.not_found == []


# --------------------------------------------------------------------------- Python = browser


def test_browser_formula_agrees_with_python_to_the_milligram(page, watch, book_url):
    open_page(page, book_url, CAFFEINE)
    rng = random.Random(5)
    cases = []
    for _ in range(300):
        drinks = [
            [round(rng.uniform(4, 28), 2), rng.choice([1, 40, 75, 90, 140, 200, 333.33, 1000])]
            for _ in range(rng.randint(0, 12))
        ]
        cases.append(
            {
                "drinks": drinks,
                "hour": round(rng.uniform(4, 28), 2),
                "hl": rng.choice([1.5, 2.5, 5, 7.5, 9.5]),
            }
        )
    got = page.evaluate("cases => cases.map(c => window.courseTools.caffeineLeft(c.drinks, c.hour, c.hl))", cases)
    for case, js in zip(cases, got, strict=True):
        py = caffeine_left([tuple(d) for d in case["drinks"]], case["hour"], case["hl"])
        assert abs(js - py) < 1e-6, case
        assert round(js) == round(py)
    assert_quiet(watch)


def random_value(rng, field):
    pool = {
        "datetime": [
            "2026-11-22T11:59",
            "2026-11-22T12:01",
            "2030-01-01T00:00",
            "1999-12-31T23:59",
            "2026-02-30T10:00",
            "2026-11-01 08:30",
            "yesterday",
            "",
            "2026-11-01T24:00",
        ],
        "time": ["08:00", "8:05", "24:00", "23:59", "7", "", "12:60"],
        "day": ["2026-11-22", "2026-02-29", "2028-02-29", "2026-13-01", "26-11-22", "", " 2026-11-22 ", "today"],
        "number": [
            "0",
            "7",
            "7.5",
            "7.25",
            "7.125",
            "-1",
            "24",
            "24.01",
            "30",
            "10000",
            "abc",
            "7,5",
            "2,25",
            "1,000",
            "-0,5",
            ",5",
            "",
            " 3 ",
            "-0",
            "1e3",
            "٣",
            "1440",
            "3000",
            "1000",
            "1",
        ],
        "choice": [
            "calf",
            "Calf or foot",
            "CALF",
            "elbow",
            "",
            "none",
            "Hard (out of breath)",
            "moderate",
        ],
        "text": [
            "",
            "fine",
            " padded ",
            "x" * 500,
            "x" * 501,
            "é" * 500,
            "😀" * 500,
            "😀" * 501,
            "line\r\nbreak",
        ],
    }[field["type"]]
    return rng.choice(pool)


@pytest.mark.parametrize("fields", [DIARY_FIELDS, CAFFEINE_FIELDS], ids=["diary", "caffeine"])
def test_every_validation_rule_gives_the_same_answer_in_python_and_the_browser(page, watch, book_url, fields):
    open_page(page, book_url, DIARY)
    rng = random.Random(11)
    raws = [{f["name"]: random_value(rng, f) for f in fields} for _ in range(400)]
    got = page.evaluate(
        "([fields, raws, now, messages]) => raws.map(r => window.courseTools.validateFields(fields, r, now, messages))",
        [fields, raws, NOW, MESSAGES],
    )
    for raw, js in zip(raws, got, strict=True):
        entry, errors = validate(fields, raw, NOW)
        assert js["errors"] == errors, raw
        if not errors:
            assert js["entry"] == entry, raw
    assert_quiet(watch)


def test_csv_parsing_and_writing_agree_in_python_and_the_browser(page, watch, book_url):
    open_page(page, book_url, DIARY)
    texts = [
        to_csv(
            [
                {
                    "when": "2026-11-01T08:00",
                    "area": "calf",
                    "duration_min": 2.5,
                    "sleep_h": 6,
                    "caffeine_mg": None,
                    "stress": 7,
                    "exercise": "hard",
                    "notes": 'said "hi", then\nleft; ok',
                }
            ]
        ),
        "when;area;duration_min\n2026-11-01 08:00;Calf or foot;3\n",
        "When,Area,Duration_min,Sleep_h,Extra\n2026-11-01T08:00,eyelid,1,30,x\n\n2031-01-01T00:00,eyelid,1,,\n2026-11-01T09:00,eyelid,1,7,,surplus\n",
        'when,area,duration_min\n"2026-11-01T08:00,eyelid,1\n',
        "name,age\nBob,3\n",
        "",
    ]
    got = page.evaluate(
        "([texts, now, fields, messages, limits]) => texts.map("
        "t => window.courseTools.parseDiaryCSV(t, now, fields, messages, limits))",
        [texts, NOW, DIARY_FIELDS, MESSAGES, LIMITS],
    )
    for text, js in zip(texts, got, strict=True):
        py = parse_csv(text, NOW)
        assert js["entries"] == py["entries"] and js["rows"] == py["rows"], text
        assert [tuple(s) for s in js["skipped"]] == py["skipped"], text
        assert js["notes"] == py["notes"] and js["error"] == py["error"], text
    entries = parse_csv(texts[0], NOW)["entries"]
    assert page.evaluate("([e, f]) => window.courseTools.toCSV(e, f)", [entries, DIARY_FIELDS]) == texts[0]
    assert_quiet(watch)


# --------------------------------------------------------------------------- caffeine timeline

CAFFEINE_KEY = "fasciculation-course:caffeine"


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


def test_caffeine_timeline_adds_drinks_flags_limits_and_persists(page, watch, book_url):
    root = open_timeline(page, book_url)
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
    page.reload()
    open_page(page, book_url, CAFFEINE)
    assert root.locator(".cw-drink-list li").count() == 2
    assert_quiet(watch)


def test_caffeine_timeline_counts_drinks_close_together_as_one_time_and_notes_pregnancy(page, watch, book_url):
    root = open_timeline(page, book_url)
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


def chart_day(days_ago=0):
    """The caffeine chart's day, as the page counts it: the local date 4 hours earlier (04:00 to 04:00)."""
    return (datetime.now() - timedelta(hours=guidance()["day_start"], days=days_ago)).date().isoformat()


TODAY = chart_day()
TOO_MANY = [{"time": f"{6 + i // 2:02d}:{30 * (i % 2):02d}", "mg": 10, "day": TODAY} for i in range(31)]


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
    page, watch, book_url, saved, shown, unreadable
):
    seed_storage(page, CAFFEINE_KEY, saved)
    root = open_timeline(page, book_url)
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


def test_caffeine_timeline_counts_drinks_exactly_an_hour_apart_as_one_time(page, watch, book_url):
    root = open_timeline(page, book_url)
    add_drink(root, "coffee-filter-mug", "09:00")
    add_drink(root, "coffee-filter-mug", "10:00")
    assert "within an hour of each other add up to 280 mg" in root.locator(".cw-result").inner_text()
    assert_quiet(watch)


def test_caffeine_timeline_all_clear_names_who_it_is_for(page, watch, book_url):
    root = open_timeline(page, book_url)
    add_drink(root, "tea-mug", "08:00")
    text = root.locator(".cw-result").inner_text()
    assert "healthy adults who are not pregnant" in text and "If you are pregnant" not in text
    assert_quiet(watch)


def test_caffeine_drinks_from_yesterday_do_not_count_today_and_stay_in_the_history(page, watch, book_url):
    saved = {
        "version": 1,
        "drinks": [
            {"time": "08:00", "mg": 300, "name": "Yesterday's coffee", "day": chart_day(1)},
            {"time": "15:00", "mg": 340, "name": "Yesterday's energy drink", "day": chart_day(1)},
            {"time": "09:00", "mg": 50, "name": "Old tea"},  # saved before drinks had a day
        ],
    }
    seed_storage(page, CAFFEINE_KEY, json.dumps(saved))
    root = open_timeline(page, book_url)
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


def test_caffeine_clear_today_keeps_other_days_and_can_be_undone(page, watch, book_url):
    yesterday = {"time": "08:00", "mg": 90, "name": "Yesterday's tea", "day": chart_day(1)}
    seed_storage(page, CAFFEINE_KEY, json.dumps({"version": 1, "drinks": [yesterday]}))
    root = open_timeline(page, book_url)
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
    page.reload()
    open_page(page, book_url, CAFFEINE)
    assert root.locator(".cw-drink-list li").count() == 2
    assert_quiet(watch)


def test_caffeine_advice_gives_a_stop_time_that_agrees_with_the_model(page, watch, book_url):
    root = open_timeline(page, book_url)
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
    got = page.evaluate("([d, b]) => window.courseTools.latestStopHour(d, b, 5, 100, 4)", [drinks, bed])
    assert got == stop
    # moving the drink as advised brings bedtime under the limit, and the advice says so
    root.get_by_role("button", name="Remove Another drink at 17:30").click()
    add_drink_of(root, "300", "13:00")
    assert "under the 100 mg near bedtime" in root.locator(".cw-advice").inner_text()
    assert_quiet(watch)


def test_caffeine_advice_when_no_stop_time_is_early_enough_says_to_have_less(page, watch, book_url):
    assert latest_stop_hour([(7, 1000), (8, 1000)], 22.5) is None
    root = open_timeline(page, book_url)
    for time in ("07:00", "08:00"):
        add_drink_of(root, "1000", time)
    assert "have less" in root.locator(".cw-advice").inner_text()
    assert page.evaluate("() => window.courseTools.latestStopHour([[7, 1000], [8, 1000]], 22.5, 5, 100, 4)") is None
    assert_quiet(watch)


def test_caffeine_label_follows_the_amount(page, watch, book_url):
    root = open_timeline(page, book_url)
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


# --------------------------------------------------------------------------- diary


def test_diary_add_persist_reload_delete_one_and_chart(page, watch, book_url):
    open_page(page, book_url, DIARY)
    add_entry(
        page,
        when="2026-11-01T08:00",
        sleep_h="6",
        caffeine_mg="250",
        stress="7",
        notes="after a long run",
    )
    add_entry(page, when="2026-11-02T21:30", area="eyelid", duration_min="0.5")
    assert "Saved. Your diary has 2 entries." in diary(page).locator(".cw-status").inner_text()
    data = stored(page)
    assert data["version"] == 1 and [e["when"] for e in data["entries"]] == [
        "2026-11-01T08:00",
        "2026-11-02T21:30",
    ]
    assert data["entries"][0]["sleep_h"] == 6 and data["entries"][1]["sleep_h"] is None
    page.reload()
    open_page(page, book_url, DIARY)
    page.wait_for_function("() => document.querySelector('.cw-twitch-diary .cw-plot svg')")
    assert diary(page).locator(".cw-entry-list li").count() == 2
    assert diary(page).locator(".cw-table tbody tr").count() == 2
    diary(page).get_by_role("button", name="Delete entry of 2026-11-02 21:30").click()
    assert len(stored(page)["entries"]) == 1
    assert_quiet(watch)


def test_diary_takes_a_decimal_comma_and_a_deletion_can_be_undone(page, watch, book_url):
    open_page(page, book_url, DIARY)
    add_entry(page, when="2026-11-01T08:00", duration_min="2,5", sleep_h="6,5")
    assert stored(page)["entries"][0]["duration_min"] == 2.5 and stored(page)["entries"][0]["sleep_h"] == 6.5
    add_entry(page, when="2026-11-02T09:00")
    diary(page).get_by_role("button", name="Delete entry of 2026-11-01 08:00").click()
    assert [e["when"] for e in stored(page)["entries"]] == ["2026-11-02T09:00"]
    assert "Deleted the entry of 2026-11-01 08:00" in diary(page).locator(".cw-status").inner_text()
    assert page.evaluate("() => document.activeElement.textContent") == "Undo"  # focus is not lost
    diary(page).get_by_role("button", name="Undo").click()
    back = sorted(stored(page)["entries"], key=lambda e: e["when"])
    assert [e["when"] for e in back] == ["2026-11-01T08:00", "2026-11-02T09:00"]
    assert back[0]["duration_min"] == 2.5 and back[0]["sleep_h"] == 6.5  # back exactly as it was
    assert "Put back the entry of 2026-11-01 08:00" in diary(page).locator(".cw-status").inner_text()
    assert diary(page).locator(".cw-entry-list li").count() == 2
    assert_quiet(watch)


def test_diary_chart_counts_whole_episodes_with_one_label_per_date(page, watch, book_url):
    entries = [
        {"when": f"2026-11-{day:02d}T{8 + n:02d}:00", "area": "calf", "duration_min": 1}
        for day, times in ((1, 1), (2, 3), (3, 2))
        for n in range(times)
    ]
    seed_storage(page, DIARY_KEY, json.dumps({"version": 1, "entries": entries}))
    open_page(page, book_url, DIARY)
    page.wait_for_function("() => document.querySelector('.cw-twitch-diary .cw-plot svg .xtick')")
    chart = diary(page).locator(".cw-plot")
    dates = chart.locator(".xtick text").all_text_contents()
    counts = chart.locator(".ytick text").all_text_contents()
    assert dates == ["01 Nov", "02 Nov", "03 Nov"], dates
    assert counts and all(c.isdigit() for c in counts), counts  # 0, 1, 2, 3: never 0.5
    assert_quiet(watch)


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("sleep_h", "30", "“Hours of sleep last night” must be from 0 to 24."),
        ("sleep_h", "-2", "“Hours of sleep last night” must be from 0 to 24."),
        ("caffeine_mg", "10000", "“Caffeine today (mg)” must be from 0 to 3000."),
        ("stress", "7.5", "“Stress today (0 to 10)” must be a whole number from 0 to 10."),
        ("duration_min", "", "Please fill in “How long it lasted (minutes)”."),
        (
            "duration_min",
            "a while",
            "“How long it lasted (minutes)” must be a number, like 7 or 7.5.",
        ),
        (
            "when",
            "2099-01-01T08:00",
            "“Date and time” is in the future. Enter a time that has already passed.",
        ),
        ("notes", "x" * 501, "“Notes” can have at most 500 characters."),
    ],
)
def test_diary_bad_input_is_shown_next_to_the_field_and_nothing_saved_is_lost(
    page, watch, book_url, name, value, message
):
    open_page(page, book_url, DIARY)
    add_entry(page, when="2026-11-01T08:00")
    before = stored(page)
    add_entry(page, **{"when": "2026-11-02T08:00", name: value})
    box = field(page, name)
    control = box.locator(f'[name="{name}"]')
    alert = box.locator('[role="alert"]')
    assert alert.inner_text() == message
    assert control.get_attribute("aria-invalid") == "true"
    assert alert.get_attribute("id") in control.get_attribute("aria-describedby")
    assert page.evaluate("() => document.activeElement.name") == name
    assert stored(page) == before
    assert_quiet(watch)


def test_diary_area_is_required(page, watch, book_url):
    open_page(page, book_url, DIARY)
    add_entry(page, area="")
    assert field(page, "area").locator('[role="alert"]').inner_text() == "Please fill in “Body area”."
    assert stored(page) is None
    assert_quiet(watch)


def test_sleep_input_label_names_sleep(page, watch, book_url):
    open_page(page, book_url, DIARY)
    assert diary(page).get_by_label("Hours of sleep last night").count() == 1
    assert (
        "sleep"
        in page.evaluate(
            "() => document.querySelector('.cw-twitch-diary [name=sleep_h]').labels[0].textContent"
        ).lower()
    )
    assert_quiet(watch)


def test_export_then_import_round_trips_losslessly(page, watch, book_url, tmp_path):
    open_page(page, book_url, DIARY)
    add_entry(
        page,
        when="2026-11-01T08:00",
        sleep_h="6.5",
        caffeine_mg="250",
        stress="0",
        exercise="hard",
        notes='Felt it "again", twice;\nthen stopped. Ünïcödé ✓',
    )
    add_entry(page, when="2026-11-03T22:15", area="eyelid", duration_min="0.25")
    before = stored(page)["entries"]
    with page.expect_download() as info:
        diary(page).get_by_role("button", name="Download my diary (CSV)").click()
    path = tmp_path / "diary.csv"
    info.value.save_as(path)
    text = path.read_bytes().decode("utf-8")
    assert parse_csv(text)["entries"] == before  # Python reads the browser's file exactly
    assert text == to_csv(before)  # and writes the same bytes
    diary(page).get_by_role("button", name="Delete all my data").click()
    diary(page).get_by_role("button", name="Yes, delete everything").click()
    assert stored(page) is None
    diary(page).get_by_label("Import a CSV file").set_input_files(str(path))
    report = diary(page).locator(".cw-import-report")
    report.get_by_text("Imported 2 entries").wait_for()
    assert stored(page)["entries"] == before
    # Importing the same file again adds nothing, and says so row by row.
    diary(page).get_by_label("Import a CSV file").set_input_files(str(path))
    report.get_by_text("Imported 0 entries").wait_for()
    assert "Row 2: This entry is already in your diary." in report.inner_text()
    assert stored(page)["entries"] == before
    assert_quiet(watch)


def import_file(page, name, data: bytes):
    diary(page).get_by_label("Import a CSV file").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )


@pytest.mark.parametrize(
    "data, message",
    [
        (b"name,age\nBob,3\n", "The file has no column called “when”."),
        (
            "when,area,duration_min\n2026-11-01T08:00,Wade,1\n".replace("Wade", "Jambe gauche é").encode("latin-1"),
            "This file is not UTF-8 text.",
        ),
        (
            b"when,area,duration_min\n" + b"2026-11-01T08:00,calf,1\n" * 420000,
            "The diary can import files up to 1 MB.",
        ),
        (b'when,area,duration_min\n"2026-11-01T08:00,calf,1\n', "a quote mark"),
        ("when,area".encode("utf-16"), "not UTF-8"),
        (b"", "The file is empty."),
    ],
    ids=["wrong-columns", "latin-1", "10-mb", "broken-quote", "utf-16", "empty"],
)
def test_a_malformed_csv_is_refused_with_a_message_and_the_diary_is_unchanged(page, watch, book_url, data, message):
    open_page(page, book_url, DIARY)
    add_entry(page, when="2026-11-01T07:00")
    before = stored(page)
    import_file(page, "bad.csv", data)
    box = diary(page).locator('[data-field="import"]')
    alert = box.locator('[role="alert"]')
    alert.get_by_text("Nothing was imported").wait_for()
    assert message.lower() in alert.inner_text().lower()
    assert box.locator("input").get_attribute("aria-invalid") == "true"
    assert stored(page) == before
    assert_quiet(watch)


def test_spreadsheet_csv_with_extra_columns_imports_and_reports_every_skipped_row(page, watch, book_url):
    open_page(page, book_url, DIARY)
    text = (
        "\ufeffWhen;Area;Duration_min;Sleep_h;Column1;Caffeine_mg\r\n"
        "2026-11-01 08:00;Calf or foot;3;7;;100\r\n"
        "2026-11-02 08:00;calf;3;30;;\r\n"
        ";;;;;\r\n"
        "2031-01-01 08:00;calf;3;;;\r\n"
        "2026-11-03 08:00;elbow;3;;;\r\n"
        "2026-11-04 08:00;eyelid;1;8;x;50\r\n"
    )
    import_file(page, "sheet.csv", text.encode("utf-8"))
    report = diary(page).locator(".cw-import-report")
    report.get_by_text("Imported 2 entries").wait_for()
    body = report.inner_text()
    assert "Columns ignored: Column1." in body
    assert "Skipped 4 rows" in body
    assert "Row 3: “Hours of sleep last night” must be from 0 to 24." in body
    assert "Row 4: The row is empty." in body
    assert "Row 5: “Date and time” is in the future." in body
    assert "Row 6: “Body area” must be one of:" in body
    assert [e["when"] for e in stored(page)["entries"]] == ["2026-11-01T08:00", "2026-11-04T08:00"]
    assert_quiet(watch)


@pytest.mark.parametrize(
    "saved, shown, reported",
    [
        ("{not json", 0, True),
        (json.dumps({"version": 99, "entries": []}), 0, True),
        (json.dumps([{"when": "2026-11-01T08:00", "area": "calf", "duration_min": 2}]), 1, False),  # version 0
        (
            json.dumps(
                {
                    "version": 1,
                    "entries": [
                        {"when": "2026-11-01T08:00", "area": "calf", "duration_min": 2},
                        {"when": "2026-11-01T09:00", "area": "calf", "duration_min": -5},
                        7,
                    ],
                }
            ),
            1,
            True,
        ),
    ],
    ids=["corrupted", "unknown-version", "old-schema", "bad-entries"],
)
def test_corrupted_or_old_storage_is_read_safely_and_kept(page, watch, book_url, saved, shown, reported):
    seed_storage(page, DIARY_KEY, saved)
    open_page(page, book_url, DIARY)
    assert diary(page).locator(".cw-entry-list li").count() == shown
    note = diary(page).locator(".cw-storage-note")
    assert page.evaluate(f"() => localStorage.getItem('{DIARY_KEY}')") == saved  # reading changes nothing
    if reported:
        assert "could not be read" in note.inner_text()
        with page.expect_download():
            note.get_by_role("button", name="Download what is saved").click()
    else:
        assert note.inner_text() == ""
    add_entry(page, when="2026-11-05T08:00")
    copies = page.evaluate(f"() => JSON.parse(localStorage.getItem('{DIARY_KEY}:unreadable'))")
    data = json.loads(saved) if saved.startswith(("[", '{"')) else None
    readable_list = isinstance(data, list) or (isinstance(data, dict) and data.get("version") == 1)
    if readable_list:  # every saved item stays, as it was, and the new one is added
        kept = data if isinstance(data, list) else data["entries"]
        assert stored(page)["entries"][: len(kept)] == kept and len(stored(page)["entries"]) == len(kept) + 1
        assert copies is None
    else:  # a copy of what could not be read is kept first
        assert [c["raw"] for c in copies] == [saved] and len(stored(page)["entries"]) == 1
    assert stored(page)["version"] == 1
    assert_quiet(watch)


def test_delete_all_asks_first_and_can_be_cancelled(page, watch, book_url):
    open_page(page, book_url, DIARY)
    add_entry(page, when="2026-11-01T08:00")
    button = diary(page).get_by_role("button", name="Delete all my data")
    button.click()
    assert "cannot be undone" in diary(page).locator(".cw-confirm").inner_text()
    diary(page).get_by_role("button", name="Cancel").click()
    assert len(stored(page)["entries"]) == 1
    button.click()
    diary(page).get_by_role("button", name="Yes, delete everything").click()
    assert stored(page) is None
    assert diary(page).locator(".cw-entry-list li").count() == 0
    assert_quiet(watch)


def test_diary_keyboard_only(page, watch, book_url):
    open_page(page, book_url, DIARY)
    # The date and time are filled in with "now"; the reader goes on to the body area.
    page.locator('.cw-twitch-diary [name="area"]').focus()
    page.keyboard.press("ArrowDown")  # native select: first real choice
    assert page.evaluate("() => document.activeElement.name") == "area"
    page.keyboard.press("Tab")
    page.keyboard.type("4")
    for _ in range(6):
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Add to my diary"
    page.keyboard.press("Enter")
    assert len(stored(page)["entries"]) == 1
    # Delete all, by keyboard: the confirmation takes focus and Enter on it deletes.
    page.locator(".cw-twitch-diary .cw-danger").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert stored(page) is None
    assert_quiet(watch)


# --------------------------------------------------------------------------- visit summary


def test_checker_ticks_persist_and_reach_the_visit_summary(page, watch, book_url):
    open_page(page, book_url, "book/when-to-see-a-doctor.html")
    checker = page.locator('[data-widget="symptom-checker"]')
    box = checker.locator('input[type="checkbox"]').nth(0)
    label = page.evaluate("() => document.querySelector('[data-widget=symptom-checker] input').labels[0].textContent")
    box.check()
    page.reload()
    open_page(page, book_url, "book/when-to-see-a-doctor.html")
    assert checker.locator('input[type="checkbox"]').nth(0).is_checked()
    open_page(page, book_url, DIARY)
    add_entry(page, when="2026-11-01T08:00", sleep_h="5", stress="8")
    add_entry(page, when="2026-11-08T08:00", area="eyelid", sleep_h="8")
    open_page(page, book_url, VISIT)
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
    open_page(page, book_url, "book/when-to-see-a-doctor.html")
    checker.get_by_role("button", name="Clear my answers").click()
    assert page.evaluate("() => localStorage.getItem('fasciculation-course:symptoms')") is None
    assert_quiet(watch)


def test_visit_summary_prints_on_one_page_with_only_the_summary(page, watch, book_url):
    open_page(page, book_url, DIARY)
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
    page.evaluate("ids => localStorage.setItem('fasciculation-course:symptoms', JSON.stringify(ids))", ids)
    open_page(page, book_url, VISIT)
    page.locator(".cw-visit-summary").get_by_label("Medicines and supplements you take").fill("A\nB\nC")
    assert page.locator(".cw-visit-summary-sheet li:not(.cw-episodes li)").count() == 8 + 3  # 8 signs, 3 patterns
    episodes = page.locator(".cw-visit-summary-sheet .cw-episodes li").all_inner_texts()
    assert len(episodes) == 20 and episodes[0].startswith("2026-10-28 08:00") and episodes[-1].startswith("2026-10-09")
    assert "And 8 earlier episodes, in the twitch diary." in page.locator(".cw-visit-summary-sheet").inner_text()
    started = page.locator(".cw-visit-summary").get_by_label("When the twitching started")
    started.fill("2026-09-15")
    sheet = page.locator(".cw-visit-summary-sheet").inner_text()
    assert re.search(r"The twitching started on (15 September|September 15),? 2026\.", sheet), sheet
    assert re.search(r"First diary entry: (1 October|October 1),? 2026\.", sheet), sheet
    page.reload()
    open_page(page, book_url, VISIT)
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


def test_empty_visit_summary_points_to_the_diary(page, watch, book_url):
    open_page(page, book_url, VISIT)
    text = page.locator(".cw-visit-summary-sheet").inner_text()
    assert "Your diary on this device is empty" in text
    assert "No signs are ticked" in text
    assert_quiet(watch)


# --------------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("path", [CAFFEINE, DIARY, VISIT])
def test_tool_pages_have_no_serious_accessibility_problems(page, watch, book_url, path, dark):
    page.add_init_script(
        f"""localStorage.setItem('{DIARY_KEY}', JSON.stringify({{version: 1, entries: [
            {{when: '2026-11-01T08:00', area: 'calf', duration_min: 2, sleep_h: 6,
              caffeine_mg: 300, stress: 7, exercise: 'hard', notes: 'n'}}]}}));"""
    )
    open_page(page, book_url, path, dark=dark)
    if path == CAFFEINE:
        add_drink(page.locator('[data-widget="caffeine-timeline"]'), "coffee-filter-mug", "08:00")
    if path != VISIT:
        page.wait_for_function("() => document.querySelector('.cw-plot svg')")
    # Show an error message too: it must be readable in both modes.
    if path == DIARY:
        add_entry(page, sleep_h="30")
        # Back at the top: the theme's fading "Back to top" button is not part of the tools.
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_timeout(600)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    serious = [
        (v["id"], targets)
        for v in result
        if v["impact"] in ("serious", "critical") and (targets := [n["target"] for n in v["nodes"]])
    ]
    assert serious == []
    assert_quiet(watch)


@pytest.mark.parametrize("path", [CAFFEINE, DIARY])
def test_an_empty_tool_loads_no_chart_code_until_there_is_something_to_draw(page, watch, book_url, path):
    """plotly.js is about 400 kB: an empty tool shows no chart and does not fetch it; the first entry draws one."""
    open_page(page, book_url, path)
    page.wait_for_timeout(500)
    plotly = [url for url in watch.requests if "plotly" in url]
    assert plotly == [] and page.locator(".cw-plot").first.is_hidden()
    if path == CAFFEINE:
        add_drink(page.locator('[data-widget="caffeine-timeline"]'), "coffee-filter-mug", "08:00")
    else:
        add_entry(page)
    page.wait_for_function("() => document.querySelector('.cw-plot svg')")
    assert [url for url in watch.requests if "plotly-basic.min.js" in url], "the first entry loads the chart code"
    assert_quiet(watch)
