"""Quiz: a chapter's questions, marked in the browser, with the score back in Python."""

from __future__ import annotations

import traitlets

from .base import CourseWidget, file_name
from .catalogue import say, words
from .data import load_chapter


class Quiz(CourseWidget):
    """`Quiz("sleep")` shows the quiz of book/data/chapters/sleep.yml.

    With a live kernel, `quiz.score` is the number of questions answered right so far and
    `quiz.answers` maps each answered question id to the options the reader chose.
    """

    kind = "quiz"
    shared = ("common", "completion_slip")
    quiz_id = traitlets.Unicode().tag(sync=True)
    title = traitlets.Unicode().tag(sync=True)
    questions = traitlets.List().tag(sync=True)
    shuffle = traitlets.Bool(False).tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    results = traitlets.Dict().tag(sync=True)
    score = traitlets.Int(0).tag(sync=True)

    def __init__(self, chapter_id: str, *, shuffle: bool = False, title: str | None = None):
        chapter = load_chapter(chapter_id)
        title = title or words(file_name(self.kind))["title"]
        super().__init__(quiz_id=chapter_id, title=title, questions=chapter["quiz"], shuffle=shuffle)

    def __repr__(self) -> str:
        right = say(self.words["slip_score_value"], right=self.score, total=len(self.questions))
        return f"Quiz({self.quiz_id!r}: {right})"
