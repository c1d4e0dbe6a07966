"""End to end through the main window: a nurse starts a session from the board, charts it at
the keyboard and with taps (checklist, baseline, start in mL/h, vitals, a titration, a side
effect with its rescue medication, a correction, pause / resume, stop, monitoring, Aldrete,
discharge) while a second chair keeps running. Then a NEW main window on the same database
(another workstation, or the app restarted) shows the same board tile and the same timeline
rows."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from chairlog.clinical.states import SessionState
from chairlog.domain import EntryKind, EntryStatus
from chairlog.services import open_app, views
from chairlog.ui.app import build_main_window
from chairlog.ui.main_window import MainWindow
from chairlog.ui.session.page import SessionPage
from tests.ui.leaks import UiContexts
from tests.ui.session.driving import Keys, timeline_rows

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(window: MainWindow) -> MainWindow:
    """The shared main window (``tests/ui/conftest.py``) at a desk monitor's size."""
    window.resize(1680, 1050)
    return window


def activate(qtbot: Any, w: Any) -> None:
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)


def start_from_board(window: MainWindow, qtbot: Any, mrn: str, chair: int,
                     weight: str) -> SessionPage:
    """Ctrl+<chair> on a free chair opens the start dialog for it; the new session's tab opens."""
    activate(qtbot, window)
    qtbot.keyClick(window, getattr(K, f"Key_{chair}"), Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.start_dialog is not None and window.start_dialog.isVisible())
    dlg = window.start_dialog
    qtbot.keyClicks(dlg.search, mrn)
    dlg.run_search()
    assert dlg.patient is not None and dlg.patient.mrn == mrn
    dlg.protocol.setCurrentIndex(next(i for i in range(dlg.protocol.count())
                                      if dlg.protocol.itemText(i).startswith("Chronic pain")))
    qtbot.keyClicks(dlg.weight, weight)
    qtbot.mouseClick(dlg.start_button, LEFT)
    qtbot.waitUntil(lambda: window.start_dialog is None)
    page = window.tabs.currentWidget()
    assert isinstance(page, SessionPage)
    activate(qtbot, window)
    return page


def click(qtbot: Any, b: QPushButton) -> None:
    assert b.isEnabled() and b.isVisible(), b.text()
    qtbot.mouseClick(b, LEFT)


def vitals(keys: Keys, values: list[str]) -> None:
    keys.key(K.Key_F2)
    for i, v in enumerate(values):
        keys.type(v)
        keys.key(K.Key_Tab if i < len(values) - 1 else K.Key_Return)


def test_whole_session_through_the_main_window_then_reopened(
        clinic: Any, db_url: str, window: MainWindow, ui_context: UiContexts,
        qtbot: Any) -> None:
    keys = Keys(qtbot)
    clock = clinic.clock
    # a second chair keeps running through the test (its tile is compared at the end)
    other = start_from_board(window, qtbot, "M002", 2, "72")
    for item in other.preinfusion.boxes.values():
        qtbot.mouseClick(item, LEFT)
    vitals(keys, ["80", "128", "82", "97", "16"])
    click(qtbot, other.baseline.pain.buttons[6])
    keys.key(K.Key_Return, target=other.dose.rate_edit)  # the protocol's start rate
    assert other.view.state is SessionState.INFUSING

    # the session charted from start to discharge
    page = start_from_board(window, qtbot, "M001", 1, "80")
    sid = page.view.id
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Chair 1 · Ødegård, Zoë"
    for item in page.preinfusion.boxes.values():
        qtbot.mouseClick(item, LEFT)
    clock.advance(minutes=3)
    vitals(keys, ["72", "124", "78", "98", "14"])
    click(qtbot, page.baseline.pain.buttons[7])
    click(qtbot, page.dose.unit_buttons["mL/h"])
    page.dose.rate_edit.clear()
    qtbot.keyClicks(page.dose.rate_edit, "40")
    assert page.dose.derived.text() == "= 0.5 mg/kg/h · 40 mg/h"
    keys.key(K.Key_Return, target=page.dose.rate_edit)
    assert page.view.state is SessionState.INFUSING
    clock.advance(minutes=15)
    vitals(keys, ["76", "130", "82", "97", "15"])
    keys.key(K.Key_F8)
    click(qtbot, page.dose.unit_buttons["mg/kg/h"])
    page.dose.focus_rate()
    keys.type("1")
    keys.key(K.Key_Return)
    clock.advance(minutes=15)
    vitals(keys, ["150", "134", "84", "97", "15"])  # HR 150 is a typo → alert → acknowledge
    ack = page.dialog
    assert ack is not None and "Heart rate 150 > 120" in ack.alerts[0].message
    qtbot.keyClicks(ack.reason_edit, "Typing error, HR 105 on the monitor")
    click(qtbot, ack.ok_button)
    # correct the typo from the timeline
    activate(qtbot, window)
    keys.key(K.Key_F12)
    page.timeline.select(page.view.latest_vitals.id)
    keys.key(K.Key_Return, target=page.timeline.table)
    cor = page.dialog
    cor.widgets["hr"].selectAll()
    qtbot.keyClicks(cor.widgets["hr"], "105")
    qtbot.keyClicks(cor.reason_edit, "Typo: HR was 105")
    click(qtbot, cor.ok_button)
    # nausea with ondansetron, linked; pause for it, resume
    clock.advance(minutes=5)
    activate(qtbot, window)
    keys.key(K.Key_F3)
    click(qtbot, page.side_effects.buttons["nausea"])
    se = page.dialog
    click(qtbot, se.severity["moderate"])
    click(qtbot, se.action["rescue_med"])
    click(qtbot, se.ok_button)
    med = page.dialog
    assert med.drug.currentText() == "ondansetron"
    click(qtbot, med.ok_button)
    activate(qtbot, window)
    keys.key(K.Key_F9)
    pause = page.dialog
    qtbot.keyClicks(pause.reason_edit, "Nausea")
    click(qtbot, pause.ok_button)
    assert page.view.state is SessionState.PAUSED
    clock.advance(minutes=10)
    activate(qtbot, window)
    keys.key(K.Key_F9)
    assert page.view.state is SessionState.INFUSING
    opened = page.view.open_side_effects[0]
    click(qtbot, page.side_effects.open_card.findChild(QPushButton, f"se_resolve_{opened.id}"))
    clock.advance(minutes=20)
    vitals(keys, ["74", "128", "80", "98", "14"])
    # stop early (reason), monitoring, Aldrete, discharge
    activate(qtbot, window)
    keys.key(K.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    stop = page.dialog
    qtbot.keyClicks(stop.reason_edit, "Planned short session today (physician)")
    click(qtbot, stop.ok_button)
    assert page.view.state is SessionState.MONITORING
    for _ in range(4):
        clock.advance(minutes=15)
        vitals(keys, ["70", "120", "76", "98", "14"])
    keys.key(K.Key_F4)
    click(qtbot, page.assessments.aldrete_button)
    ald = page.dialog
    for row in ald.rows:
        click(qtbot, row.buttons[2])
    click(qtbot, ald.ok_button)
    activate(qtbot, window)
    keys.key(K.Key_F7)
    dis = page.dialog
    for box in dis.criteria.values():
        qtbot.mouseClick(box, LEFT)
    qtbot.keyClicks(dis.escort, "Maria (sister)")
    qtbot.mouseClick(dis.given, LEFT)
    click(qtbot, dis.ok_button)
    v = views.get_session(clinic.app, sid)
    assert v.state is SessionState.DISCHARGED
    kinds = {e.kind for e in v.entries}
    assert kinds == set(EntryKind) - {EntryKind.NOTE}
    assert any(e.status is EntryStatus.CORRECTED for e in v.entries)
    med_entry = v.active_entries(EntryKind.MEDICATION)[0]
    assert med_entry.data["treats_entry_id"] == v.active_entries(EntryKind.SIDE_EFFECT)[0].id
    rows_before = timeline_rows(page)
    other_rows_before = timeline_rows(other)
    window.board.reload()
    window.board.tick()
    tiles_before = {cid: t.figures for cid, t in window.board.tiles.items()}
    assert tiles_before[clinic.chairs[0].id] is None  # chair 1 is free again
    assert tiles_before[clinic.chairs[1].id] is not None

    # a new main window on the same database
    app2 = open_app(db_url, clock=clock)
    ctx2 = ui_context(app2, user=clinic.nurse2)
    w2 = build_main_window(ctx2)
    qtbot.addWidget(w2)
    try:
        w2.resize(1680, 1050)
        w2.show()
        w2.board.reload()
        w2.board.tick()
        tiles_after = {cid: t.figures for cid, t in w2.board.tiles.items()}
        assert tiles_after == tiles_before
        reopened = w2.open_session(sid)
        assert isinstance(reopened, SessionPage)
        assert timeline_rows(reopened) == rows_before
        assert w2.tabs.tabText(w2.tabs.currentIndex()) == "Chair 1 · Ødegård, Zoë"
        assert reopened.header.state.text() == "DISCHARGED"
        w2.actions_by_name["chair2"].trigger()
        other2 = w2.tabs.currentWidget()
        assert isinstance(other2, SessionPage)
        assert timeline_rows(other2) == other_rows_before
        other2.tick()
        other.tick()
        assert other2.timer.figures == other.timer.figures
    finally:
        w2.close()
        ctx2.shutdown()  # before its database closes
        app2.close()
