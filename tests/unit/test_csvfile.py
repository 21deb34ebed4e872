"""The diary as a CSV file (widgets/csvfile.py): written, read and refused the same way every time."""

from __future__ import annotations

import pytest

from widgets.csvfile import columns, parse_csv, split_csv, to_csv

from .entries import GOOD, NOW, entry, validate_entry

CSV_COLUMNS = columns()


def test_csv_round_trip_is_lossless():
    entries = [
        entry(
            notes='He said "stop", then; left\nnext line',
            sleep_h="6.25",
            exercise="hard",
            stress="3",
        ),
        entry(
            when="2026-11-02T23:59",
            area="many",
            duration_min="0.5",
            caffeine_mg="1200",
            notes=" ✓ ünï ",
        ),
        entry(notes="=SUM(A1)"),
    ]
    text = to_csv(entries)
    assert text.startswith("\ufeff" + ",".join(CSV_COLUMNS) + "\r\n")
    result = parse_csv(text, NOW)
    assert result["entries"] == entries and result["skipped"] == [] and result["error"] is None
    assert to_csv(result["entries"]) == text


@pytest.mark.parametrize("note", ["=1+1", "+44 20", "-3 mg", "@SUM(A1)", "'quoted", "'=kept"])
def test_csv_cells_that_look_like_formulas_are_neutralised_and_read_back(note):
    entry = {**validate_entry(GOOD, NOW)[0], "notes": note}
    text = to_csv([entry])
    cell = split_csv(text)[1][-1]
    assert not cell.startswith(("=", "+", "-", "@")), cell  # a spreadsheet shows it as text
    assert parse_csv(text, NOW)["entries"] == [entry]


def test_split_csv_handles_quotes_and_line_breaks():
    assert split_csv('a,"b,c","d ""e"""\r\n"x\ny",z') == [["a", "b,c", 'd "e"'], ["x\ny", "z"]]
    assert split_csv("a,b\n") == [["a", "b"]]
    with pytest.raises(ValueError):
        split_csv('a,"b')


def test_import_reports_every_skipped_row_and_ignores_extra_columns():
    text = (
        "When;AREA;duration_min;Sleep_h;Comment\n2026-11-01 08:00;eyelid;1;7;x\n;;;;\n2026-11-02 08:00;eyelid;1;30;\n"
    )
    result = parse_csv(text, NOW)
    assert [e["when"] for e in result["entries"]] == ["2026-11-01T08:00"] and result["rows"] == [2]
    assert result["skipped"] == [
        (3, "The row is empty."),
        (4, "“Hours of sleep last night” must be from 0 to 24."),
    ]
    assert "Columns ignored: Comment." in result["notes"]
    assert any(n.startswith("Columns not in the file, left empty: caffeine_mg") for n in result["notes"])
    surplus = parse_csv("when,area,duration_min\n2026-11-01T08:00,calf,1,oops\n", NOW)
    assert surplus["entries"] == [] and "has 4 values" in surplus["skipped"][0][1]


@pytest.mark.parametrize(
    "text, problem",
    [
        ("", "The file is empty."),
        ("name,age\nBob,3\n", "no column called “when”"),
        ("when,area,area,duration_min\n", "appears twice"),
        ('when,area,duration_min\n"2026,calf,1\n', "never closed"),
    ],
)
def test_import_refuses_files_it_cannot_read(text, problem):
    result = parse_csv(text, NOW)
    assert problem in result["error"] and result["entries"] == []
