"""The course's charts: a caption, a text alternative, a data table, and the chart drawn twice.

In the book a chart is inline SVG drawn here at build time: it needs no script, shows at once and
moves nothing on the page. With a live kernel JupyterLab draws the same numbers as a plotly
figure, which a learner can hover and zoom. The numbers come from book/data/figures.yml.
"""

from __future__ import annotations

import html
import math

import plotly.graph_objects as go

from .caffeine import caffeine_curve, caffeine_left
from .catalogue import number, say, words
from .chart import Chart, accent, gridline, layout, mark, scale, tick_label, title
from .data import load_figures, load_palette
from .figure_html import WIDTH


def risk_in_proportion() -> Chart:
    """An icon array: out of 1,000 people, how many twitch and how many get MND, both over a lifetime."""
    f, w = load_figures()["risk"], words("charts")
    people, twitch, mnd = f["people"], f["twitch"], f["mnd_lifetime"]
    counts = {"people": number(people), "twitch": number(twitch), "mnd": number(mnd)}
    columns = 40
    groups = [  # (key, legend label, how many), drawn in this order from the top-left square
        ("mnd", say(w["risk_mnd"], **counts), mnd),
        ("twitch", w["risk_twitch"], twitch - mnd),
        ("neither", w["risk_neither"], people - twitch),
    ]
    colour = load_palette()["people"]
    fig = go.Figure()
    first = 0
    for key, label, count in groups:
        places = range(first, first + count)
        first += count
        fig.add_trace(
            go.Scatter(
                x=[i % columns for i in places],
                y=[i // columns for i in places],
                mode="markers",
                name=label,
                marker={"symbol": "square", "size": 7, "color": colour[key]},
                hovertemplate=f"{label}<extra></extra>",
            )
        )
    rows = -(-people // columns)
    layout(
        fig,
        say(w["risk_title"], **counts),  # short enough for a phone
        height=380,
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "font": {"size": 13}},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    fig.update_xaxes(visible=False, range=[-1, columns], fixedrange=True)
    fig.update_yaxes(visible=False, range=[rows, -1], fixedrange=True)
    # The same squares as SVG: one path per group, a legend swatch and label per group below.
    cell, top = WIDTH / columns, 34
    shapes, legend, first = [], [], 0
    legend_top = top + rows * cell + 14
    for n, (key, label, count) in enumerate(groups):
        side = cell - 1.5
        squares = "".join(
            f"M{(i % columns) * cell:.1f} {top + (i // columns) * cell:.1f}h{side:.1f}v{side:.1f}h-{side:.1f}z"
            for i in range(first, first + count)
        )
        first += count
        shapes.append(f'<path d="{squares}" fill="{colour[key]}"><title>{html.escape(label)}</title></path>')
        y = legend_top + n * 24
        legend.append(
            f'<rect x="0" y="{y:.1f}" width="14" height="14" fill="{colour[key]}"/>'
            + tick_label(22, y + 12, label, "start", 15)
        )
    drawing = title(say(w["risk_title"], **counts)) + "".join(shapes) + "".join(legend)
    return Chart(
        name="risk-in-proportion",
        figure=fig,
        alt=say(w["risk_alt"], **counts),
        caption=say(w["risk_caption"], **counts),
        headers=[say(w["risk_header_people"], **counts), w["risk_header_count"]],
        rows=[[w["risk_row_twitch"], counts["twitch"]], [w["risk_row_mnd"], counts["mnd"]]],
        drawing=drawing,
        height=legend_top + len(groups) * 24,
        sources=f["sources"],
    )


def caffeine_day() -> Chart:
    """Caffeine in the body across a day of ordinary drinks, with the amount left at bedtime."""
    f, w = load_figures()["caffeine_day"], words("charts")
    drinks = [(d["hour"], d["mg"]) for d in f["drinks"]]
    half_life, bedtime = f["half_life_hours"], f["bedtime_hour"]
    hours, mg = caffeine_curve(drinks, half_life, start=6, end=30)
    at_bed = caffeine_left(drinks, bedtime, half_life)
    clock = [f"{int(h) % 24:02d}:{int(round((h % 1) * 60)):02d}" for h in hours]
    fig = go.Figure(
        go.Scatter(
            x=hours,
            y=mg,
            mode="lines",
            line={"color": accent(), "width": 3},
            fill="tozeroy",
            customdata=clock,
            hovertemplate="%{customdata}: %{y:.0f} mg<extra></extra>",
        )
    )
    fig.add_vline(x=bedtime, line={"color": mark(), "dash": "dash", "width": 2})
    fig.add_annotation(
        x=bedtime,
        y=at_bed,
        text=say(w["caffeine_bedtime"], mg=number(round(at_bed))),
        showarrow=True,
        arrowhead=2,
        arrowcolor=mark(),
        ax=-60,
        ay=-45,
    )
    ticks = list(range(6, 31, 4))
    layout(fig, w["caffeine_title"])
    fig.update_xaxes(tickvals=ticks, ticktext=[f"{t % 24:02d}:00" for t in ticks], title_text=w["caffeine_time_axis"])
    fig.update_yaxes(title_text=w["caffeine_mg_axis"], rangemode="tozero")
    drink_words = ", ".join(
        say(w["caffeine_drink"], drink=d["label"].lower(), time=f"{d['hour']:02d}:00", mg=number(d["mg"]))
        for d in f["drinks"]
    )
    day = {"drinks": drink_words, "half_life": number(half_life), "bedtime": f"{bedtime:02d}:00"}
    day["mg"] = number(round(at_bed))
    top_mg = 50 * math.ceil(max(mg) / 50)
    x = scale(hours[0], hours[-1], 40, WIDTH - 20)  # room for the last time label
    y = scale(0, top_mg, 250, 60)
    grid = "".join(
        gridline(x(hours[0]), y(v), x(hours[-1]), y(v)) + tick_label(34, y(v) + 4, f"{v}", "end")
        for v in range(0, top_mg + 1, 50)
    )
    ticks_svg = "".join(tick_label(x(t), 268, f"{t % 24:02d}:00") for t in ticks)
    points = " ".join(f"{x(h):.1f},{y(m):.1f}" for h, m in zip(hours, mg, strict=True))
    area = f"M{x(hours[0]):.1f},{y(0):.1f} L{points} L{x(hours[-1]):.1f},{y(0):.1f}Z"
    bed_x = x(bedtime)
    drawing = (
        title(w["caffeine_title"])
        + grid
        + f'<path d="{area}" fill="{accent()}" fill-opacity="0.2"/>'
        + f'<polyline points="{points}" fill="none" stroke="{accent()}" stroke-width="3" stroke-linejoin="round"/>'
        + f'<line x1="{bed_x:.1f}" y1="{y(top_mg) - 12:.1f}" x2="{bed_x:.1f}" y2="{y(0):.1f}" stroke="{mark()}" '
        'stroke-width="2" stroke-dasharray="6 4"/>'
        + f'<circle cx="{bed_x:.1f}" cy="{y(at_bed):.1f}" r="5" fill="{mark()}"/>'
        + tick_label(bed_x - 8, y(top_mg) - 16, say(w["caffeine_bedtime"], mg=day["mg"]), "end", 14, bold=True)
        + ticks_svg
        + tick_label((x(hours[0]) + x(hours[-1])) / 2, 292, w["caffeine_time_axis"], size=14)
    )
    return Chart(
        name="caffeine-day",
        figure=fig,
        alt=say(w["caffeine_alt"], **day),
        caption=say(w["caffeine_caption"], **day),
        headers=[w["caffeine_header_time"], w["caffeine_header_mg"]],
        rows=[[c, number(round(m))] for h, c, m in zip(hours, clock, mg, strict=True) if h % 2 == 0],
        drawing=drawing,
        height=300,
        sources=f["sources"],
    )


def sleep_by_age() -> Chart:
    """Recommended hours of sleep a night by age group."""
    f, w = load_figures()["sleep_by_age"], words("charts")
    groups = f["groups"]
    span = [{"age": g["age"], "low": number(g["low"]), "high": number(g["high"])} for g in groups]
    fig = go.Figure(
        go.Bar(
            x=[g["high"] - g["low"] for g in groups],
            base=[g["low"] for g in groups],
            y=[g["age"] for g in groups],
            orientation="h",
            marker_color=accent(),
            text=[say(w["sleep_hours"], **g) for g in span],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": "#ffffff"},
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    layout(fig, w["sleep_title"])
    fig.update_xaxes(range=[4, 12], dtick=1, title_text=w["sleep_axis"])
    fig.update_yaxes(autorange="reversed")
    x = scale(4, 12, 8, WIDTH - 8)
    row, top = 52, 40
    bottom = top + len(groups) * row
    grid = "".join(gridline(x(h), top, x(h), bottom) + tick_label(x(h), bottom + 16, f"{h}") for h in range(4, 13))
    bars = "".join(
        tick_label(8, top + n * row + 16, say(w["sleep_group"], **span[n]), "start", 14)
        + f'<rect x="{x(g["low"]):.1f}" y="{top + n * row + 22:.1f}" width="{x(g["high"]) - x(g["low"]):.1f}" '
        f'height="20" rx="3" fill="{accent()}"/>'
        for n, g in enumerate(groups)
    )
    drawing = (
        title(w["sleep_title"]) + grid + bars + tick_label((x(4) + x(12)) / 2, bottom + 38, w["sleep_axis"], size=14)
    )
    return Chart(
        name="sleep-by-age",
        figure=fig,
        alt=" ".join([w["sleep_alt"], *(say(w["sleep_group"], **g) + "." for g in span)]),
        caption=w["sleep_caption"],
        headers=[w["sleep_header_age"], w["sleep_header_hours"]],
        rows=[[g["age"], say(w["sleep_range"], **g)] for g in span],
        drawing=drawing,
        height=bottom + 46,
        sources=f["sources"],
    )
