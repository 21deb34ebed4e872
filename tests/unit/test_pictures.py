"""The pictures (widgets/pictures.py) and the HTML charts and pictures share: a figure, an SVG with
a text alternative, the sources in <details>, then a caption that says what it means for the reader."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from widgets import charts, course_files, data, pictures, sources
from widgets.figure_html import level_colours, source_list

PICTURES = {
    "urine-colour": pictures.urine_colour,
    "fast-check": pictures.fast_check,
    "four-levels": pictures.four_levels,
    "three-steps": pictures.three_steps,
    "slow-breathing": pictures.slow_breathing,
}
CHARTS = [charts.risk_in_proportion, charts.caffeine_day, charts.sleep_by_age]


class Figure(HTMLParser):
    """The parts of one <figure>: its children in order, the SVG's labels, the text of each part."""

    def __init__(self, markup: str):
        super().__init__()
        self.stack: list[str] = []
        self.children: list[str] = []  # the figure's own children, by tag
        self.figure: dict = {}
        self.svg: dict = {}
        self.ids: dict[str, str] = {}  # element id -> its text
        self.text: dict[str, str] = {"figcaption": "", "details": "", "svg": ""}
        self.links: list[tuple[str, str]] = []
        self._id_stack: list[str | None] = []
        self._href: str | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and not self.stack:
            self.figure = attrs
        elif len(self.stack) == 1 and self.stack[0] == "figure":
            self.children.append(tag)
        if tag == "svg":
            self.svg = attrs
        if tag == "a":
            self._href = attrs.get("href")
            self.links.append((self._href, ""))
        self._id_stack.append(attrs.get("id"))
        if attrs.get("id"):
            self.ids[attrs["id"]] = ""
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()
        self._id_stack.pop()
        if tag == "a":
            self._href = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_data(self, text):
        for part in ("figcaption", "details", "svg"):
            if part in self.stack:
                self.text[part] += text
        for ident in filter(None, self._id_stack):
            self.ids[ident] += text
        if self._href is not None:
            href, words = self.links[-1]
            self.links[-1] = (href, words + text)


def alt_text(fig: Figure) -> str:
    """What a screen reader says for the SVG: the elements aria-labelledby names, or aria-label."""
    if "aria-labelledby" in fig.svg:
        return " ".join(fig.ids[i] for i in fig.svg["aria-labelledby"].split())
    return fig.svg.get("aria-label", "")


@pytest.mark.parametrize("name", PICTURES)
def test_a_picture_is_a_figure_with_an_svg_a_text_alternative_sources_and_a_caption(name):
    picture = PICTURES[name]()
    markup = picture._repr_html_()
    fig = Figure(markup)
    assert fig.stack == [], "every tag is closed"
    assert fig.figure == {"class": "course-picture", "id": f"picture-{name}"}
    assert fig.children == ["svg", "details", "figcaption"], "details before the figcaption, which comes last"
    assert fig.svg["role"] == "img" and fig.svg["viewbox"].startswith("0 0 360 ")
    assert "width:100%" in fig.svg["style"], "fits a phone: it shrinks to the page's width"
    alt = alt_text(fig)
    assert len(alt.split()) >= 15, alt
    assert fig.text["figcaption"].startswith("What this means for you:")
    assert not re.search(r"\(\d{4}\)|et al\.", fig.text["figcaption"]), "no author-year labels in a caption"
    assert picture.sources and all(s["title"] and s["url"] for s in picture.sources)
    assert [h for h, _ in fig.links] == [s["url"] for s in picture.sources]
    assert [w for _, w in fig.links] == [s["title"] for s in picture.sources]
    assert "<script" not in markup and not re.search(r"\b(href|src)=", picture.svg()), "no script, no request"
    bundle = picture._repr_mimebundle_()
    assert bundle["text/html"] == markup and picture.caption in bundle["text/plain"]


@pytest.mark.parametrize("name", PICTURES)
def test_no_text_is_smaller_than_about_14_px_on_a_390_px_phone(name):
    svg = PICTURES[name]().svg()
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    assert sizes and min(sizes) * 342 / width >= 14, "342 px: the picture's width on a 390 px phone"


@pytest.mark.parametrize("name", PICTURES)
def test_the_drawing_stays_inside_its_viewbox(name):
    svg = PICTURES[name]().svg()
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    xs = [float(x) for x in re.findall(r'\bx="(-?[\d.]+)"', svg)]
    ys = [float(y) for y in re.findall(r'\by="(-?[\d.]+)"', svg)]
    widths = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    assert min(xs) >= 0 and max(xs) <= width
    assert all(float(x) + float(w) <= width for x, w in widths)
    assert min(ys) >= 0 and max(ys) < height


def test_four_levels_are_the_checkers_levels_in_order():
    symptoms = data.load_symptoms()
    levels = sorted(symptoms["levels"].values(), key=lambda level: -level["rank"])
    picture = pictures.four_levels()
    alt = alt_text(Figure(picture._repr_html_()))
    numbers = symptoms["regions"]["all"]
    found = [alt.index(f"Level {n}, {level['short']} ({level['colour']})") for n, level in enumerate(levels, start=1)]
    assert found == sorted(found), "most urgent first, as symptoms.yml ranks them"
    for level in levels:
        assert level["heading"].format(**numbers) in alt
    stripes = re.findall(r'width="10" height="[\d.]+" rx="4" fill="(#[0-9a-f]{6})"', picture.svg())
    assert stripes == [level_colours()[level["colour"]] for level in levels], "each level in its own colour"
    examples = data.load_figures()["four_levels"]["examples"]
    signs = {s["id"]: s for s in symptoms["symptoms"]}
    for name, ids in examples.items():
        for sign_id in ids:
            assert signs[sign_id]["label"] in alt and signs[sign_id]["level"] == name
            assert signs[sign_id]["source"]["key"] in {s["key"] for s in picture.sources}


def test_fast_spells_face_arms_speech_time_and_gives_every_emergency_number():
    picture = pictures.fast_check()
    alt = alt_text(Figure(picture._repr_html_()))
    for letter, word in zip("FAST", ["Face", "Arms", "Speech", "Time"], strict=True):
        assert f"{letter} is for {word}:" in alt
    assert "999 (UK), 911 (US) or 112 (EU)" in alt and "{" not in alt
    assert [s["key"] for s in picture.sources] == ["nhs-stroke"]


def test_urine_colours_are_named_in_words_and_aim_for_pale():
    picture = pictures.urine_colour()
    fig = Figure(picture._repr_html_())
    alt = alt_text(fig)
    swatches = data.load_figures()["urine_colour"]["swatches"]
    for swatch in swatches:
        assert f"{swatch['name']}: {swatch['meaning'].lower()}." in alt
        assert swatch["name"] in fig.text["svg"], "the colour is named on the picture too"
    assert "pale yellow" in alt.lower() and "drink more" in alt.lower() and "6 to 8" in alt
    assert {s["key"] for s in picture.sources} == {"nhs-water", "nhs-dehydration"}


def test_three_steps_go_from_triggers_to_a_gp_to_an_ambulance():
    picture = pictures.three_steps()
    alt = alt_text(Figure(picture._repr_html_()))
    first, second, third = (alt.index(w) for w in ("on its own", "more than 2 weeks", "face drooping"))
    assert first < second < third
    assert "caffeine" in alt and "GP" in alt and "999 (UK), 911 (US) or 112 (EU)" in alt
    assert picture.svg().count("<path") == 3, "three arrows"
    assert {"nhs-twitching", "nice-ng127"} <= {s["key"] for s in picture.sources}


def test_slow_breathing_uses_the_chapters_counts_and_warns_against_fast_breathing():
    picture = pictures.slow_breathing()
    alt = alt_text(Figure(picture._repr_html_()))
    anxiety = (course_files.book_dir() / "anxiety.md").read_text(encoding="utf-8")
    f = data.load_figures()["slow_breathing"]
    assert f"Count from 1 to {f['in_count']}" in anxiety and f"Count from 1 to {f['out_count']} again" in anxiety
    assert "through your nose" in alt and "through your mouth" in alt and "3 to 5 minutes" in alt
    assert "Do not hold your breath" in alt and "tingling" in alt
    assert "nhs-breathing" in {s["key"] for s in picture.sources}


@pytest.mark.parametrize("make", CHARTS, ids=lambda f: f.__name__)
def test_a_chart_has_its_numbers_and_sources_in_details_before_a_caption_for_the_reader(make):
    chart = make()
    fig = Figure(chart._repr_html_())
    assert fig.stack == []
    assert fig.children == ["div", "details", "figcaption"]
    assert "Show the numbers and sources" in fig.text["details"]
    assert [w for _, w in fig.links] == [s["title"] for s in chart.sources]
    assert "What this means for you:" in fig.text["figcaption"]
    assert "Source" not in fig.text["figcaption"] and not re.search(r"\(\d{4}\)", fig.text["figcaption"])


@pytest.mark.parametrize("make", CHARTS, ids=lambda f: f.__name__)
def test_no_chart_uses_a_log_axis(make):
    layout = make().figure_json()["layout"]
    axes = [value for key, value in layout.items() if re.fullmatch(r"[xy]axis\d*", key)]
    assert axes and all(axis.get("type") != "log" for axis in axes)


def test_the_blood_ranges_chart_is_gone():
    assert not hasattr(charts, "blood_ranges")
    assert "blood_ranges" not in data.load_figures()


def test_a_source_list_names_each_source_by_who_and_what():
    nhs = {"key": "nhs-stroke", **sources.sources()["nhs-stroke"]}
    assert nhs["title"] == "NHS: Stroke"
    assert '<a href="https://www.nhs.uk/conditions/stroke/">NHS: Stroke</a>' in source_list([nhs])
    assert source_list([]) == ""


@pytest.mark.parametrize("make", CHARTS, ids=lambda m: m.__name__)
def test_every_word_of_a_chart_fits_its_width(make):
    """SVG text does not wrap: each line, at a letter's width that errs wide, stays inside the viewBox."""
    svg = make().svg()
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    for attrs, text in re.findall(r"<text([^>]*)>(.*?)</text>", svg):
        size = float(re.search(r'font-size="([\d.]+)"', attrs).group(1))
        x = float(re.search(r'\bx="(-?[\d.]+)"', attrs).group(1))
        anchor = (re.search(r'text-anchor="(\w+)"', attrs) or [None, "start"])[1]
        for line in re.findall(r"<tspan[^>]*>(.*?)</tspan>", text):
            length = len(html.unescape(line)) * size * (0.6 if "font-weight" in attrs else 0.55)
            left = {"start": x, "middle": x - length / 2, "end": x - length}[anchor]
            assert left >= 0 and left + length <= width, (line, left, left + length)
