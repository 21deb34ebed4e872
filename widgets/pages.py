"""The book's pages as the data files see them: the table of contents, section labels, safe text."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from .course_files import CourseDataError, book_dir

_SECTION_LABEL = re.compile(r"^\(([a-z0-9-]+)\)=\s*$", re.MULTILINE)


@functools.cache
def page_labels(page: str, folder: Path | None = None) -> frozenset[str] | None:
    """The `(label)=` targets a page of the book declares, or None if there is no such page.
    Cached: every question and tip of a chapter links into the same page."""
    path = (folder or book_dir()) / f"{page}.md"
    return frozenset(_SECTION_LABEL.findall(path.read_text(encoding="utf-8"))) if path.is_file() else None


def check_link(path: Path, where: str, link: str, folder: Path) -> None:
    """A 'page#label' link in the data must land on a real section: a renamed label fails here."""
    page, _, label = link.partition("#")
    labels = page_labels(page, folder)
    if labels is None:
        raise CourseDataError(path, where, f"no page '{page}.md' in {folder.name}/")
    if label and label not in labels:
        raise CourseDataError(path, where, f"'{page}.md' has no section labelled '({label})='")


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


def escape_markdown_html(text: str) -> str:
    """Course text goes into Markdown pages as text: angle brackets never become raw HTML."""
    return re.sub(r"[<>&]", lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}[m.group()], text)
