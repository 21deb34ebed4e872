"""Pages for instructors, generated from the course data: nothing here is typed twice.

    from widgets.teaching import answer_key, chapter_map, session_plans, doctor_handout

Each function returns an object that shows as MyST Markdown in the book (MyST-NB renders it,
because `nb_render_markdown_format: myst`) and as Markdown in Jupyter. Quiz questions, answers
and explanations come from book/data/chapters/<id>.yml; the red-flag lists from
book/data/symptoms.yml; chapter titles and section labels from the chapter pages themselves.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .course_files import book_dir
from .data import chapter_ids, load_chapter, load_symptoms
from .pages import escape_markdown_html, toc_files
from .signs import Markdown, level_names, signs_list
from .triage import FALLBACK_REGION, fill_numbers

# Suggested plans: which chapters go together. Times are added up from the chapter data.
ONE_SESSION = ["what-is-fasciculation", "when-to-see-a-doctor"]
THREE_SESSIONS = [
    ["what-is-fasciculation", "anxiety"],
    ["electrolytes", "sleep", "everyday-triggers"],
    ["serious-conditions", "when-to-see-a-doctor"],
]
DISCUSSION_MINUTES = 10  # time for a prompt and the quiz talk-through in each session

_LABEL = re.compile(r"^\(([a-z0-9-]+)\)=\s*\n##\s+(.+?)\s*$", re.MULTILINE)


def _text(value: str) -> str:
    """Course text as the reader sees it (its small Markdown kept, HTML never)."""
    return escape_markdown_html(" ".join(str(value).split()))


def _page(chapter_id: str) -> str:
    path = book_dir() / f"{chapter_id}.md"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def chapter_title(chapter_id: str) -> str:
    """The `# ` heading of book/<id>.md: the title the reader sees."""
    match = re.search(r"^#\s+(.+?)\s*$", _page(chapter_id), re.MULTILINE)
    return match.group(1) if match else chapter_id


def chapter_sections(chapter_id: str) -> list[tuple[str, str]]:
    """(label, heading) of every labelled `##` section of a chapter, in page order."""
    return _LABEL.findall(_page(chapter_id))


def course_order() -> list[str]:
    """Chapter ids in the order of `_toc.yml` (chapters missing from it come last)."""
    toc = book_dir().parent / "_toc.yml"
    listed = [Path(f).stem for f in toc_files()] if toc.is_file() else []
    known = chapter_ids()
    return [c for c in listed if c in known] + [c for c in known if c not in listed]


def _doc(chapter_id: str, title: str | None = None) -> str:
    return f"{{doc}}`{escape_markdown_html(title or chapter_title(chapter_id))} </book/{chapter_id}>`"


def _quiz_label(chapter_id: str) -> str | None:
    sections = chapter_sections(chapter_id)
    return sections[-1][0] if sections and "quiz" in sections[-1][0] else None


def _minutes(ids: list[str]) -> int:
    return sum(load_chapter(c)["minutes"] for c in ids)


# --------------------------------------------------------------------------- answer key


def answer_key_data() -> list[dict[str, Any]]:
    """Every chapter's questions grouped by objective, with their number as the reader sees it."""
    out = []
    for chapter_id in course_order():
        chapter = load_chapter(chapter_id)
        numbered = [{**q, "number": n + 1} for n, q in enumerate(chapter["quiz"])]
        objectives = [
            {**o, "questions": [q for q in numbered if q["objective"] == o["id"]]} for o in chapter["objectives"]
        ]
        out.append({"id": chapter_id, "title": chapter_title(chapter_id), "objectives": objectives})
    return out


def _question_md(q: dict[str, Any]) -> str:
    how = "Choose one answer." if q["kind"] == "single" else "Choose every answer that is true."
    lines = [
        f"**Question {q['number']}.** {_text(q['question'])}",
        "",
        f"*{how}*",
        "",
    ]
    for option in q["options"]:
        mark = "✓ **Right:**" if option.get("correct") else "✗ Wrong:"
        lines.append(f"- {mark} {_text(option['text'])} — {_text(option['why'])}")
    right = "; ".join(_text(o["text"]) for o in q["options"] if o.get("correct"))
    end = "" if right.endswith((".", "?", "!")) else "."
    lines += ["", f"**Answer:** {right}{end} Review: {{ref}}`{q['review']}`.", ""]
    return "\n".join(lines)


def answer_key(chapter_id: str | None = None) -> Markdown:
    """The answer key of every chapter (or one), grouped by chapter and objective."""
    chapters = [c for c in answer_key_data() if not chapter_id or c["id"] == chapter_id]
    parts = []
    if len(chapters) > 1:
        parts.append(
            "**Chapters:** "
            + " · ".join(f"{{ref}}`{escape_markdown_html(c['title'])} <answer-key-{c['id']}>`" for c in chapters)
            + "\n"
        )
    for chapter in chapters:
        count = sum(len(o["questions"]) for o in chapter["objectives"])
        quiz = _quiz_label(chapter["id"])
        where = f"{{ref}}`The chapter's quiz <{quiz}>`" if quiz else _doc(chapter["id"])
        parts.append(
            f"(answer-key-{chapter['id']})=\n## {escape_markdown_html(chapter['title'])}\n\n"
            f"{where} has {count} questions. Chapter: {_doc(chapter['id'])}.\n"
        )
        for objective in chapter["objectives"]:
            parts.append(f"### Objective: {_text(objective['text'])}\n")
            parts.extend(_question_md(q) for q in objective["questions"])
    return Markdown("\n".join(parts))


# --------------------------------------------------------------------------- chapter map


def chapter_map() -> Markdown:
    """A table of every chapter (time, what to read first, questions), then each chapter's
    objectives and the stable links of its sections."""
    order = course_order()
    rows = [
        "| # | Chapter | Time | Read first | Quiz questions |",
        "|---|---|---|---|---|",
    ]
    for n, chapter_id in enumerate(order, 1):
        c = load_chapter(chapter_id)
        first = ", ".join(_doc(p) for p in c["prerequisites"]) or "Nothing"
        rows.append(f"| {n} | {_doc(chapter_id)} | {c['minutes']} min | {first} | {len(c['quiz'])} |")
    total = _minutes(order)
    out = [
        f"The course has {len(order)} chapters. Together they take about {total} minutes.\n",
        "\n".join(rows),
        "",
    ]
    for chapter_id in order:
        c = load_chapter(chapter_id)
        objectives = "\n".join(f"- {_text(o['text'])}" for o in c["objectives"])
        links = "\n".join(
            f"| {{ref}}`{label}` | `{chapter_id}.html#{label}` |" for label, _heading in chapter_sections(chapter_id)
        )
        out.append(
            f"(guide-{chapter_id})=\n### {escape_markdown_html(chapter_title(chapter_id))}\n\n"
            f"**Main message:** {_text(c['main_message'])}\n\n"
            f"**Time:** about {c['minutes']} minutes. **Link to assign:** `{chapter_id}.html`\n\n"
            f"**Learners will be able to:**\n\n{objectives}\n\n"
            f"| Section | Stable link |\n|---|---|\n{links}\n"
        )
    return Markdown("\n".join(out))


def session_plans() -> Markdown:
    """A one-session plan and a three-session plan, with times added up from the chapters."""
    one = _minutes(ONE_SESSION)
    lines = [
        f"**One session (about {one + DISCUSSION_MINUTES} minutes).**",
        "",
    ]
    lines += [f"1. {_doc(c)}: about {load_chapter(c)['minutes']} minutes." for c in ONE_SESSION]
    lines += [
        f"1. Discussion and the quiz answers: about {DISCUSSION_MINUTES} minutes.",
        "1. Hand out the one-page {doc}`When to see a doctor </book/teach/handout-when-to-see-a-doctor>` sheet.",
        "",
        "**Three sessions.**",
        "",
    ]
    for n, group in enumerate(THREE_SESSIONS, 1):
        chapters = " then ".join(_doc(c) for c in group)
        lines.append(
            f"{n}. Session {n} (about {_minutes(group) + DISCUSSION_MINUTES} minutes): {chapters}, "
            f"then {DISCUSSION_MINUTES} minutes of discussion."
        )
    planned = {c for group in THREE_SESSIONS for c in group}
    missing = [c for c in course_order() if c not in planned]
    if missing:
        lines += ["", "Not yet in a session: " + ", ".join(_doc(c) for c in missing) + "."]
    return Markdown("\n".join(lines) + "\n")


# --------------------------------------------------------------------------- handout


def doctor_handout() -> Markdown:
    """The warning signs and reasons for a check-up of book/data/symptoms.yml on one page, most urgent first."""
    data = load_symptoms()
    levels, symptoms = data["levels"], data["symptoms"]
    out = []
    for level in level_names():
        info = levels[level]
        if level == "selfcare":
            out.append(
                f"(handout-selfcare)=\n## None of these? {_text(info['heading'])}\n\n"
                f"{_text(_numbers(info['action']))}\n"
            )
            continue
        out.append(
            f"(handout-{level})=\n## {_text(_numbers(info['heading']))}\n\n"
            f"**{_text(_numbers(info['action']))}**\n\n{signs_list(level, cite=False)}"
        )
    used = {s["source"]["key"]: s["source"] for s in symptoms if s["source"] and s["level"] != "selfcare"}
    # Each publisher named once ("NHS: Stroke, Tetanus; NICE: ..."), so the list fits the one sheet.
    by_publisher: dict[str, list[str]] = {}
    for s in used.values():
        publisher, _, title = s["title"].partition(": ")
        words = escape_markdown_html(title or publisher)
        by_publisher.setdefault(publisher, []).append(f"[{words}]({s['url']})" if s["url"] else words)
    notes = "; ".join(f"{escape_markdown_html(p)}: {', '.join(titles)}" for p, titles in by_publisher.items())
    out.append(f"```{{container}} handout-sources\nSources: {notes}.\n```\n")
    return Markdown("\n".join(out))


def _numbers(text: str) -> str:
    return fill_numbers(text, FALLBACK_REGION, load_symptoms()["regions"])
