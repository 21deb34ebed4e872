"""The top of every chapter: main message, what to do, time, learning objectives and review date."""

from __future__ import annotations

import datetime

from .data import escape_markdown_html, load_chapter


class ChapterIntro:
    """Shows as Markdown in the book and in Jupyter; `chapter_intro("sleep")` in a chapter's first cell."""

    def __init__(self, chapter_id: str):
        self.chapter = load_chapter(chapter_id)

    def _repr_markdown_(self) -> str:
        c = self.chapter
        reviewed = datetime.date.fromisoformat(c["reviewed"])
        objectives = "\n".join(f"- {escape_markdown_html(o['text'])}" for o in c["objectives"])
        # Each action carries its sources as a superscript, like every claim in the running text.
        actions = "\n".join(
            f"- {escape_markdown_html(a['text'])}{{cite:p}}`{','.join(a['sources'])}`" for a in c["what_to_do"]
        )
        return (
            "```{admonition} Main message\n:class: tip main-message\n"
            f"{escape_markdown_html(c['main_message'])}\n```\n\n"
            f"```{{admonition}} What to do\n:class: what-to-do\n{actions}\n```\n\n"
            f"**Time:** about {c['minutes']} minutes. "
            f"**Last reviewed:** {reviewed.day} {reviewed:%B %Y}.\n\n"
            f"**After this chapter you will be able to:**\n\n{objectives}\n"
        )


def chapter_intro(chapter_id: str) -> ChapterIntro:
    return ChapterIntro(chapter_id)
