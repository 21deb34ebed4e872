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

from .catalogue import say, words
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
    w = words("teaching")
    how = w["choose_one"] if q["kind"] == "single" else w["choose_every"]
    lines = [say(w["question"], number=q["number"], question=_text(q["question"])), "", f"*{how}*", ""]
    for option in q["options"]:
        mark = w["right"] if option.get("correct") else w["wrong"]
        lines.append(f"- {mark} {_text(option['text'])} — {_text(option['why'])}")
    right = "; ".join(_text(o["text"]) for o in q["options"] if o.get("correct"))
    end = "" if right.endswith((".", "?", "!")) else "."
    lines += ["", say(w["answer"], answer=right + end, review=f"{{ref}}`{q['review']}`"), ""]
    return "\n".join(lines)


def answer_key(chapter_id: str | None = None) -> Markdown:
    """The answer key of every chapter (or one), grouped by chapter and objective."""
    chapters = [c for c in answer_key_data() if not chapter_id or c["id"] == chapter_id]
    w = words("teaching")
    parts = []
    if len(chapters) > 1:
        parts.append(
            w["chapters"]
            + " "
            + " · ".join(f"{{ref}}`{escape_markdown_html(c['title'])} <answer-key-{c['id']}>`" for c in chapters)
            + "\n"
        )
    for chapter in chapters:
        count = sum(len(o["questions"]) for o in chapter["objectives"])
        quiz = _quiz_label(chapter["id"])
        where = f"{{ref}}`{w['quiz_link']} <{quiz}>`" if quiz else _doc(chapter["id"])
        parts.append(
            f"(answer-key-{chapter['id']})=\n## {escape_markdown_html(chapter['title'])}\n\n"
            + say(w["chapter_has"], where=where, count=count, chapter=_doc(chapter["id"]))
            + "\n"
        )
        for objective in chapter["objectives"]:
            parts.append("### " + say(w["objective"], objective=_text(objective["text"])) + "\n")
            parts.extend(_question_md(q) for q in objective["questions"])
    return Markdown("\n".join(parts))


# --------------------------------------------------------------------------- chapter map


def chapter_map() -> Markdown:
    """A table of every chapter (time, what to read first, questions), then each chapter's
    objectives and the stable links of its sections."""
    order, w = course_order(), words("teaching")
    heads = (w["map_number"], w["map_chapter"], w["map_time"], w["map_first"], w["map_questions"])
    rows = ["| " + " | ".join(heads) + " |", "|---|---|---|---|---|"]
    for n, chapter_id in enumerate(order, 1):
        c = load_chapter(chapter_id)
        first = ", ".join(_doc(p) for p in c["prerequisites"]) or w["nothing_first"]
        time = say(w["minutes_short"], minutes=c["minutes"])
        rows.append(f"| {n} | {_doc(chapter_id)} | {time} | {first} | {len(c['quiz'])} |")
    total = _minutes(order)
    out = [
        say(w["course_has"], chapters=len(order), minutes=total) + "\n",
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
            + say(w["main_message"], message=_text(c["main_message"]))
            + "\n\n"
            + say(w["time_and_link"], minutes=c["minutes"], link=f"`{chapter_id}.html`")
            + "\n\n"
            + f"{w['learners']}\n\n{objectives}\n\n"
            + f"| {w['section']} | {w['stable_link']} |\n|---|---|\n{links}\n"
        )
    return Markdown("\n".join(out))


def session_plans() -> Markdown:
    """A one-session plan and a three-session plan, with times added up from the chapters."""
    one, w = _minutes(ONE_SESSION), words("teaching")
    handout = f"{{doc}}`{w['handout_title']} </book/teach/handout-when-to-see-a-doctor>`"
    lines = [say(w["one_session"], minutes=one + DISCUSSION_MINUTES), ""]
    lines += [
        "1. " + say(w["session_chapter"], chapter=_doc(c), minutes=load_chapter(c)["minutes"]) for c in ONE_SESSION
    ]
    lines += [
        "1. " + say(w["discussion"], minutes=DISCUSSION_MINUTES),
        "1. " + say(w["handout"], handout=handout),
        "",
        w["three_sessions"],
        "",
    ]
    for n, group in enumerate(THREE_SESSIONS, 1):
        chapters = w["then"].join(_doc(c) for c in group)
        minutes = _minutes(group) + DISCUSSION_MINUTES
        lines.append(
            f"{n}. " + say(w["session"], n=n, minutes=minutes, chapters=chapters, discussion=DISCUSSION_MINUTES)
        )
    planned = {c for group in THREE_SESSIONS for c in group}
    missing = [c for c in course_order() if c not in planned]
    if missing:
        lines += ["", say(w["not_yet"], chapters=", ".join(_doc(c) for c in missing))]
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
                "(handout-selfcare)=\n## "
                + say(words("teaching")["none_of_these"], heading=_text(info["heading"]))
                + f"\n\n{_text(_numbers(info['action']))}\n"
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
        linked = escape_markdown_html(title or publisher)
        by_publisher.setdefault(publisher, []).append(f"[{linked}]({s['url']})" if s["url"] else linked)
    notes = "; ".join(f"{escape_markdown_html(p)}: {', '.join(titles)}" for p, titles in by_publisher.items())
    out.append(f"```{{container}} handout-sources\n{words('teaching')['sources']} {notes}.\n```\n")
    return Markdown("\n".join(out))


def _numbers(text: str) -> str:
    return fill_numbers(text, FALLBACK_REGION, load_symptoms()["regions"])
