"""The urgency rule of the symptom checker: the single source of truth.

The most urgent level among the ticked items wins, so one red flag is enough and no
combination that includes a red flag can ever come out as self-care. With nothing ticked,
the answer is self-care (with what would change it). The browser applies the same rule to
the same data (`triage` in static/common.js); tests prove the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

BASELINE = "selfcare"


def triage(ticked: Iterable[str], symptoms: list[Mapping[str, Any]], levels: Mapping[str, Any]) -> str:
    """Return the level name ('emergency', 'doctor' or 'selfcare') for the ticked symptom ids."""
    level_of = {s["id"]: s["level"] for s in symptoms}
    best = BASELINE
    for symptom_id in ticked:
        if symptom_id not in level_of:
            raise KeyError(f"unknown symptom id '{symptom_id}'")
        level = level_of[symptom_id]
        if levels[level]["rank"] > levels[best]["rank"]:
            best = level
    return best
