"""The one loader for the course's data files (YAML and BibTeX).

Every chapter page, widget, answer key and test reads course data through this module. Each
file is checked against a schema when loaded, then against the rest of the course (ids that
must be unique, objectives that must exist, sources that must be in the bibliography). A
problem stops everything with one line that names the file, the item and the problem.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml

BOOK_DIR_ENV = "COURSE_BOOK_DIR"
ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
PAGE_LINK = {"type": "string", "pattern": r"^[a-z0-9-]+(#[a-z0-9-]+)?$"}


class CourseDataError(ValueError):
    """A problem in a course data file, told in one line: file, item, problem."""

    def __init__(self, path: Path | str, where: str, problem: str):
        self.path, self.where, self.problem = str(path), where, problem
        super().__init__(f"{self.path}: {where}: {problem}" if where else f"{self.path}: {problem}")

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of printing a traceback: readers and the build log see one line.
        return [f"CourseDataError: {self}"]


# --------------------------------------------------------------------------- schemas

_OPTION = {
    "type": "object",
    "required": ["text", "why"],
    "additionalProperties": False,
    "properties": {"text": TEXT, "why": TEXT, "correct": {"type": "boolean"}},
}
_QUESTION = {
    "type": "object",
    "required": ["id", "objective", "kind", "question", "review", "options"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "objective": ID,
        "kind": {"enum": ["single", "multiple"]},
        "question": TEXT,
        "review": ID,
        "options": {"type": "array", "minItems": 2, "maxItems": 7, "items": _OPTION},
    },
}
CHAPTER_SCHEMA = {
    "type": "object",
    "required": ["minutes", "reviewed", "prerequisites", "main_message", "what_to_do", "objectives", "quiz"],
    "additionalProperties": False,
    "properties": {
        "minutes": {"type": "integer", "minimum": 1, "maximum": 240},
        "reviewed": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "prerequisites": {"type": "array", "items": ID},
        "main_message": TEXT,
        # Under the main message: at most 3 actions, each with a time frame or an amount, each cited.
        "what_to_do": {
            "type": "array",
            "minItems": 1,
            "maxItems": 3,
            "items": {
                "type": "object",
                "required": ["text", "sources"],
                "additionalProperties": False,
                "properties": {
                    "text": TEXT,
                    "sources": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                },
            },
        },
        "objectives": {
            "type": "array",
            "minItems": 2,
            "maxItems": 4,
            "items": {
                "type": "object",
                "required": ["id", "text"],
                "additionalProperties": False,
                "properties": {"id": ID, "text": TEXT},
            },
        },
        "quiz": {"type": "array", "minItems": 5, "items": _QUESTION},
    },
}
TRIGGERS_SCHEMA = {
    "type": "object",
    "required": ["triggers"],
    "additionalProperties": False,
    "properties": {
        "triggers": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "label", "chapters", "priority", "tip", "source", "link"],
                "additionalProperties": False,
                "properties": {
                    "id": ID,
                    "label": TEXT,
                    "chapters": {"type": "array", "minItems": 1, "items": ID},
                    "priority": {"type": "integer", "minimum": 1},
                    "tip": TEXT,
                    "source": {"type": "string", "minLength": 1},
                    "link": PAGE_LINK,
                },
            },
        }
    },
}
# The checker's levels, most urgent first. A rank must rise with urgency (the loader checks).
LEVEL_NAMES = ("emergency", "urgent", "doctor", "selfcare")
_LEVEL = {
    "type": "object",
    "required": ["rank", "colour", "short", "heading", "action"],
    "additionalProperties": False,
    "properties": {
        "rank": {"type": "integer"},
        "colour": {"enum": ["red", "amber", "green", "blue"]},
        "short": TEXT,
        "heading": TEXT,
        "action": TEXT,
    },
}
_REGION = {
    "type": "object",
    "required": ["label", "emergency", "urgent"],
    "additionalProperties": False,
    "properties": {"label": TEXT, "emergency": TEXT, "urgent": TEXT},
}
SYMPTOMS_SCHEMA = {
    "type": "object",
    "required": ["levels", "regions", "groups", "symptoms"],
    "additionalProperties": False,
    "properties": {
        "levels": {
            "type": "object",
            "required": list(LEVEL_NAMES),
            "additionalProperties": False,
            "properties": {name: _LEVEL for name in LEVEL_NAMES},
        },
        # Where the reader is: which numbers to call. `all` (every number) is shown until they choose.
        "regions": {"type": "object", "required": ["all"], "propertyNames": ID, "additionalProperties": _REGION},
        "groups": {"type": "object", "minProperties": 1, "propertyNames": ID, "additionalProperties": TEXT},
        "symptoms": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "label", "level", "group"],
                "additionalProperties": False,
                "properties": {
                    "id": ID,
                    "label": TEXT,
                    "level": {"type": "string"},
                    "group": {"type": "string"},
                    "source": {"type": "string", "minLength": 1},
                },
            },
        },
    },
}


_SOURCES = {"type": "array", "minItems": 1, "items": {"type": "string"}}


def _figure(required: list[str], **properties: dict) -> dict:
    """A picture's entry: its own fields, plus a title, a caption and its sources."""
    return {
        "type": "object",
        "required": ["sources", "title", "caption", *required],
        "additionalProperties": False,
        "properties": {"sources": _SOURCES, "title": TEXT, "caption": TEXT, **properties},
    }


def _list_of(required: list[str], **properties: dict) -> dict:
    item = {"type": "object", "required": required, "additionalProperties": False, "properties": properties}
    return {"type": "array", "minItems": 1, "items": item}


_COLOUR = {"type": "string", "pattern": "^#[0-9a-f]{6}$"}
FIGURES_SCHEMA = {
    "type": "object",
    # The pictures (widgets/pictures.py) each have their own shape; a chart needs only its sources.
    "properties": {
        "urine_colour": _figure(
            ["advice", "swatches"],
            advice=TEXT,
            swatches=_list_of(
                ["name", "colour", "meaning"], name=TEXT, colour=_COLOUR, meaning=TEXT, aim={"type": "boolean"}
            ),
        ),
        "fast_check": _figure(
            ["steps"], steps=_list_of(["letter", "word", "check"], letter=TEXT, word=TEXT, check=TEXT)
        ),
        "four_levels": _figure(
            ["examples"],
            examples={
                "type": "object",
                "required": list(LEVEL_NAMES),
                "additionalProperties": False,
                "properties": {
                    name: {"type": "array", "minItems": 1, "maxItems": 2, "items": ID} for name in LEVEL_NAMES
                },
            },
        ),
        "three_steps": _figure(
            ["steps"], steps=_list_of(["level", "when"], level={"enum": list(LEVEL_NAMES)}, when=TEXT, detail=TEXT)
        ),
        "slow_breathing": _figure(
            ["in_count", "out_count", "in_words", "out_words", "notes"],
            in_count={"type": "integer", "minimum": 2, "maximum": 8},
            out_count={"type": "integer", "minimum": 2, "maximum": 10},
            in_words=TEXT,
            out_words=TEXT,
            notes={"type": "array", "minItems": 1, "items": TEXT},
        ),
    },
    "additionalProperties": {"type": "object", "required": ["sources"], "properties": {"sources": _SOURCES}},
}


# --------------------------------------------------------------------------- reading files


class _PlainLoader(yaml.SafeLoader):
    """YAML without implicit dates: '2026-11-22' stays a string, as the schemas expect."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def book_dir() -> Path:
    """The course's `book/` folder: $COURSE_BOOK_DIR, or found from the working directory up."""
    if os.environ.get(BOOK_DIR_ENV):
        return Path(os.environ[BOOK_DIR_ENV]).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        for candidate in (folder, folder / "book"):
            if (candidate / "data" / "chapters").is_dir():
                return candidate
    raise CourseDataError(here, "", "cannot find the course's book/data folder (set COURSE_BOOK_DIR)")


def _where(path: list[Any] | Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def read_yaml(path: Path, schema: dict) -> Any:
    """Read one YAML file and check it against its schema."""
    if not path.is_file():
        raise CourseDataError(path, "", "file is missing")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_PlainLoader)
    except UnicodeDecodeError:
        raise CourseDataError(path, "", "is not UTF-8 text") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "is not valid YAML"
        raise CourseDataError(path, where, f"not valid YAML: {problem}") from None
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        raise CourseDataError(path, _where(err.absolute_path), _plain_schema_message(err))
    return data


def _plain_schema_message(err: jsonschema.ValidationError) -> str:
    if err.validator == "required":
        missing = err.message.split("'")[1]
        return f"missing required field '{missing}'"
    if err.validator == "additionalProperties":
        return f"unknown field ({err.message.split('(')[-1].rstrip(')')})"
    if err.validator in ("minLength", "pattern") and err.schema is TEXT:
        return "must not be empty"
    if err.validator == "pattern" and err.schema is ID:
        return f"{err.instance!r} is not a valid id (lower-case letters, digits and dashes)"
    if err.validator == "minItems":
        return f"needs at least {err.validator_value} item(s), has {len(err.instance)}"
    if err.validator == "maxItems":
        return f"allows at most {err.validator_value} item(s), has {len(err.instance)}"
    if err.validator == "enum":
        return f"{err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
    return err.message


# --------------------------------------------------------------------------- sources


@functools.cache
def sources(folder: Path | None = None) -> dict[str, dict[str, str]]:
    """Bibliography keys -> {'label': 'NHS (2023)', 'url': ...} from book/references.bib."""
    import pybtex.database

    path = (folder or book_dir()) / "references.bib"
    if not path.is_file():
        raise CourseDataError(path, "", "file is missing")
    try:
        bib = pybtex.database.parse_file(str(path))
    except Exception as err:  # pybtex raises many kinds; all mean "this file does not parse"
        raise CourseDataError(path, "", f"not valid BibTeX: {err}") from None
    out = {}
    for key, entry in bib.entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        if people:
            first = people[0]
            name = " ".join(first.last_names) or " ".join(first.first_names)
            name = name.replace("{", "").replace("}", "")
            if len(people) > 1:
                name += " et al." if len(people) > 2 else f" and {' '.join(people[1].last_names)}"
        else:
            name = entry.fields.get("organization") or entry.fields.get("publisher") or key
        year = entry.fields.get("year", "n.d.")
        url = entry.fields.get("url") or (f"https://doi.org/{entry.fields['doi']}" if "doi" in entry.fields else "")
        out[key] = {"label": f"{name} ({year})", "url": url, "title": _source_title(entry, people)}
    return out


# Long organisation names, as a reader knows them, for a source's title ("NHS: Stroke").
_SHORT_NAMES = {
    "National Health Service": "NHS",
    "National Institute for Health and Care Excellence": "NICE",
    "US Food and Drug Administration": "US FDA",
    "EFSA Panel on Dietetic Products, Nutrition and Allergies": "EFSA",
    "Institute of Medicine, Committee on Military Nutrition Research": "Institute of Medicine",
    "Medicines and Healthcare products Regulatory Agency": "MHRA",
    "National Institute of Neurological Disorders and Stroke": "NINDS",
    "Centers for Disease Control and Prevention": "CDC",
    "Institute for Quality and Efficiency in Health Care (IQWiG)": "IQWiG",
}


def _source_title(entry, people) -> str:
    """Who published it and what it is called, for a link's text: 'NHS: Twitching eyes and muscles'.
    An organisation is named by its short name; a journal article by its journal."""

    def plain(text: str) -> str:
        return text.replace("{", "").replace("}", "").strip()

    title = plain(entry.fields.get("title", ""))
    if len(people) == 1 and not people[0].first_names:  # an organisation wrote it
        who = plain(" ".join(people[0].last_names))
        who = _SHORT_NAMES.get(who, who)
    else:
        fields = ("journal", "publisher", "institution", "howpublished", "organization")
        who = plain(next((entry.fields[f] for f in fields if entry.fields.get(f)), ""))
    return f"{who}: {title}" if who and title else title or who


_SECTION_LABEL = re.compile(r"^\(([a-z0-9-]+)\)=\s*$", re.MULTILINE)


@functools.cache
def page_labels(page: str, folder: Path | None = None) -> frozenset[str] | None:
    """The `(label)=` targets a page of the book declares, or None if there is no such page.
    Cached: every question and tip of a chapter links into the same page."""
    path = (folder or book_dir()) / f"{page}.md"
    return frozenset(_SECTION_LABEL.findall(path.read_text(encoding="utf-8"))) if path.is_file() else None


def _check_link(path: Path, where: str, link: str, folder: Path) -> None:
    """A 'page#label' link in the data must land on a real section: a renamed label fails here."""
    page, _, label = link.partition("#")
    labels = page_labels(page, folder)
    if labels is None:
        raise CourseDataError(path, where, f"no page '{page}.md' in {folder.name}/")
    if label and label not in labels:
        raise CourseDataError(path, where, f"'{page}.md' has no section labelled '({label})='")


def _check_source(path: Path, where: str, key: str, folder: Path) -> dict[str, str]:
    known = sources(folder)
    if key not in known:
        raise CourseDataError(path, where, f"source '{key}' is not in references.bib")
    return {"key": key, **known[key]}


# --------------------------------------------------------------------------- chapters


def toc_files(folder: Path | None = None) -> list[str]:
    """Every page `_toc.yml` lists, as written there ('book/sleep'), root first, in reading order."""
    toc_path = (folder or book_dir()).parent / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8")) or {}
    files = [str(toc.get("root", ""))]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "file" in node:
                files.append(str(node["file"]))
            for key in ("parts", "chapters", "sections"):
                walk(node.get(key, []))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return [f for f in files if f]


def chapter_ids(folder: Path | None = None) -> list[str]:
    folder = folder or book_dir()
    return sorted(p.stem for p in (folder / "data" / "chapters").glob("*.yml"))


@functools.cache
def load_chapter(chapter_id: str, folder: Path | None = None) -> dict[str, Any]:
    """A chapter's time, objectives, main message and quiz, checked."""
    folder = folder or book_dir()
    path = folder / "data" / "chapters" / f"{chapter_id}.yml"
    if not path.is_file():
        known = ", ".join(chapter_ids(folder)) or "none"
        raise CourseDataError(path, "", f"no chapter called '{chapter_id}' (known: {known})")
    data = read_yaml(path, CHAPTER_SCHEMA)
    try:
        datetime.date.fromisoformat(data["reviewed"])
    except ValueError:
        raise CourseDataError(path, "reviewed", f"{data['reviewed']!r} is not a real date") from None
    for i, action in enumerate(data["what_to_do"]):
        for j, key in enumerate(action["sources"]):
            _check_source(path, f"what_to_do[{i}].sources[{j}]", key, folder)
    objectives = [o["id"] for o in data["objectives"]]
    _no_duplicates(path, "objectives", objectives)
    others = set(chapter_ids(folder)) - {chapter_id}
    for before in data["prerequisites"]:
        if before not in others:
            raise CourseDataError(path, "prerequisites", f"'{before}' is not another chapter of the course")
    _no_duplicates(path, "quiz", [q["id"] for q in data["quiz"]])
    for i, question in enumerate(data["quiz"]):
        where = f"quiz[{i}] ({question['id']})"
        if question["objective"] not in objectives:
            raise CourseDataError(path, where, f"objective '{question['objective']}' is not one of {objectives}")
        correct = sum(bool(o.get("correct")) for o in question["options"])
        if correct == 0:
            raise CourseDataError(path, where, "no option is marked correct")
        if question["kind"] == "single" and correct > 1:
            raise CourseDataError(path, where, f"a single-answer question has {correct} correct")
        _no_duplicates(path, f"{where}.options", [o["text"] for o in question["options"]])
        _check_link(path, f"{where}.review", f"{chapter_id}#{question['review']}", folder)
    assessed = {q["objective"] for q in data["quiz"]}
    for objective in objectives:
        if objective not in assessed:
            raise CourseDataError(path, f"objectives ({objective})", "no quiz question assesses it")
    return {"id": chapter_id, **data}


def _no_duplicates(path: Path, where: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise CourseDataError(path, where, f"duplicate '{value}'")
        seen.add(value)


# --------------------------------------------------------------------------- checklists


@functools.cache
def load_triggers(folder: Path | None = None) -> list[dict[str, Any]]:
    """Trigger checklist items with their tips and resolved sources, most helpful first."""
    folder = folder or book_dir()
    path = folder / "data" / "triggers.yml"
    items = read_yaml(path, TRIGGERS_SCHEMA)["triggers"]
    _no_duplicates(path, "triggers", [t["id"] for t in items])
    chapters = set(chapter_ids(folder))
    out = []
    for i, item in enumerate(items):
        where = f"triggers[{i}] ({item['id']})"
        for chapter in item["chapters"]:
            if chapter not in chapters:
                raise CourseDataError(path, f"{where}.chapters", f"unknown chapter '{chapter}'")
        _check_link(path, f"{where}.link", item["link"], folder)
        out.append({**item, "source": _check_source(path, f"{where}.source", item["source"], folder)})
    return sorted(out, key=lambda t: t["priority"])


def checklist_items(checklist_id: str, folder: Path | None = None) -> list[dict[str, Any]]:
    """The items one checklist shows: 'all', or the triggers tagged with that chapter."""
    items = load_triggers(folder)
    if checklist_id == "all":
        return items
    chosen = [t for t in items if checklist_id in t["chapters"]]
    if not chosen:
        path = (folder or book_dir()) / "data" / "triggers.yml"
        raise CourseDataError(path, "", f"no trigger belongs to checklist '{checklist_id}'")
    return chosen


@functools.cache
def load_symptoms(folder: Path | None = None) -> dict[str, Any]:
    """Symptom checker levels, regions, groups and items, checked; sources resolved."""
    folder = folder or book_dir()
    path = folder / "data" / "symptoms.yml"
    data = read_yaml(path, SYMPTOMS_SCHEMA)
    levels, groups = data["levels"], data["groups"]
    ranks = [levels[name]["rank"] for name in LEVEL_NAMES]
    if ranks != sorted(ranks, reverse=True) or len(set(ranks)) != len(ranks):
        raise CourseDataError(path, "levels", "ranks must rise: selfcare < doctor < urgent < emergency")
    for name, level in levels.items():
        for field in ("heading", "action"):
            for slot in re.findall(r"\{([^}]*)\}", level[field]):
                if slot not in ("emergency", "urgent"):
                    raise CourseDataError(
                        path, f"levels.{name}.{field}", f"unknown slot '{{{slot}}}' (use {{emergency}} or {{urgent}})"
                    )
    _no_duplicates(path, "symptoms", [s["id"] for s in data["symptoms"]])
    symptoms = []
    for i, item in enumerate(data["symptoms"]):
        where = f"symptoms[{i}] ({item['id']})"
        if item["level"] not in levels:
            raise CourseDataError(path, f"{where}.level", f"unknown level '{item['level']}' (use {', '.join(levels)})")
        if item["group"] not in groups:
            raise CourseDataError(path, f"{where}.group", f"unknown group '{item['group']}' (use {', '.join(groups)})")
        if "source" not in item:
            if item["level"] != "selfcare":
                raise CourseDataError(path, f"{where}.source", f"a '{item['level']}' sign needs a source")
            symptoms.append({**item, "source": None})
            continue
        symptoms.append({**item, "source": _check_source(path, f"{where}.source", item["source"], folder)})
    return {"levels": levels, "regions": data["regions"], "groups": groups, "symptoms": symptoms}


@functools.cache
def load_figures(folder: Path | None = None) -> dict[str, Any]:
    """The numbers behind the charts (book/data/figures.yml)."""
    folder = folder or book_dir()
    path = folder / "data" / "figures.yml"
    data = read_yaml(path, FIGURES_SCHEMA)
    for name, figure in data.items():
        figure["sources"] = [
            _check_source(path, f"{name}.sources[{i}]", key, folder) for i, key in enumerate(figure["sources"])
        ]
    if "four_levels" in data:  # its example signs are symptoms.yml's own, at their own level
        signs = {s["id"]: s for s in load_symptoms(folder)["symptoms"]}
        for level, ids in data["four_levels"]["examples"].items():
            for i, sign_id in enumerate(ids):
                where = f"four_levels.examples.{level}[{i}]"
                if sign_id not in signs:
                    raise CourseDataError(path, where, f"no sign '{sign_id}' in symptoms.yml")
                if signs[sign_id]["level"] != level:
                    raise CourseDataError(path, where, f"'{sign_id}' is at level '{signs[sign_id]['level']}'")
    return data


def validate_course(folder: Path | None = None) -> None:
    """Load every data file once; raise CourseDataError on the first problem."""
    folder = folder or book_dir()
    seen: dict[str, str] = {}
    for chapter_id in chapter_ids(folder):
        for question in load_chapter(chapter_id, folder)["quiz"]:
            if question["id"] in seen:
                path = folder / "data" / "chapters" / f"{chapter_id}.yml"
                raise CourseDataError(path, f"quiz ({question['id']})", f"id also used in {seen[question['id']]}")
            seen[question["id"]] = chapter_id
    load_triggers(folder)
    load_symptoms(folder)
    load_figures(folder)
    if (folder / "data" / "drinks.yml").is_file():
        load_drinks(folder)


def clear_cache() -> None:
    for loader in (sources, load_chapter, load_triggers, load_symptoms, load_figures, load_drinks, page_labels):
        loader.cache_clear()


def escape_markdown_html(text: str) -> str:
    """Course text goes into Markdown pages as text: angle brackets never become raw HTML."""
    return re.sub(r"[<>&]", lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}[m.group()], text)


# --------------------------------------------------------------------------- drinks (caffeine tool)

DRINK_MAX_MG = 1000  # the caffeine tool refuses more in one drink (widgets/tools.py uses it too)
DRINKS_SCHEMA = {
    "type": "object",
    "required": ["drinks"],
    "additionalProperties": False,
    "properties": {
        "drinks": {
            "type": "array",
            "minItems": 1,
            "maxItems": 7,
            "items": {
                "type": "object",
                "required": ["id", "label", "mg", "source"],
                "additionalProperties": False,
                "properties": {
                    "id": ID,
                    "label": TEXT,
                    "mg": {"type": "integer", "minimum": 1, "maximum": DRINK_MAX_MG},
                    "range": {
                        "type": "array",
                        "minItems": 2,
                        "maxItems": 2,
                        "items": {"type": "integer", "minimum": 0, "maximum": DRINK_MAX_MG},
                    },
                    "source": {"type": "string", "minLength": 1},
                },
            },
        }
    },
}


@functools.cache
def load_drinks(folder: Path | None = None) -> list[dict[str, Any]]:
    """The caffeine tool's drinks: label, typical mg per serving, resolved source."""
    folder = folder or book_dir()
    path = folder / "data" / "drinks.yml"
    items = read_yaml(path, DRINKS_SCHEMA)["drinks"]
    _no_duplicates(path, "drinks", [d["id"] for d in items])
    out = []
    for i, item in enumerate(items):
        where = f"drinks[{i}] ({item['id']})"
        low, high = item.get("range", (item["mg"], item["mg"]))
        if not low <= item["mg"] <= high:
            raise CourseDataError(path, f"{where}.mg", f"{item['mg']} is outside its range {low}-{high}")
        out.append({**item, "source": _check_source(path, f"{where}.source", item["source"], folder)})
    return out
