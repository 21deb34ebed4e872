"""What a reader may type (widgets/fields.py): every rule, with its message."""

from __future__ import annotations

import pytest

from widgets.csvfile import columns
from widgets.fields import validate

from .entries import CAFFEINE_FIELDS, GOOD, NOW, validate_entry

CSV_COLUMNS = columns()


def errors(**values):
    return validate_entry({**GOOD, **values}, NOW)[1]


def test_a_good_entry_is_cleaned():
    entry, problems = validate_entry(
        {
            **GOOD,
            "sleep_h": " 7.5 ",
            "stress": "0",
            "exercise": "Hard (out of breath)",
            "notes": " hi\r\nthere ",
        },
        NOW,
    )
    assert problems == {}
    assert entry == {
        "when": "2026-11-01T08:00",
        "area": "calf",
        "duration_min": 2,
        "sleep_h": 7.5,
        "caffeine_mg": None,
        "stress": 0,
        "exercise": "hard",
        "notes": "hi\nthere",
    }
    assert isinstance(entry["duration_min"], int)


@pytest.mark.parametrize(
    "values, field, text",
    [
        ({"when": ""}, "when", "Please fill in “Date and time”."),
        ({"when": "2026-02-30T08:00"}, "when", "must be a real date and time"),
        ({"when": "1999-12-31T23:59"}, "when", "in the year 2000 or later"),
        ({"when": "2026-11-22T12:01"}, "when", "is in the future"),
        ({"area": ""}, "area", "Please fill in “Body area”."),
        ({"area": "elbow"}, "area", "must be one of: Eyelid, Face or lips"),
        ({"duration_min": ""}, "duration_min", "Please fill in"),
        ({"duration_min": "-1"}, "duration_min", "must be from 0 to 1440"),
        ({"duration_min": "1441"}, "duration_min", "must be from 0 to 1440"),
        ({"sleep_h": "30"}, "sleep_h", "“Hours of sleep last night” must be from 0 to 24."),
        ({"sleep_h": "-0.5"}, "sleep_h", "must be from 0 to 24"),
        ({"sleep_h": "7,125"}, "sleep_h", "must be a number"),
        ({"caffeine_mg": "1,000"}, "caffeine_mg", "must be a number"),  # a thousands comma is not a decimal
        ({"sleep_h": "7.125"}, "sleep_h", "must be a number"),
        ({"sleep_h": "1e1"}, "sleep_h", "must be a number"),
        ({"sleep_h": "٧"}, "sleep_h", "must be a number"),  # only 0-9, as in the browser
        ({"caffeine_mg": "10000"}, "caffeine_mg", "must be from 0 to 3000"),
        ({"stress": "11"}, "stress", "whole number from 0 to 10"),
        ({"stress": "2.5"}, "stress", "whole number from 0 to 10"),
        ({"exercise": "lots"}, "exercise", "must be one of"),
        ({"notes": "x" * 501}, "notes", "at most 500 characters"),
    ],
)
def test_every_diary_rule_refuses_with_its_message(values, field, text):
    problems = errors(**values)
    assert list(problems) == [field]
    assert text in problems[field]


def test_a_decimal_comma_is_read_as_a_decimal_point():
    entry, problems = validate_entry({**GOOD, "sleep_h": "7,5", "duration_min": "2,5"}, NOW)
    assert problems == {} and entry["sleep_h"] == 7.5 and entry["duration_min"] == 2.5


def test_limits_are_inclusive_and_optional_fields_may_be_empty():
    assert (
        errors(
            when=NOW,
            duration_min="1440",
            sleep_h="24",
            caffeine_mg="3000",
            stress="10",
            notes="😀" * 500,
        )
        == {}
    )
    assert errors(duration_min="0", sleep_h="0", caffeine_mg="0", stress="0") == {}
    assert errors(sleep_h="", caffeine_mg=None, stress="  ", exercise="", notes="") == {}
    assert errors(when="2026-11-01 08:00") == {}  # a spreadsheet's date and time


def test_caffeine_rules():
    ok, problems = validate(CAFFEINE_FIELDS, {"time": "7:05", "mg": "90", "name": "Cup"}, "")
    assert problems == {} and ok == {"time": "07:05", "mg": 90, "name": "Cup", "day": None}
    assert validate(CAFFEINE_FIELDS, {"time": "07:00", "mg": "90", "day": "2026-11-22"}, "")[0]["day"] == "2026-11-22"
    assert (
        "must be a real date"
        in validate(CAFFEINE_FIELDS, {"time": "07:00", "mg": "90", "day": "2026-02-30"}, "")[1]["day"]
    )
    assert validate(CAFFEINE_FIELDS, {"time": "07:00", "mg": "10000"}, "")[1] == {
        "mg": "“Caffeine in this drink (mg)” must be from 1 to 1000."
    }
    assert set(validate(CAFFEINE_FIELDS, {"time": "24:00", "mg": "0"}, "")[1]) == {"time", "mg"}
