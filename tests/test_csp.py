"""The built book under a strict Content-Security-Policy: every widget works, nothing is refused (issue 13)."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from widgets.csp import CONTENT_SECURITY_POLICY, inline_code_left

from .conftest import HTML, open_page
from .test_browser import page_paths

STRICT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
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
