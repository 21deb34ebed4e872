"""Symptom checker: says which of four levels of help the ticked signs call for."""

from __future__ import annotations

import traitlets

from .base import CourseWidget
from .catalogue import say, words
from .data import load_symptoms
from .triage import FALLBACK_REGION, fill_numbers, triage


class SymptomChecker(CourseWidget):
    """`SymptomChecker()` shows the signs of book/data/symptoms.yml, grouped under plain headings.

    With a live kernel, `checker.ticked` lists the ticked sign ids and `checker.level` is
    'emergency', 'urgent', 'doctor' or 'selfcare' ('' until something is ticked).
    `checker.region` ('uk', 'us', 'eu', 'other' or 'all') decides which numbers it names.
    """

    kind = "symptom-checker"
    shared = ("common", "storage", "triage")
    levels = traitlets.Dict().tag(sync=True)
    regions = traitlets.Dict().tag(sync=True)
    groups = traitlets.Dict().tag(sync=True)
    symptoms = traitlets.List().tag(sync=True)
    ticked = traitlets.List(traitlets.Unicode()).tag(sync=True)
    level = traitlets.Unicode("").tag(sync=True)
    region = traitlets.Unicode(FALLBACK_REGION).tag(sync=True)

    def __init__(self):
        data = load_symptoms()
        super().__init__(
            levels=data["levels"], regions=data["regions"], groups=data["groups"], symptoms=data["symptoms"]
        )

    @traitlets.validate("ticked")
    def _known_signs(self, proposal):
        known = {s["id"] for s in self.symptoms}
        unknown = [sign for sign in proposal["value"] if sign not in known]
        if unknown:
            raise traitlets.TraitError(say(self.words["unknown_signs"], signs=", ".join(unknown)))
        return proposal["value"]

    @traitlets.observe("ticked")
    def _decide(self, change):
        # Python applies the rule itself rather than trusting the level the browser sent.
        self.level = triage(change["new"], self.symptoms, self.levels) if change["new"] else ""

    def advice(self) -> str:
        """What the ticked signs call for, in words, with the numbers for `region`."""
        text = words("symptom_checker")
        if not self.level:
            return text["nothing_ticked"]
        info = self.levels[self.level]
        return fill_numbers(
            say(text["advice"], heading=info["heading"], action=info["action"]), self.region, self.regions
        )

    def __repr__(self) -> str:
        held = say(self.words["repr"], ticked=len(self.ticked), level=self.level or self.words["repr_no_level"])
        return f"SymptomChecker({held})"
