"""The symptom checker driven from Python, as a live kernel drives it: `checker.ticked` and
`checker.region` set in Python show on the page and are saved as a reader's own choices are;
values that make no sense change nothing. Every word comes from the catalogue."""

from __future__ import annotations

import datetime
import json

import pytest

from widgets import SymptomChecker, VisitSummary
from widgets.data import load_storage, load_symptoms

from .harness import mount, set_trait, synced

pytestmark = pytest.mark.browser

DATA = load_symptoms()
BY_LEVEL = {level: [s["id"] for s in DATA["symptoms"] if s["level"] == level] for level in DATA["levels"]}
ORDER = [s["id"] for s in DATA["symptoms"]]
LABEL = {s["id"]: s["label"] for s in DATA["symptoms"]}
TICKS_KEY, REGION_KEY = load_storage()["keys"]["symptoms"], load_storage()["keys"]["region"]
# Values Python could send that name no sign, or are not a list of sign ids.
BAD_TICKS = [["no-such-sign"], [42, None], "not a list", {"ticked": ["x"]}, None]


@pytest.fixture
def checker(page, errors):
    mount(page, SymptomChecker())
    yield page.locator('[data-widget="symptom-checker"]')
    assert errors == []


def stored(page, key):
    raw = page.evaluate("key => localStorage.getItem(key)", key)
    return None if raw is None else json.loads(raw)


def ticked_boxes(checker) -> list[str]:
    return checker.locator('input[type="checkbox"]:checked').evaluate_all("boxes => boxes.map(b => b.value)")


def shown(checker, page) -> dict:
    """What the page shows and keeps: ticked boxes, result, note, saved ticks and place, checked place."""
    result = checker.locator(".cw-result")
    return {
        "boxes": ticked_boxes(checker),
        "level": result.get_attribute("data-level") if result.count() else None,
        "result": result.inner_text() if result.count() else None,
        "note": checker.locator(".cw-saved").inner_text(),
        "region": checker.locator(".cw-region input:checked").evaluate_all("r => r.map(i => i.value)"),
        "ticks": stored(page, TICKS_KEY),
        "place": stored(page, REGION_KEY),
    }


def writes(page) -> int:
    """How many times the page wrote to localStorage since count_writes()."""
    return page.evaluate("() => window.writes")


def count_writes(page) -> None:
    page.evaluate(
        """() => { window.writes = 0;
          for (const name of ["setItem", "removeItem"]) {
            const real = Storage.prototype[name];
            Storage.prototype[name] = function (...args) { window.writes += 1; return real.apply(this, args); };
          } }"""
    )


def test_ticks_set_in_python_are_ticked_shown_and_saved_with_today_s_date(page, checker):
    doctor, emergency = BY_LEVEL["doctor"][0], BY_LEVEL["emergency"][0]
    set_trait(page, "ticked", [emergency, doctor])
    in_order = [i for i in ORDER if i in (doctor, emergency)]
    assert sorted(ticked_boxes(checker)) == sorted(in_order)
    result = checker.locator(".cw-result")
    assert result.get_attribute("data-level") == "emergency"
    assert "999 (UK), 911 (US) or 112 (EU)" in result.locator("h4").inner_text()
    assert "Why this advice? (1 sign)" in result.inner_text()
    assert stored(page, TICKS_KEY) == {"ticked": [emergency, doctor], "date": datetime.date.today().isoformat()}
    assert "These ticks were saved on" in checker.locator(".cw-saved").inner_text()
    assert synced(page)[-1]["ticked"] == in_order and synced(page)[-1]["level"] == "emergency"


def test_ticks_python_sends_that_name_no_sign_leave_the_page_as_it_was(page, checker):
    set_trait(page, "ticked", [BY_LEVEL["urgent"][0]])
    before = shown(checker, page)
    for value in BAD_TICKS:
        set_trait(page, "ticked", value)
        assert shown(checker, page) == before, value
        assert synced(page)[-1]["ticked"] == [BY_LEVEL["urgent"][0]]  # Python is told what the page shows


def test_unknown_ids_among_known_ones_are_left_out(page, checker):
    urgent = BY_LEVEL["urgent"][0]
    set_trait(page, "ticked", ["no-such-sign", urgent, urgent])
    assert ticked_boxes(checker) == [urgent]
    assert checker.locator(".cw-result").get_attribute("data-level") == "urgent"
    assert stored(page, TICKS_KEY)["ticked"] == [urgent]
    assert synced(page)[-1]["ticked"] == [urgent]


def test_an_empty_list_from_python_clears_the_result_and_the_saved_ticks(page, checker):
    set_trait(page, "ticked", [BY_LEVEL["emergency"][0], BY_LEVEL["selfcare"][0]])
    assert checker.locator(".cw-result").count() == 1
    set_trait(page, "ticked", [])
    assert ticked_boxes(checker) == []
    assert checker.locator(".cw-result").count() == 0
    assert stored(page, TICKS_KEY) is None
    assert synced(page)[-1]["ticked"] == [] and synced(page)[-1]["level"] == ""


def test_what_the_page_sent_coming_back_changes_nothing(page, checker):
    """The page's own commit fires change:ticked too: no second save, no second commit, no loop."""
    sign = BY_LEVEL["doctor"][0]
    checker.get_by_label(LABEL[sign], exact=True).check()
    count_writes(page)
    sent = len(synced(page))
    before = shown(checker, page)
    set_trait(page, "ticked", synced(page)[-1]["ticked"])
    set_trait(page, "region", synced(page)[-1]["region"])
    assert shown(checker, page) == before
    assert writes(page) == 0 and len(synced(page)) == sent
    # A change from Python is saved once and sent back once.
    set_trait(page, "ticked", [sign, BY_LEVEL["urgent"][0]])
    assert writes(page) == 1 and len(synced(page)) == sent + 1


def test_a_reader_tick_after_python_s_ticks_adds_to_them(page, checker):
    emergency, doctor = BY_LEVEL["emergency"][0], BY_LEVEL["doctor"][0]
    set_trait(page, "ticked", [doctor])
    checker.get_by_label(LABEL[emergency], exact=True).check()
    assert sorted(stored(page, TICKS_KEY)["ticked"]) == sorted([doctor, emergency])
    assert checker.locator(".cw-result").get_attribute("data-level") == "emergency"


def test_a_region_set_in_python_chooses_its_numbers_and_is_saved(page, checker):
    set_trait(page, "ticked", [BY_LEVEL["emergency"][0]])
    heading = checker.locator(".cw-result h4")
    set_trait(page, "region", "us")
    assert heading.inner_text() == "Call 911 now"
    assert checker.get_by_label("US", exact=True).is_checked()
    assert stored(page, REGION_KEY) == "us"
    assert synced(page)[-1]["region"] == "us"
    before = shown(checker, page)
    for value in ("mars", "", 42, None, ["uk"]):
        set_trait(page, "region", value)
        assert shown(checker, page) == before, value
        assert synced(page)[-1]["region"] == "us"
    set_trait(page, "region", "uk")
    assert heading.inner_text() == "Call 999 now" and stored(page, REGION_KEY) == "uk"
    # "all": no place chosen, every number shown.
    set_trait(page, "region", "all")
    assert all(n in heading.inner_text() for n in ("999", "911", "112"))
    assert checker.locator(".cw-region input:checked").count() == 0
    assert stored(page, REGION_KEY) == "all"


def test_a_failed_save_from_python_is_said_in_the_catalogue_s_words(page, checker):
    page.evaluate("() => { Storage.prototype.setItem = () => { throw new Error('full'); }; }")
    set_trait(page, "ticked", [BY_LEVEL["urgent"][0]])
    assert checker.locator(".cw-result").get_attribute("data-level") == "urgent"
    assert checker.locator(".cw-saved .cw-error").inner_text() == (
        "This browser's storage for this site is full. Your ticks was not saved. "
        "The advice on this page still follows what you ticked."
    )


def test_the_visit_summary_finds_every_word_it_shows(page, errors):
    """Nothing to sync there; its words, and the checker's ticks it lists, come from the catalogue."""
    ids = [BY_LEVEL["urgent"][0], BY_LEVEL["doctor"][0]]
    page.add_init_script(
        f"localStorage.setItem('{TICKS_KEY}', {json.dumps(json.dumps({'ticked': ids, 'date': '2026-03-14'}))});"
    )
    mount(page, VisitSummary())
    sheet = page.locator(".cw-visit-summary-sheet").inner_text()
    assert "Ticked on 14 March 2026." in sheet
    assert "Your diary on this device is empty. Add entries in the twitch diary and they will show here." in sheet
    assert "Get medical advice today." in sheet
    assert "⟦" not in page.locator("main").inner_text()
    assert errors == []
