"""The visit summary: one page for a doctor, from the diary and the symptom checker."""

from __future__ import annotations

import traitlets

from .caffeine import guidance
from .data import load_fields, load_symptoms
from .fields import form
from .tool import Tool


class VisitSummary(Tool):
    """`VisitSummary()`: a one-page summary for a doctor, from the diary and the symptom checker.

    It reads what this browser saved; nothing is sent anywhere.
    """

    kind = "visit-summary"
    shared = ("common", "storage", "triage", "fields", "saved_lists", "form", "data_controls")
    fields = traitlets.List().tag(sync=True)
    visit_fields = traitlets.List().tag(sync=True)
    symptoms = traitlets.List().tag(sync=True)
    levels = traitlets.Dict().tag(sync=True)
    regions = traitlets.Dict().tag(sync=True)
    patterns = traitlets.Dict().tag(sync=True)  # what it points out in the diary: fields.yml, caffeine.yml

    def __init__(self, **kwargs):
        data = load_symptoms()
        patterns = {**load_fields()["patterns"], "high_caffeine_mg": guidance()["daily_mg"]}
        super().__init__(
            patterns=patterns,
            fields=form("diary"),
            visit_fields=form("visit"),
            symptoms=data["symptoms"],
            levels=data["levels"],
            regions=data["regions"],
            **kwargs,
        )

    def __repr__(self) -> str:
        return f"VisitSummary({self.words['repr']})"
