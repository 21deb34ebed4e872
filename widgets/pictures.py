"""One picture per chapter that helps the reader act: inline SVG, drawn from the course's data.

The words and numbers are in book/data/figures.yml; the four levels of urgency (their names,
colours and what to do) are symptoms.yml's own, so a picture never disagrees with the checker.
Each function returns a Picture (widgets/figure_html.py): HTML in the book, and in JupyterLab.

    from widgets.pictures import fast_check
    fast_check()
"""

from __future__ import annotations

import math

from .catalogue import say, words
from .data import load_figures, load_symptoms
from .figure_html import SIZE, WIDTH, Picture, box, level_colours, line_height, text_lines, wrap
from .signs import level_names
from .triage import FALLBACK_REGION, fill_numbers

TITLE = 19  # the size of a picture's own heading
LH = line_height()


def _levels() -> dict:
    """symptoms.yml's levels, most urgent first, with {emergency} and {urgent} filled in for every place."""
    symptoms = load_symptoms()

    def fill(text: str) -> str:  # the checker's own rule, with every place's numbers
        return fill_numbers(text, FALLBACK_REGION, symptoms["regions"])

    levels = symptoms["levels"]
    return {
        name: {
            **levels[name],
            "heading": fill(levels[name]["heading"]),
            "action": fill(levels[name]["action"]),
            "fill": fill,
        }
        for name in level_names()
    }


def _heading(text: str) -> tuple[str, float]:
    """The picture's own heading at the top; returns the SVG and the y where the drawing starts."""
    lines = wrap(text, WIDTH, TITLE, bold=True)
    return text_lines(0, TITLE, lines, TITLE, bold=True), TITLE + (len(lines) - 1) * line_height(TITLE) + 18


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def urine_colour() -> Picture:
    """A pee-colour chart, pale to dark, each shade named and explained in words."""
    f = load_figures()["urine_colour"]
    body, y = _heading(f["title"])
    aims = [s for s in f["swatches"] if s.get("aim")]
    aim_words = say(words("pictures")["urine_aim"], colour=aims[-1]["name"].lower()) if aims else ""
    rows, text_x = [], 96
    for swatch in f["swatches"]:
        lines = [(swatch["name"], True), *((line, False) for line in wrap(swatch["meaning"], WIDTH - text_x - 12))]
        rows.append((swatch, lines, max(60, len(lines) * LH + 20)))
    if aims:
        body += text_lines(8, y + SIZE, [aim_words], bold=True)
        group_h = sum(h + 8 for s, _, h in rows if s.get("aim")) + 4
        body += (
            f'<rect x="1" y="{y + 26:g}" width="{WIDTH - 2}" height="{group_h:g}" rx="10" fill="none" '
            'stroke="currentColor" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        y += 32
    for swatch, lines, h in rows:
        body += (
            f'<rect x="10" y="{y:g}" width="72" height="{h - 4:g}" rx="8" fill="{swatch["colour"]}" '
            'stroke="currentColor" stroke-width="1.5"/>'
        )
        top = y + (h - 4 - len(lines) * LH) / 2 + SIZE - 2
        for i, (line, bold) in enumerate(lines):
            body += text_lines(text_x, top + i * LH, [line], bold=bold)
        y += h + 8
    footer = wrap(f["advice"], WIDTH - 8)
    body += text_lines(0, y + SIZE + 6, footer)
    y += 6 + len(footer) * LH + 8
    w = words("pictures")
    shades = " ".join(say(w["urine_shade"], name=s["name"], meaning=s["meaning"].lower()) for s in f["swatches"])
    desc = say(w["urine_desc"], shades=shades, aim=aim_words, advice=f["advice"])
    return Picture("urine-colour", f["title"], " ".join(desc.split()), body, y, f["caption"], f["sources"])


def fast_check() -> Picture:
    """FAST: the four checks for a stroke, the last one to call the emergency number."""
    f, level = load_figures()["fast_check"], _levels()["emergency"]
    colour = level_colours()[level["colour"]]
    body, y = _heading(f["title"])
    said = []
    for step in f["steps"]:
        check = level["fill"](step["check"])
        lines = wrap(check, WIDTH - 84, bold="{emergency}" in step["check"])
        h = max(64, (len(lines) + 1) * LH + 18)
        body += box(0, y, WIDTH, h, colour, stripe=False)
        body += (
            f'<circle cx="38" cy="{y + h / 2:g}" r="25" fill="{colour}" fill-opacity="0.2" '
            f'stroke="{colour}" stroke-width="3"/>'
        )
        body += text_lines(38, y + h / 2 + 10, [step["letter"]], 28, bold=True, text_anchor="middle")
        top = y + (h - (len(lines) + 1) * LH) / 2 + SIZE - 2
        urgent = "{emergency}" in step["check"]  # the step that says to call: in bold
        body += text_lines(76, top, [step["word"]], bold=True) + text_lines(76, top + LH, lines, bold=urgent)
        said.append(say(words("pictures")["fast_step"], letter=step["letter"], word=step["word"], check=check))
        y += h + 8
    desc = say(words("pictures")["fast_desc"], title=f["title"], steps=" ".join(said))
    return Picture("fast-check", f["title"], desc, body, y, f["caption"], f["sources"])


def four_levels() -> Picture:
    """The checker's four levels, most urgent first: what to do, how soon, and example signs."""
    f = load_figures()["four_levels"]
    signs = {s["id"]: s for s in load_symptoms()["symptoms"]}
    body, y = _heading(f["title"])
    w = words("pictures")
    body += text_lines(0, y + 2, [w["levels_top"]])
    y += 18
    said, sources = [], list(f["sources"])
    for number, (name, level) in enumerate(_levels().items(), start=1):
        examples = [signs[i] for i in f["examples"][name]]
        sources += [s["source"] for s in examples if s["source"] and s["source"] not in sources]
        parts = [
            ([f"{number}. {level['short']}"], 18, True),
            (wrap(level["heading"], WIDTH - 40, bold=True), SIZE, True),
            (wrap(_first_sentence(level["action"]), WIDTH - 36), SIZE, False),
            ([w["levels_example"]], SIZE, False),
        ]
        bullets = [wrap(s["label"], WIDTH - 56) for s in examples]
        h = 16 + sum(len(lines) * line_height(size) for lines, size, _ in parts) + sum(len(b) * LH for b in bullets)
        body += box(0, y, WIDTH, h, level_colours()[level["colour"]])
        ty = y + 8
        for lines, size, bold in parts:
            body += text_lines(22, ty + size, lines, size, bold=bold)
            ty += len(lines) * line_height(size)
        for lines in bullets:
            body += f'<circle cx="30" cy="{ty + SIZE - 5:g}" r="3.5" fill="currentColor"/>'
            body += text_lines(42, ty + SIZE, lines)
            ty += len(lines) * LH
        said.append(
            say(
                w["levels_said"],
                number=number,
                short=level["short"],
                colour=level["colour"],
                heading=level["heading"],
                action=_first_sentence(level["action"]),
                examples="; ".join(s["label"] for s in examples),
            )
        )
        y += h + 10
    desc = say(w["levels_desc"], title=f["title"], levels=" ".join(said))
    return Picture("four-levels", f["title"], desc, body, y, f["caption"], sources)


def _arrow_down(x: float, y: float, length: float = 26) -> str:
    end = y + length
    return (
        f'<line x1="{x:g}" y1="{y:g}" x2="{x:g}" y2="{end - 8:g}" stroke="currentColor" stroke-width="3"/>'
        f'<path d="M{x - 9:g} {end - 10:g} L{x + 9:g} {end - 10:g} L{x:g} {end:g} Z" fill="currentColor"/>'
    )


def three_steps() -> Picture:
    """Three situations and what to do in each: each 'if' box points to its 'then' box."""
    f, levels = load_figures()["three_steps"], _levels()
    body, y = _heading(f["title"])
    said = []
    for step in f["steps"]:
        level = levels[step["level"]]
        colour = level_colours()[level["colour"]]
        if_text = say(words("pictures")["steps_if"], when=step["when"][0].lower() + step["when"][1:])
        when = wrap(if_text, WIDTH - 28)
        h = len(when) * LH + 18
        body += (
            f'<rect x="0" y="{y:g}" width="{WIDTH}" height="{h:g}" rx="8" fill="none" '
            'stroke="currentColor" stroke-width="1.5"/>'
        )
        body += text_lines(14, y + 9 + SIZE, when)
        y += h
        body += _arrow_down(40, y + 2)
        y += 32
        then = say(words("pictures")["steps_then"], heading=level["heading"])
        do = [(line, True) for line in wrap(then, WIDTH - 36, bold=True)]
        do += [(line, False) for line in wrap(step.get("detail", ""), WIDTH - 36)]
        h = len(do) * LH + 18
        body += box(0, y, WIDTH, h, colour)
        for i, (line, bold) in enumerate(do):
            body += text_lines(22, y + 9 + SIZE + i * LH, [line], bold=bold)
        said.append(
            say(
                words("pictures")["steps_said"],
                if_text=if_text,
                heading=level["heading"],
                detail=step.get("detail", ""),
            ).strip()
        )
        y += h + 22
    desc = say(words("pictures")["steps_desc"], title=f["title"], steps=" ".join(" ".join(s.split()) for s in said))
    return Picture("three-steps", f["title"], desc, body, y - 12, f["caption"], f["sources"])


def slow_breathing() -> Picture:
    """One slow breath as a wave: up while breathing in, down while breathing out, then again."""
    f = load_figures()["slow_breathing"]
    n_in, n_out = f["in_count"], f["out_count"]
    body, y = _heading(f["title"])
    left, right, half = 14, WIDTH - 14, (WIDTH - 28) * n_in / (n_in + n_out)
    col_w = (WIDTH - 28) / 2 - 8
    labels = [wrap(f["in_words"], col_w, bold=True), wrap(f["out_words"], col_w, bold=True)]
    for i, lines in enumerate(labels):
        body += text_lines(left + i * (col_w + 16), y + SIZE, lines, bold=True)
    y += max(len(lines) for lines in labels) * LH + 14
    top, bottom = y, y + 110
    points = []
    for k in range(0, 101):
        t = k / 100
        x = left + t * (right - left)
        phase = (x - left) / half if x - left <= half else 1 + (x - left - half) / (right - left - half)
        points.append(f"{x:.1f},{bottom - (bottom - top) * (1 - math.cos(phase * math.pi)) / 2:.1f}")
    blue = level_colours()["blue"]
    body += f'<polygon points="{left},{bottom} {" ".join(points)} {right},{bottom}" fill="{blue}" fill-opacity="0.14"/>'
    body += (
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{blue}" stroke-width="4" stroke-linecap="round"/>'
    )
    body += f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="currentColor" stroke-width="1.5"/>'
    counts = [(left + half * (i + 0.5) / n_in, i + 1) for i in range(n_in)]
    counts += [(left + half + (right - left - half) * (i + 0.5) / n_out, i + 1) for i in range(n_out)]
    for x, number in counts:
        body += text_lines(x, bottom + 22, [str(number)], text_anchor="middle")
    body += (
        f'<line x1="{left + half:g}" y1="{top - 6:g}" x2="{left + half:g}" y2="{bottom + 4:g}" '
        'stroke="currentColor" stroke-width="1" stroke-dasharray="3 3"/>'
    )
    y = bottom + 30
    body += text_lines(0, y + SIZE, [say(words("pictures")["breath_count"], n_in=n_in, n_out=n_out)], bold=True)
    y += LH + 8
    for note in f["notes"]:
        lines = wrap(note, WIDTH - 20)
        body += f'<circle cx="5" cy="{y + SIZE - 5:g}" r="3.5" fill="currentColor"/>' + text_lines(16, y + SIZE, lines)
        y += len(lines) * LH + 4
    desc = say(
        words("pictures")["breath_desc"],
        breathe_in=f["in_words"].lower(),
        breathe_out=f["out_words"].lower(),
        n_in=n_in,
        n_out=n_out,
        notes=" ".join(f["notes"]),
    )
    return Picture("slow-breathing", f["title"], desc, body, y + 4, f["caption"], f["sources"])


__all__ = ["urine_colour", "fast_check", "four_levels", "three_steps", "slow_breathing"]
