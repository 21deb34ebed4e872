"""Unit tests for the tools (issue 5): the caffeine maths, every validation rule, CSV, the loader
and the Python side of the widgets. The browser half of each rule is in test_tools.py."""

from __future__ import annotations

import math

import pytest
import traitlets
import yaml

from widgets import CaffeineTimeline, TwitchDiary, VisitSummary
from widgets.caffeine import (
    bedtime_hour,
    caffeine_curve,
    caffeine_left,
    guidance,
    hour_of_day,
    latest_stop_hour,
)
from widgets.course_files import CourseDataError
from widgets.csvfile import columns, parse_csv, split_csv, to_csv
from widgets.data import clear_cache, load_drinks
from widgets.fields import form, validate
from widgets.tool import PLOTLY_JS, Tool

DIARY_FIELDS, CAFFEINE_FIELDS, CSV_COLUMNS = form("diary"), form("caffeine"), columns()


def validate_entry(raw, now):
    return validate(DIARY_FIELDS, raw, now)


NOW = "2026-11-22T12:00"
GOOD = {"when": "2026-11-01T08:00", "area": "calf", "duration_min": "2"}


# --------------------------------------------------------------------------- caffeine maths


def test_one_drink_halves_every_half_life():
    assert caffeine_left([(8, 200)], 8) == 200
    assert caffeine_left([(8, 200)], 13) == pytest.approx(100)
    assert caffeine_left([(8, 200)], 18) == pytest.approx(50)
    assert caffeine_left([(8, 200)], 7.99) == 0  # not drunk yet


def test_drinks_add_up_and_half_life_range_is_enforced():
    assert caffeine_left([(8, 100), (8, 100)], 10, 2) == pytest.approx(100)
    for bad in (1.4, 9.6, 0, -5):
        with pytest.raises(ValueError):
            caffeine_left([(8, 100)], 10, bad)
    hours, mg = caffeine_curve([(8, 100)], start=4, end=28)
    assert hours[0] == 4 and hours[-1] == 28 and len(hours) == 97 and max(mg) == 100


def test_hour_of_day_puts_small_hours_after_midnight():
    assert hour_of_day("08:30") == 8.5
    assert hour_of_day("22:30") == 22.5
    assert hour_of_day("01:30") == 25.5
    assert hour_of_day("04:00") == 4
    with pytest.raises(ValueError):
        hour_of_day("24:00")


@pytest.mark.parametrize(
    "bedtime, hour", [("03:59", 27 + 59 / 60), ("04:00", 28), ("06:00", 30), ("23:30", 23.5), ("22:00", 46)]
)
def test_bedtime_is_the_first_time_it_comes_round_after_the_last_drink(bedtime, hour):
    drinks = [hour_of_day("23:00"), hour_of_day("02:00")]  # 23 and 26: into the night
    assert bedtime_hour(bedtime, drinks[:1] if bedtime == "23:30" else drinks) == pytest.approx(hour)
    assert bedtime_hour("22:30", []) == 22.5  # no drinks: the evening of the chart's day


def test_bedtime_at_dawn_after_late_drinks_is_not_false_reassurance():
    timeline = CaffeineTimeline(drinks=[{"time": "23:00", "mg": 100}, {"time": "02:00", "mg": 100}], bedtime="04:00")
    assert timeline.left_at_bedtime() == pytest.approx(100 * 0.5 ** (5 / 5) + 100 * 0.5 ** (2 / 5))
    assert timeline.left_at_bedtime() > guidance()["bedtime_mg"]


@pytest.mark.parametrize(
    "drinks, bed, stop",
    [
        ([(8, 140), (17.5, 300)], 22.5, 13),  # 99 mg left with the 17:30 drink at 13:00, 102 mg at 13:15
        ([(20, 300)], 22.5, "some"),  # one late drink: had earlier, it is fine
        ([(7, 1000), (8, 1000)], 22.5, None),  # even at 04:00 it is too much: have less
        ([(23, 100), (26, 100)], 28, "some"),  # into the night, bed at dawn
    ],
)
def test_latest_stop_time_is_the_last_quarter_hour_that_keeps_bedtime_under_the_limit(drinks, bed, stop):
    got = latest_stop_hour(drinks, bed)
    if stop != "some":
        assert got == stop
    if got is not None:
        assert got % 0.25 == 0 and 4 <= got <= max(h for h, _ in drinks)
        assert caffeine_left([(min(h, got), mg) for h, mg in drinks], bed) < 100
        if got < max(h for h, _ in drinks):  # a quarter hour later would be too much
            assert caffeine_left([(min(h, got + 0.25), mg) for h, mg in drinks], bed) >= 100
    timeline = CaffeineTimeline(drinks=[{"time": "08:00", "mg": 140}, {"time": "17:30", "mg": 300}])
    assert timeline.latest_stop_time() == "13:00"


def test_timeline_python_side_checks_drinks_and_reports_bedtime(monkeypatch):
    timeline = CaffeineTimeline()
    timeline.drinks = [
        {"time": "8:00", "mg": 140, "name": "Mug of filter coffee"},
        {"time": "15:00", "mg": "300"},
    ]
    assert timeline.drinks[0]["time"] == "08:00" and timeline.drinks[1]["mg"] == 300
    assert timeline.left_at_bedtime() == pytest.approx(caffeine_left([(8, 140), (15, 300)], 22.5))
    for bad in ([{"time": "08:00", "mg": 10000}], [{"time": "25:00", "mg": 10}], [{"mg": 10}]):
        with pytest.raises(traitlets.TraitError):
            timeline.drinks = bad
    with pytest.raises(traitlets.TraitError):
        timeline.half_life = 12
    with pytest.raises(traitlets.TraitError):
        timeline.bedtime = "late"
    assert timeline.guidance == guidance() and timeline._uses_plotly


# --------------------------------------------------------------------------- validation rules


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


# --------------------------------------------------------------------------- CSV


def entry(**values):
    return validate_entry({**GOOD, **values}, NOW)[0]


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


def test_diary_saves_entries_to_a_file(tmp_path):
    diary = TwitchDiary()
    diary.entries = [entry(notes="a, b")]
    path = diary.save(tmp_path / "diary.csv")
    assert parse_csv(path.read_text(encoding="utf-8"), NOW)["entries"] == diary.entries
    assert repr(diary) == "TwitchDiary(1 entry)"
    assert diary.fields == DIARY_FIELDS and diary._uses_plotly


def test_live_kernel_gets_plotly_from_the_python_package(monkeypatch):
    diary = TwitchDiary()
    sent = []
    monkeypatch.setattr(diary, "send", lambda content, buffers=None: sent.append(content))
    diary._on_custom_msg(diary, {"type": "need-plotly"}, [])
    diary._on_custom_msg(diary, {"type": "something-else"}, [])
    assert len(sent) == 1 and sent[0]["type"] == "plotly-js"
    assert sent[0]["source"] == PLOTLY_JS.read_text(encoding="utf-8") and "Plotly" in sent[0]["source"][:5000]


def test_visit_summary_carries_the_checker_data():
    visit = VisitSummary()
    assert visit.symptoms and set(visit.levels) == {"emergency", "urgent", "doctor", "selfcare"}
    assert not visit._uses_plotly
    assert "export default { render: renderDiary }" not in visit._esm


# --------------------------------------------------------------------------- drinks data


def test_drinks_load_with_sources():
    drinks = load_drinks()
    assert 1 <= len(drinks) <= 7
    for drink in drinks:
        assert drink["source"]["key"] in ("fda-caffeine", "nhs-caffeine") and drink["source"]["url"]
        assert 0 < drink["mg"] <= 1000


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda d: d["drinks"][0].update(mg=10000), "more than the tool takes in one drink (1000)"),
        (lambda d: d["drinks"][0].update(source="blog"), "source 'blog' is not in references.bib"),
        (lambda d: d["drinks"][2].update(range=[10, 20]), "outside its range"),
        (lambda d: d["drinks"].append(dict(d["drinks"][0])), "allows at most 7"),
    ],
)
def test_bad_drinks_data_stops_with_one_line(tmp_path, change, problem):
    import shutil

    from widgets.course_files import book_dir

    book = tmp_path / "book"
    (book / "data").mkdir(parents=True)
    shutil.copy(book_dir() / "references.bib", book / "references.bib")
    shutil.copy(book_dir() / "data" / "fields.yml", book / "data" / "fields.yml")  # the tool's limit per drink
    shutil.copytree(book_dir() / "data" / "locales", book / "data" / "locales")
    data = yaml.safe_load((book_dir() / "data" / "drinks.yml").read_text())
    change(data)
    (book / "data" / "drinks.yml").write_text(yaml.safe_dump(data))
    clear_cache()
    try:
        with pytest.raises(CourseDataError) as err:
            load_drinks(book)
        assert problem in str(err.value) and "\n" not in str(err.value)
    finally:
        clear_cache()


def test_guidance_numbers_match_the_sources():
    assert guidance()["daily_mg"] == 400 and guidance()["single_dose_mg"] == 200
    assert math.isclose(caffeine_left([(0 + 4, 100)], 9), 50)


def test_every_widget_reads_as_words_in_a_notebook_not_an_object_address():
    """A notebook's text fallback for a widget is its repr: it must say what the widget holds."""
    import widgets
    from widgets.base import CourseWidget

    made = [
        widgets.Quiz("sleep"),
        widgets.TriggerChecklist("sleep"),
        widgets.SymptomChecker(),
        widgets.CaffeineTimeline(),
        widgets.TwitchDiary(),
        widgets.VisitSummary(),
    ]
    kinds = {type(w).kind for w in made}
    assert kinds == {cls.kind for cls in CourseWidget.__subclasses__() + Tool.__subclasses__()} - {""}
    for widget in made:
        text = repr(widget)
        assert " object at 0x" not in text and text.startswith(type(widget).__name__ + "("), text
