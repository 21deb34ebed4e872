"""Both directions live for the quiz and the trigger checklist: what Python sets shows on the page.

Each test mounts one widget alone (tests/browser/harness.py), sets a trait as a kernel does, and
checks the page: what it shows, what it keeps in this browser, and what it sends back (once, not in
a loop). A value the widget must refuse leaves the page as it was.
"""

from __future__ import annotations

import pytest

from widgets import Quiz, TriggerChecklist
from widgets.data import load_storage

from .harness import mount, set_trait, synced

pytestmark = pytest.mark.browser

QUIZ = '[data-widget="quiz"]'
CHECKLIST = '[data-widget="trigger-checklist"]'
TICKS_KEY = load_storage()["keys"]["checklist"] + "sleep"


def texts(question: dict, correct: bool) -> list[str]:
    return [o["text"] for o in question["options"] if bool(o.get("correct")) == correct]


def picked(page, question_id: str) -> list[str]:
    """The option texts ticked in one question, in the page's order."""
    return page.evaluate(
        "(id) => [...document.querySelectorAll(`fieldset[data-question='${id}'] input:checked`)].map((i) => i.value)",
        question_id,
    )


def last_sent(page) -> dict:
    return synced(page)[-1]


# ---------------------------------------------------------------- the quiz


def test_answers_set_in_python_are_marked_as_if_the_reader_had_answered(page, errors):
    quiz = Quiz("sleep")
    mount(page, quiz)
    first, second, several = quiz.questions[0], quiz.questions[1], quiz.questions[4]
    answers = {
        first["id"]: texts(first, True),
        second["id"]: texts(second, False)[:1],
        several["id"]: texts(several, True),
    }
    set_trait(page, "answers", answers)

    box = page.locator(QUIZ)
    for question, right in ((first, True), (second, False), (several, True)):
        fieldset = box.locator(f'fieldset[data-question="{question["id"]}"]')
        assert fieldset.get_attribute("data-result") == ("correct" if right else "wrong")
        assert sorted(picked(page, question["id"])) == sorted(answers[question["id"]])
        assert fieldset.locator("input:disabled").count() == len(question["options"])
        assert fieldset.locator(".cw-explain li").count() == len(question["options"])
    assert box.locator(".cw-verdict").nth(0).inner_text() == "✓ Correct."
    assert box.locator(".cw-verdict").nth(1).inner_text().startswith("✗ Not quite.")
    assert box.locator(".cw-score").inner_text() == "Score: 2 of 8 right (3 answered)."
    assert box.locator(".cw-slip").count() == 0

    sent = last_sent(page)
    assert sent["results"] == {first["id"]: True, second["id"]: False, several["id"]: True}
    assert sent["score"] == 2
    assert {k: sorted(v) for k, v in sent["answers"].items()} == {k: sorted(v) for k, v in answers.items()}
    assert not page.evaluate("() => Boolean(document.activeElement.closest('.cw-feedback'))"), "focus stays put"
    assert errors == []


def test_the_page_sends_back_once_and_its_own_saves_do_not_loop(page, errors):
    quiz = Quiz("sleep")
    mount(page, quiz)
    first, second = quiz.questions[0], quiz.questions[1]
    before = len(synced(page))
    set_trait(page, "answers", {first["id"]: texts(first, True)})
    assert len(synced(page)) == before + 1, "one save for one change from Python"

    # The reader answers a question on the page: one save, and the Python answer stays.
    fieldset = page.locator(f'fieldset[data-question="{second["id"]}"]')
    fieldset.locator(f'input[value="{texts(second, True)[0]}"]').check()
    fieldset.locator(".cw-check").click()
    assert len(synced(page)) == before + 2
    assert last_sent(page)["answers"] == {first["id"]: texts(first, True), second["id"]: texts(second, True)}
    assert page.locator(".cw-score").inner_text() == "Score: 2 of 8 right (2 answered)."

    # The same value again (what a kernel's echo would be) changes nothing and sends nothing.
    set_trait(page, "answers", last_sent(page)["answers"])
    assert len(synced(page)) == before + 2
    assert errors == []


def test_every_answer_set_in_python_shows_the_summary_and_an_empty_dict_clears_the_quiz(page, errors):
    quiz = Quiz("sleep")
    mount(page, quiz)
    answers = {q["id"]: texts(q, True)[:1] if q["kind"] == "single" else texts(q, True) for q in quiz.questions}
    answers[quiz.questions[2]["id"]] = texts(quiz.questions[2], False)[:1]
    set_trait(page, "answers", answers)
    box = page.locator(QUIZ)
    assert box.locator(".cw-total").inner_text() == "You got 7 of 8."
    assert "To review:" in box.locator(".cw-summary").inner_text()
    assert box.locator('.cw-slip [data-field="score"]').inner_text() == "7 of 8 right"
    assert last_sent(page)["score"] == 7

    set_trait(page, "answers", {})
    assert box.locator(".cw-verdict").count() == 0
    assert box.locator("input:checked").count() == 0 and box.locator("input:disabled").count() == 0
    assert box.locator(".cw-slip").count() == 0
    assert box.locator(".cw-score").inner_text() == "Score: 0 of 8 right (0 answered)."
    sent = last_sent(page)
    assert (sent["answers"], sent["results"], sent["score"]) == ({}, {}, 0)
    assert errors == []


def test_answers_set_before_the_quiz_is_shown_are_shown(page, errors):
    quiz = Quiz("sleep")
    first = quiz.questions[0]
    quiz.answers = {first["id"]: texts(first, True)}
    mount(page, quiz)
    assert page.locator(f'fieldset[data-question="{first["id"]}"]').get_attribute("data-result") == "correct"
    assert page.locator(".cw-score").inner_text() == "Score: 1 of 8 right (1 answered)."
    assert last_sent(page)["results"] == {first["id"]: True} and last_sent(page)["score"] == 1
    assert errors == []


def test_unknown_question_ids_and_option_texts_are_ignored(page, errors):
    quiz = Quiz("sleep")
    mount(page, quiz)
    first, several = quiz.questions[0], quiz.questions[4]
    right = texts(several, True)
    set_trait(
        page,
        "answers",
        {"no-such-question": ["Yes"], first["id"]: ["Not an option", *texts(first, True)], several["id"]: right},
    )
    assert picked(page, first["id"]) == texts(first, True)
    assert page.locator(f'fieldset[data-question="{first["id"]}"]').get_attribute("data-result") == "correct"
    assert last_sent(page)["answers"] == {first["id"]: texts(first, True), several["id"]: right}
    assert last_sent(page)["results"] == {first["id"]: True, several["id"]: True}
    assert errors == []


@pytest.mark.parametrize(
    "refused",
    [
        ["not", "a", "mapping"],
        "nonsense",
        None,
        {"no-such-question": ["Yes"]},
        {"sleep-tired-eyelid": "Tiredness"},
        {"sleep-tired-eyelid": ["Not an option"]},
        {"sleep-tired-eyelid": []},
    ],
    ids=["list", "text", "null", "unknown-id", "not-a-list", "unknown-text", "no-option"],
)
def test_answers_that_make_no_sense_leave_the_quiz_as_it_was(page, errors, refused):
    quiz = Quiz("sleep")
    mount(page, quiz)
    first = quiz.questions[0]
    set_trait(page, "answers", {first["id"]: texts(first, False)[:1]})
    shown = page.locator(QUIZ).inner_html()
    set_trait(page, "answers", refused)
    assert page.locator(QUIZ).inner_html() == shown
    assert last_sent(page)["answers"] == {first["id"]: texts(first, False)[:1]}, "Python gets back what is shown"
    assert last_sent(page)["score"] == 0
    assert errors == []


def test_two_answers_to_a_one_answer_question_are_refused(page, errors):
    quiz = Quiz("sleep")
    mount(page, quiz)
    first = quiz.questions[0]
    shown = page.locator(QUIZ).inner_html()
    set_trait(page, "answers", {first["id"]: [o["text"] for o in first["options"][:2]]})
    assert page.locator(QUIZ).inner_html() == shown
    assert errors == []


# ---------------------------------------------------------------- the trigger checklist


def saved_ticks(page):
    return page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", TICKS_KEY)


def shown_tips(page) -> list[str]:
    return page.locator(f"{CHECKLIST} .cw-tips li").evaluate_all("lis => lis.map(li => li.dataset.trigger)")


def test_ticks_set_in_python_are_ticked_shown_and_saved_in_this_browser(page, errors):
    checklist = TriggerChecklist("sleep")
    ids = [item["id"] for item in checklist.items]
    mount(page, checklist)
    before = len(synced(page))
    set_trait(page, "ticked", [ids[2], ids[0]])

    boxes = page.locator(f'{CHECKLIST} input[type="checkbox"]')
    assert [boxes.nth(i).is_checked() for i in range(len(ids))] == [True, False, True]
    assert shown_tips(page) == [ids[0], ids[2]], "tips most helpful first, as for a reader's ticks"
    assert page.locator(f"{CHECKLIST} .cw-tips h4").inner_text() == "Tips for you (2)"
    assert sorted(saved_ticks(page)) == sorted([ids[0], ids[2]])
    assert len(synced(page)) == before + 1 and last_sent(page)["ticked"] == [ids[0], ids[2]]

    # The reader unticks one on the page: saved as before, one save, no loop.
    boxes.nth(0).uncheck()
    assert saved_ticks(page) == [ids[2]] and shown_tips(page) == [ids[2]]
    assert len(synced(page)) == before + 2 and last_sent(page)["ticked"] == [ids[2]]

    set_trait(page, "ticked", [])
    assert page.locator(f"{CHECKLIST} input:checked").count() == 0
    assert "Tick a box to see tips for it." in page.locator(f"{CHECKLIST} .cw-tips").inner_text()
    assert saved_ticks(page) is None, "nothing ticked: nothing kept"
    assert last_sent(page)["ticked"] == []
    assert errors == []


def test_unknown_tick_ids_are_ignored_and_other_checklists_ticks_stay_saved(page, errors):
    checklist = TriggerChecklist("sleep")
    ids = [item["id"] for item in checklist.items]
    page.add_init_script(f"localStorage.setItem('{TICKS_KEY}', JSON.stringify(['from-another-list']))")
    mount(page, checklist)
    set_trait(page, "ticked", ["no-such-trigger", ids[1]])
    assert shown_tips(page) == [ids[1]]
    assert saved_ticks(page) == ["from-another-list", ids[1]]
    assert last_sent(page)["ticked"] == [ids[1]]
    assert errors == []


@pytest.mark.parametrize(
    "refused",
    ["short-sleep", None, {"short-sleep": True}, ["no-such-trigger"], [1, 2]],
    ids=["text", "null", "mapping", "unknown-id", "numbers"],
)
def test_ticks_that_make_no_sense_leave_the_checklist_as_it_was(page, errors, refused):
    checklist = TriggerChecklist("sleep")
    ids = [item["id"] for item in checklist.items]
    mount(page, checklist)
    set_trait(page, "ticked", [ids[1]])
    shown, saved = page.locator(CHECKLIST).inner_html(), saved_ticks(page)
    set_trait(page, "ticked", refused)
    assert page.locator(CHECKLIST).inner_html() == shown
    assert saved_ticks(page) == saved == [ids[1]]
    assert last_sent(page)["ticked"] == [ids[1]], "Python gets back what is shown"
    assert errors == []
