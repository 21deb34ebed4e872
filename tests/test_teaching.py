"""Instructors and Binder (issue 6): guide, answer key, handout, print, completion slip, downloads.

The launch and source links (Binder, JupyterHub, repository) are checked in test_publishing.py.
"""

from __future__ import annotations

import datetime
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from widgets import teaching
from widgets.data import chapter_ids, load_chapter, load_symptoms
from widgets.pages import escape_markdown_html
from widgets.triage import fill_numbers

from .conftest import HTML, ROOT, open_page

TEACH = {
    "book/teach/instructor-guide.html": "Instructor guide",
    "book/teach/answer-key.html": "Answer key",
    "book/teach/handout-when-to-see-a-doctor.html": "When to see a doctor: a one-page handout",
}


def reader_text(markdown: str) -> str:
    """Course text as the quiz shows it: **bold**, *italic* and [links](url) become plain text."""
    text = re.sub(r"\[([^\]]+)\]\([^)\s]+\)", r"\1", markdown)
    text = re.sub(r"\*\*([^*]+)\*\*|\*([^*]+)\*", lambda m: m.group(1) or m.group(2), text)
    return squash(text)


# Sphinx turns straight quotes in page text into curly ones ("smart quotes"); widgets keep them.
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def squash(text: str) -> str:
    """Whitespace and quote marks made uniform, so page text and widget text compare."""
    return " ".join(text.translate(QUOTES).split())


def soup(path: str) -> BeautifulSoup:
    return BeautifulSoup((HTML / path).read_text(encoding="utf-8"), "html.parser")


def h1(doc: BeautifulSoup) -> str:
    return squash(doc.select_one("article h1").get_text(" ")).rstrip("#").strip()


# --------------------------------------------------------------------------- data and pages


def test_for_instructors_part_comes_after_reference():
    parts = yaml.safe_load((ROOT / "_toc.yml").read_text())["parts"]
    captions = [p["caption"] for p in parts]
    assert "For instructors" in captions, captions
    assert captions.index("For instructors") == captions.index("Reference") + 1
    files = [c["file"] for c in parts[captions.index("For instructors")]["chapters"]]
    assert files == [
        "book/teach/instructor-guide",
        "book/teach/answer-key",
        "book/teach/handout-when-to-see-a-doctor",
    ]


CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "book").rglob("*.md")))
def test_code_cells_are_short_and_hidden_from_readers(page):
    """A learner's notebook shows two or three clear lines a cell; the reader's page shows none."""
    for cell in CODE_CELL.findall((ROOT / page).read_text()):
        options = [line for line in cell.splitlines() if line.startswith(":")]
        code = [line for line in cell.splitlines() if line.strip() and not line.startswith(":")]
        tags = next((yaml.safe_load(o.split(":", 2)[2]) for o in options if o.startswith(":tags:")), [])
        assert "remove-input" in tags or "hide-input" in tags, f"{page}: a code cell is shown to readers"
        assert 1 <= len(code) <= 4 and all(len(line) <= 79 for line in code), f"{page}: {code}"


def test_binder_requirements_carry_jupytext_lab_and_the_widgets():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    names = {re.split(r"[=<>~ ]", line)[0].lower() for line in lines if line}
    assert {"jupytext", "jupyterlab", "anywidget", "ipywidgets", "-e"} <= names, names
    assert "-e ." in lines


def test_answer_key_data_has_every_question_once_grouped_by_objective():
    data = teaching.answer_key_data()
    assert [c["id"] for c in data] == teaching.course_order()
    assert sorted(c["id"] for c in data) == chapter_ids()
    for chapter in data:
        quiz = load_chapter(chapter["id"])["quiz"]
        keyed = [q for o in chapter["objectives"] for q in o["questions"]]
        assert sorted(q["id"] for q in keyed) == sorted(q["id"] for q in quiz)
        for objective in chapter["objectives"]:
            assert all(q["objective"] == objective["id"] for q in objective["questions"])
        # The number is the one the reader sees: the question's place in the quiz.
        for q in keyed:
            assert quiz[q["number"] - 1]["id"] == q["id"]


def test_handout_lists_every_warning_sign_and_reason_for_a_check_up_from_the_symptom_data():
    text = str(teaching.doctor_handout())
    data = load_symptoms()
    for symptom in data["symptoms"]:
        if symptom["level"] != "selfcare":
            assert f"- {escape_markdown_html(symptom['label'])}" in text, symptom["id"]
    for name, level in data["levels"].items():
        assert fill_numbers(level["heading"], "all", data["regions"]) in text, name
    assert "{" + "emergency}" not in text and "tick" not in text  # paper has nothing to tick


@pytest.mark.parametrize("path,title", TEACH.items())
def test_teaching_pages_exist_with_their_titles(built_pages, path, title):
    assert HTML / path in built_pages, f"{path} was not built"
    doc = soup(path)
    assert h1(doc) == title
    assert doc.select_one('meta[name="description"]')["content"].strip()


def key_blocks(doc: BeautifulSoup) -> dict[str, dict[str, str]]:
    """The answer key as chapter id -> objective -> the text of everything under that objective."""
    out: dict[str, dict[str, str]] = {}
    for span in doc.select('span[id^="answer-key-"]'):
        heading = span.find_parent("h2")
        assert heading is not None, f"#{span['id']} is not on a chapter heading"
        blocks: dict[str, str] = {}
        objective = None
        for el in heading.find_next_siblings():
            if el.name == "h2":
                break
            if el.name == "h3":
                objective = squash(el.get_text(" ")).removeprefix("Objective:").rstrip("#").strip()
                blocks[objective] = ""
            elif objective:
                blocks[objective] += " " + squash(el.get_text(" "))
        out[span["id"].removeprefix("answer-key-")] = {"title": squash(heading.get_text(" ")), **blocks}
    return out


def test_answer_key_shows_every_question_answer_and_explanation(built_pages):
    key = key_blocks(soup("book/teach/answer-key.html"))
    assert list(key) == teaching.course_order()
    for chapter_id in chapter_ids():
        chapter = load_chapter(chapter_id)
        assert key[chapter_id]["title"] == teaching.chapter_title(chapter_id)
        assert list(key[chapter_id])[1:] == [reader_text(o["text"]) for o in chapter["objectives"]]
        for n, q in enumerate(chapter["quiz"], 1):
            block = key[chapter_id][
                reader_text(next(o["text"] for o in chapter["objectives"] if o["id"] == q["objective"]))
            ]
            assert f"Question {n}. {reader_text(q['question'])}" in block, q["id"]
            for option in q["options"]:
                mark = "✓ Right:" if option.get("correct") else "✗ Wrong:"
                line = f"{mark} {reader_text(option['text'])} — {reader_text(option['why'])}"
                assert line in block, f"{q['id']}: {line}"
            answers = "; ".join(reader_text(o["text"]) for o in q["options"] if o.get("correct"))
            assert f"Answer: {answers}" in block, q["id"]


def test_instructor_guide_maps_every_chapter_with_working_stable_links(built_pages):
    doc = soup("book/teach/instructor-guide.html")
    text = squash(doc.get_text(" "))
    rows = {}  # the chapter map: chapter page -> the pages its "Read first" cell links to
    for tr in doc.select("table tbody tr"):
        cells = tr.find_all("td")
        if len(cells) == 5:
            link = cells[1].find("a")
            rows[link["href"].split("#")[0] if link else ""] = [a["href"].split("#")[0] for a in cells[3].find_all("a")]
    for chapter_id in chapter_ids():
        chapter = load_chapter(chapter_id)
        assert rows.get(f"../{chapter_id}.html") == [f"../{p}.html" for p in chapter["prerequisites"]], rows
        assert doc.find(id=f"guide-{chapter_id}") is not None, chapter_id
        assert f"{chapter['minutes']} min" in text
        for objective in chapter["objectives"]:
            assert reader_text(objective["text"]) in text
        target = soup(f"book/{chapter_id}.html")
        for label, _heading in teaching.chapter_sections(chapter_id):
            assert f"{chapter_id}.html#{label}" in text
            assert target.find(id=label) is not None, f"{chapter_id}.html has no #{label}"
    for heading in (
        "Who the course suits",
        "Chapter map",
        "Suggested plans",
        "Discussion prompts",
        "Stable links to assign",
        "Live notebooks: Binder, JupyterHub and downloads",
    ):
        assert heading in text, heading
    assert "One session" in text and "Three sessions" in text
    assert "jupyterhub_url" in text, "the guide must say how to set the hub address"


# --------------------------------------------------------------------------- download


@pytest.mark.parametrize("chapter_id", chapter_ids())
def test_download_buttons_give_ipynb_and_md(built_pages, chapter_id):
    doc = soup(f"book/{chapter_id}.html")
    menu = doc.select_one(".dropdown-download-buttons")
    assert menu is not None
    hrefs = [a["href"] for a in menu.select("a[href]")]
    for suffix in (".ipynb", ".md"):
        href = next((h for h in hrefs if h.endswith(f"_sources/book/{chapter_id}{suffix}")), None)
        assert href, f"no {suffix} download in {hrefs}"
        target = (HTML / "book" / href).resolve()
        assert target.is_file() and target.stat().st_size > 0, target


# --------------------------------------------------------------------------- in the browser


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
