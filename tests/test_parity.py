"""Python and the browser agree: every rule that both must apply, run on the same inputs in both.

Each rule lives in a pair of files with the same name, widgets/<name>.py and widgets/static/<name>.js,
with the same functions. Here the JavaScript files are loaded on their own into an empty page of
headless Chromium (no book needed) and compared with Python:
- triage: the symptom checker's level and the numbers it names (triage.py / triage.js);
- caffeine: the formula, bedtime and the latest stop time (caffeine.py / caffeine.js);
- fields: every validation rule and its message (fields.py / fields.js);
- csvfile: reading and writing the diary as CSV (csvfile.py / csvfile.js).
"""

from __future__ import annotations

import itertools
import random

import pytest

from widgets.caffeine import bedtime_hour, caffeine_left, guidance, half_life_range, hour_of_day, latest_stop_hour
from widgets.catalogue import words
from widgets.csvfile import parse_csv, to_csv
from widgets.data import load_fields, load_symptoms
from widgets.fields import form, validate
from widgets.triage import fill_numbers, triage

from .conftest import ROOT

pytestmark = pytest.mark.browser
STATIC = ROOT / "widgets" / "static"
NOW = "2026-11-22T12:00"
SYMPTOMS = load_symptoms()


def load(page, *names: str) -> None:
    """An empty page with static/<name>.js loaded, in order (each file's `uses` line says what comes first)."""
    page.set_content('<!doctype html><html lang="en"><body></body></html>')
    page.add_script_tag(content="\n".join((STATIC / f"{name}.js").read_text(encoding="utf-8") for name in names))


def in_browser(page, expression: str, arg):
    """Evaluate `expression` (or a { block }) in the page, with `arg` as `arg`, and `arg.say` the
    words of the catalogue's csvfile part (common.js: sayer)."""
    body = expression if expression.startswith("{") else f"{{ return {expression}; }}"
    return page.evaluate(
        f"(arg) => {{ if (typeof sayer === 'function') arg.say = sayer({{ get: () => arg.words }}); {body} }}", arg
    )


# --------------------------------------------------------------------------- triage


def test_triage_agrees_on_every_single_sign_every_pair_and_a_random_sample(page):
    ids = [s["id"] for s in SYMPTOMS["symptoms"]]
    rng = random.Random(20261122)
    combos = [[], *([i] for i in ids), *(list(p) for p in itertools.combinations(ids, 2))]
    combos += [rng.sample(ids, rng.randint(3, len(ids))) for _ in range(2000)]
    load(page, "triage")
    browser = in_browser(
        page, "arg.combos.map(c => triage(c, arg.symptoms, arg.levels))", {"combos": combos, **SYMPTOMS}
    )
    assert browser == [triage(c, SYMPTOMS["symptoms"], SYMPTOMS["levels"]) for c in combos]
    assert len(combos) > 2000


def test_the_numbers_named_agree_for_every_region_and_for_nonsense(page):
    regions = [*SYMPTOMS["regions"], "", "mars", "__proto__", "toString"]
    texts = [level[part] for level in SYMPTOMS["levels"].values() for part in ("heading", "action")]
    load(page, "triage")
    browser = in_browser(
        page,
        "arg.regions.map(r => arg.texts.map(t => fillNumbers(t, r, arg.all)))",
        {"regions": regions, "texts": texts, "all": SYMPTOMS["regions"]},
    )
    assert browser == [[fill_numbers(t, r, SYMPTOMS["regions"]) for t in texts] for r in regions]


# --------------------------------------------------------------------------- caffeine


def test_caffeine_formula_agrees_to_the_milligram(page):
    rng = random.Random(5)
    cases = [
        {
            "drinks": [
                [round(rng.uniform(4, 28), 2), rng.choice([1, 40, 75, 140, 333.33, 1000])]
                for _ in range(rng.randint(0, 12))
            ],
            "hour": round(rng.uniform(4, 28), 2),
            "hl": rng.choice([1.5, 2.5, 5, 7.5, 9.5]),
        }
        for _ in range(300)
    ]
    load(page, "caffeine")
    got = in_browser(
        page,
        "arg.cases.map(c => caffeineLeft(c.drinks, c.hour, c.hl, arg.range))",
        {"cases": cases, "range": list(half_life_range())},
    )
    for case, js in zip(cases, got, strict=True):
        py = caffeine_left([tuple(d) for d in case["drinks"]], case["hour"], case["hl"])
        assert abs(js - py) < 1e-6, case


@pytest.mark.parametrize("bedtime", ["21:00", "23:59", "00:30", "03:59", "04:00", "06:00"])
def test_bedtime_and_the_latest_stop_time_agree(page, bedtime):
    day_start, limit = guidance()["day_start"], guidance()["bedtime_mg"]
    drink_sets = [
        [("08:00", 140), ("17:30", 300)],
        [("07:00", 1000), ("08:00", 1000)],
        [("23:00", 100), ("02:00", 100)],
        [],
    ]
    load(page, "caffeine")
    for drinks in drink_sets:
        hours = [[hour_of_day(t), mg] for t, mg in drinks]
        bed = bedtime_hour(bedtime, [h for h, _ in hours])
        arg = {"bedtime": bedtime, "clocks": [t for t, _ in drinks], "hours": hours, "start": day_start}
        js = in_browser(
            page,
            "{ const hours = arg.hours.map(h => h[0]); const bed = bedtimeHour(arg.bedtime, hours, arg.start);"
            " return { clock: arg.clocks.map(c => hourOfDay(c, arg.start)), bed,"
            " stop: latestStopHour(arg.hours, bed, 5, arg.limit, arg.start, 0.25, arg.range) }; }",
            {**arg, "limit": limit, "range": list(half_life_range())},
        )
        assert js["clock"] == [h for h, _ in hours]
        assert js["bed"] == pytest.approx(bed)
        assert js["stop"] == latest_stop_hour([tuple(h) for h in hours], bed, 5), (drinks, bedtime)


# --------------------------------------------------------------------------- fields


def random_value(rng, field):
    pool = {
        "datetime": [
            "2026-11-22T11:59",
            "2026-11-22T12:01",
            "2030-01-01T00:00",
            "1999-12-31T23:59",
            "2026-02-30T10:00",
            "2026-11-01 08:30",
            "yesterday",
            "",
            "2026-11-01T24:00",
        ],
        "time": ["08:00", "8:05", "24:00", "23:59", "7", "", "12:60"],
        "day": ["2026-11-22", "2026-02-29", "2028-02-29", "2026-13-01", "26-11-22", "", " 2026-11-22 ", "today"],
        "number": [
            "0",
            "7",
            "7.5",
            "7.25",
            "7.125",
            "-1",
            "24",
            "24.01",
            "30",
            "10000",
            "abc",
            "7,5",
            "2,25",
            "1,000",
            "-0,5",
            ",5",
            "",
            " 3 ",
            "-0",
            "1e3",
            "٣",
            "1440",
            "3000",
            "1000",
            "1",
        ],
        "choice": ["calf", "Calf or foot", "CALF", "elbow", "", "none", "Hard (out of breath)", "moderate"],
        "text": ["", "fine", " padded ", "x" * 500, "x" * 501, "é" * 500, "😀" * 500, "😀" * 501, "line\r\nbreak"],
    }[field["type"]]
    return rng.choice(pool)


@pytest.mark.parametrize("name", ["diary", "caffeine", "bedtime", "visit"])
def test_every_validation_rule_gives_the_same_answer_and_message(page, name):
    fields, rng = form(name), random.Random(11)
    raws = [{f["name"]: random_value(rng, f) for f in fields} for _ in range(400)]
    load(page, "fields")
    got = in_browser(
        page,
        "arg.raws.map(r => validate(arg.fields, r, arg.now, arg.messages))",
        {"raws": raws, "fields": fields, "now": NOW, "messages": load_fields()["messages"]},
    )
    for raw, js in zip(raws, got, strict=True):
        entry, errors = validate(fields, raw, NOW)
        assert js["errors"] == errors, raw
        if not errors:
            assert js["entry"] == entry, raw


# --------------------------------------------------------------------------- csvfile

CSV_TEXTS = [
    "when;area;duration_min\n2026-11-01 08:00;Calf or foot;3\n",
    "When,Area,Duration_min,Sleep_h,Extra\n2026-11-01T08:00,eyelid,1,30,x\n\n2031-01-01T00:00,eyelid,1,,\n"
    "2026-11-01T09:00,eyelid,1,7,,surplus\n",
    'when,area,duration_min\n"2026-11-01T08:00,eyelid,1\n',
    "name,age\nBob,3\n",
    "when,when,area\n",
    "",
]


def test_csv_is_read_and_written_the_same_with_the_same_messages(page):
    written = to_csv(
        [
            {
                "when": "2026-11-01T08:00",
                "area": "calf",
                "duration_min": 2.5,
                "sleep_h": 6,
                "caffeine_mg": None,
                "stress": 7,
                "exercise": "hard",
                "notes": 'said "hi", then\nleft; ok =1+1',
            }
        ]
    )
    texts = [written, *CSV_TEXTS]
    limits = load_fields()["limits"]
    load(page, "common", "fields", "csvfile")
    got = in_browser(
        page,
        "arg.texts.map(t => parseCsv(t, arg.now, arg.fields, arg.messages, arg.limits, arg.say))",
        {
            "texts": texts,
            "now": NOW,
            "fields": form("diary"),
            "messages": load_fields()["messages"],
            "limits": {"max_bytes": limits["import_max_bytes"], "max_entries": limits["import_max_entries"]},
            "words": {"locale": "en-GB", **words("csvfile")},
        },
    )
    for text, js in zip(texts, got, strict=True):
        py = parse_csv(text, NOW)
        assert js["entries"] == py["entries"] and js["rows"] == py["rows"], text
        assert [tuple(s) for s in js["skipped"]] == py["skipped"], text
        assert js["notes"] == py["notes"] and js["error"] == py["error"], text
    entries = parse_csv(written, NOW)["entries"]
    assert in_browser(page, "toCsv(arg.entries, arg.fields)", {"entries": entries, "fields": form("diary")}) == written
