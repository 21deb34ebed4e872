"""Shared fixtures: the built book, a loopback server for it, and headless Debian Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from filelock import FileLock

from widgets.build import build_dir

from . import books

ROOT = Path(__file__).resolve().parent.parent
BUILD = build_dir(ROOT)
HTML = BUILD / "html"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Sphinx's own problem lines ("file:line: WARNING: text"); not the kernels' logging, which the build
# passes through ("[IPKernelApp] WARNING | ...", "ERROR:tornado.general:..." as a kernel shuts down).
SPHINX_WARNING = re.compile(r"(^|[\s:])(WARNING|ERROR|CRITICAL): ")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


RUN_ID = uuid.uuid4().hex  # this test run, when it has no xdist workers


def once_per_run(config, name: str, make) -> str:
    """Run `make()` (a build: it returns its log, or raises) once per test run, and return its log.

    With several xdist workers (`pytest -n 2`), the first to get here builds and the others wait,
    then read what it wrote: two builds into one folder at once would break both.
    """
    run = getattr(config, "workerinput", {}).get("testrunuid", RUN_ID)
    BUILD.mkdir(parents=True, exist_ok=True)
    done = BUILD / f".{name}.{run}.json"
    with FileLock(str(BUILD / f".{name}.lock")):
        if not done.exists():
            for old in BUILD.glob(f".{name}.*.json"):
                old.unlink()
            try:
                result = {"ok": True, "log": make()}
            except Exception as err:  # reported to every worker, as the build's own words
                result = {"ok": False, "log": str(err)}
            done.write_text(json.dumps(result), encoding="utf-8")
    result = json.loads(done.read_text(encoding="utf-8"))
    if not result["ok"]:
        pytest.fail(f"{name} did not build:\n" + result["log"][-4000:])
    return result["log"]


def build_course() -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "widgets.build"], cwd=ROOT, capture_output=True, text=True, timeout=3000
    )
    log = proc.stdout + proc.stderr
    (BUILD / "build.log").write_text(log)
    if proc.returncode != 0:
        raise RuntimeError(log)
    return log


@pytest.fixture(scope="session")
def build_log(pytestconfig) -> str:
    """The course, built once per test run (the execution cache keeps rebuilds quick)."""
    return once_per_run(pytestconfig, "course", build_course)


@pytest.fixture(scope="session")
def built_pages(build_log) -> list[Path]:
    """Every HTML page a reader can open (not the theme's own templates)."""
    return sorted(p for p in HTML.rglob("*.html") if "_static" not in p.parts and "reports" not in p.parts)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """A built book served on 127.0.0.1 (a free port), as a static host serves it."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def book_url(build_log) -> str:
    """The built course."""
    with serve(HTML) as url:
        yield url


@pytest.fixture(scope="session")
def widget_book_url(pytestconfig) -> str:
    """The widget book (tests/fixtures/widget-book): each widget alone on a page, with the course's data."""
    once_per_run(pytestconfig, "widget-book", lambda: books.build(books.assemble("widget-book"))[1])
    with serve(books.html_dir("widget-book")) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A phone-sized screen: the main way readers open the book.
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}, "device_scale_factor": 1}


class PageWatch:
    """What a page did: requests to other hosts (aborted) and console errors."""

    def __init__(self):
        self.external: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []


@pytest.fixture
def watch(page) -> PageWatch:
    """Cut the network to everything but loopback; count what was tried and every console error."""
    seen = PageWatch()

    def route(r):
        url = r.request.url
        seen.requests.append(url)
        if re.match(r"^(https?://(127\.0\.0\.1|localhost)(:\d+)?/|data:|blob:)", url):
            r.continue_()
        else:
            seen.external.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    return seen


def open_page(page, book_url: str, path: str, dark: bool = False):
    """Open a book page, in light or dark mode, and wait until its widgets are drawn (charts are SVG already)."""
    mode = "dark" if dark else "light"
    page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")

    page.goto(f"{book_url}/{path}")
    page.wait_for_load_state("load")
    page.wait_for_function(
        """() => [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
                 .every(s => s.nextElementSibling && s.nextElementSibling.classList.contains('cw-host')
                          && s.nextElementSibling.childElementCount > 0)""",
        timeout=20000,
    )
    return page
