"""Diary entries for the unit tests: a good one, and the diary's rules to check one by."""

from __future__ import annotations

from widgets.fields import form, validate

NOW = "2026-11-22T12:00"
GOOD = {"when": "2026-11-01T08:00", "area": "calf", "duration_min": "2"}
DIARY_FIELDS, CAFFEINE_FIELDS = form("diary"), form("caffeine")


def validate_entry(raw: dict, now: str = NOW):
    """(clean entry, {field: message}) by the diary's rules."""
    return validate(DIARY_FIELDS, raw, now)


def entry(**values) -> dict:
    """The good entry with `values` changed, as the diary keeps it."""
    return validate_entry({**GOOD, **values})[0]
