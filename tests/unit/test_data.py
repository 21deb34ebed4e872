"""The loader: every course file checked, every problem told in one line (issues 2, 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from widgets import course_files, data
from widgets.course_files import CourseDataError

from ..conftest import ROOT


@pytest.fixture
def book(tmp_path) -> Path:
    """A copy of the course's data to break."""
    copy = tmp_path / "book"
    shutil.copytree(ROOT / "book" / "data", copy / "data")
    shutil.copy(ROOT / "book" / "references.bib", copy / "references.bib")
    for page in (ROOT / "book").glob("*.md"):  # links in the data must land on their sections
        shutil.copy(page, copy / page.name)
    data.clear_cache()
    yield copy
    data.clear_cache()


BOOK = ROOT / "book"


def edit(path: Path, change) -> None:
    content = yaml.safe_load(path.read_text())
    change(content)
    path.write_text(yaml.safe_dump(content, sort_keys=False))


def expect_error(book: Path, fragment: str, file_name: str) -> str:
    with pytest.raises(CourseDataError) as err:
        data.validate_course(book)
    message = str(err.value)
    assert fragment in message and file_name in message, message
    assert "\n" not in message
    return message


def test_the_real_course_data_is_valid():
    data.validate_course(ROOT / "book")


def chapter(book: Path, name: str = "sleep") -> Path:
    return book / "data" / "chapters" / f"{name}.yml"


def test_question_with_no_correct_answer(book):
    edit(chapter(book), lambda c: [o.pop("correct", None) for o in c["quiz"][0]["options"]])
    msg = expect_error(book, "no option is marked correct", "sleep.yml")
    assert "quiz[0]" in msg


def test_single_answer_question_with_two_correct(book):
    def change(c):
        q = next(q for q in c["quiz"] if q["kind"] == "single")
        for o in q["options"]:
            o["correct"] = True

    edit(chapter(book), change)
    expect_error(book, "single-answer question has", "sleep.yml")


def test_duplicate_question_ids_within_a_chapter(book):
    edit(chapter(book), lambda c: c["quiz"][1].update(id=c["quiz"][0]["id"]))
    expect_error(book, "duplicate", "sleep.yml")


def test_duplicate_question_ids_across_chapters(book):
    other = yaml.safe_load(chapter(book, "anxiety").read_text())["quiz"][0]["id"]
    edit(chapter(book), lambda c: c["quiz"][0].update(id=other))
    expect_error(book, "also used in", "yml")


def test_unknown_level(book):
    edit(book / "data" / "symptoms.yml", lambda s: s["symptoms"][0].update(level="later"))
    msg = expect_error(book, "unknown level 'later'", "symptoms.yml")
    assert "stroke-face" in msg  # the line names the item


def test_warning_sign_with_no_source(book):
    def drop_source(data):
        item = next(s for s in data["symptoms"] if s["level"] == "urgent")
        item.pop("source")

    edit(book / "data" / "symptoms.yml", drop_source)
    msg = expect_error(book, "a 'urgent' sign needs a source", "symptoms.yml")
    assert ".source" in msg


def test_level_missing_from_levels(book):
    edit(book / "data" / "symptoms.yml", lambda s: s["levels"].pop("urgent"))
    expect_error(book, "missing required field 'urgent'", "symptoms.yml")


def test_level_slot_that_does_not_exist(book):
    edit(book / "data" / "symptoms.yml", lambda s: s["levels"]["urgent"].update(action="Call {poison}."))
    expect_error(book, "unknown slot '{poison}'", "symptoms.yml")


def test_ranks_that_do_not_rise_with_urgency(book):
    edit(book / "data" / "symptoms.yml", lambda s: s["levels"]["urgent"].update(rank=1))
    expect_error(book, "ranks must rise", "symptoms.yml")


def test_unknown_group(book):
    edit(book / "data" / "symptoms.yml", lambda s: s["symptoms"][0].update(group="elsewhere"))
    expect_error(book, "unknown group 'elsewhere'", "symptoms.yml")


def test_empty_question(book):
    edit(chapter(book), lambda c: c["quiz"][0].update(question="   "))
    expect_error(book, "must not be empty", "sleep.yml")


def test_empty_option(book):
    edit(chapter(book), lambda c: c["quiz"][0]["options"][0].update(text=""))
    expect_error(book, "must not be empty", "sleep.yml")


def test_objective_tag_the_chapter_does_not_declare(book):
    edit(chapter(book), lambda c: c["quiz"][0].update(objective="not-an-objective"))
    expect_error(book, "objective 'not-an-objective' is not one of", "sleep.yml")


def test_objective_that_no_question_assesses(book):
    def change(c):
        # Re-tag the questions of the last objective to the first one: the last is now untested.
        first, last = c["objectives"][0]["id"], c["objectives"][-1]["id"]
        for q in c["quiz"]:
            if q["objective"] == last:
                q["objective"] = first

    edit(chapter(book), change)
    msg = expect_error(book, "no quiz question assesses it", "sleep.yml")
    assert "objectives (" in msg


def test_tip_with_no_source(book):
    edit(book / "data" / "triggers.yml", lambda t: t["triggers"][0].pop("source"))
    expect_error(book, "missing required field 'source'", "triggers.yml")


def test_tip_with_a_source_not_in_the_bibliography(book):
    edit(book / "data" / "triggers.yml", lambda t: t["triggers"][0].update(source="a-blog"))
    expect_error(book, "source 'a-blog' is not in references.bib", "triggers.yml")


def test_symptom_with_a_source_not_in_the_bibliography(book):
    edit(book / "data" / "symptoms.yml", lambda s: s["symptoms"][0].update(source="forum-post"))
    expect_error(book, "source 'forum-post'", "symptoms.yml")


def test_missing_file(book):
    (book / "data" / "symptoms.yml").unlink()
    expect_error(book, "file is missing", "symptoms.yml")


def test_malformed_yaml_names_the_line(book):
    chapter(book).write_text("minutes: 5\nquiz: [\n")
    expect_error(book, "not valid YAML", "sleep.yml")


def test_not_utf8(book):
    chapter(book).write_bytes("minutes: 5\nmain_message: d\xe9j\xe0 vu\n".encode("latin-1"))
    expect_error(book, "not UTF-8", "sleep.yml")


def test_unknown_field_is_named(book):
    edit(chapter(book), lambda c: c.update(minutes_typo=3))
    expect_error(book, "unknown field", "sleep.yml")


def test_wrong_kind(book):
    edit(chapter(book), lambda c: c["quiz"][0].update(kind="essay"))
    expect_error(book, "'essay' is not one of single, multiple", "sleep.yml")


def test_not_a_real_date(book):
    edit(chapter(book), lambda c: c.update(reviewed="2026-02-30"))
    expect_error(book, "not a real date", "sleep.yml")


def test_unknown_chapter_in_a_trigger(book):
    edit(book / "data" / "triggers.yml", lambda t: t["triggers"][0].update(chapters=["gardening"]))
    expect_error(book, "unknown chapter 'gardening'", "triggers.yml")


def test_a_tip_link_to_a_missing_section_or_page_is_rejected(book):
    edit(book / "data" / "triggers.yml", lambda t: t["triggers"][0].update(link="sleep#sleep-renamed"))
    message = expect_error(book, "'sleep.md' has no section labelled '(sleep-renamed)='", "triggers.yml")
    assert "triggers[0]" in message and ".link" in message
    edit(book / "data" / "triggers.yml", lambda t: t["triggers"][0].update(link="gardening"))
    expect_error(book, "no page 'gardening.md'", "triggers.yml")


@pytest.mark.parametrize("before", ["gardening", "sleep"], ids=["unknown", "itself"])
def test_a_prerequisite_must_be_another_chapter(book, before):
    edit(book / "data" / "chapters" / "sleep.yml", lambda c: c.update(prerequisites=[before]))
    expect_error(book, f"'{before}' is not another chapter of the course", "sleep.yml")


def test_a_quiz_review_link_to_a_missing_section_is_rejected(book):
    edit(book / "data" / "chapters" / "sleep.yml", lambda c: c["quiz"][0].update(review="nowhere"))
    expect_error(book, "'sleep.md' has no section labelled '(nowhere)='", "sleep.yml")


def test_unknown_quiz_id_is_one_clear_line(book, monkeypatch):
    monkeypatch.setenv(course_files.BOOK_DIR_ENV, str(book))
    from widgets import Quiz

    with pytest.raises(CourseDataError) as err:
        Quiz("gardening")
    assert "no chapter called 'gardening'" in str(err.value)
    # In a notebook, IPython shows this single line instead of a traceback.
    assert err.value._render_traceback_() == [f"CourseDataError: {err.value}"]


def test_unknown_checklist_id(book, monkeypatch):
    monkeypatch.setenv(course_files.BOOK_DIR_ENV, str(book))
    with pytest.raises(CourseDataError, match="no trigger belongs to checklist 'gardening'"):
        data.checklist_items("gardening")


def test_widgets_carry_the_data_to_the_browser():
    from widgets import Quiz, SymptomChecker, TriggerChecklist

    quiz = Quiz("sleep")
    assert quiz.questions == data.load_chapter("sleep")["quiz"] and quiz.score == 0
    checklist = TriggerChecklist("sleep")
    assert [i["id"] for i in checklist.items] == [t["id"] for t in data.checklist_items("sleep")]
    checker = SymptomChecker()
    emergency = next(s["id"] for s in checker.symptoms if s["level"] == "emergency")
    assert checker.level == "" and checker.advice() == "Nothing is ticked yet."
    checker.ticked = [emergency]
    assert checker.level == "emergency"
    assert "999 (UK), 911 (US) or 112 (EU)" in checker.advice()
    checker.region = "us"
    assert "Call 911 now" in checker.advice() and "999" not in checker.advice()
    assert repr(checker) == "SymptomChecker(1 ticked, level: emergency)"
    checker.ticked = []
    assert checker.level == ""
    assert "data-widget" in quiz._esm and "export default" in quiz._esm


# --------------------------------------------------------------------------- figures.yml (charts and pictures)


def test_figures_resolve_their_sources_with_a_title(book):
    figures = data.load_figures(book)
    for name, figure in figures.items():
        assert figure["sources"], name
        for source in figure["sources"]:
            assert source["key"] and source["title"] and "(" not in source["title"][:3], (name, source)
    assert figures["urine_colour"]["sources"][0]["title"] == "NHS: Water, drinks and hydration"


def test_a_figure_source_must_be_in_the_bibliography(book):
    edit(book / "data" / "figures.yml", lambda d: d["fast_check"]["sources"].append("nhs-made-up"))
    expect_error(book, "fast_check.sources[1]: source 'nhs-made-up' is not in references.bib", "figures.yml")


def test_a_four_levels_example_must_be_a_sign_at_that_level(book):
    def wrong_level(d):
        d["four_levels"]["examples"]["selfcare"] = ["stroke-face"]

    edit(book / "data" / "figures.yml", wrong_level)
    expect_error(book, "four_levels.examples.selfcare[0]: 'stroke-face' is at level 'emergency'", "figures.yml")
    edit(book / "data" / "figures.yml", lambda d: d["four_levels"]["examples"].update(selfcare=["no-such-sign"]))
    data.clear_cache()
    expect_error(book, "no sign 'no-such-sign' in symptoms.yml", "figures.yml")


@pytest.mark.parametrize(
    "where, change",
    [
        ("urine_colour.swatches[0].colour", lambda d: d["urine_colour"]["swatches"][0].update(colour="yellow")),
        ("three_steps.steps[0].level", lambda d: d["three_steps"]["steps"][0].update(level="soon")),
        ("slow_breathing", lambda d: d["slow_breathing"].pop("caption")),
    ],
)
def test_a_picture_entry_is_checked_against_its_schema(book, where, change):
    edit(book / "data" / "figures.yml", change)
    expect_error(book, where, "figures.yml")


# --------------------------------------------------------------------------- drinks (caffeine tool)


def test_drinks_load_with_sources():
    drinks = data.load_drinks()
    assert 1 <= len(drinks) <= 7
    for drink in drinks:
        assert drink["source"]["key"] in ("fda-caffeine", "nhs-caffeine") and drink["source"]["url"]
        assert 0 < drink["mg"] <= 1000


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda d: d["drinks"][0].update(mg=10000), "more than the tool takes in one drink (1000)"),
        (lambda d: d["drinks"][0].update(source="blog"), "source 'blog' is not in references.bib"),
        (lambda d: d["drinks"][2].update(range=[10, 20]), "outside its range"),
        (lambda d: d["drinks"].append(dict(d["drinks"][0])), "allows at most 7"),
    ],
)
def test_bad_drinks_data_stops_with_one_line(tmp_path, change, problem):
    book = tmp_path / "book"
    (book / "data").mkdir(parents=True)
    shutil.copy(BOOK / "references.bib", book / "references.bib")
    shutil.copy(BOOK / "data" / "fields.yml", book / "data" / "fields.yml")  # the tool's limit per drink
    shutil.copytree(BOOK / "data" / "locales", book / "data" / "locales")
    drinks = yaml.safe_load((BOOK / "data" / "drinks.yml").read_text())
    change(drinks)
    (book / "data" / "drinks.yml").write_text(yaml.safe_dump(drinks))
    data.clear_cache()
    try:
        with pytest.raises(CourseDataError) as err:
            data.load_drinks(book)
        assert problem in str(err.value) and "\n" not in str(err.value)
    finally:
        data.clear_cache()
