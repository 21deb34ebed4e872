"""The browser files share one scope (a widget's module is its `shared` files joined in order, then
its own): each file's first line, `// uses: … · provides: …`, must say exactly what it takes from
the files joined with it and what it gives them, and every widget must join them in an order that works."""

from __future__ import annotations

import re
import subprocess

import pytest

import widgets
from widgets.base import STATIC, CourseWidget, file_name
from widgets.tool import Tool

HEADER = re.compile(r"^// uses: (?P<uses>.*?) · provides: (?P<provides>.*)$")
DEFINED = re.compile(r"^(?:async )?(?:function\*? |const |let |class )(\w+)", re.M)
COMMENTS = re.compile(r"/\*[\s\S]*?\*/|^[ \t]*//[^\n]*|[ \t]//[ \t][^\n]*", re.M)
WIDGETS = [w for w in (*CourseWidget.__subclasses__(), *Tool.__subclasses__()) if w.kind]
BUNDLES = {w.kind: (*w.shared, file_name(w.kind)) for w in WIDGETS}
FILES = sorted(p.stem for p in STATIC.glob("*.js"))


def header(name: str) -> tuple[set[str], set[str]]:
    first = (STATIC / f"{name}.js").read_text(encoding="utf-8").split("\n", 1)[0]
    match = HEADER.match(first)
    assert match, f"{name}.js does not start with its '// uses: … · provides: …' line"
    split = lambda text: set() if text.strip() == "nothing" else {n.strip() for n in text.split(",")}  # noqa: E731
    return split(match["uses"]), split(match["provides"])


def code(name: str) -> str:
    """A file's code without its first line and its comments (they may name what they do not use)."""
    return COMMENTS.sub("", (STATIC / f"{name}.js").read_text(encoding="utf-8").split("\n", 1)[1])


def defined(name: str) -> set[str]:
    text = code(name)
    return set(DEFINED.findall(text)) | ({"render"} if "export default { render }" in text else set())


def mentions(text: str, name: str) -> bool:
    """`name` is used in `text` as itself, not as a property (`x.name`) or part of a longer name."""
    return re.search(rf"(?<![\w$)\]]\.)(?<![\w$]){name}\b", text) is not None


def taken(name: str) -> set[str]:
    """What a file uses that another file joined with it in some widget defines."""
    out = set()
    for files in BUNDLES.values():
        if name in files:
            others = {n for other in files if other != name for n in defined(other)}
            out |= {n for n in others - defined(name) if mentions(code(name), n)}
    return out


@pytest.mark.parametrize("name", FILES)
def test_a_file_says_what_it_uses_and_provides(name):
    uses, provides = header(name)
    assert provides <= defined(name), f"{name}.js provides what it does not define: {provides - defined(name)}"
    assert taken(name) == uses, f"{name}.js uses {sorted(taken(name))}, its first line says {sorted(uses)}"
    given = {n for other in FILES if other != name for n in taken(other) & defined(name)}
    assert given <= provides, f"{name}.js gives {sorted(given - provides)} without saying so"


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: w.kind)
def test_every_widget_joins_what_its_files_use_before_them(widget):
    given: set[str] = set()
    for name in BUNDLES[widget.kind]:
        uses, provides = header(name)
        assert uses <= given, f"{widget.kind}: {name}.js uses {sorted(uses - given)}, not joined before it"
        assert not provides & given, f"{widget.kind}: {name}.js gives again {sorted(provides & given)}"
        given |= provides
    assert widget.__name__ in widgets.__all__


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: w.kind)
def test_every_widget_module_parses(widget, tmp_path):
    """The joined module is valid JavaScript: one name declared twice in it stops the whole widget."""
    module = tmp_path / f"{file_name(widget.kind)}.mjs"
    module.write_text(widget._esm, encoding="utf-8")
    checked = subprocess.run(["node", "--check", str(module)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
