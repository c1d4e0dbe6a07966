"""Nurse validation beyond accept-as-is, on the session page and from the board tile (pytest-qt):
an edited value is charted as nurse-entered with the monitor's kept, a value the monitor did
not send is typed by the nurse, a set is rejected with a reason, and a chair's older sets are
cleared in one audited action."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from chairlog.services import accounts, audit_log, doses, views
from chairlog.services import monitor as mon
from chairlog.services.monitor_ingest import receive
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.session.page import SessionPage
from tests.conftest import PASSWORDS, ready_to_infuse
from tests.monitor import samples as S
from tests.monitor.conftest import hl7_time
from tests.ui.leaks import UiContexts

pytestmark = pytest.mark.gui
DEV = "080019FFFE0B4020"
MINDRAY = "bed:ICU&1&3232237756&4601&&1"


@pytest.fixture
def ui(clinic: Any, ui_context: UiContexts) -> UiContext:
    return ui_context(user=accounts.login(clinic.app, "nina", PASSWORDS["nina"]))


def infusing(clinic: Any) -> int:
    s = ready_to_infuse(clinic)
    clinic.clock.advance(minutes=2)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=10)
    return int(s.id)


def ge(clinic: Any, control: str, hr: str = "80") -> int:
    out = receive(clinic.app, S.ge_b40(control=control, hr=hr,
                                       when=hl7_time(clinic.clock.now())))
    assert out.code == "AA" and out.pending_id is not None, out
    return out.pending_id


def bind(clinic: Any, device: str, probe: bytes) -> None:
    receive(clinic.app, probe)
    mon.bind_device(clinic.app, clinic.nurse, device, clinic.chairs[0].id)


def mindray_without_rr(clinic: Any, control: str = "204") -> int:
    """Mindray PDS: RR sent as -100 (absent), every other value present."""
    clinic.clock.advance(seconds=5)
    raw = S.mindray_pds(control=control).replace(
        b"20260302144010", hl7_time(clinic.clock.now()).encode())
    out = receive(clinic.app, raw)
    assert out.code == "AA" and out.pending_id is not None, out
    return out.pending_id


def open_page(ui: UiContext, qtbot: Any, sid: int) -> SessionPage:
    page = SessionPage(ui, sid)
    qtbot.addWidget(page)
    page.resize(1600, 1000)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    qtbot.waitUntil(lambda: page.monitor.loads > 0 and page.monitor.isVisible())
    return page


def state_of(clinic: Any, pid: int) -> mon.PendingInfo:
    return next(p for p in mon.list_pending(clinic.app) if p.id == pid)


# --- the session page ------------------------------------------------------------------------

def test_page_edit_keeps_the_monitor_value_beside_the_nurse_value(
        clinic: Any, ui: UiContext, qtbot: Any) -> None:
    sid = infusing(clinic)
    bind(clinic, DEV, S.ge_b40(control="PROBE", when=hl7_time(clinic.clock.now())))
    pid = ge(clinic, "E1", hr="80")
    page = open_page(ui, qtbot, sid)
    for name, typed in (("hr", "76"), ("spo2", "97")):
        page.monitor.edits[name].clear()
        qtbot.keyClicks(page.monitor.edits[name], typed)
    qtbot.keyClick(page, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    p = state_of(clinic, pid)
    assert p.state == "validated"
    assert p.values["hr"] == 80 and p.values["spo2"] == 98  # the monitor's numbers, kept
    assert p.edited == {"hr": {"monitor": 80, "nurse": "76"},
                        "spo2": {"monitor": 98, "nurse": "97"}}
    last = views.get_session(clinic.app, sid).latest_vitals
    assert last is not None and (last.data["hr"], last.data["spo2"]) == (76, 97)
    assert "nurse-entered: hr 76 (monitor: 80), spo2 97 (monitor: 98)" in last.summary
    [row] = [r for r in audit_log.list_audit(clinic.app, clinic.admin, limit=50)
             if r.action == "monitor.validate"]
    assert row.before is not None and row.before["monitor_values"]["hr"] == 80
    assert row.after is not None and row.after["nurse_entered"]["hr"]["nurse"] == "76"
    page.close_session()


def test_page_missing_required_value_is_typed_by_the_nurse(
        clinic: Any, ui: UiContext, qtbot: Any) -> None:
    sid = infusing(clinic)
    bind(clinic, MINDRAY, S.mindray_pds(control="PROBE"))
    pid = mindray_without_rr(clinic)
    page = open_page(ui, qtbot, sid)
    rr = page.monitor.edits["rr"]
    assert rr.text() == "" and rr.placeholderText() == "type it"
    assert page.monitor.edits["etco2"].placeholderText() == ""  # optional: not asked for
    qtbot.mouseClick(page.monitor.accept_button, Qt.MouseButton.LeftButton)
    assert "rr" in page.message.text().lower() or "resp" in page.message.text().lower()
    assert state_of(clinic, pid).state == "pending"  # refused: nothing charted, nothing guessed
    page.monitor.edits["hr"].clear()
    qtbot.keyClicks(page.monitor.edits["hr"], "71")
    qtbot.keyClicks(rr, "14")
    qtbot.mouseClick(page.monitor.accept_button, Qt.MouseButton.LeftButton)
    p = state_of(clinic, pid)
    assert p.state == "validated" and p.values["rr"] is None
    assert p.edited == {"hr": {"monitor": 72, "nurse": "71"},
                        "rr": {"monitor": None, "nurse": "14"}}
    last = views.get_session(clinic.app, sid).latest_vitals
    assert last is not None and (last.data["rr"], last.data["hr"]) == (14, 71)
    assert "rr 14 (monitor: none)" in last.summary
    page.close_session()


def test_page_keeps_the_set_being_edited_when_a_newer_one_arrives(
        clinic: Any, ui: UiContext, qtbot: Any) -> None:
    sid = infusing(clinic)
    bind(clinic, DEV, S.ge_b40(control="PROBE", when=hl7_time(clinic.clock.now())))
    first = ge(clinic, "K1", hr="80")
    page = open_page(ui, qtbot, sid)
    page.monitor.edits["hr"].clear()
    qtbot.keyClicks(page.monitor.edits["hr"], "75")
    loads = page.monitor.loads
    clinic.clock.advance(seconds=30)
    newer = ge(clinic, "K2", hr="99")
    qtbot.waitUntil(lambda: page.monitor.loads > loads)
    assert page.monitor.pending is not None and page.monitor.pending.id == first
    assert page.monitor.edits["hr"].text() == "75"  # never overwritten while typed
    assert "a newer set arrived" in page.monitor.info.text()
    assert "2 waiting" in page.monitor.info.text()
    qtbot.mouseClick(page.monitor.accept_button, Qt.MouseButton.LeftButton)
    assert state_of(clinic, first).state == "validated"
    assert state_of(clinic, newer).state == "pending"
    qtbot.waitUntil(lambda: page.monitor.pending is not None
                    and page.monitor.pending.id == newer)
    assert page.monitor.edits["hr"].text() == "99"
    page.close_session()


def test_page_set_decided_elsewhere_shows_the_newest(
        clinic: Any, ui: UiContext, qtbot: Any) -> None:
    sid = infusing(clinic)
    bind(clinic, DEV, S.ge_b40(control="PROBE", when=hl7_time(clinic.clock.now())))
    first = ge(clinic, "D1")
    page = open_page(ui, qtbot, sid)
    page.monitor.edits["hr"].clear()
    qtbot.keyClicks(page.monitor.edits["hr"], "75")
    mon.reject_pending(clinic.app, clinic.nurse2, first, "artefact")  # another workstation
    clinic.clock.advance(seconds=30)
    newer = ge(clinic, "D2", hr="88")
    qtbot.mouseClick(page.monitor.accept_button, Qt.MouseButton.LeftButton)
    assert "already rejected" in page.message.text()
    qtbot.waitUntil(lambda: page.monitor.pending is not None
                    and page.monitor.pending.id == newer)
    assert page.monitor.edits["hr"].text() == "88"
    assert state_of(clinic, newer).state == "pending"
    page.close_session()


# --- the board tile --------------------------------------------------------------------------

def board_with_pending(clinic: Any, ui: UiContext, qtbot: Any) -> tuple[Any, Any]:
    from chairlog.ui.app import build_main_window

    w = build_main_window(ui)
    qtbot.addWidget(w)
    w.show()
    tile = w.board.tiles[clinic.chairs[0].id]
    qtbot.waitUntil(lambda: tile.monitor_review.isVisible())
    return w, tile


def review(w: Any, tile: Any, qtbot: Any) -> Any:
    tile.monitor_review.click()
    dlg = w.board.monitor_dialog
    assert dlg is not None
    qtbot.waitUntil(lambda: dlg.panel.loads > 0 and dlg.panel.isVisible())
    return dlg


def test_tile_review_edit_then_accept(clinic: Any, ui: UiContext, qtbot: Any) -> None:
    sid = infusing(clinic)
    bind(clinic, DEV, S.ge_b40(control="PROBE", when=hl7_time(clinic.clock.now())))
    pid = ge(clinic, "T1", hr="80")
    w, tile = board_with_pending(clinic, ui, qtbot)
    dlg = review(w, tile, qtbot)
    assert dlg.panel.title.text() == "FROM MONITOR, NOT CHARTED"
    assert f"color: {tokens.MUTED}" in dlg.panel.edits["hr"].styleSheet()  # grey: not charted
    dlg.panel.edits["hr"].clear()
    qtbot.keyClicks(dlg.panel.edits["hr"], "78")
    qtbot.mouseClick(dlg.panel.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.board.monitor_dialog is None)
    p = state_of(clinic, pid)
    assert p.state == "validated" and p.edited == {"hr": {"monitor": 80, "nurse": "78"}}
    last = views.get_session(clinic.app, sid).latest_vitals
    assert last is not None and last.data["hr"] == 78
    assert last.user_name == "Nina Nurse, RN"
    qtbot.waitUntil(lambda: tile.monitor_label.text() == "")
    w.quit_now()


def test_tile_accept_of_an_incomplete_set_opens_the_review(
        clinic: Any, ui: UiContext, qtbot: Any) -> None:
    sid = infusing(clinic)
    bind(clinic, MINDRAY, S.mindray_pds(control="PROBE"))
    pid = mindray_without_rr(clinic)
    w, tile = board_with_pending(clinic, ui, qtbot)
    tile.monitor_accept.click()  # one click: refused (RR missing), the review opens
    qtbot.waitUntil(lambda: w.board.monitor_dialog is not None, timeout=10000)
    dlg = w.board.monitor_dialog
    qtbot.waitUntil(lambda: dlg.panel.isVisible())
    assert "not charted" in w.board.banner.text()
    assert state_of(clinic, pid).state == "pending"
    assert dlg.panel.edits["rr"].placeholderText() == "type it"
    qtbot.keyClicks(dlg.panel.edits["rr"], "13")
    qtbot.keyClick(dlg.panel.edits["rr"], Qt.Key.Key_Return)  # Enter in a field accepts
    qtbot.waitUntil(lambda: w.board.monitor_dialog is None)
    p = state_of(clinic, pid)
    assert p.state == "validated" and p.edited == {"rr": {"monitor": None, "nurse": "13"}}
    last = views.get_session(clinic.app, sid).latest_vitals
    assert last is not None and last.data["rr"] == 13
    w.quit_now()


def test_tile_review_reject_needs_a_reason(clinic: Any, ui: UiContext, qtbot: Any) -> None:
    infusing(clinic)
    bind(clinic, DEV, S.ge_b40(control="PROBE", when=hl7_time(clinic.clock.now())))
    pid = ge(clinic, "R1")
    w, tile = board_with_pending(clinic, ui, qtbot)
    dlg = review(w, tile, qtbot)
    qtbot.mouseClick(dlg.panel.reject_button, Qt.MouseButton.LeftButton)
    assert dlg.message.isVisible() and "reason" in dlg.message.text()
    assert state_of(clinic, pid).state == "pending"
    qtbot.keyClicks(dlg.panel.reason, "cuff off the arm")
    qtbot.mouseClick(dlg.panel.reject_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.board.monitor_dialog is None)
    p = state_of(clinic, pid)
    assert (p.state, p.reason) == ("rejected", "cuff off the arm")
    [row] = [r for r in audit_log.list_audit(clinic.app, clinic.admin, limit=50)
             if r.action == "monitor.reject"]
    assert row.reason == "cuff off the arm"
    qtbot.waitUntil(lambda: tile.monitor_label.text() == "")
    w.quit_now()


def test_tile_review_clears_older_sets_in_one_audited_action(
        clinic: Any, ui: UiContext, qtbot: Any) -> None:
    infusing(clinic)
    bind(clinic, DEV, S.ge_b40(control="PROBE", when=hl7_time(clinic.clock.now())))
    older = []
    for i in range(3):
        older.append(ge(clinic, f"C{i}", hr=str(80 + i)))
        clinic.clock.advance(seconds=20)
    newest = ge(clinic, "C9", hr="90")
    w, tile = board_with_pending(clinic, ui, qtbot)
    assert "(+3 older)" in tile.monitor_label.text()
    dlg = review(w, tile, qtbot)
    assert dlg.panel.pending.id == newest and dlg.panel.clear_button.isEnabled()
    qtbot.mouseClick(dlg.panel.clear_button, Qt.MouseButton.LeftButton)
    assert {p.id: p.state for p in mon.list_pending(clinic.app)} == {
        **{i: "rejected" for i in older}, newest: "pending"}
    clears = [r for r in audit_log.list_audit(clinic.app, clinic.admin, limit=50)
              if r.action == "monitor.clear"]
    assert len(clears) == 1 and clears[0].before is not None
    assert sorted(clears[0].before["ids"]) == sorted(older)
    qtbot.waitUntil(lambda: "1 waiting" in dlg.panel.info.text())
    assert dlg.isVisible() and not dlg.panel.clear_button.isEnabled()  # stays on the newest
    qtbot.waitUntil(lambda: "older" not in tile.monitor_label.text())
    dlg.reject()
    w.quit_now()
