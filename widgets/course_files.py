"""Finding the course's book folder and reading its YAML files, with one-line errors.

A problem in a file stops everything with one line that names the file, the item and the problem.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .schemas import ID, TEXT

BOOK_DIR_ENV = "COURSE_BOOK_DIR"


class CourseDataError(ValueError):
    """A problem in a course data file, told in one line: file, item, problem."""

    def __init__(self, path: Path | str, where: str, problem: str):
        self.path, self.where, self.problem = str(path), where, problem
        super().__init__(f"{self.path}: {where}: {problem}" if where else f"{self.path}: {problem}")

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of printing a traceback: readers and the build log see one line.
        return [f"CourseDataError: {self}"]


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
    if err.validator == "anyOf" and isinstance(err.instance, str):  # a catalogue's words
        return "must not be empty"
    if err.validator == "minItems":
        return f"needs at least {err.validator_value} item(s), has {len(err.instance)}"
    if err.validator == "maxItems":
        return f"allows at most {err.validator_value} item(s), has {len(err.instance)}"
    if err.validator == "enum":
        return f"{err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
    return err.message


def no_duplicates(path: Path, where: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise CourseDataError(path, where, f"duplicate '{value}'")
        seen.add(value)
