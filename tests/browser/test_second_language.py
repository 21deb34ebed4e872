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

from widgets.sources import sources

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
  ...[...root.querySelectorAll("[aria-label], [title], [placeholder], [alt]")]
    .filter((e) => !e.matches('a[href*="sources.html"]')) // a citation's title is its bibliography entry
    .flatMap((e) =>
    ["aria-label", "title", "placeholder", "alt"].map((a) => e.getAttribute(a) || ""))].join("\\n")"""


# What the code puts on a page: every widget, and the chapter's intro (main message, what to do, time).
FROM_CODE = "[data-widget], .main-message, .what-to-do, .main-message ~ p"


def leftover_words(page) -> dict[str, list[str]]:
    """Per widget (or intro part): the words it shows that are not placeholders, numbers, French date
    words or the names of sources (who published them: data from references.bib, the same in every language)."""
    allowed = set(page.evaluate(FRENCH_DATE_WORDS))
    publishers = sorted({s["label"] for s in sources(ROOT / "book").values()}, key=len, reverse=True)
    out = {}
    for widget in page.locator(FROM_CODE).all():
        text = widget.evaluate(VISIBLE)
        for label in publishers:
            text = text.replace(label, " ")
        text = PLACEHOLDER.sub(" ", text)
        words = [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in allowed]
        if words:
            out[widget.get_attribute("data-widget") or widget.get_attribute("class")] = sorted(set(words))
    return out


def use_the_chapter(page) -> None:
    """Answer a quiz question (right, then a second one wrong) and tick a trigger, as a reader would."""
    quiz = page.locator('[data-widget="quiz"]')
    for n, option in ((0, 0), (1, 1)):
        question = quiz.locator("fieldset.cw-question").nth(n)
        question.locator("input").nth(option).check()
        question.locator(".cw-check").click()
    page.locator('[data-widget="trigger-checklist"] input[type=checkbox]').first.check()


def use_the_tools(page) -> None:
    """Tick a warning sign, add a drink, send an empty diary entry (its messages) and then a good one."""
    page.locator('[data-widget="symptom-checker"] input[type=checkbox]').first.check()
    timeline = page.locator('[data-widget="caffeine-timeline"]')
    timeline.locator('[name="time"]').fill("08:00")
    timeline.locator("form button[type=submit]").click()
    diary = page.locator('[data-widget="twitch-diary"]')
    diary.locator("form button[type=submit]").click()  # nothing filled in: every required field says so
    diary.locator('[name="when"]').fill("2026-11-01T08:00")
    diary.locator('[name="area"]').select_option("calf")
    diary.locator('[name="duration_min"]').fill("2")
    diary.locator("form button[type=submit]").click()
    diary.locator(".cw-entry-list li").first.wait_for()


def test_every_widget_speaks_only_the_books_language(page, watch, french_book_url):
    shown = {}
    for path, use in (("book/essai.html", use_the_chapter), ("pages/outils.html", use_the_tools)):
        open_page(page, french_book_url, path)
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.locator("[data-widget]").count() >= 2
        shown[path] = leftover_words(page)
        use(page)
        shown[path + " (used)"] = leftover_words(page)
    assert shown == {key: {} for key in shown}
    assert "⟦" in page.locator('[data-widget="twitch-diary"]').inner_text()  # the placeholders did arrive
    assert watch.errors == [] and watch.external == []
