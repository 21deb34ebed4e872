"""Browser tests: a page also counts every address that answered with an error (404 and the like)."""

from __future__ import annotations

import pytest


@pytest.fixture
def not_found(page) -> list[str]:
    urls: list[str] = []
    page.on("response", lambda r: urls.append(r.url) if r.status >= 400 else None)
    return urls


@pytest.fixture
def watch(watch, not_found):
    watch.not_found = not_found
    return watch


@pytest.fixture
def errors(page) -> list[str]:
    """Console errors and uncaught exceptions on the page (a name missing from the catalogue logs one)."""
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen
