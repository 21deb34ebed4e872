"""The twitch diary in the widget book: entries, checks, chart, CSV export and import, saved data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets.csvfile import parse_csv, to_csv

from ..conftest import open_page
from .tools import DIARY, DIARY_KEY, add_entry, assert_quiet, diary, field, seed_storage, stored

pytestmark = pytest.mark.browser


def test_diary_add_persist_reload_delete_one_and_chart(page, watch, widget_book_url):
    open_page(page, widget_book_url, DIARY)
    after_a_run = {"sleep_h": "6", "caffeine_mg": "250", "stress": "7", "notes": "after a long run"}
    add_entry(page, when="2026-11-01T08:00", **after_a_run)
    add_entry(page, when="2026-11-02T21:30", area="eyelid", duration_min="0.5")
    assert "Saved. Your diary has 2 entries." in diary(page).locator(".cw-status").inner_text()
    data = stored(page)
    assert data["version"] == 1 and [e["when"] for e in data["entries"]] == [
        "2026-11-01T08:00",
        "2026-11-02T21:30",
    ]
    assert data["entries"][0]["sleep_h"] == 6 and data["entries"][1]["sleep_h"] is None
    page.reload()
    open_page(page, widget_book_url, DIARY)
    page.wait_for_function("() => document.querySelector('.cw-twitch-diary .cw-plot svg')")
    assert diary(page).locator(".cw-entry-list li").count() == 2
    assert diary(page).locator(".cw-table tbody tr").count() == 2
    diary(page).get_by_role("button", name="Delete entry of 2 Nov 2026, 21:30").click()
    assert len(stored(page)["entries"]) == 1
    assert_quiet(watch)


def test_diary_takes_a_decimal_comma_and_a_deletion_can_be_undone(page, watch, widget_book_url):
    open_page(page, widget_book_url, DIARY)
    add_entry(page, when="2026-11-01T08:00", duration_min="2,5", sleep_h="6,5")
    assert stored(page)["entries"][0]["duration_min"] == 2.5 and stored(page)["entries"][0]["sleep_h"] == 6.5
    add_entry(page, when="2026-11-02T09:00")
    diary(page).get_by_role("button", name="Delete entry of 1 Nov 2026, 08:00").click()
    assert [e["when"] for e in stored(page)["entries"]] == ["2026-11-02T09:00"]
    assert "Deleted the entry of 1 Nov 2026, 08:00" in diary(page).locator(".cw-status").inner_text()
    assert page.evaluate("() => document.activeElement.textContent") == "Undo"  # focus is not lost
    diary(page).get_by_role("button", name="Undo").click()
    back = sorted(stored(page)["entries"], key=lambda e: e["when"])
    assert [e["when"] for e in back] == ["2026-11-01T08:00", "2026-11-02T09:00"]
    assert back[0]["duration_min"] == 2.5 and back[0]["sleep_h"] == 6.5  # back exactly as it was
    assert "Put back the entry of 1 Nov 2026, 08:00" in diary(page).locator(".cw-status").inner_text()
    assert diary(page).locator(".cw-entry-list li").count() == 2
    assert_quiet(watch)


def test_diary_chart_counts_whole_episodes_with_one_label_per_date(page, watch, widget_book_url):
    entries = [
        {"when": f"2026-11-{day:02d}T{8 + n:02d}:00", "area": "calf", "duration_min": 1}
        for day, times in ((1, 1), (2, 3), (3, 2))
        for n in range(times)
    ]
    seed_storage(page, DIARY_KEY, json.dumps({"version": 1, "entries": entries}))
    open_page(page, widget_book_url, DIARY)
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
    page, watch, widget_book_url, name, value, message
):
    open_page(page, widget_book_url, DIARY)
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


def test_diary_area_is_required(page, watch, widget_book_url):
    open_page(page, widget_book_url, DIARY)
    add_entry(page, area="")
    assert field(page, "area").locator('[role="alert"]').inner_text() == "Please fill in “Body area”."
    assert stored(page) is None
    assert_quiet(watch)


def test_sleep_input_label_names_sleep(page, watch, widget_book_url):
    open_page(page, widget_book_url, DIARY)
    assert diary(page).get_by_label("Hours of sleep last night").count() == 1
    assert (
        "sleep"
        in page.evaluate(
            "() => document.querySelector('.cw-twitch-diary [name=sleep_h]').labels[0].textContent"
        ).lower()
    )
    assert_quiet(watch)


def test_export_then_import_round_trips_losslessly(page, watch, widget_book_url, tmp_path):
    open_page(page, widget_book_url, DIARY)
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
def test_a_malformed_csv_is_refused_with_a_message_and_the_diary_is_unchanged(
    page, watch, widget_book_url, data, message
):
    open_page(page, widget_book_url, DIARY)
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


def test_spreadsheet_csv_with_extra_columns_imports_and_reports_every_skipped_row(page, watch, widget_book_url):
    open_page(page, widget_book_url, DIARY)
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
def test_corrupted_or_old_storage_is_read_safely_and_kept(page, watch, widget_book_url, saved, shown, reported):
    seed_storage(page, DIARY_KEY, saved)
    open_page(page, widget_book_url, DIARY)
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


def test_delete_all_asks_first_and_can_be_cancelled(page, watch, widget_book_url):
    open_page(page, widget_book_url, DIARY)
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


def test_diary_keyboard_only(page, watch, widget_book_url):
    open_page(page, widget_book_url, DIARY)
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


FORMULAS = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\tTab", "plain - text"]


def test_csv_formula_cells_are_neutralised_on_export_and_restored_on_import(page, watch, widget_book_url, tmp_path):
    open_page(page, widget_book_url, DIARY)
    widget = diary(page)
    for n, note in enumerate(FORMULAS, start=1):
        add_entry(page, when=f"2026-11-0{n}T08:00", notes=note)
    before = stored(page)["entries"]
    with page.expect_download() as info:
        widget.get_by_role("button", name="Download my diary (CSV)").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8")
    for line in text.splitlines()[1:]:
        note_cell = line.rsplit(",", 1)[-1]
        assert not note_cell.lstrip('"').startswith(("=", "+", "-", "@", "\t")), line
    assert '"\'=HYPERLINK(""http://x"")"' in text
    assert text == to_csv(before)  # Python writes the same bytes
    assert [e["notes"] for e in parse_csv(text)["entries"]] == [e["notes"] for e in before]
    path = tmp_path / "diary.csv"
    path.write_text(text, encoding="utf-8")
    widget.get_by_role("button", name="Delete all my data").click()
    widget.get_by_role("button", name="Yes, delete everything").click()
    widget.get_by_label("Import a CSV file").set_input_files(str(path))
    widget.locator(".cw-import-report").get_by_text(f"Imported {len(FORMULAS)} entries").wait_for()
    assert stored(page)["entries"] == before  # read back as the reader wrote them
    assert watch.errors == []
