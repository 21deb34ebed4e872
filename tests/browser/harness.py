"""One widget alone in a page, driven as a kernel drives it: for tests of what Python sets.

`mount(page, widget)` puts the widget's browser module (its `_esm` and `_css`) in an empty page,
with its state as Python holds it. `set_trait(page, name, value)` then does what a live kernel
does when a learner sets a trait in Python: the page's model changes and fires `change:<name>`.
`synced(page)` lists what the page sent back (as `save_changes` sends it to the kernel).
The page is served from a local address of its own, so the widget has its own localStorage.
"""

from __future__ import annotations

import json

HARNESS_URL = "http://127.0.0.1:9/harness.html"  # never reached: the page is answered by the test

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><style>{css}</style></head>
<body><main id="host"></main><script type="module">
const state = {state};
const listeners = new Map();
const fire = (name, value) => (listeners.get(name) || []).forEach((cb) => cb(value));
window.synced = [];
window.model = {{
  get: (name) => state[name],
  set(name, value) {{ state[name] = value; fire(`change:${{name}}`, value); fire("change", value); }},
  on(names, cb) {{ for (const n of names.split(" ")) listeners.set(n, [...(listeners.get(n) || []), cb]); }},
  off() {{}},
  save_changes() {{ window.synced.push(structuredClone(state)); }},
  send() {{}},
  widget_manager: {{ get_model: async () => undefined }},
}};
const url = URL.createObjectURL(new Blob([state._esm], {{ type: "text/javascript" }}));
const widget = (await import(url)).default;
await widget.render({{ model: window.model, el: document.getElementById("host") }});
document.body.dataset.mounted = "yes";
</script></body></html>"""


def mount(page, widget, lang: str = "en") -> None:
    """Open an empty page holding only `widget`, drawn from its state; wait until it is drawn."""
    state = widget.get_state()
    html = PAGE.format(lang=lang, css=widget._css, state=json.dumps(state).replace("</", "<\\/"))
    page.route(HARNESS_URL, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(HARNESS_URL)
    page.wait_for_selector("body[data-mounted=yes]", state="attached")


def set_trait(page, name: str, value) -> None:
    """What a kernel does when Python sets `widget.<name> = value`."""
    page.evaluate("([name, value]) => window.model.set(name, value)", [name, value])


def synced(page) -> list[dict]:
    """Every state the page sent back to Python, oldest first."""
    return page.evaluate("() => window.synced")
