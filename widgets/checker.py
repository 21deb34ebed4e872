"""Symptom checker: says which of three levels of help the ticked signs call for."""

from __future__ import annotations

import traitlets

from .base import CourseWidget
from .data import load_symptoms
from .rules import triage


class SymptomChecker(CourseWidget):
    """`SymptomChecker()` shows the signs of book/data/symptoms.yml. With a live kernel,
    `checker.level` is 'emergency', 'doctor' or 'selfcare' for what is ticked."""

    kind = "checker"
    levels = traitlets.Dict().tag(sync=True)
    symptoms = traitlets.List().tag(sync=True)
    ticked = traitlets.List(traitlets.Unicode()).tag(sync=True)
    level = traitlets.Unicode("selfcare").tag(sync=True)

    def __init__(self):
        data = load_symptoms()
        super().__init__(levels=data["levels"], symptoms=data["symptoms"])

    @traitlets.observe("ticked")
    def _decide(self, change):
        # Python applies the rule itself rather than trusting the level the browser sent.
        self.level = triage(change["new"], self.symptoms, self.levels)
