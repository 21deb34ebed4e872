"""The quiz for keyboard users and for learning, in headless Chromium: focus lands on the feedback,
one question can be tried again, and several-answer feedback says in words what the reader did."""

from __future__ import annotations

import pytest

from widgets import data

from .conftest import ROOT, open_page

pytestmark = pytest.mark.browser


def bank(chapter: str) -> list[dict]:
    return data.load_chapter(chapter, ROOT / "book")["quiz"]


def test_focus_moves_to_the_feedback_after_check(page, book_url):
    open_page(page, book_url, "book/sleep.html")
    first = page.locator('[data-widget="quiz"] fieldset.cw-question').first
    first.locator("input").first.focus()
    page.keyboard.press("Space")
    first.get_by_role("button", name="Check answer").focus()
    page.keyboard.press("Enter")
    inside = page.evaluate(
        "() => Boolean(document.activeElement.closest('.cw-feedback'))"
        " && document.activeElement.closest('fieldset') === document.querySelector('fieldset.cw-question')"
    )
    assert inside, "focus is in the first question's feedback"


def test_one_question_can_be_tried_again_and_the_others_stay(page, book_url):
    open_page(page, book_url, "book/sleep.html")
    quiz = page.locator('[data-widget="quiz"]')
    questions = quiz.locator("fieldset.cw-question")
    questions_bank = bank("sleep")
    for i in (0, 1):
        wrong = next(o["text"] for o in questions_bank[i]["options"] if not o.get("correct"))
        questions.nth(i).get_by_label(wrong, exact=True).check()
        questions.nth(i).get_by_role("button", name="Check answer").click()
    assert quiz.locator(".cw-score").inner_text().startswith("Score: 0 of ")
    assert "(2 answered)" in quiz.locator(".cw-score").inner_text()

    questions.nth(0).get_by_role("button", name="Try this question again").click()
    assert questions.nth(0).locator(".cw-verdict").count() == 0
    assert questions.nth(0).locator("input:checked").count() == 0
    assert questions.nth(0).locator("input:disabled").count() == 0
    assert page.evaluate("() => document.activeElement === document.querySelector('fieldset.cw-question input')")
    assert questions.nth(1).locator(".cw-verdict").count() == 1, "the other question keeps its answer"
    assert "(1 answered)" in quiz.locator(".cw-score").inner_text()

    for option in questions_bank[0]["options"]:
        if option.get("correct"):
            questions.nth(0).get_by_label(option["text"], exact=True).check()
    questions.nth(0).get_by_role("button", name="Check answer").click()
    assert "Correct" in questions.nth(0).locator(".cw-verdict").inner_text()
    assert quiz.locator(".cw-score").inner_text().startswith("Score: 1 of ")


def several_answer_question() -> tuple[str, int, dict]:
    for chapter in ("sleep", "anxiety", "electrolytes", "everyday-triggers", "serious-conditions"):
        for n, question in enumerate(bank(chapter)):
            right = [o for o in question["options"] if o.get("correct")]
            wrong = [o for o in question["options"] if not o.get("correct")]
            if question["kind"] != "single" and len(right) >= 2 and wrong:
                return chapter, n, question
    raise AssertionError("no several-answer question with two right answers and a wrong one")


def test_several_answer_feedback_says_what_the_reader_did_in_words(page, book_url):
    chapter, n, question = several_answer_question()
    open_page(page, book_url, f"book/{chapter}.html")
    fieldset = page.locator('[data-widget="quiz"] fieldset.cw-question').nth(n)
    picked_right, missed_right = [o["text"] for o in question["options"] if o.get("correct")][:2]
    picked_wrong = next(o["text"] for o in question["options"] if not o.get("correct"))
    fieldset.get_by_label(picked_right, exact=True).check()
    fieldset.get_by_label(picked_wrong, exact=True).check()
    fieldset.get_by_role("button", name="Check answer").click()

    def line(option_text: str) -> str:
        return fieldset.locator(".cw-explain li", has_text=option_text.split("**")[0][:25]).first.inner_text()

    assert line(picked_right).startswith("You picked this, and it is right.")
    assert line(missed_right).startswith("You missed this right answer.")
    assert line(picked_wrong).startswith("You picked this, but it is wrong.")
    assert "Right:" not in fieldset.inner_text()
