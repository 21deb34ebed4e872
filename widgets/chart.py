"""One chart: a figure a reader can see (inline SVG), hear (a text alternative) and read (a data
table with its sources), and the small SVG pieces the course's charts are drawn from."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

import plotly.graph_objects as go

from .catalogue import words
from .figure_html import Picture, level_colours, source_list, text_lines

TICK = 13  # tick labels, in viewBox units


# Lines, bars and marks (book/data/palette.yml) keep 3:1 or more on the light and the dark page;
# text is the page's colour.
def accent() -> str:
    return level_colours()["blue"]


def mark() -> str:
    return level_colours()["amber"]


@dataclass
class Chart:
    """A figure a reader can see, hear (alt text) and read (table)."""

    name: str
    figure: go.Figure
    alt: str
    caption: str
    headers: list[str]
    rows: list[list[str]]
    drawing: str  # the SVG's shapes and words, in a WIDTH-wide viewBox
    height: float
    sources: list[dict] = field(default_factory=list)

    def figure_json(self) -> dict:
        return json.loads(self.figure.to_json())

    def svg(self) -> str:
        title = (self.figure.layout.title.text or self.caption).strip()
        return Picture(f"chart-{self.name}", title, self.alt, self.drawing, self.height, self.caption).svg()

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in self.headers)
        body = "".join("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>" for row in self.rows)
        # figure > chart, details, figcaption: a figcaption must be the first or the last child.
        summary = esc(words("book")["show_numbers_and_sources"])
        return (
            f'<figure class="course-chart" id="chart-{esc(self.name)}">'
            f'<div class="chart-drawing">{self.svg()}</div>'
            f'<details class="chart-data figure-details"><summary>{summary}</summary>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{source_list(self.sources)}</details>"
            f"<figcaption>{esc(self.caption)}</figcaption>"
            "</figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": self._repr_html_(),
            "application/vnd.plotly.v1+json": self.figure_json(),
            "text/plain": f"{self.caption} {self.alt}",
        }


def layout(fig: go.Figure, title: str, **extra) -> go.Figure:
    fig.update_layout(
        {
            "template": "none",
            "title": {"text": title, "x": 0, "xanchor": "left"},
            "margin": {"l": 10, "r": 10, "t": 50, "b": 40},
            "height": 340,
            "showlegend": False,
            "font": {"size": 14},
            **extra,
        }
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def title(text: str) -> str:
    return text_lines(0, 18, [text], 17, bold=True)


def scale(lo: float, hi: float, start: float, end: float):
    """A function from data values (lo..hi) to viewBox positions (start..end)."""
    return lambda v: start + (v - lo) / (hi - lo) * (end - start)


def gridline(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="currentColor" '
        'stroke-opacity="0.3" stroke-width="1"/>'
    )


def tick_label(x: float, y: float, text: str, anchor: str = "middle", size: float = TICK, bold: bool = False) -> str:
    return text_lines(x, y, [text], size, bold=bold, text_anchor=anchor)
