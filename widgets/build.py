"""Build the book strictly: `python -m widgets.build [--fresh]` (what `make book` runs).

The same as `jupyter-book build . -W -n --keep-going`, but a failed build ends with the one
line that says why (Sphinx prints it) instead of Jupyter Book's long traceback.
The output folder is `_build`, or $COURSE_BUILD_DIR (so two builds can run side by side).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def build_dir(root: Path) -> Path:
    return Path(os.environ.get("COURSE_BUILD_DIR") or root / "_build").resolve()


def build(root: Path, fresh: bool = False) -> int:
    from jupyter_book.cli.main import build as jb_build
    from jupyter_book.sphinx import build_sphinx

    out = build_dir(root)
    config, source, overrides = jb_build.callback(
        str(root),
        None,
        None,
        None,
        True,
        True,
        True,
        fresh,
        "html",
        None,
        0,
        0,
        False,
        get_config_only=True,
    )
    overrides["nb_execution_cache_path"] = str(out / ".jupyter_cache")
    result = build_sphinx(
        source,
        out / "html",
        noconfig=True,
        path_config=str(config),
        confoverrides=overrides,
        builder="html",
        warningiserror=True,
        keep_going=True,
        freshenv=fresh,
        verbosity=0,
        quiet=False,
        really_quiet=False,
    )
    if isinstance(result, BaseException) or result:
        print("The book did not build: the lines above say why.", file=sys.stderr)
        return 1
    print(f"The book is in {out / 'html'}")
    return 0


if __name__ == "__main__":
    sys.exit(build(Path.cwd(), fresh="--fresh" in sys.argv[1:]))
