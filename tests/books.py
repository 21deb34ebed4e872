"""Small books for the tests, built exactly as the course is (widgets.build, the same _config.yml).

A fixture book is a folder in tests/fixtures/ with a `_toc.yml`, its pages, a `settings.yml` of
changes to the course's `_config.yml`, and, if it has its own course data, a `book/` folder. Without
one it reads the course's own `book/`. It is put together in _build/fixtures/<name>/ (links to the
course's widgets/ and node_modules/), so a rebuild reuses the execution cache like the course's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from widgets.build import build_dir

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def _link(target: Path, link: Path) -> None:
    if link.is_symlink() and link.resolve() == target.resolve():
        return
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.exists():
        shutil.rmtree(link)
    link.symlink_to(target, target_is_directory=target.is_dir())


def _write(path: Path, text: str) -> None:
    """Write only what changed, so Sphinx does not read an unchanged page again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def html_dir(name: str) -> Path:
    return build_dir(ROOT) / "fixtures" / name / "_build" / "html"


def assemble(name: str, extra: dict[str, str] | None = None) -> Path:
    """The fixture book's root folder, ready to build; `extra` adds files (path -> text) to it."""
    source = FIXTURES / name
    root = build_dir(ROOT) / "fixtures" / name / "root"
    root.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    settings = yaml.safe_load((source / "settings.yml").read_text(encoding="utf-8")) or {}
    for key, value in settings.items():
        if key == "sphinx_config":  # changes inside sphinx.config
            config["sphinx"]["config"].update(value)
        else:
            config[key] = value
    _write(root / "_config.yml", yaml.safe_dump(config, allow_unicode=True))
    for path in source.rglob("*"):
        if path.is_file() and path.name != "settings.yml":
            _write(root / path.relative_to(source), path.read_text(encoding="utf-8"))
    for shared in ("widgets", "node_modules"):
        _link(ROOT / shared, root / shared)
    if not (source / "book").exists():
        _link(ROOT / "book", root / "book")
    for path, text in (extra or {}).items():
        _write(root / path, text)
    return root


def build(root: Path) -> tuple[Path, str]:
    """Build an assembled book strictly; (its HTML folder, the build log). Fails loudly."""
    out = root.parent / "_build"
    env = {**os.environ, "COURSE_BUILD_DIR": str(out), "COURSE_BOOK_DIR": str(root / "book")}
    proc = subprocess.run(
        [sys.executable, "-m", "widgets.build"], cwd=root, env=env, capture_output=True, text=True, timeout=1200
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise RuntimeError(f"the fixture book {root.parent.name} did not build:\n{log[-4000:]}")
    return out / "html", log
