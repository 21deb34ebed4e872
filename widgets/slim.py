"""Pages that cost a reader on a phone little: only what a page uses, in few files, none blocking.

Two steps, both run by the build (sphinx_ext):

- `page_assets.drop_unused_assets`, for each page as Sphinx writes it: the theme's optional features
  (copy buttons, toggles, tabs, code colours) load only on pages whose body uses them.
- `bundle_book` (here), on the finished book (after csp.make_book_strict):
  - a page's stylesheets become one file, print styles included;
  - its scripts become one deferred file per run of shared scripts, in the same order, so none
    blocks the first paint (the page's own small settings stay separate, so bundles are shared
    by pages and cached);
  - the CSS keeps only rules that some page or script can use (PurgeCSS, pinned in package.json);
  - the icon fonts keep only the icons that rules left in the CSS draw (fontTools).

Every bundle is named by its content, so a browser may cache it for good.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

from .csp import write_once
from .icon_fonts import subset_icon_fonts

# ---------------------------------------------------------------------------------- bundling

_HEAD = re.compile(r"<head>.*?</head>", re.S)
_STYLESHEET = re.compile(r'<link(?=[^>]*\brel="stylesheet")[^>]*>\s*')
_SCRIPT_TAG = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>\s*", re.S)
_ATTRIBUTE = re.compile(r'([\w:-]+)(?:="([^"]*)")?')
_IMPORT = re.compile(r'@import\s+(?:url\()?["\']?([^"\')]+)["\']?\)?\s*;')
_URL = re.compile(r'url\((["\']?)(?!data:|https?:|/|#)([^"\')]+)\1\)')
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.M)
STYLES, SCRIPTS = "_static/styles", "_static/scripts"


def _attributes(text: str) -> dict[str, str]:
    return {name: value or "" for name, value in _ATTRIBUTE.findall(text)}


def _local(page: Path, href: str, outdir: Path) -> Path | None:
    """The built file a relative address on `page` points to, or None for other hosts."""
    if re.match(r"^(?:[a-z]+:|//|/)", href):
        return None
    target = (page.parent / href.split("?")[0].split("#")[0]).resolve()
    return target if target.is_file() and outdir.resolve() in target.parents else None


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def _stylesheet_text(path: Path, styles: Path) -> str:
    """A stylesheet with its @imports inlined and its url()s pointing from the styles folder."""

    def rebase(match: re.Match) -> str:
        target = (path.parent / match.group(2)).resolve()
        return f'url("{_relative(target, styles)}")'

    def inline(match: re.Match) -> str:
        return _stylesheet_text((path.parent / match.group(1)).resolve(), styles)

    text = path.read_text(encoding="utf-8")
    return _URL.sub(rebase, _IMPORT.sub(inline, text))


def _bundleable(attrs: dict[str, str], path: Path | None, outdir: Path) -> bool:
    """A classic script of the book's own that can share a file: no options beyond defer."""
    if path is None or set(attrs) - {"src", "defer"}:
        return False
    relative = path.relative_to(outdir.resolve()).parts
    # The page's own settings (csp.py's inline files) stay apart, so bundles are shared; plotly is
    # loaded on its own, only where a chart needs it.
    return "inline" not in relative and "vendor" not in relative


def bundle_book(outdir: Path, node_modules: Path) -> dict[str, int]:
    """Bundle every page's styles and scripts; returns counts for the build log."""
    outdir = outdir.resolve()
    styles, scripts = outdir / STYLES, outdir / SCRIPTS
    pages = [p for p in sorted(outdir.rglob("*.html")) if "_static" not in p.relative_to(outdir).parts]
    # A page left from an earlier build names bundles: they are made again from their sources, so
    # an edited stylesheet or script reaches every page.
    made_from = _read_manifest(outdir)
    css_bundles: dict[tuple, str] = {}  # (file, media) sequence -> concatenated CSS
    plans = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        head = _HEAD.search(text)
        if not head:
            continue  # not a theme page (the redirect at the front door)
        sheets = []
        for match in _STYLESHEET.finditer(head.group(0)):
            attrs = _attributes(match.group(0))
            path = _local(page, attrs.get("href", ""), outdir)
            if path is not None and path.name in made_from:
                sheets += [(outdir / source, media) for source, media in made_from[path.name]]
            elif path is not None:
                sheets.append((path, attrs.get("media", "all")))
        key = tuple(sheets)
        if key and key not in css_bundles:
            css_bundles[key] = "\n".join(
                _stylesheet_text(path, styles)
                if media == "all"
                else f"@media {media} {{\n{_stylesheet_text(path, styles)}\n}}"
                for path, media in key
            )
        plans.append((page, text, key))
    purged = _purge(css_bundles, pages, outdir, node_modules)
    css_names = {key: write_once(styles, css, ".css", "course-") for key, css in purged.items()}
    js_made_from: dict[str, list] = {}  # each script bundle written -> the files it was made from
    for page, text, key in plans:
        text = _one_stylesheet(page, text, key, css_names, outdir)
        text, names = _bundle_scripts(page, text, outdir, scripts, made_from)
        js_made_from |= names
        page.write_text(text, encoding="utf-8")
    sources = {
        name: [[path.relative_to(outdir).as_posix(), media] for path, media in key] for key, name in css_names.items()
    }
    _write_manifest(outdir, {**sources, **js_made_from})
    # Every bundle still on disk: pages left from an earlier build use theirs.
    icons = subset_icon_fonts(outdir, sorted(styles.glob("course-*.css")))
    return {"stylesheets": len(css_names), "script bundles": len(js_made_from), "icons kept": icons}


SOURCES_MANIFEST = "course-bundles.json"  # in _static/styles


def _read_manifest(outdir: Path) -> dict[str, list]:
    manifest = outdir / STYLES / SOURCES_MANIFEST
    return json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}


def _write_manifest(outdir: Path, bundles: dict[str, list]) -> None:
    """Which files (paths from the site's root, with their media) each bundle was made from.

    A later build makes bundles again from these, and a test draws pages both ways."""
    known = _read_manifest(outdir)
    (outdir / STYLES / SOURCES_MANIFEST).write_text(
        json.dumps({**known, **bundles}, indent=1, sort_keys=True), encoding="utf-8"
    )


def _purge(bundles: dict[tuple, str], pages: list[Path], outdir: Path, node_modules: Path) -> dict[tuple, str]:
    """Keep only the CSS rules whose selectors some page or script of the book can match."""
    if not bundles:
        return {}
    scripts = [p for p in (outdir / "_static").rglob("*.js") if "vendor" not in p.parts]
    with tempfile.TemporaryDirectory(prefix="course-purge-") as tmp:
        keys = list(bundles)
        sources = []
        for n, key in enumerate(keys):
            source = Path(tmp) / f"bundle{n}.css"
            source.write_text(bundles[key], encoding="utf-8")
            sources.append(source)
        out = Path(tmp) / "out"
        out.mkdir()
        content = Path(tmp) / "content.txt"
        # One file to scan keeps the command line short; PurgeCSS reads words, not structure.
        content.write_text("\n".join(p.read_text(encoding="utf-8") for p in [*pages, *scripts]), encoding="utf-8")
        subprocess.run(
            [
                str(node_modules / ".bin" / "purgecss"),
                "--css",
                *map(str, sources),
                "--content",
                str(content),
                "--output",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        return {key: (out / source.name).read_text(encoding="utf-8") for key, source in zip(keys, sources, strict=True)}


def _one_stylesheet(page: Path, text: str, key: tuple, names: dict[tuple, str], outdir: Path) -> str:
    if not key:
        return text
    head = _HEAD.search(text)
    href = _relative(outdir / STYLES / names[key], page.parent)
    first = True

    def replace(match: re.Match) -> str:
        nonlocal first
        if _local(page, _attributes(match.group(0)).get("href", ""), outdir) is None:
            return match.group(0)
        if first:
            first = False
            return f'<link rel="stylesheet" href="{href}" />\n'
        return ""

    new_head = _STYLESHEET.sub(replace, head.group(0))
    return text[: head.start()] + new_head + text[head.end() :]


def _bundle_scripts(page: Path, text: str, outdir: Path, scripts: Path, made_from: dict) -> tuple[str, dict]:
    """Every external script deferred (order kept); each run of shared ones becomes one file.

    Returns the page and, for each bundle written, the files it was made from."""
    tags = []
    for match in _SCRIPT_TAG.finditer(text):
        attrs = _attributes(match.group("attrs"))
        if "src" not in attrs or attrs.get("type") not in (None, "", "text/javascript"):
            continue
        tags.append((match, attrs, _local(page, attrs["src"], outdir)))
    runs: list[tuple[bool, list]] = []  # (shared?, its script tags), in page order
    for match, attrs, path in tags:
        shared = _bundleable(attrs, path, outdir)
        if shared and runs and runs[-1][0]:
            runs[-1][1].append((match, attrs, path))
        else:
            runs.append((shared, [(match, attrs, path)]))
    replacements: dict[int, tuple[int, str]] = {}
    written = {}
    for shared, run in runs:
        first_match = run[0][0]
        if shared:
            files = [
                f
                for _, _, p in run
                for f in ([outdir / s for s, _ in made_from[p.name]] if p.name in made_from else [p])
            ]
            body = ";\n".join(_SOURCE_MAP.sub("", f.read_text(encoding="utf-8")).strip() for f in files) + ";\n"
            name = write_once(scripts, body, ".js", "course-")
            written[name] = [[f.relative_to(outdir).as_posix(), "all"] for f in files]
            src = _relative(scripts / name, page.parent)
            tag = f'<script defer src="{src}"></script>\n'
        else:
            match, attrs = run[0][0], run[0][1]
            extra = "".join(f' {k}="{v}"' if v else f" {k}" for k, v in attrs.items() if k not in ("src", "defer"))
            deferred = "" if "async" in attrs or attrs.get("type") == "module" else " defer"
            tag = f'<script{deferred}{extra} src="{attrs["src"]}"></script>\n'
        replacements[first_match.start()] = (first_match.end(), tag)
        for match, *_ in run[1:]:
            replacements[match.start()] = (match.end(), "")
    out, last = [], 0
    for start in sorted(replacements):
        end, tag = replacements[start]
        out.append(text[last:start] + tag)
        last = end
    out.append(text[last:])
    return "".join(out), written
