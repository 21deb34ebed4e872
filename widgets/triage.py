"""The urgency rule of the symptom checker, and the numbers it names: the single source of truth.

The most urgent level among the ticked items wins, so one warning sign is enough and no
combination that includes a warning sign can ever come out as self-care. With nothing ticked,
there is no result (the checker shows none); the rule then answers self-care, the lowest level.
The browser applies the same rule to the same data (`triage` and `fillNumbers` in
static/triage.js); tests/test_parity.py proves the two agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

BASELINE = "selfcare"
FALLBACK_REGION = "all"  # every emergency number: shown until the reader says where they are


def triage(ticked: Iterable[str], symptoms: list[Mapping[str, Any]], levels: Mapping[str, Any]) -> str:
    """Return the level name ('emergency', 'urgent', 'doctor' or 'selfcare') for the ticked symptom ids."""
    level_of = {s["id"]: s["level"] for s in symptoms}
    best = BASELINE
    for symptom_id in ticked:
        if symptom_id not in level_of:
            raise KeyError(f"unknown symptom id '{symptom_id}'")
        level = level_of[symptom_id]
        if levels[level]["rank"] > levels[best]["rank"]:
            best = level
    return best


def fill_numbers(text: str, region: str | None, regions: Mapping[str, Mapping[str, str]]) -> str:
    """Put the numbers for `region` into a level's text ({emergency}, {urgent}).

    An unknown or missing region falls back to `all`, which names every number: never none.
    """
    chosen = regions.get(region or FALLBACK_REGION) or regions[FALLBACK_REGION]
    return re.sub(r"\{(emergency|urgent)\}", lambda m: chosen[m.group(1)], text)
