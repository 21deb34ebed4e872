"""The quiz in the widget book, by mouse and by keyboard: feedback in words, focus on the feedback,
one question tried again, the summary."""

from __future__ import annotations

import json

import pytest

from widgets.data import load_chapter

from ..conftest import ROOT, open_page

pytestmark = pytest.mark.browser
QUIZ = "pages/quiz.html"  # Quiz("sleep")


def bank(chapter: str) -> list[dict]:
    return load_chapter(chapter, ROOT / "book")["quiz"]


def test_focus_moves_to_the_feedback_after_check(page, widget_book_url):
    open_page(page, widget_book_url, QUIZ)
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


def test_one_question_can_be_tried_again_and_the_others_stay(page, widget_book_url):
    open_page(page, widget_book_url, QUIZ)
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
    """In the course itself: the first chapter with a several-answer question that fits."""
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


def test_quiz_answers_by_mouse(page, watch, widget_book_url):
    open_page(page, widget_book_url, QUIZ)
    quiz = page.locator('[data-widget="quiz"]')
    first = quiz.locator("fieldset.cw-question").first
    bank = json.loads(json.dumps(__import__("widgets.data", fromlist=["x"]).load_chapter("sleep")))
    question = bank["quiz"][0]
    right = next(o["text"] for o in question["options"] if o.get("correct"))
    first.get_by_label(right, exact=True).check()
    first.get_by_role("button", name="Check answer").click()
    feedback = first.locator(".cw-feedback")
    assert "Correct" in feedback.inner_text()
    for option in question["options"]:  # every option is explained
        assert option["why"].split("**")[0][:30] in feedback.inner_text()
    assert feedback.get_attribute("role") == "status"
    assert quiz.locator(".cw-score").inner_text().startswith("Score: 1 of ")
    assert watch.external == [] and watch.errors == []


def test_quiz_by_keyboard_alone_with_summary_and_try_again(page, book_url):
    open_page(page, book_url, "book/sleep.html")  # the summary links to its sections
    quiz = page.locator('[data-widget="quiz"]')
    questions = quiz.locator("fieldset.cw-question")
    count = questions.count()
    for i in range(count):
        q = questions.nth(i)
        q.locator("input").first.focus()
        page.keyboard.press("Space")  # choose the first option, right or wrong
        q.get_by_role("button", name="Check answer").focus()
        page.keyboard.press("Enter")
        assert q.locator(".cw-verdict").count() == 1
    bank = load_chapter("sleep", ROOT / "book")["quiz"]
    marks = [[bool(o.get("correct")) for o in q["options"]] for q in bank]
    right = sum(m[0] and m.count(True) == 1 for m in marks)  # questions the first option alone answers
    assert right < count, "the first option is not always right"
    summary = quiz.locator(".cw-summary").inner_text()
    assert f"{right} of {count}" in summary and "To review" in summary
    links = quiz.locator(".cw-summary a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(links) >= 1
    for href in links:  # every missed question links to the section that teaches it
        assert page.locator(href).count() == 1, href
    quiz.get_by_role("button", name="Try again").focus()
    page.keyboard.press("Enter")
    assert quiz.locator(".cw-verdict").count() == 0
    assert quiz.locator(".cw-score").inner_text().startswith("Score: 0 of ")


def test_wrong_answer_is_marked_wrong_in_words_not_only_colour(page, widget_book_url):
    open_page(page, widget_book_url, QUIZ)
    first = page.locator('[data-widget="quiz"] fieldset.cw-question').first
    bank = load_chapter("sleep", ROOT / "book")
    wrong = next(o["text"] for o in bank["quiz"][0]["options"] if not o.get("correct"))
    first.get_by_label(wrong, exact=True).check()
    first.get_by_role("button", name="Check answer").click()
    assert "Not quite" in first.locator(".cw-feedback").inner_text()
