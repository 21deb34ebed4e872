"""The visit summary: one page for a doctor, from the diary and the symptom checker."""

from __future__ import annotations

import traitlets

from .data import load_symptoms
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

    def __init__(self, **kwargs):
        data = load_symptoms()
        super().__init__(
            fields=form("diary"),
            visit_fields=form("visit"),
            symptoms=data["symptoms"],
            levels=data["levels"],
            regions=data["regions"],
            **kwargs,
        )

    def __repr__(self) -> str:
        return "VisitSummary(reads the diary and the symptom checker saved in this browser)"
