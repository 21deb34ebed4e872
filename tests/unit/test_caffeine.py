"""The caffeine formula (widgets/caffeine.py) and the timeline's Python side."""

from __future__ import annotations

import math

import pytest
import traitlets

from widgets import CaffeineTimeline
from widgets.caffeine import bedtime_hour, caffeine_curve, caffeine_left, guidance, hour_of_day, latest_stop_hour
from widgets.csvfile import columns

CSV_COLUMNS = columns()


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


def test_guidance_numbers_match_the_sources():
    assert guidance()["daily_mg"] == 400 and guidance()["single_dose_mg"] == 200
    assert math.isclose(caffeine_left([(0 + 4, 100)], 9), 50)
