"""The built book under a strict Content-Security-Policy: every widget works, nothing is refused (issue 13)."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import threading

import pytest

from widgets.csp import CONTENT_SECURITY_POLICY, THEME_MODE_SCRIPT, inline_code_left

from ..browser.test_pages import page_paths
from ..conftest import HTML, open_page

# The light-or-dark script, the one inline script a page may carry, is allowed by its own hash.
MODE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(THEME_MODE_SCRIPT.encode()).digest()).decode()
STRICT_POLICY = (
    f"default-src 'self'; script-src 'self' '{MODE_HASH}'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'"
)


def test_the_policy_is_the_strict_one_the_readme_gives(build_log):
    from .conftest import ROOT

    assert CONTENT_SECURITY_POLICY == STRICT_POLICY
    assert f"Content-Security-Policy: {STRICT_POLICY}" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert STRICT_POLICY in (HTML / "_headers").read_text(encoding="utf-8")


def test_no_page_carries_inline_code(built_pages):
    left = {str(p.relative_to(HTML)): inline_code_left(p.read_text(encoding="utf-8")) for p in built_pages}
    assert {page: code for page, code in left.items() if code} == {}


def test_the_one_inline_script_is_the_light_or_dark_one_and_comes_first(built_pages):
    for path in built_pages:
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        if 'http-equiv="refresh"' in head:
            continue  # the redirect at the site's front door has no script at all
        first_script = head[head.index("<script") :].split("</script>")[0]
        assert first_script == f"<script>{THEME_MODE_SCRIPT}", path


class _StrictHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", STRICT_POLICY)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def strict_url(build_log) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StrictHandler, directory=str(HTML)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("book_page", page_paths())
def test_every_page_works_under_the_strict_policy(page, watch, strict_url, book_page):
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " (e) => (window.__refused ||= []).push(`${e.violatedDirective} ${e.blockedURI}`));"
    )
    open_page(page, strict_url, book_page)  # waits until every widget and chart is drawn
    assert page.evaluate("window.__refused || []") == []
    assert watch.errors == [], "console errors"
    assert (
        page.locator(".cw-host").count()
        == page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
    )
    assert page.get_by_text("could not load").count() == 0
