"""What every course widget shares: an anywidget whose module is common.js + its own file."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

STATIC = Path(__file__).parent / "static"


def bundle(kind: str, suffix: str) -> str:
    """common.<suffix> then <kind>.<suffix> (if there is one): one widget's browser code, self-contained.

    A widget's module reaches the browser as a single string, so it cannot import shared code.
    """
    files = [STATIC / f"common.{suffix}", STATIC / f"{kind}.{suffix}"]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.exists())


class CourseWidget(anywidget.AnyWidget):
    """Base class: subclasses name their `kind`, and get their JavaScript and CSS from static/."""

    kind = ""
    # Tells the book to load plotly.js on pages where this widget appears.
    _uses_plotly = traitlets.Bool(False).tag(sync=True)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Only where `kind` is declared: anywidget makes subclasses of its own at run time.
        if "kind" in cls.__dict__ and cls.kind:
            if not (STATIC / f"{cls.kind}.js").exists():
                raise FileNotFoundError(f"widget '{cls.kind}' has no static/{cls.kind}.js")
            cls._esm = bundle(cls.kind, "js")
            cls._css = bundle(cls.kind, "css")
