"""`make bench`: build times, and what every page costs a reader, against the course's budgets.

Prints the cold build and the cached rebuild in seconds, then for every page the requests,
bytes and gzip bytes that Chromium loads (network cut to loopback), and third-party requests.
Timings are wall-clock on a shared machine: compare them as ratios within one run.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

BUDGET_PAGE_GZIP = 1.2 * 1024 * 1024  # a page with a widget and a chart, everything included
BUDGET_REBUILD_S = 20.0


def timed_build(out: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "widgets.build"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COURSE_BUILD_DIR": str(out)},
    )
    if proc.returncode:
        sys.exit("build failed:\n" + (proc.stdout + proc.stderr)[-3000:])
    return time.perf_counter() - start


def measure_pages(html: Path) -> list[dict]:
    import functools
    import http.server
    import threading

    from tests.conftest import _QuietHandler

    handler = functools.partial(_QuietHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = sorted(
        str(p.relative_to(html)) for p in html.rglob("*.html") if "_static" not in p.parts and "reports" not in p.parts
    )
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in pages:
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            third_party, bodies = [], []

            def route(r, third_party=third_party):
                if r.request.url.startswith(base) or r.request.url.startswith(("data:", "blob:")):
                    r.continue_()
                else:
                    third_party.append(r.request.url)
                    r.abort()

            def on_response(resp, bodies=bodies):
                try:
                    bodies.append(resp.body())
                except Exception:  # redirects and aborted requests have no body
                    pass

            page.route("**/*", route)
            page.on("response", on_response)
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("networkidle")
            text = (html / path).read_text(encoding="utf-8")
            rows.append(
                {
                    "page": path,
                    "requests": len(bodies) + len(third_party),
                    "bytes": sum(len(b) for b in bodies),
                    "gzip": sum(len(gzip.compress(b, 6)) for b in bodies),
                    "third_party": len(third_party),
                    "widget_and_chart": "widget-view+json" in text
                    and ("plotly-chart" in text or '"_uses_plotly": true' in text),
                }
            )
            context.close()
        browser.close()
    server.shutdown()
    return rows


def main() -> int:
    out = Path(tempfile.mkdtemp(prefix="course-bench-"))
    try:
        cold = timed_build(out)
        rebuild = timed_build(out)
        rows = measure_pages(out / "html")
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"cold build: {cold:.1f} s")
    print(f"cached rebuild: {rebuild:.1f} s (rebuild/cold = {rebuild / cold:.2f})")
    print(f"\n{'page':45} {'requests':>8} {'bytes':>10} {'gzip':>10} {'3rd-party':>9}")
    for r in rows:
        print(f"{r['page']:45} {r['requests']:>8} {r['bytes']:>10,} {r['gzip']:>10,} {r['third_party']:>9}")
    heavy = [r for r in rows if r["widget_and_chart"]]
    worst = max(heavy, key=lambda r: r["gzip"]) if heavy else None
    checks = [
        (
            "0 third-party requests on every page",
            sum(r["third_party"] for r in rows) == 0,
            f"{sum(r['third_party'] for r in rows)} in all",
        ),
        (
            "a page with widgets and a chart <= 1.2 MB gzip",
            worst is None or worst["gzip"] <= BUDGET_PAGE_GZIP,
            f"largest: {worst['page']} {worst['gzip'] / 1024 / 1024:.2f} MB" if worst else "no such page",
        ),
        ("cached rebuild <= 20 s", rebuild <= BUDGET_REBUILD_S, f"{rebuild:.1f} s"),
    ]
    print("\nbudgets:")
    for name, ok, detail in checks:
        print(f"  {'HOLDS' if ok else 'BROKEN':6} {name} ({detail})")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
