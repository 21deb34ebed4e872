"""What the tools (caffeine timeline, twitch diary, visit summary) share in Python: their browser
files, their rules and words as traits, and plotly.js handed to the browser by a live kernel."""

from __future__ import annotations

from pathlib import Path

import traitlets

from .base import CourseWidget
from .data import load_fields, load_palette

PLOTLY_JS = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"


class Tool(CourseWidget):
    """Base class of the tools: the form rules (`fields`, `messages`, `limits`) and the chart colours."""

    messages = traitlets.Dict().tag(sync=True)
    limits = traitlets.Dict().tag(sync=True)
    palette = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs):
        rules = load_fields()
        limits = {
            "max_bytes": rules["limits"]["import_max_bytes"],
            "max_entries": rules["limits"]["import_max_entries"],
        }
        super().__init__(messages=rules["messages"], limits=limits, palette=load_palette()["tools"], **kwargs)
        self.on_msg(self._on_custom_msg)

    def _on_custom_msg(self, _widget, content, _buffers):
        if isinstance(content, dict) and content.get("type") == "need-plotly":
            # No network: the plotly Python package carries plotly.js.
            self.send({"type": "plotly-js", "source": PLOTLY_JS.read_text(encoding="utf-8")})
