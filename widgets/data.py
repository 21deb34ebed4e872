"""The one loader for the course's data files: each file read, checked against its schema
(widgets/schemas.py), then against the rest of the course (ids that must be unique, objectives
that must exist, links that must land, sources that must be in the bibliography).

Every chapter page, widget, answer key and test reads course data through here.
"""

from __future__ import annotations

import datetime
import functools
import re
from pathlib import Path
from typing import Any

from .catalogue import language, words
from .course_files import CourseDataError, book_dir, no_duplicates, read_yaml
from .pages import check_link, page_labels
from .schemas import CHAPTER_SCHEMA, FIGURES_SCHEMA, LEVEL_NAMES, SYMPTOMS_SCHEMA, TRIGGERS_SCHEMA
from .sources import check_source, sources
from .tool_schemas import CAFFEINE_SCHEMA, DRINKS_SCHEMA, FIELDS_SCHEMA, PALETTE_SCHEMA, STORAGE_SCHEMA


def _read(folder: Path | None, name: str, schema: dict) -> tuple[Path, Path, Any]:
    """(the book folder, the data file's path, its checked content) for book/data/<name>."""
    folder = folder or book_dir()
    path = folder / "data" / name
    return folder, path, read_yaml(path, schema)


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
            check_source(path, f"what_to_do[{i}].sources[{j}]", key, folder)
    objectives = [o["id"] for o in data["objectives"]]
    no_duplicates(path, "objectives", objectives)
    others = set(chapter_ids(folder)) - {chapter_id}
    for before in data["prerequisites"]:
        if before not in others:
            raise CourseDataError(path, "prerequisites", f"'{before}' is not another chapter of the course")
    no_duplicates(path, "quiz", [q["id"] for q in data["quiz"]])
    for i, question in enumerate(data["quiz"]):
        where = f"quiz[{i}] ({question['id']})"
        if question["objective"] not in objectives:
            raise CourseDataError(path, where, f"objective '{question['objective']}' is not one of {objectives}")
        correct = sum(bool(o.get("correct")) for o in question["options"])
        if correct == 0:
            raise CourseDataError(path, where, "no option is marked correct")
        if question["kind"] == "single" and correct > 1:
            raise CourseDataError(path, where, f"a single-answer question has {correct} correct")
        no_duplicates(path, f"{where}.options", [o["text"] for o in question["options"]])
        check_link(path, f"{where}.review", f"{chapter_id}#{question['review']}", folder)
    assessed = {q["objective"] for q in data["quiz"]}
    for objective in objectives:
        if objective not in assessed:
            raise CourseDataError(path, f"objectives ({objective})", "no quiz question assesses it")
    return {"id": chapter_id, **data}


@functools.cache
def load_triggers(folder: Path | None = None) -> list[dict[str, Any]]:
    """Trigger checklist items with their tips and resolved sources, most helpful first."""
    folder, path, content = _read(folder, "triggers.yml", TRIGGERS_SCHEMA)
    items = content["triggers"]
    no_duplicates(path, "triggers", [t["id"] for t in items])
    chapters = set(chapter_ids(folder))
    out = []
    for i, item in enumerate(items):
        where = f"triggers[{i}] ({item['id']})"
        for chapter in item["chapters"]:
            if chapter not in chapters:
                raise CourseDataError(path, f"{where}.chapters", f"unknown chapter '{chapter}'")
        check_link(path, f"{where}.link", item["link"], folder)
        out.append({**item, "source": check_source(path, f"{where}.source", item["source"], folder)})
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
    folder, path, data = _read(folder, "symptoms.yml", SYMPTOMS_SCHEMA)
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
    no_duplicates(path, "symptoms", [s["id"] for s in data["symptoms"]])
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
        symptoms.append({**item, "source": check_source(path, f"{where}.source", item["source"], folder)})
    return {"levels": levels, "regions": data["regions"], "groups": groups, "symptoms": symptoms}


@functools.cache
def load_figures(folder: Path | None = None) -> dict[str, Any]:
    """The numbers behind the charts (book/data/figures.yml)."""
    folder, path, data = _read(folder, "figures.yml", FIGURES_SCHEMA)
    for name, figure in data.items():
        figure["sources"] = [
            check_source(path, f"{name}.sources[{i}]", key, folder) for i, key in enumerate(figure["sources"])
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
    for tool_data in (load_drinks, load_fields, load_caffeine, load_storage, load_palette):
        tool_data(folder)


def clear_cache() -> None:
    loaders = (load_chapter, load_triggers, load_symptoms, load_figures, load_drinks, load_fields, load_caffeine)
    for loader in (*loaders, load_storage, load_palette, sources, page_labels, words, language):
        loader.cache_clear()


@functools.cache
def load_drinks(folder: Path | None = None) -> list[dict[str, Any]]:
    """The caffeine tool's drinks: label, typical mg per serving, resolved source."""
    folder, path, content = _read(folder, "drinks.yml", DRINKS_SCHEMA)
    items = content["drinks"]
    no_duplicates(path, "drinks", [d["id"] for d in items])
    most = next(f["max"] for f in load_fields(folder)["forms"]["caffeine"] if f["name"] == "mg")
    out = []
    for i, item in enumerate(items):
        where = f"drinks[{i}] ({item['id']})"
        low, high = item.get("range", (item["mg"], item["mg"]))
        if not low <= item["mg"] <= high:
            raise CourseDataError(path, f"{where}.mg", f"{item['mg']} is outside its range {low}-{high}")
        if high > most:
            raise CourseDataError(path, f"{where}.mg", f"{high} is more than the tool takes in one drink ({most})")
        out.append({**item, "source": check_source(path, f"{where}.source", item["source"], folder)})
    return out


# --------------------------------------------------------------------------- the tools' rules


@functools.cache
def load_fields(folder: Path | None = None) -> dict[str, Any]:
    """The tools' forms (book/data/fields.yml) with their words (labels, choices, messages) from the
    catalogue: {'forms': {form: [field, ...]}, 'messages', 'number_pattern', 'limits'}."""
    folder, path, data = _read(folder, "fields.yml", FIELDS_SCHEMA)
    try:
        re.compile(data["number_pattern"])
    except re.error as err:
        raise CourseDataError(path, "number_pattern", f"not a valid pattern: {err}") from None
    names = words("fields", folder)
    forms = {}
    for form, fields in data["forms"].items():
        no_duplicates(path, f"forms.{form}", [f["name"] for f in fields])
        forms[form] = [_with_words(path, f"forms.{form}", form, field, names) for field in fields]
        for field in forms[form]:  # a number field carries the pattern a number must match
            if field["type"] == "number":
                field["pattern"] = data["number_pattern"]
    return {**data, "forms": forms, "messages": names["messages"]}


def _with_words(path: Path, where: str, form: str, field: dict[str, Any], names: dict[str, Any]) -> dict[str, Any]:
    """A field with its label and its choices' labels from the catalogue."""
    label = names["labels"].get(f"{form}.{field['name']}")
    if label is None:
        raise CourseDataError(path, f"{where} ({field['name']})", f"no label '{form}.{field['name']}' in the catalogue")
    out = {**field, "label": label}
    if "choices" in field:
        missing = [c for c in field["choices"] if c not in names["choices"]]
        if missing:
            raise CourseDataError(path, f"{where} ({field['name']})", f"no label for choice '{missing[0]}'")
        out["choices"] = [{"id": c, "label": names["choices"][c]} for c in field["choices"]]
    return out


@functools.cache
def load_caffeine(folder: Path | None = None) -> dict[str, Any]:
    """The caffeine timeline's half-life and guidance (book/data/caffeine.yml), sources checked."""
    folder, path, data = _read(folder, "caffeine.yml", CAFFEINE_SCHEMA)
    low, high = data["half_life"]["range"]
    if not low <= data["half_life"]["default"] <= high:
        raise CourseDataError(path, "half_life.default", f"must be within the range {low} to {high}")
    for part in ("half_life", "guidance"):
        for i, key in enumerate(data[part]["sources"]):
            check_source(path, f"{part}.sources[{i}]", key, folder)
    return data


@functools.cache
def load_storage(folder: Path | None = None) -> dict[str, Any]:
    """What the tools save in the browser: {'prefix', 'keys': {name: full key}, 'versions', 'book_keys'}."""
    data = _read(folder, "storage.yml", STORAGE_SCHEMA)[2]
    return {**data, "keys": {name: data["prefix"] + key for name, key in data["keys"].items()}}


@functools.cache
def load_palette(folder: Path | None = None) -> dict[str, Any]:
    """The charts' colours (book/data/palette.yml)."""
    return _read(folder, "palette.yml", PALETTE_SCHEMA)[2]
