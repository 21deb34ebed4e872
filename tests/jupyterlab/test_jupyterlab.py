"""A real client (issue 6): a chapter opened as a notebook in JupyterLab, run, and answered.

JupyterLab (pinned in requirements.txt) starts on 127.0.0.1 with a token and the repository as
its root. Headless Chromium opens book/sleep.md through jupytext as a notebook, runs all cells,
answers a quiz question and ticks a checklist item in the live widgets, then runs a new cell that
prints the Python side's values. The caffeine timeline is run the same way: its chart must draw
(plotly reaches it through the kernel) and a drink added in the page must reach Python. The
network is cut to loopback only; the .md files open as notebooks with the settings postBuild
gives Binder, and jupyterlab-myst draws their MyST as the book does.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from widgets.data import checklist_items, load_chapter, load_storage, load_symptoms

from ..conftest import ROOT

pytestmark = pytest.mark.slow

CHAPTER = "sleep"
JUPYTER = Path(sys.executable).with_name("jupyter")
LOOPBACK = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/|^(data|blob):")


def binder_settings() -> dict:
    """The JupyterLab settings postBuild gives a learner on Binder (the JSON it writes)."""
    script = (ROOT / "postBuild").read_text()
    return json.loads(script.split("<<'JSON'", 1)[1].split("\nJSON", 1)[0])


# Binder's settings (from postBuild: MyST .md files open as notebooks), plus: nothing is autosaved
# here, so the test never writes to the chapter it opens.
SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
        **binder_settings()["@jupyterlab/docmanager-extension:plugin"],
        "autosave": False,
    },
    # Every cell stays in the page (no virtual scrolling), so the widgets at the end can be found.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """JupyterLab on 127.0.0.1 (a free port, a token); always stopped at the end."""
    settings = tmp_path / "user-settings"
    for name, value in SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(value))
    (tmp_path / "checkpoints").mkdir()
    existing = set(ROOT.glob("book/**/.ipynb_checkpoints"))
    port, token = _free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if k != "COURSE_BOOK_DIR"}  # found as a learner would
    env.update(JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "ws"))
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        [
            str(JUPYTER),
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={ROOT}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={tmp_path / 'ws'}",
            "--LabApp.extension_manager=readonly",
            # Checkpoints go to the temporary folder, not into book/.ipynb_checkpoints.
            f"--FileCheckpoints.root_dir={tmp_path / 'checkpoints'}",
            *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{(tmp_path / 'lab.log').read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as r:
                    if r.status == 200:
                        break
            if time.monotonic() > deadline:
                pytest.fail("JupyterLab did not answer within 90 s:\n" + (tmp_path / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
        yield {"url": base, "token": token, "log": tmp_path / "lab.log"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()
        left = set(ROOT.glob("book/**/.ipynb_checkpoints")) - existing
        for folder in left:  # a backstop: the test leaves nothing in the course's folders
            shutil.rmtree(folder, ignore_errors=True)
        assert not left, f"JupyterLab wrote checkpoints into the repository: {sorted(map(str, left))}"


@contextlib.contextmanager
def lab_page(browser, lab):
    """A Chromium page for JupyterLab with every request off 127.0.0.1 aborted and counted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    external: list[str] = []

    def route(r):
        if LOOPBACK.match(r.request.url):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        yield page
    finally:
        context.close()
    assert external == [], f"JupyterLab tried to reach other hosts: {external[:5]}"


def open_and_run_all(page, lab, path: str):
    """Open a book page as a notebook (through jupytext, as on Binder) and run every cell."""
    page.goto(f"{lab['url']}/lab/tree/{path}?token={lab['token']}")
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    try:
        notebook.locator(".jp-Notebook").wait_for(timeout=90_000)
    except Exception:
        pytest.fail(f"{path} did not open as a notebook (jupytext viewer missing?)")
    # JupyterLab may ask which kernel to use for a text notebook: the default, Python 3, is right.
    select = page.locator(".jp-Dialog").get_by_role("button", name="Select", exact=True)
    with contextlib.suppress(Exception):
        select.wait_for(timeout=20_000)
        select.click()
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=90_000)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    return notebook


def wait_for_widget(page, lab, notebook, locator, timeout=120_000):
    try:
        locator.wait_for(timeout=timeout)
    except Exception:
        errors = notebook.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")
        page.screenshot(path=str(lab["log"].with_name("widgets-missing.png")), full_page=True)
        pytest.fail(f"the live widgets did not appear; cell errors: {errors.all_inner_texts()[:3]}")


def run_in_kernel(page, notebook, code: str) -> None:
    """Add a code cell at the end of the notebook and run it, as a learner would."""
    notebook.locator(".jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")


def print_from_kernel(page, notebook, code: str) -> dict:
    """Add a cell at the end that prints 'PY:' + JSON, run it, and return the JSON."""
    run_in_kernel(page, notebook, code)
    output = notebook.locator(".jp-OutputArea-output", has_text="PY:")
    try:
        output.wait_for(timeout=60_000)
    except Exception:
        pytest.fail("the printing cell gave no output: " + str(notebook.locator(".jp-Cell").last.inner_text()))
    return json.loads(output.inner_text().split("PY:", 1)[1].strip().splitlines()[0])


def test_chapter_runs_as_a_live_notebook_in_jupyterlab(browser, lab):
    chapter_file = ROOT / "book" / f"{CHAPTER}.md"
    before = hashlib.sha256(chapter_file.read_bytes()).hexdigest()
    question = load_chapter(CHAPTER)["quiz"][1]
    right = next(o for o in question["options"] if o.get("correct"))
    item = checklist_items(CHAPTER)[0]
    try:
        with lab_page(browser, lab) as page:
            notebook = open_and_run_all(page, lab, f"book/{CHAPTER}.md")
            quiz = notebook.locator('[data-widget="quiz"]')
            checklist = notebook.locator('[data-widget="trigger-checklist"]')
            wait_for_widget(page, lab, notebook, quiz.locator("fieldset").first)
            wait_for_widget(page, lab, notebook, checklist.locator("fieldset"), timeout=30_000)

            # The chapter intro shows as boxes, not as MyST source: JupyterLab takes its HTML.
            intro = notebook.locator(".jp-RenderedHTMLCommon .course-intro")
            chapter = load_chapter(CHAPTER)
            assert chapter["main_message"] in intro.locator(".main-message").inner_text()
            assert intro.locator(".what-to-do li").count() == len(chapter["what_to_do"])
            assert intro.locator(".what-to-do sup a[href^='https://']").count() >= len(chapter["what_to_do"])
            shown = " ".join(notebook.locator(".jp-OutputArea-output").all_inner_texts())
            assert "{admonition}" not in shown and "{cite:p}" not in shown
            # The chapter's own Markdown cells are drawn by jupyterlab-myst, as the book draws them:
            # glossary terms as links, no role markup in the text.
            markdown = notebook.locator(".jp-MarkdownCell .myst")
            markdown.first.wait_for(timeout=30_000)
            text = " ".join(markdown.all_inner_texts())
            assert "Sleep" in text and "{term}" not in text and "{cite:p}" not in text and "{ref}" not in text
            assert markdown.locator("a.hover-link").count() >= 1, "the {term} roles did not become links"

            # Answer one quiz question and tick one checklist item, as a learner would.
            fieldset = quiz.locator(f'fieldset[data-question="{question["id"]}"]')
            fieldset.scroll_into_view_if_needed()
            fieldset.get_by_label(right["text"], exact=True).check()
            fieldset.locator(".cw-check").click()
            assert fieldset.locator(".cw-verdict").inner_text() == "✓ Correct."
            assert fieldset.get_attribute("data-result") == "correct"
            assert quiz.locator(".cw-score").inner_text().startswith("Score: 1 of ")

            checklist.scroll_into_view_if_needed()
            checklist.get_by_label(item["label"], exact=True).check()
            checklist.locator(f'.cw-tips li[data-trigger="{item["id"]}"]').wait_for()

            values = print_from_kernel(
                page,
                notebook,
                "import json; import ipywidgets.widgets.widget as W; from widgets import Quiz, TriggerChecklist; "
                "ws = list(W._instances.values()); "
                "quiz = [w for w in ws if isinstance(w, Quiz)][0]; "
                "checklist = [w for w in ws if isinstance(w, TriggerChecklist)][0]; "
                "print('PY:' + json.dumps({'score': quiz.score, 'results': quiz.results, "
                "'answers': quiz.answers, 'ticked': checklist.ticked}))",
            )
            assert values == {
                "score": 1,
                "results": {question["id"]: True},
                "answers": {question["id"]: [right["text"]]},
                "ticked": [item["id"]],
            }, values
    finally:
        after = hashlib.sha256(chapter_file.read_bytes()).hexdigest()
        assert after == before, f"JupyterLab changed book/{CHAPTER}.md"


def test_caffeine_timeline_draws_and_reaches_python_in_jupyterlab(browser, lab):
    """A tool with a chart: plotly comes to the live widget through the kernel, drinks go back."""
    with lab_page(browser, lab) as page:
        notebook = open_and_run_all(page, lab, "book/caffeine-timeline.md")
        timeline = notebook.locator('[data-widget="caffeine-timeline"]')
        wait_for_widget(page, lab, notebook, timeline.get_by_role("button", name="Add drink"))
        timeline.scroll_into_view_if_needed()
        timeline.get_by_label("Drink", exact=True).select_option("coffee-filter-mug")
        timeline.get_by_label("Time you had it").fill("09:15")
        timeline.get_by_role("button", name="Add drink").click()
        timeline.locator(".cw-drink-list li", has_text="09:15").wait_for()
        # The first drink draws the chart, with plotly.js sent by the kernel.
        timeline.locator(".cw-plot svg").first.wait_for(timeout=60_000)
        values = print_from_kernel(
            page,
            notebook,
            "import json; import ipywidgets.widgets.widget as W; from widgets import CaffeineTimeline; "
            "t = [w for w in W._instances.values() if isinstance(w, CaffeineTimeline)][0]; "
            "print('PY:' + json.dumps({'drinks': t.drinks, 'half_life': t.half_life}))",
        )
        assert {"time": "09:15", "mg": 140} in [{k: d[k] for k in ("time", "mg")} for d in values["drinks"]], values
        assert values["half_life"] == 5


def test_what_python_sets_reaches_the_page_in_jupyterlab(browser, lab):
    """Both directions: entries set in Python show in the diary, ticks set in Python in the checker."""
    sign = next(s for s in load_symptoms()["symptoms"] if s["level"] == "emergency")
    with lab_page(browser, lab) as page:
        notebook = open_and_run_all(page, lab, "book/twitch-diary.md")
        diary = notebook.locator('[data-widget="twitch-diary"]')
        wait_for_widget(page, lab, notebook, diary.locator("form").first)
        run_in_kernel(
            page,
            notebook,
            "import ipywidgets.widgets.widget as W\n"
            "from widgets import SymptomChecker, TwitchDiary\n"
            "diary = [w for w in W._instances.values() if isinstance(w, TwitchDiary)][0]\n"
            "diary.entries = [{'when': '2026-11-01T08:00', 'area': 'calf', 'duration_min': 2},\n"
            "                 {'when': '2026-11-02T21:15', 'area': 'eyelid', 'duration_min': 0.5}]\n"
            "checker = SymptomChecker()\n"
            "checker",
        )
        entries = diary.locator(".cw-entry-list li")
        entries.nth(1).wait_for(timeout=30_000)
        assert entries.count() == 2 and "Calf" in diary.locator(".cw-entry-list").inner_text()
        checker = notebook.locator('[data-widget="symptom-checker"]')
        wait_for_widget(page, lab, notebook, checker.locator("fieldset").first)
        assert checker.locator(".cw-result").count() == 0  # nothing ticked yet: no result
        run_in_kernel(page, notebook, f"checker.ticked = [{sign['id']!r}]")
        checker.locator('.cw-result[data-level="emergency"]').wait_for(timeout=30_000)
        assert checker.get_by_label(sign["label"], exact=True).is_checked()
        # The page keeps what Python set (saved in this browser), and Python still agrees.
        values = print_from_kernel(
            page,
            notebook,
            "import json; print('PY:' + json.dumps({'entries': len(diary.entries), 'level': checker.level}))",
        )
        assert values == {"entries": 2, "level": "emergency"}, values
        key = load_storage()["keys"]["diary"]
        saved = page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)
        assert len(saved["entries"]) == 2
