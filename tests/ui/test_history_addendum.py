"""Find patient (Ctrl+F): the series with pain before/after, open a signed record, open an
addendum from the session page, export the record without blocking the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from chairlog.clinical.states import SessionState
from chairlog.services import charting, records, signoff, views
from chairlog.ui.context import UiContext
from chairlog.ui.history import HistoryModel, PatientHistoryDialog
from chairlog.ui.main_window import MainWindow
from tests.conftest import PASSWORDS
from tests.record_helpers import discharged_session


@pytest.fixture
def signed(clinic: Any) -> int:
    sid = discharged_session(clinic)
    clinic.clock.advance(minutes=5)
    signoff.sign_session(clinic.app, clinic.physician, sid, PASSWORDS["drlee"])
    return sid


@pytest.fixture
def window(window: MainWindow, ctx: UiContext) -> tuple[MainWindow, UiContext]:
    """The shared main window (``tests/ui/conftest.py``) and its context."""
    return window, ctx


def test_history_model_shows_pain_before_and_after(clinic: Any, signed: int) -> None:
    rows = views.patient_history(clinic.app, clinic.patient.id)
    assert [r.session.id for r in rows] == [signed]
    assert (rows[0].pain_before, rows[0].pain_after) == (7, 3)
    model = HistoryModel(ZoneInfo("Europe/Berlin"))
    model.set_rows(rows)
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert texts[5:] == ["7", "3", f"S-{signed:06d}"] and texts[3] == "Signed"


def test_find_open_signed_record_and_open_addendum(window: Any, clinic: Any, signed: int,
                                                   qtbot: Any) -> None:
    w, _ctx = window
    assert w.actions_by_name["find"].shortcut().toString() == "Ctrl+F"
    dlg = w.find_patient()
    assert isinstance(dlg, PatientHistoryDialog)
    qtbot.keyClicks(dlg.search, "odeg")
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 1)
    assert "Ødegård, Zoë" in dlg.patient_label.text()
    qtbot.mouseClick(dlg.open_button, Qt.MouseButton.LeftButton)
    page = w.pages[signed]
    assert w.tabs.currentWidget() is page
    assert page.locked.isVisible() and "Signed" in page.locked.text()
    assert page.addendum_button.isVisible() and not page.editable()
    qtbot.mouseClick(page.addendum_button, Qt.MouseButton.LeftButton)
    reason = page.dialog
    reason.ok_button.click()  # empty reason: refused inline
    assert reason.isVisible() and reason.error.isVisible()
    qtbot.keyClicks(reason.reason_edit, "Late lab result to add")
    qtbot.mouseClick(reason.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.view.state is SessionState.AMENDING)
    assert page.view.record_version == 2 and page.editable()
    assert not page.addendum_button.isVisible()
    r = charting.add_note(clinic.app, clinic.nurse, signed, "Potassium 4.1 (drawn pre-infusion)")
    assert r.entry.record_version == 2
    assert signoff.get_signed_pdf(clinic.app, signed, 1)[:5] == b"%PDF-"


def test_export_runs_in_the_background(window: Any, clinic: Any, signed: int, qtbot: Any,
                                       tmp_path: Path) -> None:
    w, _ctx = window
    dlg = w.find_patient()
    qtbot.keyClicks(dlg.search, "M001")
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 1)
    out = tmp_path / "record.pdf"
    dlg.export_to(signed, out)
    assert not dlg.export_button.isEnabled()
    qtbot.waitUntil(lambda: dlg.export_button.isEnabled(), timeout=30_000)
    assert "Saved record.pdf" in dlg.status.text()
    assert out.read_bytes() == records.export_record(clinic.app, signed)


def test_admin_cannot_search_patients(window: Any, clinic: Any) -> None:
    w, ctx = window
    ctx.set_user(clinic.admin)
    assert w.find_patient() is None
    assert not w.actions_by_name["find"].isEnabled()
