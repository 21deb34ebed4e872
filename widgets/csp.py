"""Built pages that work under a strict Content-Security-Policy (no inline script, no `blob:` code).

Run on every HTML page after Sphinx writes it (see sphinx_ext._finish_build):

- Each run of inline scripts (the theme's small settings, the search page's start-up) becomes one
  file under `_static/inline/`, named by its content, so browsers cache it. The one exception is
  the two-line light-or-dark script, which must run before the first paint: the policy allows it
  by its hash.
- Each widget's browser module (`_esm` in the saved widget state) becomes a file under
  `_static/widgets/`, and the state keeps its address; the runtime imports it from there instead
  of from a `blob:` URL.
- The theme's one inline event handler (the print button's `onclick`) becomes a data attribute
  that `course-page.js` wires up.

A page processed once has nothing left to change, so running it again is harmless.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

# The one inline script (templates/layout.html): it sets light or dark before the first paint, which
# a script file could do only by blocking rendering. The policy allows it by its hash, and only it.
THEME_MODE_SCRIPT = (
    'document.documentElement.dataset.mode = localStorage.getItem("mode") || "auto";'
    'document.documentElement.dataset.theme = localStorage.getItem("theme") || "auto";'
)
THEME_MODE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(THEME_MODE_SCRIPT.encode()).digest()).decode()

# The header a host should send with every page (README, "Host it"); the browser test serves it.
CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; script-src 'self' '{THEME_MODE_HASH}'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'"
)

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_RUN_OF_INLINE = re.compile(r"(?:<script(?:\s+data-cfasync=\"false\")?\s*>(?:(?!</script>).)*</script>\s*)+", re.S)
_STATE = re.compile(r'(<script type="application/vnd\.jupyter\.widget-state\+json">)(.*?)(</script>)', re.S)
_PRINT_HANDLER = 'onclick="window.print()"'
_ON_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)


def write_once(folder: Path, text: str, suffix: str, prefix: str = "") -> str:
    """Write `text` to folder/<prefix><hash><suffix> (if it is not there yet); return the file name."""
    name = prefix + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] + suffix
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.is_file():
        target.write_text(text, encoding="utf-8")
    return name


def _inline_scripts_to_files(page: str, static: Path, prefix: str) -> str:
    def replace(match: re.Match) -> str:
        bodies = [m.group("body").strip() for m in _SCRIPT.finditer(match.group(0))]
        if bodies == [THEME_MODE_SCRIPT]:
            return match.group(0)
        source = ";\n".join(b.rstrip(";") for b in bodies if b) + ";\n"
        name = write_once(static / "inline", source, ".js")
        trailing = match.group(0)[len(match.group(0).rstrip()) :]
        return f'<script src="{prefix}_static/inline/{name}"></script>{trailing}'

    return _RUN_OF_INLINE.sub(replace, page)


def _widget_modules_to_files(page: str, static: Path, prefix: str) -> str:
    def replace(match: re.Match) -> str:
        saved = json.loads(match.group(2))
        for model in saved.get("state", {}).values():
            state = model.get("state", {})
            source = state.get("_esm")
            if isinstance(source, str) and not source.startswith(("http://", "https://", prefix + "_static/")):
                state["_esm"] = prefix + "_static/widgets/" + write_once(static / "widgets", source, ".js")
        text = json.dumps(saved, ensure_ascii=False).replace("</", "<\\/")
        return match.group(1) + text + match.group(3)

    return _STATE.sub(replace, page)


def make_page_strict(path: Path, outdir: Path) -> None:
    """Rewrite one built page so it needs nothing the strict policy forbids."""
    page = path.read_text(encoding="utf-8")
    depth = len(path.relative_to(outdir).parts) - 1
    prefix = "../" * depth
    static = outdir / "_static"
    strict = _inline_scripts_to_files(page, static, prefix)
    strict = _widget_modules_to_files(strict, static, prefix)
    strict = strict.replace(_PRINT_HANDLER, "data-course-print")
    if strict != page:
        path.write_text(strict, encoding="utf-8")


def make_book_strict(outdir: Path) -> None:
    for path in sorted(outdir.rglob("*.html")):
        if "_static" not in path.relative_to(outdir).parts:
            make_page_strict(path, outdir)


def inline_code_left(page: str) -> list[str]:
    """What in a page would break under the policy: inline scripts and inline event handlers."""
    found = [
        m.group(0)[:80]
        for m in _SCRIPT.finditer(page)
        if "src=" not in m.group("attrs")
        and m.group("body") != THEME_MODE_SCRIPT
        and not re.search(r'type="(application/(vnd\.jupyter[^"]*|json)|text/x-thebe-config)"', m.group("attrs"))
    ]
    return found + [m.group(0)[:80] for m in _ON_ATTRIBUTE.finditer(page)]
