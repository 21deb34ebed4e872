"""The symptom checker: one rule on four levels, in Python and in the browser, proven to agree;
the checker as a reader on a phone meets it."""

from __future__ import annotations

import datetime
import itertools
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.data import load_symptoms
from widgets.schemas import LEVEL_NAMES
from widgets.triage import fill_numbers, triage

from .conftest import ROOT, open_page

DATA = load_symptoms(ROOT / "book")
SYMPTOMS, LEVELS, REGIONS = DATA["symptoms"], DATA["levels"], DATA["regions"]
IDS = [s["id"] for s in SYMPTOMS]
LEVEL_OF = {s["id"]: s["level"] for s in SYMPTOMS}
BY_LEVEL = {level: [s for s in SYMPTOMS if s["level"] == level] for level in LEVEL_NAMES}
PAGE = "book/when-to-see-a-doctor.html"
TICKS_KEY = "fasciculation-course:symptoms"
REGION_KEY = "fasciculation-course:region"


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


def _combinations() -> list[list[str]]:
    rng = random.Random(20261122)
    singles = [[i] for i in IDS]
    pairs = [list(p) for p in itertools.combinations(IDS, 2)]
    sample = [rng.sample(IDS, rng.randint(3, len(IDS))) for _ in range(2000)]
    return [[], *singles, *pairs, *sample]


def _triage_js() -> str:
    return (ROOT / "widgets" / "static" / "triage.js").read_text()


@pytest.mark.browser
def test_browser_rule_agrees_with_python_on_singles_pairs_and_a_random_sample(page, book_url):
    """Run the browser's own triage (triage.js, the code inside the checker and the visit summary) on the same data."""
    open_page(page, book_url, PAGE)
    combos = _combinations()
    browser = page.evaluate(
        f"([combos, symptoms, levels]) => {{ {_triage_js()}; return combos.map(c => triage(c, symptoms, levels)); }}",
        [combos, SYMPTOMS, LEVELS],
    )
    python = [triage(c, SYMPTOMS, LEVELS) for c in combos]
    assert len(browser) == len(python) == len(combos) > 2000
    assert browser == python


@pytest.mark.browser
def test_browser_numbers_agree_with_python(page, book_url):
    open_page(page, book_url, PAGE)
    regions = [*REGIONS, "", "mars", "__proto__", "toString"]
    texts = [level[field] for level in LEVELS.values() for field in ("heading", "action")]
    browser = page.evaluate(
        f"([texts, regions, all]) => {{ {_triage_js()}; "
        "return regions.map(r => texts.map(t => fillNumbers(t, r, all))); }",
        [texts, regions, REGIONS],
    )
    assert browser == [[fill_numbers(t, r, REGIONS) for t in texts] for r in regions]


# ----------------------------------------------------------------------------- as a reader meets it


def checker(page):
    return page.locator('[data-widget="symptom-checker"]')


def tick(page, symptom):
    box = checker(page).get_by_label(symptom["label"], exact=True)
    box.scroll_into_view_if_needed()
    box.check()


@pytest.mark.browser
def test_no_result_before_the_first_tick_then_the_right_level(page, book_url):
    open_page(page, book_url, PAGE)
    assert checker(page).locator("[data-level].cw-result").count() == 0
    for level in ("selfcare", "doctor", "urgent", "emergency"):
        tick(page, BY_LEVEL[level][0])
        result = checker(page).locator(".cw-result")
        assert result.get_attribute("data-level") == level
        text = result.inner_text()
        assert LEVELS[level]["heading"].split("{")[0] in text
        assert "null" not in text and "undefined" not in text and "{" not in text


@pytest.mark.browser
def test_any_emergency_tick_shows_the_emergency_result_on_screen_at_phone_size(page, book_url):
    """At 390 x 844 the advice appears inside the visible screen, next to the tick, without scrolling."""
    open_page(page, book_url, PAGE)
    for symptom in BY_LEVEL["emergency"]:
        checker(page).get_by_role("button", name="Clear my answers").click()
        tick(page, symptom)
        heading = checker(page).locator('.cw-result[data-level="emergency"] h4')
        box = heading.bounding_box()
        assert box is not None, symptom["id"]
        assert 0 <= box["y"] and box["y"] + box["height"] <= 844, (symptom["id"], box)
        assert all(n in heading.inner_text() for n in ("999", "911", "112"))


@pytest.mark.browser
def test_urgent_result_names_same_day_help(page, book_url):
    open_page(page, book_url, PAGE)
    tick(page, BY_LEVEL["urgent"][0])
    result = checker(page).locator('.cw-result[data-level="urgent"]')
    box = result.locator("h4").bounding_box()
    assert box and 0 <= box["y"] <= 844 - box["height"]
    assert "NHS 111" in result.inner_text() and "today" in result.inner_text()


@pytest.mark.browser
def test_the_country_choice_changes_the_numbers_and_survives_a_reload(page, book_url):
    open_page(page, book_url, PAGE)
    tick(page, BY_LEVEL["emergency"][0])
    checker(page).get_by_label("US", exact=True).check()
    heading = checker(page).locator(".cw-result h4")
    assert heading.inner_text() == "Call 911 now"
    checker(page).get_by_label("UK", exact=True).check()
    assert heading.inner_text() == "Call 999 now"
    page.reload()
    open_page(page, book_url, PAGE)
    assert checker(page).get_by_label("UK", exact=True).is_checked()
    assert checker(page).locator(".cw-result h4").inner_text() == "Call 999 now"  # ticks of today come back


@pytest.mark.browser
@pytest.mark.parametrize("stored", ['"mars"', "42", "{}", "not json", '"all"'])
def test_a_bad_stored_country_shows_every_number(page, book_url, stored):
    page.add_init_script(f"localStorage.setItem('{REGION_KEY}', {json.dumps(stored)});")
    open_page(page, book_url, PAGE)
    tick(page, BY_LEVEL["emergency"][0])
    text = checker(page).locator(".cw-result h4").inner_text()
    assert all(n in text for n in ("999", "911", "112")), text


def _seed_ticks(page, ids, days_ago):
    date = (datetime.date.today() - datetime.timedelta(days=days_ago)).isoformat()
    value = json.dumps({"ticked": ids, "date": date})
    page.add_init_script(f"localStorage.setItem('{TICKS_KEY}', {json.dumps(value)});")


@pytest.mark.browser
def test_ticks_older_than_a_week_are_not_shown_as_current(page, book_url):
    sign = BY_LEVEL["emergency"][0]
    _seed_ticks(page, [sign["id"]], days_ago=8)
    open_page(page, book_url, PAGE)
    assert checker(page).locator(".cw-result").count() == 0
    assert not checker(page).get_by_label(sign["label"], exact=True).is_checked()
    note = checker(page).locator(".cw-saved")
    assert "more than 7 days ago" in note.inner_text()
    note.get_by_role("button", name="Show them again").click()
    assert checker(page).locator(".cw-result").get_attribute("data-level") == "emergency"


@pytest.mark.browser
def test_recent_ticks_come_back_with_their_date_and_clear_in_one_tap(page, book_url):
    sign = BY_LEVEL["doctor"][0]
    _seed_ticks(page, [sign["id"]], days_ago=2)
    open_page(page, book_url, PAGE)
    assert checker(page).get_by_label(sign["label"], exact=True).is_checked()
    assert "saved on" in checker(page).locator(".cw-saved").inner_text()
    checker(page).get_by_role("button", name="Clear my answers").click()
    assert checker(page).locator(".cw-result").count() == 0
    assert page.evaluate(f"localStorage.getItem('{TICKS_KEY}')") is None


@pytest.mark.browser
def test_checker_by_keyboard(page, book_url):
    open_page(page, book_url, PAGE)
    emergency = BY_LEVEL["emergency"][0]
    checker(page).get_by_label(emergency["label"], exact=True).focus()
    page.keyboard.press("Space")
    assert checker(page).locator(".cw-result").get_attribute("data-level") == "emergency"
    checker(page).get_by_role("button", name="Clear my answers").focus()
    page.keyboard.press("Enter")
    assert checker(page).locator(".cw-result").count() == 0


@pytest.mark.browser
def test_the_reader_can_see_the_source_of_each_ticked_sign(page, book_url):
    open_page(page, book_url, PAGE)
    sign = next(s for s in BY_LEVEL["urgent"] if s["source"]["url"])
    tick(page, sign)
    why = checker(page).locator(".cw-why")
    why.locator("summary").click()
    link = why.get_by_role("link", name=sign["source"]["label"])
    assert link.get_attribute("href") == sign["source"]["url"]


@pytest.mark.browser
def test_without_javascript_every_warning_sign_is_on_the_page_as_text(browser, book_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{book_url}/{PAGE}")
    # The page's text, and the four-level picture's: SVG draws without JavaScript, and its <desc>
    # says in words all that the picture shows (innerText leaves SVG text out).
    shown = page.locator("article").inner_text() + " ".join(page.locator("article svg desc").all_text_contents())
    text = " ".join(shown.split())
    assert page.locator("#picture-four-levels svg").is_visible()
    context.close()
    for s in SYMPTOMS:
        if s["level"] != "selfcare":
            assert " ".join(s["label"].split()) in text, s["id"]
    for level in ("emergency", "urgent", "doctor"):
        heading = fill_numbers(LEVELS[level]["heading"], "all", REGIONS)
        assert heading in text, level
