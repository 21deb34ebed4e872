"""What a reader may type into the tools: one check per field, the same as the browser's.

The rules are data (book/data/fields.yml, with the words from the catalogue), read by
`data.load_fields`. static/fields.js applies them in the browser with the same function names
(check_field/checkField, validate, message); tests/test_parity.py
proves that a value is accepted or refused, with the same message, in both.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from .catalogue import say
from .data import load_fields

SPACE = " \t\n\r\f\v\u00a0"  # what counts as blank around a value (static/fields.js: SPACE)


def form(name: str) -> list[dict[str, Any]]:
    """One form's fields ('diary', 'caffeine', 'bedtime', 'visit'), with their words."""
    return load_fields()["forms"][name]


def message(kind: str, field: dict[str, Any], messages: dict[str, str] | None = None) -> str:
    """The one message for a broken rule."""
    return say(
        (messages or load_fields()["messages"])[kind],
        label=field["label"],
        min=field.get("min", ""),
        max=field.get("max", ""),
        max_length=field.get("max_length", ""),
        choices=", ".join(c["label"] for c in field.get("choices", [])),
    )


def as_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(as_number(value))
    return str(value)


def strip(text: str) -> str:
    return re.sub(f"^[{SPACE}]+|[{SPACE}]+$", "", text)


def _real_datetime(text: str) -> bool:
    try:
        datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M")
    except ValueError:
        return False
    return True


def check_field(field: dict[str, Any], raw: Any, now: str) -> tuple[Any, str | None]:
    """One field: (clean value, None) or (None, message). `now` is local 'YYYY-MM-DDTHH:MM'."""
    text = strip(as_text(raw).replace("\r\n", "\n"))
    kind = field["type"]
    if text == "":
        if field["required"]:
            return None, message("required", field)
        return ("" if kind in ("text", "choice") else None), None
    if kind == "datetime":
        text = re.sub(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$", r"\1T\2", text, flags=re.A)
        if not re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$", text, re.A) or not _real_datetime(text):
            return None, message("date", field)
        if text < field.get("earliest", ""):
            return None, message("early", field)
        if text > now:
            return None, message("future", field)
        return text, None
    if kind == "day":
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", text, re.A) or not _real_datetime(f"{text}T00:00"):
            return None, message("day", field)
        return text, None
    if kind == "time":
        match = re.match(r"^(\d{1,2}):(\d{2})$", text, re.A)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            return None, message("time", field)
        return f"{int(match.group(1)):02d}:{match.group(2)}", None
    if kind == "number":
        text = re.sub(r"^(-?\d+),(\d{1,2})$", r"\1.\2", text, flags=re.A)  # a decimal comma: 2,5
        if not re.match(field["pattern"], text, re.A):
            return None, message("number", field)
        value = as_number(float(text))
        if field.get("integer") and not float(value).is_integer():
            return None, message("integer", field)
        if not field["min"] <= value <= field["max"]:
            return None, message("integer" if field.get("integer") else "range", field)
        return value, None
    if kind == "choice":
        wanted = text.lower()
        for choice in field["choices"]:
            if wanted in (choice["id"], choice["label"].lower()):
                return choice["id"], None
        return None, message("choice", field)
    if len(text) > field["max_length"]:  # text; counted in characters, as the browser does
        return None, message("too_long", field)
    return text, None


def validate(fields: list[dict[str, Any]], raw: dict[str, Any], now: str | None = None):
    """(clean entry, {field name: message}) for one entry: the rules the browser applies too."""
    now = now or datetime.datetime.now().strftime("%Y-%m-%dT%H:%M")
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in fields:
        value, problem = check_field(field, raw.get(field["name"]), now)
        if problem:
            errors[field["name"]] = problem
        else:
            clean[field["name"]] = value
    return clean, errors
