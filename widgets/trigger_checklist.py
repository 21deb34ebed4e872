"""Trigger checklist: tick what applies, get cited tips for exactly those ticks."""

from __future__ import annotations

import traitlets

from .base import CourseWidget, file_name
from .catalogue import say, words
from .data import checklist_items


class TriggerChecklist(CourseWidget):
    """`TriggerChecklist("sleep")` shows the triggers tagged `sleep` in book/data/triggers.yml
    (`"all"` shows every trigger). With a live kernel, `checklist.ticked` lists the ticked ids."""

    kind = "trigger-checklist"
    shared = ("common", "storage")
    checklist_id = traitlets.Unicode().tag(sync=True)
    title = traitlets.Unicode().tag(sync=True)
    items = traitlets.List().tag(sync=True)
    ticked = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, checklist_id: str = "all", *, title: str | None = None):
        items = checklist_items(checklist_id)
        title = title or words(file_name(self.kind))["title"]
        super().__init__(checklist_id=checklist_id, title=title, items=items)

    def __repr__(self) -> str:
        ticked = say(self.words["ticked_count"], ticked=len(self.ticked), total=len(self.items))
        return f"TriggerChecklist({self.checklist_id!r}: {ticked})"

    def tips(self) -> list[str]:
        """The tips for the ticked items, most helpful first (as the page shows them)."""
        return [item["tip"] for item in self.items if item["id"] in self.ticked]
