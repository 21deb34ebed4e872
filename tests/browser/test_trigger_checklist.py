"""The trigger checklist in the widget book: tips follow the ticks, ticks are kept, bad saved data is survived."""

from __future__ import annotations

import pytest

from widgets.data import load_storage

from ..conftest import open_page

pytestmark = pytest.mark.browser
CHECKLIST = "pages/trigger_checklist.html"  # TriggerChecklist("sleep")


def test_checklist_tips_follow_ticks_and_persist_across_reload(page, widget_book_url):
    open_page(page, widget_book_url, CHECKLIST)
    checklist = page.locator('[data-widget="trigger-checklist"]')
    boxes = checklist.locator('input[type="checkbox"]')
    assert boxes.count() >= 2
    boxes.nth(1).check()
    boxes.nth(0).check()
    tips = checklist.locator(".cw-tips li")
    assert tips.count() == 2
    ids = tips.evaluate_all("els => els.map(e => e.dataset.trigger)")
    triggers = __import__("widgets.data", fromlist=["x"]).checklist_items("sleep")
    order = [t["id"] for t in triggers]
    assert ids == sorted(ids, key=order.index), "most helpful first"
    assert all(a.get_attribute("href") for a in checklist.locator(".cw-tips a").all())
    page.reload()
    open_page(page, widget_book_url, CHECKLIST)
    checklist = page.locator('[data-widget="trigger-checklist"]')
    assert checklist.locator('input[type="checkbox"]').nth(0).is_checked()
    assert checklist.locator(".cw-tips li").count() == 2
    checklist.get_by_role("button", name="Clear my ticks").click()
    assert checklist.locator(".cw-tips li").count() == 0
    page.reload()
    open_page(page, widget_book_url, CHECKLIST)
    assert not page.locator('[data-widget="trigger-checklist"] input[type="checkbox"]').nth(0).is_checked()


def test_checklist_survives_corrupted_storage(page, widget_book_url):
    key = load_storage()["keys"]["checklist"] + "sleep"
    page.add_init_script(f"localStorage.setItem({key!r}, '{{not json');")
    open_page(page, widget_book_url, CHECKLIST)
    checklist = page.locator('[data-widget="trigger-checklist"]')
    assert checklist.locator('input[type="checkbox"]:checked').count() == 0
    assert "Tick a box" in checklist.locator(".cw-tips").inner_text()
