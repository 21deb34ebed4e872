"""The widgets' Python side: traits, validators, words, files and what a notebook shows."""

from __future__ import annotations

import pytest
import traitlets

from widgets import TwitchDiary, VisitSummary
from widgets.csvfile import columns, parse_csv
from widgets.tool import PLOTLY_JS, Tool

from .entries import DIARY_FIELDS, GOOD, NOW, entry, validate_entry

CSV_COLUMNS = columns()


def test_diary_saves_entries_to_a_file(tmp_path):
    diary = TwitchDiary()
    diary.entries = [entry(notes="a, b")]
    path = diary.save(tmp_path / "diary.csv")
    assert parse_csv(path.read_text(encoding="utf-8"), NOW)["entries"] == diary.entries
    assert repr(diary) == "TwitchDiary(1 entry)"
    assert diary.fields == DIARY_FIELDS and diary._uses_plotly


def test_live_kernel_gets_plotly_from_the_python_package(monkeypatch):
    diary = TwitchDiary()
    sent = []
    monkeypatch.setattr(diary, "send", lambda content, buffers=None: sent.append(content))
    diary._on_custom_msg(diary, {"type": "need-plotly"}, [])
    diary._on_custom_msg(diary, {"type": "something-else"}, [])
    assert len(sent) == 1 and sent[0]["type"] == "plotly-js"
    assert sent[0]["source"] == PLOTLY_JS.read_text(encoding="utf-8") and "Plotly" in sent[0]["source"][:5000]


def test_visit_summary_carries_the_checker_data():
    visit = VisitSummary()
    assert visit.symptoms and set(visit.levels) == {"emergency", "urgent", "doctor", "selfcare"}
    assert not visit._uses_plotly
    assert "function renderEntryForm" not in visit._esm and "entryForm" not in visit._esm


def test_every_widget_reads_as_words_in_a_notebook_not_an_object_address():
    """A notebook's text fallback for a widget is its repr: it must say what the widget holds."""
    import widgets
    from widgets.base import CourseWidget

    made = [
        widgets.Quiz("sleep"),
        widgets.TriggerChecklist("sleep"),
        widgets.SymptomChecker(),
        widgets.CaffeineTimeline(),
        widgets.TwitchDiary(),
        widgets.VisitSummary(),
    ]
    kinds = {type(w).kind for w in made}
    assert kinds == {cls.kind for cls in CourseWidget.__subclasses__() + Tool.__subclasses__()} - {""}
    for widget in made:
        text = repr(widget)
        assert " object at 0x" not in text and text.startswith(type(widget).__name__ + "("), text


def test_a_diary_file_loads_into_the_diary_in_a_notebook(tmp_path):
    """TwitchDiary.load: a learner reads a CSV file in; bad rows are reported, nothing is doubled."""
    diary = TwitchDiary()
    diary.entries = [entry()]
    path = tmp_path / "diary.csv"
    path.write_text(
        "when,area,duration_min\n2026-11-01T08:00,calf,2\n2026-11-03T09:30,Eyelid,1\n2026-11-04T10:00,elbow,1\n",
        encoding="utf-8",
    )
    report = diary.load(path)
    assert report["added"] == 1 and report["error"] is None
    assert [(row, why) for row, why in report["skipped"]] == [
        (4, validate_entry({**GOOD, "area": "elbow"}, NOW)[1]["area"])
    ]
    assert [e["when"] for e in diary.entries] == ["2026-11-01T08:00", "2026-11-03T09:30"]
    path.write_text("name,age\nBob,3\n", encoding="utf-8")
    refused = diary.load(path)
    assert "no column called “when”" in refused["error"] and refused["added"] == 0 and len(diary.entries) == 2


def test_diary_entries_set_in_python_are_checked_like_typed_ones():
    diary = TwitchDiary()
    diary.entries = [{**GOOD, "sleep_h": "7,5"}]
    assert diary.entries == [{**entry(), "sleep_h": 7.5}]
    with pytest.raises(traitlets.TraitError, match="entry 1: "):
        diary.entries = [{**GOOD, "area": "elbow"}]
    diary.entries = [{**GOOD, "when": "2099-01-01T00:00"}]  # the reader's clock may be ahead: not refused


def test_every_widget_gets_its_words_from_the_catalogue():
    import widgets

    for widget in (widgets.Quiz("sleep"), widgets.CaffeineTimeline(), widgets.TwitchDiary(), widgets.SymptomChecker()):
        assert widget.words["locale"] == "en-GB"
        assert all(isinstance(text, str) and text.strip() for text in widget.words.values())
    assert widgets.Quiz("sleep").title == widgets.Quiz("sleep").words["title"]


def test_a_checker_tick_python_does_not_know_is_refused_in_words():
    import widgets

    checker = widgets.SymptomChecker()
    with pytest.raises(traitlets.TraitError, match="No sign is called no-such-sign"):
        checker.ticked = ["no-such-sign"]
    assert checker.ticked == [] and checker.level == ""


def test_a_diary_file_loads_no_more_entries_than_the_diary_holds(tmp_path, monkeypatch):
    from widgets import data

    diary = TwitchDiary()
    diary.entries = [entry(when="2026-11-01T08:00"), entry(when="2026-11-02T08:00")]
    limits = {**data.load_fields()["limits"], "import_max_entries": 3}
    monkeypatch.setitem(data.load_fields(), "limits", limits)
    path = tmp_path / "diary.csv"
    path.write_text("when,area,duration_min\n2026-11-03T08:00,calf,1\n2026-11-04T08:00,calf,1\n", encoding="utf-8")
    report = diary.load(path)
    assert report["added"] == 1 and len(diary.entries) == 3
    assert report["skipped"] == [(3, "The diary holds at most 3 entries.")]
