"""The shape of the course's content files (chapters, triggers, symptoms, figures), as JSON Schema:
what `read_yaml` checks each file against. The tools' files have theirs in tool_schemas.py."""

from __future__ import annotations

ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
PAGE_LINK = {"type": "string", "pattern": r"^[a-z0-9-]+(#[a-z0-9-]+)?$"}

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


SOURCES = {"type": "array", "minItems": 1, "items": {"type": "string"}}


def _figure(required: list[str], **properties: dict) -> dict:
    """A picture's entry: its own fields, plus a title, a caption and its sources."""
    return {
        "type": "object",
        "required": ["sources", "title", "caption", *required],
        "additionalProperties": False,
        "properties": {"sources": SOURCES, "title": TEXT, "caption": TEXT, **properties},
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
    "additionalProperties": {"type": "object", "required": ["sources"], "properties": {"sources": SOURCES}},
}
