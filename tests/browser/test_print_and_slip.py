"""For instructors, in the built course: the answer key matches each quiz, the completion slip, and pages on paper."""

from __future__ import annotations

import datetime
import re

import pytest

from widgets.data import chapter_ids, load_chapter

from ..conftest import open_page
from ..content.test_teaching import reader_text, soup, squash

pytestmark = pytest.mark.browser


@pytest.mark.browser
def test_answer_key_matches_each_quiz_as_the_reader_sees_it(page, watch, book_url):
    key = squash(soup("book/teach/answer-key.html").get_text(" "))
    for chapter_id in chapter_ids():
        open_page(page, book_url, f"book/{chapter_id}.html")
        shown = page.evaluate(
            """() => [...document.querySelectorAll('[data-widget="quiz"] fieldset')].map(f => ({
                 legend: f.querySelector('legend').innerText,
                 options: [...f.querySelectorAll('.cw-option label')].map(l => l.innerText)}))"""
        )
        assert len(shown) == len(load_chapter(chapter_id)["quiz"]), chapter_id
        for q in shown:
            number, question = q["legend"].split(". ", 1)
            assert f"Question {number}. {squash(question)}" in key, (chapter_id, q["legend"])
            for option in q["options"]:
                assert f" {squash(option)} — " in key, (chapter_id, option)
    assert watch.external == [] and watch.errors == []


def answer_everything(page, chapter_id: str, right: bool = True) -> int:
    """Answer every question of a chapter's quiz: all right, or the first one wrong."""
    quiz = load_chapter(chapter_id)["quiz"]
    for n, q in enumerate(quiz):
        fieldset = page.locator(f'[data-widget="quiz"] fieldset[data-question="{q["id"]}"]')
        pick = [o for o in q["options"] if bool(o.get("correct")) == (right or n > 0)]
        for option in pick[:1] if q["kind"] == "single" else pick:
            fieldset.get_by_label(reader_text(option["text"]), exact=True).check()
        fieldset.locator(".cw-check").click()
    return len(quiz) if right else len(quiz) - 1


@pytest.mark.browser
def test_completion_slip_shows_chapter_score_and_date_and_copies(page, watch, book_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_page(page, book_url, "book/sleep.html")
    quiz = page.locator('[data-widget="quiz"]')
    assert quiz.locator(".cw-slip").count() == 0, "the slip shows only when every question is answered"
    total = len(load_chapter("sleep")["quiz"])
    right = answer_everything(page, "sleep", right=False)
    slip = quiz.locator(".cw-summary .cw-slip")
    slip.wait_for()
    today = datetime.date.today()
    date = f"{today.day} {today:%B %Y}"
    assert slip.locator('[data-field="chapter"]').inner_text() == "Sleep and twitching"
    assert slip.locator('[data-field="score"]').inner_text() == f"{right} of {total} right"
    assert slip.locator('[data-field="date"]').inner_text() == date
    assert quiz.locator(".cw-score").inner_text().startswith(f"Score: {right} of {total}")

    slip.get_by_role("button", name="Copy").click()
    page.wait_for_function("() => document.querySelector('.cw-slip-status').textContent.startsWith('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.splitlines() == [
        "Completion slip: Muscle twitches course",
        "Chapter: Sleep and twitching",
        "Quiz: sleep",
        f"Score: {right} of {total} right",
        f"Date: {date}",
    ]

    # "Try again" clears the slip with the answers.
    quiz.locator(".cw-again").click()
    assert quiz.locator(".cw-slip").count() == 0
    assert watch.external == [] and watch.errors == []


@pytest.mark.browser
def test_copy_without_a_clipboard_selects_the_slip(page, watch, book_url):
    page.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: undefined});document.execCommand = () => false;"
    )
    open_page(page, book_url, "book/sleep.html")
    answer_everything(page, "sleep")
    page.locator(".cw-slip").get_by_role("button", name="Copy").click()
    status = page.locator(".cw-slip-status")
    assert "selected" in status.inner_text()
    selected = page.evaluate("String(window.getSelection())")
    assert "Sleep and twitching" in selected and "8 of 8 right" in selected
    assert watch.external == [] and watch.errors == []


@pytest.mark.browser
def test_print_button_prints_only_the_slip(page, watch, book_url):
    # window.print is replaced by a spy that records what would be on paper at that moment.
    page.add_init_script(
        """window.print = () => { window.__printed = [...document.body.children]
             .filter(e => getComputedStyle(e).display !== 'none').map(e => e.innerText); };"""
    )
    open_page(page, book_url, "book/sleep.html")
    answer_everything(page, "sleep")
    page.emulate_media(media="print")
    page.evaluate("document.querySelector('.cw-slip .cw-slip-print').click()")
    printed = page.evaluate("window.__printed")
    assert len(printed) == 1, printed
    assert "Completion slip" in printed[0] and "Sleep and twitching" in printed[0]
    assert "8 of 8 right" in printed[0]
    page.wait_for_function("() => !document.querySelector('.cw-slip-print-copy')")
    assert not page.evaluate("document.documentElement.classList.contains('cw-printing-slip')")
    assert watch.external == [] and watch.errors == []


HIDDEN_IN_PRINT = [
    ".bd-header",
    ".bd-sidebar-primary",
    ".bd-sidebar-secondary",
    ".bd-header-article",
    ".article-header-buttons",
    ".dropdown-launch-buttons",
    ".dropdown-download-buttons",
    ".prev-next-area",
    ".bd-footer",
    ".bd-footer-article",
    ".cw-check",
    ".cw-again",
    ".cw-score",
    ".cw-help",
    ".cw-clear",
    "#pst-back-to-top",
]


@pytest.mark.browser
@pytest.mark.parametrize("chapter_id", chapter_ids())
def test_print_stylesheet_hides_navigation_and_prints_widgets_as_a_form(page, watch, book_url, chapter_id):
    open_page(page, book_url, f"book/{chapter_id}.html")
    page.emulate_media(media="print")
    styles = page.evaluate(
        """(selectors) => Object.fromEntries(selectors.map(s => [s,
             [...document.querySelectorAll(s)].map(e => getComputedStyle(e).display)]))""",
        HIDDEN_IN_PRINT,
    )
    present = {s: d for s, d in styles.items() if d}
    assert ".bd-sidebar-primary" in present and ".dropdown-launch-buttons" in present, present
    shown = {s: d for s, d in present.items() if any(x != "none" for x in d)}
    assert shown == {}, f"still shown in print: {shown}"

    form = page.evaluate(
        """() => {
          const quiz = document.querySelector('[data-widget="quiz"]');
          const boxes = [...quiz.querySelectorAll('.cw-option input')];
          return {
            fieldsets: [...quiz.querySelectorAll('fieldset')]
              .filter(f => getComputedStyle(f).display !== 'none').length,
            legends: [...quiz.querySelectorAll('legend')].every(l => l.offsetHeight > 0),
            boxes: boxes.filter(b => b.offsetWidth > 0 && getComputedStyle(b).visibility === 'visible').length,
            ticked: boxes.filter(b => b.checked).length,
            total: boxes.length,
            article: document.querySelector('.bd-article-container').getBoundingClientRect().width,
            viewport: document.documentElement.clientWidth,
          };
        }"""
    )
    assert form["fieldsets"] == len(load_chapter(chapter_id)["quiz"])
    assert form["legends"] and form["boxes"] == form["total"] > 0 and form["ticked"] == 0
    assert form["article"] >= form["viewport"] * 0.9, "the page should use the paper's full width"
    assert watch.external == [] and watch.errors == []


@pytest.mark.browser
def test_print_hides_quiz_feedback(page, watch, book_url):
    open_page(page, book_url, "book/sleep.html")
    answer_everything(page, "sleep")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('.cw-feedback, .cw-slip button, .cw-slip-status')]
                 .map(e => getComputedStyle(e).display)"""
    )
    assert hidden and set(hidden) == {"none"}
    assert watch.external == [] and watch.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_doctor_handout_prints_on_one_page(page, watch, book_url, paper):
    open_page(page, book_url, "book/teach/handout-when-to-see-a-doctor.html")
    pdf = page.pdf(format=paper, print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages == 1, f"the handout prints on {pages} {paper} pages"
    assert watch.external == [] and watch.errors == []
