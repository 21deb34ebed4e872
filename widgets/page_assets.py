"""Each page loads only the theme features it uses: copy buttons, toggles, tabs and code colours
load only on pages whose body has them (run by the build for each page; see slim.py for the rest)."""

from __future__ import annotations

import re
from pathlib import Path

# A theme feature's files, and the mark in a page's body that shows the page uses the feature.
FEATURES = {
    "code": (r'class="highlight', {"copybutton.js", "clipboard.min.js", "copybutton.css", "pygments.css"}),
    "toggles": (r'class="[^"]*\b(?:toggle|dropdown)\b', {"togglebutton.js", "togglebutton.css"}),
    "tabs": (r'class="[^"]*\bsd-', {"design-tabs.js", "sphinx-design.min.css"}),
}
# Inline settings that belong to a feature's script.
FEATURE_SETTINGS = {"toggles": ("toggleHint", "togglebuttonSelector")}


def drop_unused_assets(context: dict, body: str) -> None:
    """Remove from this page's context the scripts and stylesheets of features its body does not use."""
    unused_files: set[str] = set()
    unused_settings: tuple[str, ...] = ()
    for feature, (mark, files) in FEATURES.items():
        if not re.search(mark, body):
            unused_files |= files
            unused_settings += FEATURE_SETTINGS.get(feature, ())

    def used(asset) -> bool:
        filename = getattr(asset, "filename", None) or ""
        if Path(str(filename).split("?")[0]).name in unused_files:
            return False
        inline = (getattr(asset, "attributes", None) or {}).get("body", "")
        return not (inline and any(word in inline for word in unused_settings))

    # In place: these are the builder's lists, which it restores after each page (and which
    # add_js_file fills for this page only).
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [asset for asset in context[key] if used(asset)]
