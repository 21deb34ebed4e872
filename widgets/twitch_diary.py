"""The twitch diary: log twitch episodes; they stay in this browser (localStorage)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import traitlets

from .catalogue import say, words
from .csvfile import parse_csv, to_csv
from .data import load_fields
from .fields import form, validate
from .tool import Tool

SAVED_ANY_TIME = "9999-12-31T23:59"  # static/saved_lists.js checks saved entries the same way


class TwitchDiary(Tool):
    """`TwitchDiary()`: log twitch episodes; they stay in this browser (localStorage).

    With a live kernel, `diary.entries` holds the entries (a list of dicts, oldest first);
    `diary.save(path)` writes them to a CSV file and `diary.load(path)` reads one back in.
    """

    kind = "twitch-diary"
    shared = ("common", "storage", "fields", "csvfile", "saved_lists", "form", "data_controls", "plot", "diary_chart")
    fields = traitlets.List().tag(sync=True)
    entries = traitlets.List(traitlets.Dict()).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(_uses_plotly=True, fields=form("diary"), **kwargs)

    @traitlets.validate("entries")
    def _check_entries(self, proposal):
        clean = []
        for i, raw in enumerate(proposal["value"]):
            # No "in the future" check: the reader's clock (time zone) may be ahead of the kernel's.
            entry, errors = validate(form("diary"), raw, now=SAVED_ANY_TIME)
            if errors:
                problems = " ".join(errors.values())
                raise traitlets.TraitError(say(words("twitch_diary")["entry_refused"], number=i + 1, problems=problems))
            clean.append(entry)
        return clean

    def to_csv(self) -> str:
        return to_csv(self.entries)

    def save(self, path: str | Path) -> Path:
        """Write the entries to a CSV file (the format the diary's import reads)."""
        path = Path(path)
        path.write_text(self.to_csv(), encoding="utf-8", newline="")
        return path

    def load(self, path: str | Path) -> dict[str, Any]:
        """Add the entries of a CSV file (as the page's import does) and say what was read.

        Returns {'added', 'skipped': [(row, why)], 'notes', 'error'}; nothing is added on an error.
        """
        report = parse_csv(Path(path).read_text(encoding="utf-8-sig"))
        if not report["error"]:
            known = {tuple(sorted(e.items())) for e in self.entries}
            rows = [(row, e) for row, e in zip(report["rows"], report["entries"], strict=True)]
            new = [(row, e) for row, e in rows if tuple(sorted(e.items())) not in known]
            room = max(0, load_fields()["limits"]["import_max_entries"] - len(self.entries))  # as the page does
            full = say(words("csvfile")["full"], most=load_fields()["limits"]["import_max_entries"])
            report["skipped"] += [(row, full) for row, _ in new[room:]]
            self.entries = sorted([*self.entries, *(e for _, e in new[:room])], key=lambda e: e["when"])
            report["added"] = min(len(new), room)
        return {k: report.get(k, 0) for k in ("added", "skipped", "notes", "error")}

    def __repr__(self) -> str:
        n = len(self.entries)
        count = words("twitch_diary")["entries_one" if n == 1 else "entries_other"]
        return f"TwitchDiary({say(count, n=n)})"
