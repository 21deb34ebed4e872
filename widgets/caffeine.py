"""Caffeine in the body over a day: the one formula the chart, the tool and the tests use.

Each drink's caffeine is taken as absorbed at once, then halves every `half_life` hours:
left(t) = sum of mg * 0.5 ** ((t - drink time) / half_life) over drinks taken by time t.
Absorption really takes 30-60 minutes, so the peak is drawn a little early; the shape and the
amount left at bedtime are what the course teaches. The numbers (half-life, guidance, the day's
start) are data, book/data/caffeine.yml, with their sources. static/caffeine.js has the same
functions under the same names; tests/test_parity.py proves the two agree to the milligram.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .data import load_caffeine


def half_life_default() -> float:
    return load_caffeine()["half_life"]["default"]


def half_life_range() -> tuple[float, float]:
    low, high = load_caffeine()["half_life"]["range"]
    return low, high


def guidance() -> dict[str, Any]:
    """What the timeline flags, in mg, and how its day is laid out: one dict, as the browser gets it."""
    data = load_caffeine()
    return {**{k: v for k, v in data["guidance"].items() if k != "sources"}, **data["day"]}


def caffeine_left(drinks: Iterable[tuple[float, float]], hour: float, half_life: float | None = None) -> float:
    """Milligrams of caffeine in the body at `hour`, for drinks given as (hour taken, mg)."""
    half_life = half_life_default() if half_life is None else half_life
    low, high = half_life_range()
    if not low <= half_life <= high:
        raise ValueError(f"half-life must be between {low} and {high} hours")
    return sum(mg * 0.5 ** ((hour - taken) / half_life) for taken, mg in drinks if taken <= hour)


def caffeine_curve(
    drinks: Iterable[tuple[float, float]],
    half_life: float | None = None,
    start: float = 6,
    end: float = 30,
    step: float = 0.25,
) -> tuple[list[float], list[float]]:
    """Hours and milligrams, every `step` hours from `start` to `end` (hours past midnight)."""
    drinks = list(drinks)
    hours = [start + i * step for i in range(int(round((end - start) / step)) + 1)]
    return hours, [caffeine_left(drinks, h, half_life) for h in hours]


def hour_of_day(clock: str, day_start: float | None = None) -> float:
    """'HH:MM' -> hours past the midnight that starts the chart's day ('01:30' -> 25.5)."""
    day_start = guidance()["day_start"] if day_start is None else day_start
    hours, minutes = (int(part) for part in clock.split(":"))
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise ValueError(f"{clock!r} is not a time of day")
    hour = hours + minutes / 60
    return hour + 24 if hour < day_start else hour


def bedtime_hour(bedtime: str, drink_hours: Iterable[float], day_start: float | None = None) -> float:
    """Bedtime as a real clock time after the last drink (static/caffeine.js: bedtimeHour).

    The first time the bedtime's clock reading comes round at or after the last drink: with a
    drink at 02:00, a bedtime of 06:00 is 4 hours later, not the evening before.
    """
    hour = hour_of_day(bedtime, day_start)
    last = max(drink_hours, default=float("-inf"))
    while hour < last:
        hour += 24
    return hour


def latest_stop_hour(
    drinks: Iterable[tuple[float, float]],
    bed_hour: float,
    half_life: float | None = None,
    limit: float | None = None,
    day_start: float | None = None,
    step: float = 0.25,
) -> float | None:
    """The latest time by which to have the last caffeine so that under `limit` mg is left at bedtime
    (static/caffeine.js: latestStopHour).

    A stop time T means every drink after T is had at T instead. Moving drinks earlier only lowers
    what is left, so the answer is the last quarter hour from `day_start` up to the last drink that
    still leaves under `limit`. None: even at `day_start` it would not, so the reader needs less.
    """
    limit = guidance()["bedtime_mg"] if limit is None else limit
    day_start = guidance()["day_start"] if day_start is None else day_start
    drinks = list(drinks)
    last = max((taken for taken, _ in drinks), default=day_start)
    best = None
    for i in range(int((last - day_start) / step) + 1):
        stop = day_start + i * step
        moved = [(min(taken, stop), mg) for taken, mg in drinks]
        if caffeine_left(moved, bed_hour, half_life) >= limit:
            break
        best = stop
    return best
