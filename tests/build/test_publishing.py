"""Where the book is published: one block in _config.yml, the launch and source links built from it.

The repository URL, branch, BinderHub and JupyterHub addresses are written once, in _config.yml.
These tests read them from there, check the links the theme builds from them on every built page,
and check that no other tracked file repeats them.
"""

from __future__ import annotations

import re
import subprocess
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from widgets.data import chapter_ids

from ..conftest import HTML, ROOT

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPOSITORY = CONFIG["repository"]
LAUNCH = CONFIG["launch_buttons"]
URL, BRANCH = REPOSITORY["url"], REPOSITORY["branch"]
OWNER, NAME = urlsplit(URL).path.strip("/").split("/")
BOOK = f"{REPOSITORY['path_to_book'].strip('/')}/".lstrip("/")  # the book's folder in the repository
UI = {"jupyterlab": "lab/tree", "classic": "tree"}[LAUNCH["notebook_interface"]]


def menus(page) -> dict[str, dict[str, str]]:
    """A built page's header menus (launch, source) as menu -> button text -> link."""
    doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {
        kind: {" ".join(a.get_text(" ").split()): a["href"] for a in menu.select("a[href]")}
        for kind in ("launch", "source")
        if (menu := doc.select_one(f".dropdown-{kind}-buttons")) is not None
    }


def source_of(page) -> str:
    """The page's source file, relative to the book's root: book/sleep.html -> book/sleep.md."""
    name = page.relative_to(HTML).with_suffix(".md")
    assert (ROOT / BOOK / name).is_file(), f"{page} has a launch or edit button but no source {name}"
    return name.as_posix()


def test_the_publishing_block_is_complete_and_well_formed():
    assert set(REPOSITORY) == {"url", "path_to_book", "branch"}, REPOSITORY
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", URL), "Binder's /v2/gh/ links need a GitHub URL"
    assert isinstance(BRANCH, str) and BRANCH.strip() == BRANCH != "", BRANCH
    for key in ("binderhub_url", "jupyterhub_url"):
        parts = urlsplit(LAUNCH[key])
        assert parts.scheme == "https" and parts.netloc and parts.path in ("", "/"), (key, LAUNCH[key])
    assert CONFIG["html"]["use_repository_button"] and CONFIG["html"]["use_edit_page_button"]
    assert CONFIG["html"]["use_issues_button"]


def test_every_notebook_page_has_binder_and_jupyterhub_links_of_the_right_form(built_pages):
    launched = set()
    for page in built_pages:
        links = menus(page).get("launch")
        if links is None:
            continue
        path = source_of(page)
        launched.add(path)
        assert set(links) == {"Binder", "JupyterHub"}, (page, links)

        # <binderhub_url>/v2/gh/<owner>/<repo>/<branch>?urlpath=lab/tree/<path in the repository>
        binder = urlsplit(links["Binder"])
        assert f"{binder.scheme}://{binder.netloc}" == LAUNCH["binderhub_url"].rstrip("/"), links
        assert binder.path == f"/v2/gh/{OWNER}/{NAME}/{BRANCH}", links
        assert parse_qs(binder.query) == {"urlpath": [f"{UI}/{BOOK}{path}"]}, links

        # <jupyterhub_url>/hub/user-redirect/git-pull?repo=<url>&urlpath=lab/tree/<repo>/<path>&branch=<branch>:
        # nbgitpuller clones into a folder named after the repository, and opens the chapter there.
        hub = urlsplit(links["JupyterHub"])
        assert f"{hub.scheme}://{hub.netloc}" == LAUNCH["jupyterhub_url"].rstrip("/"), links
        assert hub.path == "/hub/user-redirect/git-pull", links
        assert parse_qsl(hub.query) == [("repo", URL), ("urlpath", f"{UI}/{NAME}/{BOOK}{path}"), ("branch", BRANCH)]
    chapters = {f"book/{chapter_id}.md" for chapter_id in chapter_ids()}
    assert chapters and chapters <= launched, sorted(chapters - launched)


def test_repository_edit_and_issue_buttons_use_the_repository_url(built_pages):
    # Every page but the site's front door (index.html, a bare redirect to the first page).
    readable = [p for p in built_pages if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8").lower()]
    pages = [p for p in readable if "source" in menus(p)]
    assert HTML / "book" / "sleep.html" in pages and pages == readable, sorted(set(readable) - set(pages))
    for page in pages:
        links = menus(page)["source"]
        assert links["Repository"] == URL, links
        issue = urlsplit(links["Open issue"])
        assert f"{issue.scheme}://{issue.netloc}{issue.path}" == f"{URL}/issues/new", links
        if "Suggest edit" in links:  # a page with a source file is edited on the repository's branch
            assert links["Suggest edit"] == f"{URL}/edit/{BRANCH}/{BOOK}{source_of(page)}", links


def _address_forms() -> dict[str, str]:
    """Each address as another file might spell it: the repository without its scheme, owner/repo, the hubs' hosts."""
    return {
        "repository": URL.split("://", 1)[1],
        "owner/repo": f"{OWNER}/{NAME}",
        "binderhub": urlsplit(LAUNCH["binderhub_url"]).netloc,
        "jupyterhub": urlsplit(LAUNCH["jupyterhub_url"]).netloc,
    }


@pytest.mark.parametrize("name,form", _address_forms().items())
def test_no_other_tracked_file_repeats_a_publishing_address(name, form):
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    repeats = []
    for path in filter(None, files.stdout.split("\0")):
        try:
            text = (ROOT / path).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        if path != "_config.yml" and form.lower() in text.lower():
            repeats.append(path)
    assert repeats == [], f"{name} ({form}) is written outside _config.yml, in {repeats}: set it there only"
