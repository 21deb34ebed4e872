"""The message catalogue (widgets/catalogue.py): the book's language, its words, and no gaps."""

from __future__ import annotations

import pytest
import yaml

from widgets import catalogue, data
from widgets.course_files import CourseDataError

from ..conftest import ROOT

LOCALES = ROOT / "book" / "data" / "locales"


def test_the_book_language_comes_from_its_config():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert catalogue.language(ROOT / "book") == config["sphinx"]["config"]["language"] == "en"
    assert catalogue.catalogue_dir(ROOT / "book") == LOCALES / "en"


def test_every_language_has_the_same_names_as_english():
    english = {f.stem: set(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in (LOCALES / "en").glob("*.yml")}
    for folder in LOCALES.iterdir():
        other = {f.stem: set(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in folder.glob("*.yml")}
        assert other == english, folder.name


def test_slots_are_filled_and_unknown_ones_left_as_they_are():
    assert catalogue.say("“{label}” must be from {min} to {max}.", label="Sleep", min=0, max=24) == (
        "“Sleep” must be from 0 to 24."
    )
    assert catalogue.say("{missing} stays", other=1) == "{missing} stays"


def test_missing_words_stop_with_one_line(tmp_path):
    book = tmp_path / "book"
    (book / "data" / "locales" / "de").mkdir(parents=True)
    (tmp_path / "_config.yml").write_text("sphinx:\n  config:\n    language: de\n", encoding="utf-8")
    (book / "data" / "locales" / "de" / "quiz.yml").write_text("title: ''\n", encoding="utf-8")
    data.clear_cache()
    try:
        assert catalogue.language(book) == "de"
        with pytest.raises(CourseDataError, match="no words for 'intro'"):
            catalogue.words("intro", book)
        with pytest.raises(CourseDataError, match="quiz.yml: title: must not be empty"):
            catalogue.words("quiz", book)
    finally:
        data.clear_cache()
