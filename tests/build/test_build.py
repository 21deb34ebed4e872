"""The built book: strict, self-contained, described, linked and labelled (issue 2)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from widgets.pages import page_labels, toc_files

from ..conftest import ANSI, BUILD, HTML, ROOT, SPHINX_WARNING


class PageFacts(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.description = None
        self.resources: list[tuple[str, str]] = []  # (tag, url) that the browser would fetch
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.images_without_alt: list[str] = []
        self.charts_without_alt: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "title":
            self._in_title = True
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.resources.append((tag, a["src"]))
        if (
            tag == "link"
            and a.get("href")
            and set((a.get("rel") or "").split())
            & {
                "stylesheet",
                "preload",
                "icon",
                "modulepreload",
                "prefetch",
                "preconnect",
                "dns-prefetch",
                "manifest",
            }
        ):
            self.resources.append(("link", a["href"]))
        if tag == "object" and a.get("data"):
            self.resources.append((tag, a["data"]))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img" and not (a.get("alt") or "").strip() and a.get("role") != "presentation":
            self.images_without_alt.append(a.get("src", "?"))
        if tag == "svg" and a.get("role") == "img" and not (a.get("aria-labelledby") or "").strip():
            self.charts_without_alt.append(a.get("viewbox", "?"))
        style = a.get("style") or ""
        for url in re.findall(r"url\(['\"]?([^'\")]+)", style):
            self.resources.append(("style", url))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def facts(path: Path) -> PageFacts:
    parser = PageFacts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def is_third_party(url: str) -> bool:
    scheme = urlparse(url).scheme
    return scheme not in ("", "data", "blob") or url.startswith("//")


def test_book_builds_with_zero_warnings(build_log):
    problems = [line for line in ANSI.sub("", build_log).splitlines() if SPHINX_WARNING.search(line)]
    assert problems == [], "\n".join(problems)
    assert (HTML / "book" / "welcome.html").is_file()


def test_no_page_fetches_anything_from_another_host(built_pages):
    offenders = {str(p.relative_to(HTML)): [u for _, u in facts(p).resources if is_third_party(u)] for p in built_pages}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_a_reread_but_unchanged_chapter_is_not_run_again(build_log, tmp_path):
    """Sphinx re-reads a touched page; the execution cache must serve its notebook without a kernel.
    The rebuild goes to a copy of the build, so tests reading the book meanwhile see it unchanged."""
    copy = tmp_path / "build"
    shutil.copytree(BUILD, copy, symlinks=True, ignore=shutil.ignore_patterns("fixtures", ".*.lock", ".*.json"))
    os.utime(ROOT / "book" / "sleep.md")
    proc = subprocess.run(
        [sys.executable, "-m", "widgets.build"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "COURSE_BUILD_DIR": str(copy)},
    )
    out = ANSI.sub("", proc.stdout + proc.stderr)
    assert proc.returncode == 0, out[-2000:]
    assert re.search(r"book/sleep\.md: Using cached notebook", out), out[-2000:]
    assert "Executing notebook" not in out


def test_no_stylesheet_or_script_refers_to_another_host(build_log):
    # CSS @import/url() and JS that would fetch from a CDN (thebe, MathJax, fonts...)
    pattern = re.compile(r"(unpkg\.com|cdn\.jsdelivr|cdnjs|fonts\.googleapis|cdn\.plot\.ly|mathjax@)")
    hits = []
    for path in (HTML / "_static").rglob("*"):
        if path.suffix in (".js", ".css") and "vendor" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            for m in pattern.finditer(text):
                hits.append(f"{path.relative_to(HTML)}: {m.group()}")
    for page in HTML.rglob("*.html"):
        for m in pattern.finditer(page.read_text(encoding="utf-8")):
            hits.append(f"{page.relative_to(HTML)}: {m.group()}")
    assert hits == []


def test_every_page_has_a_title_and_a_meta_description(built_pages):
    missing = []
    for page in built_pages:
        f = facts(page)
        if not f.title.strip() or not (f.description or "").strip():
            missing.append(str(page.relative_to(HTML)))
    assert missing == []


def test_every_image_and_chart_has_a_text_alternative(built_pages):
    bad = {}
    for page in built_pages:
        f = facts(page)
        if f.images_without_alt or f.charts_without_alt:
            bad[str(page.relative_to(HTML))] = f.images_without_alt + f.charts_without_alt
    assert bad == {}


def test_every_internal_link_and_anchor_resolves(built_pages):
    cache: dict[Path, PageFacts] = {}
    broken = []
    for page in built_pages:
        for href in facts(page).links:
            if is_third_party(href) or href.startswith(("mailto:", "javascript:")):
                continue
            target = urlparse(urljoin(page.as_uri(), href))
            path = Path(unquote(target.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{page.relative_to(HTML)} -> {href}")
                continue
            if target.fragment and path.suffix == ".html":
                if path not in cache:
                    cache[path] = facts(path)
                if unquote(target.fragment) not in cache[path].ids:
                    broken.append(f"{page.relative_to(HTML)} -> {href} (no such anchor)")
    assert broken == []


def loaded_scripts(page: Path) -> str:
    """The text of every script file a built page loads (bundles included), in order."""
    text = page.read_text(encoding="utf-8")
    return "\n".join(
        (page.parent / src.split("?")[0]).read_text(encoding="utf-8")
        for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', text)
        if not re.match(r"^[a-z]+:|^//", src)
    )


RUNTIME_MARK = "// Renders the course's widgets in the published book"  # course-runtime.js's first line


def test_plotly_and_widget_scripts_only_on_pages_that_use_them(built_pages):
    for page in built_pages:
        text = page.read_text(encoding="utf-8")
        has_widgets = "application/vnd.jupyter.widget-view+json" in text
        # No page loads plotly.js with it: a tool fetches it when it first draws (the meta tag says where).
        assert "plotly-basic.min.js" not in loaded_scripts(page) and 'plotly-basic.min.js"></script>' not in text
        assert ('<meta name="course-plotly"' in text) == ('"_uses_plotly": true' in text), page
        assert (RUNTIME_MARK in loaded_scripts(page)) == has_widgets, page


def test_the_plotly_address_each_tool_page_gives_is_served(built_pages):
    tool_pages = [p for p in built_pages if '<meta name="course-plotly"' in p.read_text(encoding="utf-8")]
    assert len(tool_pages) >= 2  # the caffeine timeline and the twitch diary
    for page in tool_pages:
        address = re.search(r'<meta name="course-plotly" content="([^"]+)"', page.read_text(encoding="utf-8"))[1]
        assert (page.parent / address).resolve().is_file(), page


def test_language_is_english(built_pages):
    for page in built_pages:
        assert re.search(r'<html[^>]* lang="en"', page.read_text(encoding="utf-8")), page


# ----------------------------------------------------------------------------- bad input


def _mini_book(tmp_path: Path, chapter_yaml: str, cell: str = 'Quiz("mini")') -> Path:
    """A one-chapter book that uses the real widgets and extension, to see how failures read."""
    book = tmp_path / "book"
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    # The course's own data (triggers name the real chapters), and the chapter under test.
    shutil.copytree(ROOT / "book" / "data", book / "data")
    shutil.copy(ROOT / "book" / "references.bib", book / "references.bib")
    (book / "data" / "chapters" / "mini.yml").write_text(chapter_yaml)
    # The data links to sections of the real pages: copy them for the link check, but do not build them.
    pages = sorted((ROOT / "book").glob("*.md"))
    for page in pages:
        (book / page.name).write_text(page.read_text())
    skip = "".join(f"  - book/{page.name}\n" for page in pages)
    (tmp_path / "_config.yml").write_text(
        (ROOT / "_config.yml").read_text().replace("  - _build\n", "  - _build\n  - tmp*\n" + skip)
    )
    sections = "".join(
        f"({label.replace('sleep-', 'mini-')})=\n## {label}\n\n" for label in page_labels("sleep", ROOT / "book")
    )
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/mini\n")
    (book / "mini.md").write_text(
        textwrap.dedent(
            f"""\
            ---
            jupytext:
              text_representation: {{extension: .md, format_name: myst}}
            kernelspec: {{display_name: Python 3, language: python, name: python3}}
            description: A tiny page for tests.
            ---
            # Mini

            ```{{code-cell}} ipython3
            from widgets import Quiz
            {cell}
            ```
            """
        )
        + "\n"
        + sections
    )
    return tmp_path


def _build(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "widgets.build"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COURSE_BUILD_DIR": str(folder / "_build")},
    )


GOOD_CHAPTER = (ROOT / "book" / "data" / "chapters" / "sleep.yml").read_text().replace("sleep-", "mini-")


@pytest.mark.parametrize(
    "broken, expected",
    [
        (GOOD_CHAPTER.replace("correct: true", "correct: false"), "no option is marked correct"),
        (GOOD_CHAPTER.replace("minutes:", "minutes: [\n"), "not valid YAML"),
        (GOOD_CHAPTER.replace("main_message:", "main_message_typo:"), "missing required field 'main_message'"),
    ],
    ids=["no-correct-answer", "malformed-yaml", "missing-field"],
)
def test_bad_data_fails_the_build_with_one_clear_line(tmp_path, broken, expected):
    proc = _build(_mini_book(tmp_path, broken))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    lines = [line for line in out.splitlines() if "mini.yml" in line]
    assert lines and expected in lines[0], out[-3000:]
    assert "Traceback" not in out


def test_a_cell_error_fails_the_build_naming_chapter_and_cell(tmp_path):
    proc = _build(_mini_book(tmp_path, GOOD_CHAPTER, cell='Quiz("no-such-chapter")'))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "mini.md" in out and "Executing notebook failed" in out
    assert 'Quiz("no-such-chapter")' in out  # the cell itself is shown
    assert "no chapter called 'no-such-chapter'" in out


def test_a_page_missing_from_the_toc_fails_the_build_naming_it(tmp_path):
    folder = _mini_book(tmp_path, GOOD_CHAPTER, cell="1 + 1")
    (folder / "book" / "forgotten.md").write_text("---\ndescription: Not listed.\n---\n# Forgotten\n")
    proc = _build(folder)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert any("forgotten" in line and "toctree" in line for line in out.splitlines()), out[-2000:]


def test_every_page_in_book_is_in_the_toc():
    listed = set(toc_files(ROOT / "book"))
    pages = {
        str(p.relative_to(ROOT).with_suffix(""))
        for p in (ROOT / "book").rglob("*.md")
        if not any(part.startswith(".") for part in p.relative_to(ROOT).parts)  # e.g. .ipynb_checkpoints
    }
    assert pages - listed == set(), "pages missing from _toc.yml"
    assert listed - pages == set(), "_toc.yml entries with no page"


def test_every_page_is_valid_html(built_pages):
    """The Nu HTML Checker (vnu-jar, pinned in package.json; Java from Debian) finds no error on any page."""
    import json

    checker = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    proc = subprocess.run(
        ["java", "-jar", str(checker), "--format", "json", "--errors-only", *map(str, built_pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(proc.stderr)["messages"]
        if m["type"] == "error"
    ]
    assert errors == []
