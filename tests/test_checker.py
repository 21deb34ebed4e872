"""The symptom checker: one rule, in Python and in the browser, proven to agree (issue 3)."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.data import load_symptoms
from widgets.rules import triage

from .conftest import ROOT, open_page

DATA = load_symptoms(ROOT / "book")
SYMPTOMS, LEVELS = DATA["symptoms"], DATA["levels"]
IDS = [s["id"] for s in SYMPTOMS]
LEVEL_OF = {s["id"]: s["level"] for s in SYMPTOMS}


def test_every_level_is_used_and_ranks_rise():
    assert {s["level"] for s in SYMPTOMS} == {"emergency", "doctor", "selfcare"}
    assert LEVELS["emergency"]["rank"] > LEVELS["doctor"]["rank"] > LEVELS["selfcare"]["rank"]


def test_nothing_ticked_is_selfcare():
    assert triage([], SYMPTOMS, LEVELS) == "selfcare"


@pytest.mark.parametrize("symptom_id", IDS)
def test_each_single_item_gives_its_own_level(symptom_id):
    assert triage([symptom_id], SYMPTOMS, LEVELS) == LEVEL_OF[symptom_id]


def test_every_pair_gives_the_more_urgent_level():
    for a, b in itertools.combinations(IDS, 2):
        expected = max(LEVEL_OF[a], LEVEL_OF[b], key=lambda lv: LEVELS[lv]["rank"])
        assert triage([a, b], SYMPTOMS, LEVELS) == expected


@settings(max_examples=500, deadline=None)
@given(st.sets(st.sampled_from(IDS)))
def test_one_red_flag_is_enough_and_never_selfcare(ticked):
    level = triage(ticked, SYMPTOMS, LEVELS)
    levels_ticked = {LEVEL_OF[t] for t in ticked}
    if "emergency" in levels_ticked:
        assert level == "emergency"
    elif "doctor" in levels_ticked:
        assert level == "doctor"
    else:
        assert level == "selfcare"


def test_unknown_symptom_is_an_error_not_reassurance():
    with pytest.raises(KeyError):
        triage(["not-a-symptom"], SYMPTOMS, LEVELS)


def _combinations() -> list[list[str]]:
    rng = random.Random(20261122)
    singles = [[i] for i in IDS]
    pairs = [list(p) for p in itertools.combinations(IDS, 2)]
    sample = [rng.sample(IDS, rng.randint(3, len(IDS))) for _ in range(2000)]
    return [[], *singles, *pairs, *sample]


@pytest.mark.browser
def test_browser_rule_agrees_with_python_on_singles_pairs_and_a_random_sample(page, book_url):
    """Run the browser's own triage (common.js, the code inside every widget) on the same data."""
    open_page(page, book_url, "book/when-to-see-a-doctor.html")
    common = (ROOT / "widgets" / "static" / "common.js").read_text()
    combos = _combinations()
    browser = page.evaluate(
        f"([combos, symptoms, levels]) => {{ {common}; return combos.map(c => triage(c, symptoms, levels)); }}",
        [combos, SYMPTOMS, LEVELS],
    )
    python = [triage(c, SYMPTOMS, LEVELS) for c in combos]
    assert len(browser) == len(python) == len(combos) > 2000
    assert browser == python


@pytest.mark.browser
@pytest.mark.parametrize(
    "pick",
    [
        [],
        ["selfcare"],
        ["doctor"],
        ["emergency"],
        ["selfcare", "doctor"],
        ["selfcare", "emergency"],
        ["doctor", "emergency", "selfcare"],
    ],
    ids=lambda p: "+".join(p) or "nothing",
)
def test_checker_page_shows_the_right_level(page, book_url, pick):
    open_page(page, book_url, "book/when-to-see-a-doctor.html")
    checker = page.locator('[data-widget="symptom-checker"]')
    chosen = [next(s for s in SYMPTOMS if s["level"] == level) for level in pick]
    for s in chosen:
        checker.get_by_label(s["label"], exact=True).check()
    result = checker.locator('[role="status"][data-level]')
    expected = triage([s["id"] for s in chosen], SYMPTOMS, LEVELS)
    assert result.get_attribute("data-level") == expected
    assert LEVELS[expected]["heading"] in result.inner_text()
    if expected == "emergency":
        assert "999" in result.inner_text() and "911" in result.inner_text() and "112" in result.inner_text()


@pytest.mark.browser
def test_checker_by_keyboard_and_clear(page, book_url):
    open_page(page, book_url, "book/when-to-see-a-doctor.html")
    checker = page.locator('[data-widget="symptom-checker"]')
    emergency = next(s for s in SYMPTOMS if s["level"] == "emergency")
    checker.get_by_label(emergency["label"], exact=True).focus()
    page.keyboard.press("Space")
    assert checker.locator("[data-level]").get_attribute("data-level") == "emergency"
    checker.get_by_role("button", name="Clear all").focus()
    page.keyboard.press("Enter")
    assert checker.locator("[data-level]").get_attribute("data-level") == "selfcare"


@pytest.mark.browser
def test_checker_result_has_no_stray_text(page, book_url):
    open_page(page, book_url, "book/when-to-see-a-doctor.html")
    checker = page.locator('[data-widget="symptom-checker"]')
    for level in ("emergency", "doctor", "selfcare"):
        checker.get_by_role("button", name="Clear all").click()
        symptom = next(s for s in SYMPTOMS if s["level"] == level)
        checker.get_by_label(symptom["label"], exact=True).check()
        text = checker.locator("[data-level]").inner_text()
        assert "null" not in text and "undefined" not in text, text
