"""The shape of the tools' data files (drinks, fields, caffeine numbers, storage keys, chart colours)
and of the message catalogue, as JSON Schema: what `read_yaml` checks each file against."""

from __future__ import annotations

from .schemas import ID, SOURCES, TEXT


def record(**properties: dict) -> dict:
    """An object with exactly these fields, all of them required."""
    return {"type": "object", "required": list(properties), "additionalProperties": False, "properties": properties}


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
                    "mg": {"type": "integer", "minimum": 1},  # at most the caffeine form's limit (the loader checks)
                    "range": {
                        "type": "array",
                        "minItems": 2,
                        "maxItems": 2,
                        "items": {"type": "integer", "minimum": 0},
                    },
                    "source": {"type": "string", "minLength": 1},
                },
            },
        }
    },
}


_FIELD = {
    "type": "object",
    "required": ["name", "type", "required"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z_]+$"},
        "type": {"enum": ["datetime", "day", "time", "number", "choice", "text"]},
        "required": {"type": "boolean"},
        "min": {"type": "number"},
        "max": {"type": "number"},
        "integer": {"type": "boolean"},
        "max_length": {"type": "integer", "minimum": 1},
        "earliest": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"},
        "choices": {"type": "array", "minItems": 2, "items": ID},
    },
    # Each type brings the limits it needs.
    "allOf": [
        {"if": {"properties": {"type": {"const": "number"}}}, "then": {"required": ["min", "max"]}},
        {"if": {"properties": {"type": {"const": "text"}}}, "then": {"required": ["max_length"]}},
        {"if": {"properties": {"type": {"const": "choice"}}}, "then": {"required": ["choices"]}},
    ],
}
_COUNT = {"type": "integer", "minimum": 1}
FIELDS_SCHEMA = record(
    number_pattern={"type": "string", "minLength": 1},
    forms={
        "type": "object",
        "required": ["diary", "caffeine", "bedtime", "visit"],
        "additionalProperties": {"type": "array", "minItems": 1, "items": _FIELD},
    },
    limits=record(max_drinks=_COUNT, import_max_bytes=_COUNT, import_max_entries=_COUNT),
    patterns=record(short_sleep_h=_COUNT, high_stress=_COUNT),
)
_HOURS = {"type": "number", "minimum": 0, "maximum": 24}
CAFFEINE_SCHEMA = record(
    half_life=record(
        default=_HOURS, range={"type": "array", "minItems": 2, "maxItems": 2, "items": _HOURS}, sources=SOURCES
    ),
    guidance=record(
        daily_mg=_COUNT, single_dose_mg=_COUNT, pregnancy_daily_mg=_COUNT, bedtime_mg=_COUNT, sources=SOURCES
    ),
    day=record(one_time_hours=_HOURS, day_start=_HOURS),
)
STORAGE_SCHEMA = record(
    prefix={"type": "string", "pattern": "^[a-z-]+:$"},
    keys={
        "type": "object",
        "required": ["diary", "caffeine", "visit", "symptoms", "region", "checklist"],
        "additionalProperties": {"type": "string", "pattern": "^[a-z-]+:?$"},
    },
    versions={"type": "object", "additionalProperties": _COUNT},
    book_keys={"type": "array", "items": {"type": "string", "minLength": 1}},
)
_PALETTE = {
    "type": "object",
    "additionalProperties": {"type": "string", "pattern": r"^(#[0-9a-f]{6}|rgba\([0-9., ]+\))$"},
}
PALETTE_SCHEMA = record(
    levels={**_PALETTE, "required": ["red", "amber", "green", "blue"]},
    people={**_PALETTE, "required": ["twitch", "mnd", "neither"]},
    tools=record(light=_PALETTE, dark=_PALETTE),
)
# A message catalogue: names -> words, or groups of them. Every language has the same names.
CATALOGUE_SCHEMA = {
    "type": "object",
    "minProperties": 1,
    "additionalProperties": {"anyOf": [TEXT, {"$ref": "#"}]},
}
