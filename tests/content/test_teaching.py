"""Instructors and Binder (issue 6): guide, answer key, handout, print, completion slip, downloads.

The launch and source links (Binder, JupyterHub, repository) are checked in test_publishing.py.
"""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from widgets import teaching
from widgets.data import chapter_ids, load_chapter, load_symptoms
from widgets.pages import escape_markdown_html
from widgets.triage import fill_numbers

from ..conftest import HTML, ROOT

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
