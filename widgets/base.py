"""What every course widget shares: an anywidget whose module is common.js + its own file."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from .catalogue import catalogue_dir, words
from .course_files import CourseDataError
from .data import load_storage

STATIC = Path(__file__).parent / "static"


def bundle(names: tuple[str, ...], suffix: str) -> str:
    """The files static/<name>.<suffix> that exist, in order: one widget's browser code, self-contained.

    A widget's module reaches the browser as a single string, so it cannot import shared code.
    """
    files = [STATIC / f"{name}.{suffix}" for name in names]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.exists())


def file_name(kind: str) -> str:
    """A widget's one name, as its files spell it: 'symptom-checker' -> 'symptom_checker'."""
    return kind.replace("-", "_")


class CourseWidget(anywidget.AnyWidget):
    """Base class of every course widget.

    A widget has one name, its `kind` ("symptom-checker"): the page calls it `data-widget` and its
    CSS class is `cw-<kind>`; its files are widgets/<kind>.py and static/<kind>.js and .css (with
    underscores), and its words are in the catalogue file of that name. `shared` lists the static
    files joined in front of its own, in order (each JS file's first line says what it uses).
    """

    kind = ""
    shared: tuple[str, ...] = ("common",)
    # Tells the book to load plotly.js on pages where this widget appears.
    _uses_plotly = traitlets.Bool(False).tag(sync=True)
    # Where a widget keeps what the reader saves in this browser (book/data/storage.yml).
    storage = traitlets.Dict().tag(sync=True)
    # Every word the widget shows, from the book's catalogue: for each browser file the widget is
    # joined from, the catalogue file of the same name (book/data/locales/<language>/<file>.yml).
    words = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(storage=load_storage(), words=self.catalogue(), **kwargs)

    @classmethod
    def catalogue(cls) -> dict[str, str]:
        merged: dict[str, str] = {}
        for name in (*cls.shared, file_name(cls.kind)):
            if not (catalogue_dir() / f"{name}.yml").is_file():
                continue
            for key, text in words(name).items():
                if not isinstance(text, str):  # a group, such as fields.yml's labels: part of the field rules
                    continue
                if key in merged and merged[key] != text:
                    raise CourseDataError(
                        catalogue_dir() / f"{name}.yml", key, "the same name has other words elsewhere"
                    )
                merged[key] = text
        return merged

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Only where `kind` is declared: anywidget makes subclasses of its own at run time.
        if "kind" in cls.__dict__ and cls.kind:
            own = file_name(cls.kind)
            if not (STATIC / f"{own}.js").exists():
                raise FileNotFoundError(f"widget '{cls.kind}' has no static/{own}.js")
            cls._esm = bundle((*cls.shared, own), "js")
            cls._css = bundle((*cls.shared, own), "css")
