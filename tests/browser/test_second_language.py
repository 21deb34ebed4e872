"""A second language is catalogue files and translated pages, with no code changed.

The fixture book tests/fixtures/second-language is in French (`language: fr`), with its own data
(one chapter, its quiz and checklist, the checker's signs, a drink), written as «placeholders». Its
catalogue is made here from the English one: every text becomes ⟦file.name⟧ with its {slots}
kept, and the locale is fr-FR. Built as the course is built, every widget must then show only
those placeholders, the data's «placeholders», numbers, and dates written in French: not one
English word from the code.
"""

from __future__ import annotations

import re

import pytest
import yaml

from ..books import ROOT, assemble, build, html_dir
from ..conftest import once_per_run, open_page, serve

pytestmark = pytest.mark.browser
ENGLISH = ROOT / "book" / "data" / "locales" / "en"
RULES = ("fields.yml", "caffeine.yml", "storage.yml", "palette.yml")  # the same in every language
PLACEHOLDER = re.compile(r"⟦[^⟧]*⟧|«[^»]*»")


def placeholders(value, name: str):
    """The English catalogue's shape, with ⟦name⟧ for every text and its {slots} kept."""
    if isinstance(value, dict):
        return {key: placeholders(text, f"{name}.{key}") for key, text in value.items()}
    slots = " ".join(dict.fromkeys(re.findall(r"\{\w+\}", value)))
    return f"⟦{name}⟧ {slots}".strip()


def french_catalogue() -> dict[str, str]:
    files = {}
    for path in sorted(ENGLISH.glob("*.yml")):
        words = placeholders(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem)
        if "locale" in words:
            words["locale"] = "fr-FR"
        files[f"book/data/locales/fr/{path.name}"] = yaml.safe_dump(words, allow_unicode=True)
    return files


def french_book() -> str:
    """Put the book together (its catalogue, and the rules and sources every language shares) and build it."""
    shared = {f"book/data/{name}": (ROOT / "book" / "data" / name).read_text(encoding="utf-8") for name in RULES}
    shared["book/references.bib"] = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    return build(assemble("second-language", extra={**french_catalogue(), **shared}))[1]


@pytest.fixture(scope="module")
def french_book_url(pytestconfig):
    once_per_run(pytestconfig, "second-language", french_book)
    with serve(html_dir("second-language")) as url:
        yield url


# Words Intl writes in French dates (months and days, long and short), the only words allowed.
FRENCH_DATE_WORDS = """() => {
  const words = new Set();
  const add = (options, dates) => dates.forEach((d) =>
    new Intl.DateTimeFormat("fr-FR", options).formatToParts(d).forEach((p) => p.type !== "literal" &&
      p.value.split(/[\\s.]+/).forEach((w) => w && words.add(w.toLowerCase()))));
  const months = [...Array(12).keys()].map((m) => new Date(2026, m, 1));
  const days = [...Array(7).keys()].map((d) => new Date(2026, 10, 1 + d));
  for (const style of ["long", "short"]) { add({ month: style }, months); add({ weekday: style }, days); }
  return [...words];
}"""

VISIBLE = """(root) => [root.innerText,
  ...[...root.querySelectorAll("[aria-label], [title], [placeholder], [alt]")].flatMap((e) =>
    ["aria-label", "title", "placeholder", "alt"].map((a) => e.getAttribute(a) || ""))].join("\\n")"""


def leftover_words(page) -> dict[str, list[str]]:
    """Per widget: the words it shows that are not placeholders, numbers or French date words."""
    allowed = set(page.evaluate(FRENCH_DATE_WORDS))
    out = {}
    for widget in page.locator("[data-widget]").all():
        text = PLACEHOLDER.sub(" ", widget.evaluate(VISIBLE))
        words = [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in allowed]
        if words:
            out[widget.get_attribute("data-widget")] = sorted(set(words))
    return out


def test_every_widget_speaks_only_the_books_language(page, watch, french_book_url):
    shown = {}
    for path in ("book/essai.html", "pages/outils.html"):
        open_page(page, french_book_url, path)
        assert page.locator("html").get_attribute("lang") == "fr"
        widgets = page.locator("[data-widget]")
        assert widgets.count() >= 2
        shown[path] = leftover_words(page)
    assert shown == {"book/essai.html": {}, "pages/outils.html": {}}
    assert watch.errors == [] and watch.external == []
