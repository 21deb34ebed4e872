"""Every word a widget shows comes from the book's message catalogue, in the book's language.

The catalogue is `book/data/locales/<language>/<section>.yml`, one file a widget (plus `common`
for what all widgets share). The language is the book's own (`language` in `_config.yml`). A
second language is a second set of these files and its translated pages: no code changes.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml
from babel.numbers import format_decimal

from .course_files import CourseDataError, book_dir, read_yaml
from .tool_schemas import CATALOGUE_SCHEMA

DEFAULT_LANGUAGE = "en"


@functools.cache
def language(folder: Path | None = None) -> str:
    """The book's language: `sphinx.config.language` in the `_config.yml` beside the book folder."""
    config = (folder or book_dir()).parent / "_config.yml"
    if not config.is_file():
        return DEFAULT_LANGUAGE
    settings = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return str(((settings.get("sphinx") or {}).get("config") or {}).get("language") or DEFAULT_LANGUAGE)


def catalogue_dir(folder: Path | None = None) -> Path:
    folder = folder or book_dir()
    return folder / "data" / "locales" / language(folder)


@functools.cache
def words(section: str, folder: Path | None = None) -> dict[str, Any]:
    """One section of the catalogue (a widget's words), checked: names -> words."""
    path = catalogue_dir(folder) / f"{section}.yml"
    if not path.is_file():
        raise CourseDataError(path, "", f"no words for '{section}' in the book's language ({language(folder)})")
    return read_yaml(path, CATALOGUE_SCHEMA)


def number(value: float, folder: Path | None = None) -> str:
    """A number as the book's language writes it (common.yml's locale): 1,000 in en-GB, 1 000 in fr-FR."""
    return format_decimal(value, locale=words("common", folder)["locale"].replace("-", "_"))


def say(template: str, **values: Any) -> str:
    """Fill the {name} slots of a catalogue text (static/common.js: say)."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)
