"""The symptom checker's rule (widgets/triage.py): four levels; the most urgent ticked sign wins,
so one warning sign is enough."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.data import load_symptoms
from widgets.schemas import LEVEL_NAMES
from widgets.triage import fill_numbers, triage

from ..conftest import ROOT

DATA = load_symptoms(ROOT / "book")
SYMPTOMS, LEVELS, REGIONS = DATA["symptoms"], DATA["levels"], DATA["regions"]
IDS = [s["id"] for s in SYMPTOMS]
LEVEL_OF = {s["id"]: s["level"] for s in SYMPTOMS}
BY_LEVEL = {level: [s for s in SYMPTOMS if s["level"] == level] for level in LEVEL_NAMES}


def most_urgent(levels: set[str]) -> str:
    return max(levels, key=lambda lv: LEVELS[lv]["rank"]) if levels else "selfcare"


def test_four_levels_all_used_and_ranks_rise_with_urgency():
    assert {s["level"] for s in SYMPTOMS} == set(LEVEL_NAMES) == {"emergency", "urgent", "doctor", "selfcare"}
    ranks = [LEVELS[name]["rank"] for name in LEVEL_NAMES]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == 4


def test_nothing_ticked_is_the_lowest_level():
    assert triage([], SYMPTOMS, LEVELS) == "selfcare"


@pytest.mark.parametrize("symptom_id", IDS)
def test_each_single_item_gives_its_own_level(symptom_id):
    assert triage([symptom_id], SYMPTOMS, LEVELS) == LEVEL_OF[symptom_id]


def test_every_combination_of_levels_gives_the_most_urgent():
    """All 16 sets of levels, each made of one item per level, in every order."""
    for size in range(len(LEVEL_NAMES) + 1):
        for chosen in itertools.combinations(LEVEL_NAMES, size):
            items = [BY_LEVEL[level][0]["id"] for level in chosen]
            for order in itertools.permutations(items):
                assert triage(order, SYMPTOMS, LEVELS) == most_urgent(set(chosen))


def test_every_pair_gives_the_more_urgent_level():
    for a, b in itertools.combinations(IDS, 2):
        assert triage([a, b], SYMPTOMS, LEVELS) == most_urgent({LEVEL_OF[a], LEVEL_OF[b]})


@settings(max_examples=500, deadline=None)
@given(st.sets(st.sampled_from(IDS)))
def test_one_warning_sign_is_enough_and_never_reassures(ticked):
    level = triage(ticked, SYMPTOMS, LEVELS)
    assert level == most_urgent({LEVEL_OF[t] for t in ticked})
    if any(LEVEL_OF[t] != "selfcare" for t in ticked):
        assert level != "selfcare"


def test_unknown_symptom_is_an_error_not_reassurance():
    with pytest.raises(KeyError):
        triage(["not-a-symptom"], SYMPTOMS, LEVELS)


@pytest.mark.parametrize("region", [*REGIONS, None, "", "mars", "__proto__", "toString"])
def test_numbers_follow_the_region_and_never_vanish(region):
    text = fill_numbers(LEVELS["emergency"]["heading"], region, REGIONS)
    expected = REGIONS[region]["emergency"] if region in REGIONS else REGIONS["all"]["emergency"]
    assert text == f"Call {expected} now"
    assert "{" not in fill_numbers(LEVELS["urgent"]["action"], region, REGIONS)


def test_the_fallback_names_every_emergency_number():
    assert all(n in REGIONS["all"]["emergency"] for n in ("999", "911", "112"))


def test_self_care_items_carry_a_time_limit():
    """Self-care is right only for a while: each twitch item says for how long (sleep starts are normal)."""
    for s in BY_LEVEL["selfcare"]:
        if s["id"] != "jerk-falling-asleep":
            assert "less than 2 weeks" in s["label"] or "less than 3 months" in s["label"], s["id"]
