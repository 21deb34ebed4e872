"""The top of every chapter: main message, what to do, time, learning objectives and review date.

The book renders the MyST Markdown (admonitions, and citations as numbered superscripts that link
to the Sources page); JupyterLab, which cannot read MyST directives, shows the same content as
HTML, with each action's sources as numbered links to the sources themselves. _config.yml makes
MyST-NB prefer the Markdown.
"""

from __future__ import annotations

import datetime
import html

from babel.dates import format_date

from .catalogue import say, words
from .data import load_chapter
from .pages import escape_markdown_html
from .sources import sources


class ChapterIntro:
    """`chapter_intro("sleep")` in a chapter's first cell: the book and a live notebook both show it."""

    def __init__(self, chapter_id: str):
        self.chapter = load_chapter(chapter_id)
        self.words = words("intro")

    def _when(self) -> tuple[str, str]:
        """How long the chapter takes, and when it was last reviewed, in words."""
        c = self.chapter
        reviewed = datetime.date.fromisoformat(c["reviewed"])
        locale = words("common")["locale"].replace("-", "_")
        return say(self.words["minutes"], minutes=c["minutes"]), format_date(reviewed, "long", locale=locale)

    def _repr_markdown_(self) -> str:
        c, w = self.chapter, self.words
        minutes, reviewed = self._when()
        objectives = "\n".join(f"- {escape_markdown_html(o['text'])}" for o in c["objectives"])
        # Each action carries its sources as a superscript, like every claim in the running text.
        actions = "\n".join(
            f"- {escape_markdown_html(a['text'])}{{cite:p}}`{','.join(a['sources'])}`" for a in c["what_to_do"]
        )
        return (
            f"```{{admonition}} {w['main_message']}\n:class: tip main-message\n"
            f"{escape_markdown_html(c['main_message'])}\n```\n\n"
            f"```{{admonition}} {w['what_to_do']}\n:class: what-to-do\n{actions}\n```\n\n"
            f"**{w['time']}** {minutes}. **{w['last_reviewed']}** {reviewed}.\n\n"
            f"**{w['objectives']}**\n\n{objectives}\n"
        )

    def _repr_html_(self) -> str:
        c, w, esc = self.chapter, self.words, html.escape
        minutes, reviewed = self._when()
        known = sources()
        numbers: dict[str, int] = {}
        actions = []
        for action in c["what_to_do"]:
            marks = []
            for key in action["sources"]:
                number = numbers.setdefault(key, len(numbers) + 1)
                source = known[key]
                marks.append(
                    f'<a href="{esc(source["url"] or "#")}" title="{esc(source["title"])}" '
                    f'aria-label="{esc(say(w["source"], number=number, title=source["title"]))}">{number}</a>'
                )
            actions.append(f"<li>{_bold_lead(action['text'])}<sup>{','.join(marks)}</sup></li>")
        objectives = "".join(f"<li>{esc(o['text'])}</li>" for o in c["objectives"])
        return (
            '<div class="course-intro">'
            '<section class="main-message" style="border-left: 4px solid #1a7f37; padding: 0.25em 1em">'
            f"<p><strong>{esc(w['main_message'])}</strong></p><p>{esc(c['main_message'])}</p></section>"
            '<section class="what-to-do" style="border-left: 4px solid #0b5cad; padding: 0.25em 1em">'
            f"<p><strong>{esc(w['what_to_do'])}</strong></p><ul>{''.join(actions)}</ul></section>"
            f"<p><strong>{esc(w['time'])}</strong> {minutes}. "
            f"<strong>{esc(w['last_reviewed'])}</strong> {reviewed}.</p>"
            f"<p><strong>{esc(w['objectives'])}</strong></p><ul>{objectives}</ul></div>"
        )


def _bold_lead(text: str) -> str:
    """The data's **bold** lead words ("**Call now:** ...") as HTML, everything else as text."""
    parts = text.split("**")
    return "".join(f"<strong>{html.escape(p)}</strong>" if i % 2 else html.escape(p) for i, p in enumerate(parts))


def chapter_intro(chapter_id: str) -> ChapterIntro:
    return ChapterIntro(chapter_id)
