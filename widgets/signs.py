"""The checker's signs as plain text, for pages that must work without JavaScript and on paper.

    from widgets.signs import signs_list
    signs_list("emergency")  # every sign of one level, under the checker's own group headings

It reads book/data/symptoms.yml, as the checker does (and widgets.pictures.four_levels, the
four levels as one picture), so the page, the handout and the checker can never disagree.
Numbers are those of the `all` region: the page names every number.
"""

from __future__ import annotations

from .catalogue import words
from .data import load_symptoms
from .pages import escape_markdown_html
from .triage import FALLBACK_REGION, fill_numbers


class Markdown:
    """Shows MyST Markdown in the book (MyST-NB renders it) and Markdown in Jupyter."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def _words(text: str) -> str:
    data = load_symptoms()
    return escape_markdown_html(" ".join(fill_numbers(text, FALLBACK_REGION, data["regions"]).split()))


def level_names() -> list[str]:
    """Level names, most urgent first."""
    levels = load_symptoms()["levels"]
    return sorted(levels, key=lambda name: -levels[name]["rank"])


def signs_list(level: str, cite: bool = True) -> Markdown:
    """Every sign at `level`, under the checker's group headings; sources cited after each group."""
    data = load_symptoms()
    out = []
    for group_id, title in data["groups"].items():
        items = [s for s in data["symptoms"] if s["level"] == level and s["group"] == group_id]
        if not items:
            continue
        out.append(f"**{_words(title)}**\n")
        out.extend(f"- {_words(s['label'])}" for s in items)
        keys = list(dict.fromkeys(s["source"]["key"] for s in items if s["source"]))
        if cite and keys:
            out.append(f"\n{words('teaching')['sources']} {{cite:p}}`{','.join(keys)}`\n")
        else:
            out.append("")
    return Markdown("\n".join(out) + "\n")
