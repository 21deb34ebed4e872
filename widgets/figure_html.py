"""What the course's charts and pictures share: the source list, and a picture as inline SVG.

A picture is a <figure class="course-picture">: an SVG with role="img" whose <title> and <desc>
say everything it shows, then the sources in a <details>, then a <figcaption> that says what the
picture means for the reader. Colours work on the light and the dark page: text and outlines use
currentColor (the page's text colour); the four level colours keep 3:1 on both backgrounds.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field

from .catalogue import words
from .data import load_palette

esc = html.escape


def level_colours() -> dict[str, str]:
    """The four levels' colours (book/data/palette.yml): 3.7:1 or more on the light and the dark page."""
    return load_palette()["levels"]


WIDTH = 360  # every picture's viewBox is this wide: about the width of a phone's page
SIZE = 16  # the body text size, in viewBox units (about 16 px on a phone)


def source_list(sources: list[dict]) -> str:
    """The sources as links whose text says who published what ('NHS: Stroke'), for charts and pictures."""
    items = "".join(
        f'<li><a href="{esc(s["url"])}">{esc(s["title"])}</a></li>' if s["url"] else f"<li>{esc(s['title'])}</li>"
        for s in sources
    )
    return f'<p class="figure-sources-heading">Sources:</p><ul class="figure-sources">{items}</ul>' if items else ""


def wrap(text: str, width_units: float, size: float = SIZE, bold: bool = False) -> list[str]:
    """Split text into lines that fit width_units at this font size (SVG text does not wrap)."""
    per_char = size * (0.6 if bold else 0.55)  # a little wider than an average letter, to be safe
    return textwrap.wrap(" ".join(text.split()), max(8, int(width_units / per_char)))


def text_lines(x: float, y: float, lines: list[str], size: float = SIZE, bold: bool = False, **attrs) -> str:
    """SVG text, one <tspan> a line; y is the first line's baseline."""
    extra = "".join(f' {k.replace("_", "-")}="{esc(str(v))}"' for k, v in attrs.items())
    weight = ' font-weight="700"' if bold else ""
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else size * 1.3:g}">{esc(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text x="{x:g}" y="{y:g}" font-size="{size:g}"{weight} fill="currentColor"{extra}>{spans}</text>'


def line_height(size: float = SIZE) -> float:
    return size * 1.3


def box(x: float, y: float, w: float, h: float, colour: str, stripe: bool = True) -> str:
    """A box tinted with a colour and outlined in it, with a thick stripe down its left side."""
    out = (
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="8" fill="{colour}" fill-opacity="0.14" '
        f'stroke="{colour}" stroke-width="2"/>'
    )
    if stripe:
        out += f'<rect x="{x:g}" y="{y:g}" width="10" height="{h:g}" rx="4" fill="{colour}"/>'
    return out


@dataclass
class Picture:
    """A picture a reader can see, hear (its title and description) and act on (its caption)."""

    name: str
    title: str
    desc: str
    body: str  # the SVG's drawing, in a WIDTH-wide viewBox
    height: float
    caption: str
    sources: list[dict] = field(default_factory=list)

    def svg(self) -> str:
        ident = f"picture-{esc(self.name)}"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {self.height:g}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc" width="100%" '
            'style="display:block;width:100%;max-width:28rem;height:auto;overflow:visible" '
            'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif">'
            f'<title id="{ident}-title">{esc(self.title)}</title><desc id="{ident}-desc">{esc(self.desc)}</desc>'
            f"{self.body}</svg>"
        )

    def _repr_html_(self) -> str:
        summary = esc(words("book")["show_sources"])
        return (
            f'<figure class="course-picture" id="picture-{esc(self.name)}">{self.svg()}'
            f'<details class="figure-details"><summary>{summary}</summary>{source_list(self.sources)}</details>'
            f"<figcaption>{esc(self.caption)}</figcaption></figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": f"{self.title}. {self.desc} {self.caption}"}
