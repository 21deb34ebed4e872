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
    if link.is_symlink() or link.exists():
        link.unlink() if link.is_symlink() or link.is_file() else shutil.rmtree(link)
    link.symlink_to(target, target_is_directory=target.is_dir())


def assemble(name: str, extra: dict[str, str] | None = None) -> Path:
    """The fixture book's root folder, ready to build; `extra` adds files (path -> text) to it."""
    source = FIXTURES / name
    root = build_dir(ROOT) / "fixtures" / name / "root"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    settings = yaml.safe_load((source / "settings.yml").read_text(encoding="utf-8")) or {}
    for key, value in settings.items():
        if key == "sphinx_config":  # changes inside sphinx.config
            config["sphinx"]["config"].update(value)
        else:
            config[key] = value
    (root / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for item in source.iterdir():
        if item.name == "settings.yml":
            continue
        if item.is_dir():
            shutil.copytree(item, root / item.name)
        else:
            shutil.copy(item, root / item.name)
    for shared in ("widgets", "node_modules"):
        _link(ROOT / shared, root / shared)
    if not (root / "book").exists():
        _link(ROOT / "book", root / "book")
    for path, text in (extra or {}).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
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
