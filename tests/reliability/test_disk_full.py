"""A full disk: the save fails cleanly with a message that says so, and nothing half-written.

SQLite's ``max_page_count`` pragma caps the file, which is exactly what SQLite sees on a full
disk ("database or disk is full"). The refused save leaves no entry without its audit row and
the chain verifies; once space is available again the very same save succeeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from chairlog.db.models import AuditLog, ChartEntry
from chairlog.errors import StorageError
from chairlog.services import charting, open_app, views
from tests.reliability.helpers.dbs import (
    VITALS,
    audit_ok,
    counts,
    ready_session,
    set_up_clinic,
    sqlite_url,
)

#: SQLite files of its own (or no database): the PostgreSQL pass leaves it out
pytestmark = pytest.mark.sqlite_only

LONG_NOTE = "Patient resting, talking calmly, no nausea. " * 90  # ~4000 characters


def page_count(app: Any) -> int:
    with app.db.read() as s:
        return int(s.connection().exec_driver_sql("PRAGMA page_count").scalar() or 0)


def entries_all_audited(app: Any) -> bool:
    with app.db.read() as s:
        entries = set(s.scalars(select(ChartEntry.id)))
        audited = {int(x) for x in s.scalars(select(AuditLog.entity_id).where(
            AuditLog.action.like("entry.create.%")))}
    return entries == audited


def full_database(tmp_path: Path) -> tuple[str, Any, Any, int, Any]:
    """A clinic with one session whose database is capped at its current size, then filled to
    the last page: (url, setup, session, page cap, the capped app, open)."""
    url = sqlite_url(tmp_path)
    app = open_app(url)
    st = set_up_clinic(app)
    s = ready_session(st, st.patients[0], st.chairs[0])
    pages = page_count(app)
    app.close()
    full = open_app(url, sqlite_pragmas={"max_page_count": pages})
    # fill what is left of the allowed pages (big notes, then small ones)
    for filler in (LONG_NOTE, "ok " * 10):
        with pytest.raises(StorageError):
            for _ in range(500):
                charting.add_note(full, st.nurse, s.id, filler)
    return url, st, s, pages, full


@pytest.mark.parametrize("what", ["note", "vitals"])
def test_disk_full_refuses_save_cleanly_then_same_save_succeeds(tmp_path: Path, what: str) -> None:
    url, st, s, pages, full = full_database(tmp_path)
    try:
        before = counts(full)
        with pytest.raises(StorageError) as e:
            if what == "note":
                charting.add_note(full, st.nurse, s.id, LONG_NOTE)
            else:
                charting.record_vitals(full, st.nurse, s.id, {**VITALS, "rhythm": "sinus " * 33})
        assert "disk is full" in str(e.value) and "NOT saved" in str(e.value)
        assert counts(full) == before
        assert entries_all_audited(full)
        ok, problem = audit_ok(full)
        assert ok, problem
    finally:
        full.close()

    roomy = open_app(url, sqlite_pragmas={"max_page_count": pages * 4})
    try:
        if what == "note":
            r = charting.add_note(roomy, st.nurse, s.id, LONG_NOTE)
            assert r.entry.data["text"] == LONG_NOTE.strip()
        else:
            r = charting.record_vitals(roomy, st.nurse, s.id, {**VITALS, "rhythm": "sinus " * 33})
            assert r.entry.data["hr"] == VITALS["hr"]
        assert counts(roomy)["entries"] == before["entries"] + 1
        assert any(e.id == r.entry.id for e in views.get_session(roomy, s.id).entries)
        assert entries_all_audited(roomy)
        assert audit_ok(roomy)[0]
    finally:
        roomy.close()


@pytest.mark.gui
def test_disk_full_in_the_vitals_form_keeps_what_was_typed(tmp_path: Path, ui_context: Any,
                                                           qtbot: Any) -> None:
    """The nurse's view of a full disk: Enter in the vitals form shows a message saying the
    disk is full and the set was not saved; the five values stay in the form; the window keeps
    running, and once there is space again the same Enter saves them."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event

    from chairlog.ui.session.page import SessionPage

    _url, st, s, pages, full = full_database(tmp_path)
    ctx = ui_context(full, user=st.nurse)
    try:
        page = SessionPage(ctx, s.id)
        qtbot.addWidget(page)
        page.resize(1600, 1000)
        page.show()
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
        typed = {"hr": "84", "sbp": "131", "dbp": "82", "spo2": "97", "rr": "15"}
        rhythm = "sinus " * 33
        for name, value in typed.items():
            page.vitals.edits[name].setText(value)
        page.vitals.edits["rhythm"].setText(rhythm)
        before = counts(full)
        qtbot.keyClick(page.vitals.edits["rr"], Qt.Key.Key_Return)
        assert "disk is full" in page.message.text() and "NOT saved" in page.message.text()
        assert {k: page.vitals.edits[k].text() for k in typed} == typed
        assert counts(full) == before
        assert QApplication.instance() is not None and page.isVisible()

        # space again: every new connection lifts the cap
        @event.listens_for(full.db.engine, "connect")
        def _roomy(dbapi_conn: Any, _rec: Any) -> None:
            dbapi_conn.execute(f"PRAGMA max_page_count={pages * 4}")

        full.db.engine.dispose()
        qtbot.keyClick(page.vitals.edits["rr"], Qt.Key.Key_Return)
        assert "Vitals saved" in page.message.text()
        assert all(page.vitals.edits[k].text() == "" for k in typed)
        last = views.get_session(full, s.id).latest_vitals
        assert last is not None and last.data["hr"] == 84
        assert entries_all_audited(full) and audit_ok(full)[0]
    finally:
        ctx.shutdown()  # before its database closes
        full.close()
