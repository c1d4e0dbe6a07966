"""A window started while the server is down, charting: the sign-in dialog keeps the offline
credential, the snapshot board signs a nurse in against it, a vitals set and a note charted
from it land in the outbox file (kept there when the window is destroyed without closing),
the count and the tile's countdown show them, the idle rule signs her out, and once the server
is back and she signs in online the window's outbox banner replays them as charted."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt

from chairlog.outbox import OutboxStore, database_label, snapshot
from chairlog.outbox.credentials import CredentialCache
from chairlog.outbox.store import FILE_NAME
from chairlog.paths import data_dir
from chairlog.services import accounts, doses, views
from chairlog.services.offline_credentials import fingerprint
from chairlog.ui.login import LoginDialog
from chairlog.ui.offline_board import OfflineBoard
from chairlog.ui.outbox_banner import OutboxBanner
from tests.conftest import PASSWORDS, ready_to_infuse
from tests.outbox.helpers import entries
from tests.ui.leaks import UiContexts


def _infusing(clinic: Any) -> Any:
    s = ready_to_infuse(clinic)
    return doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5).session


def _sign_in_online(ui_context: UiContexts, qtbot: Any, username: str = "nina") -> Any:
    ctx = ui_context()
    dlg = LoginDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.fill(username, PASSWORDS[username])
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.user is not None, timeout=10_000)
    return dlg.user


def _board(clinic: Any, qtbot: Any, *, owned: bool = True) -> OfflineBoard:
    label = database_label(clinic.app.db.url)
    view = views.get_session(clinic.app, _infusing(clinic).id)
    snapshot.remember(data_dir(), label, [view], clinic.clock.now(), timezone="Europe/Berlin",
                      monotonic=0.0)
    snap = snapshot.last(data_dir(), label)
    assert snap is not None
    board = OfflineBoard(snap, clinic.app.db.url, clock=clinic.clock)
    if owned:  # (not a board the test destroys itself: qtbot would close a deleted widget)
        qtbot.addWidget(board)
    board.show()
    return board


def _offline_sign_in(board: OfflineBoard, qtbot: Any, password: str) -> Any:
    qtbot.mouseClick(board.sign_in_button, Qt.MouseButton.LeftButton)
    dlg = board.sign_in_dialog
    qtbot.keyClicks(dlg.username, "nina")
    qtbot.keyClicks(dlg.password, password)
    qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    return dlg


def test_the_sign_in_dialog_keeps_the_offline_credential(
        clinic: Any, ui_context: UiContexts, qtbot: Any) -> None:
    user = _sign_in_online(ui_context, qtbot)
    cache = CredentialCache.here()
    try:
        kept = cache.account(database_label(clinic.app.db.url), "nina")
    finally:
        cache.close()
    assert kept is not None and kept.user_id == user.id == clinic.nurse.id


def test_chart_offline_from_the_snapshot_then_replay_when_the_server_is_back(
        clinic: Any, ui_context: UiContexts, qtbot: Any) -> None:
    _sign_in_online(ui_context, qtbot)
    board = _board(clinic, qtbot, owned=False)
    assert "OFFLINE" in board.headline.text() and "read-only" in board.who.text()
    assert "Nothing waiting" in board.waiting_label.text()
    sid = next(iter(board.views))
    refused = _offline_sign_in(board, qtbot, "wrong-password")
    assert board.user is None and "Wrong password. 4 more wrong" in refused.error.text()
    refused.close()
    _offline_sign_in(board, qtbot, PASSWORDS["nina"])
    assert board.user is not None and "Charting OFFLINE as Nina Nurse, RN" in board.who.text()
    t1 = clinic.clock.advance(minutes=12)
    dlg = board.chart(sid)
    assert dlg is not None
    for name, value in zip(("hr", "sbp", "dbp", "spo2", "rr"), ("400", "121", "77", "98", "15"),
                           strict=True):
        qtbot.keyClicks(dlg.vitals.edits[name], value)
    qtbot.keyClick(dlg.vitals.edits["rr"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dlg.busy)
    assert "heart rate: 400 is not accepted" in dlg.vitals.error.text()
    assert dlg.vitals.edits["sbp"].text() == "121"  # the typed values stay
    dlg.vitals.edits["hr"].setText("76")
    qtbot.keyClick(dlg.vitals.edits["rr"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "1 entry waiting" in board.waiting_label.text())
    assert "saved on this workstation — not yet on the server" in dlg.message.text()
    assert all(e.text() == "" for e in dlg.vitals.edits.values())
    tile = board.tile_of[sid]
    assert tile.view is not None and tile.view.latest_vitals is not None
    assert tile.view.latest_vitals.charted_at == t1  # the countdown restarts from it
    interval = timedelta(minutes=board.views[sid].protocol.vitals_interval_min)
    assert tile.figures is not None and tile.figures.due_at == t1 + interval
    clinic.clock.advance(minutes=1)
    dlg.note.setPlainText("calm, offline")
    qtbot.mouseClick(dlg.save_note, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2 entries waiting" in board.waiting_label.text())
    assert board.kept_list.count() == 2 and dlg.kept_list.count() == 2
    newest, oldest = (board.kept_list.item(i).text() for i in (0, 1))
    assert newest.startswith("Chair 1 · ") and "Note: calm, offline — nina" in newest
    assert "Vitals HR 76 BP 121/77" in oldest and "not yet on the server" in oldest
    # killed: the window is destroyed without closing; the entries are in the outbox file
    runner, store, cache = board.runner, board.store, board.cache
    dlg_ref = board.chart_dialog
    shiboken6.delete(board)
    assert dlg_ref is not None and not shiboken6.isValid(dlg_ref)
    runner.shutdown()
    store.close()
    cache.close()
    again = OutboxStore(data_dir() / FILE_NAME)
    try:
        kept = again.entries(database_label(clinic.app.db.url), ("pending",))
    finally:
        again.close()
    assert [e.use_case for e in kept] == ["record_vitals", "add_note"]
    verifier_fp = fingerprint(_verifier(clinic))
    assert {(e.user_id, e.offline_fingerprint) for e in kept} == {(clinic.nurse.id, verifier_fp)}
    # the server is back: the nurse signs in online; the window's banner replays as charted
    clinic.clock.advance(minutes=30)
    nurse = accounts.login(clinic.app, "nina", PASSWORDS["nina"])
    ctx = ui_context(user=nurse)
    banner = OutboxBanner(ctx)
    qtbot.addWidget(banner)
    assert "2 entries waiting" in banner.label.text()
    banner.try_replay()
    qtbot.waitUntil(lambda: banner.box.waiting() == 0, timeout=10_000)
    qtbot.waitUntil(banner.isHidden)  # the replay's answer is in
    vit, note = entries(clinic.app, sid)[-2:]
    assert (vit.kind, vit.charted_at, vit.user_id, vit.hr) == ("vitals", t1, clinic.nurse.id, 76)
    assert (note.kind, note.text, note.charted_at) == ("note", "calm, offline",
                                                       t1 + timedelta(minutes=1))


def _verifier(clinic: Any) -> str:
    from chairlog.db.models import User

    with clinic.app.db.read() as s:
        u = s.get(User, clinic.nurse.id)
        assert u is not None
        return str(u.password_hash)


def test_idle_signs_the_offline_nurse_out(clinic: Any, ui_context: UiContexts,
                                          qtbot: Any) -> None:
    _sign_in_online(ui_context, qtbot)
    board = _board(clinic, qtbot)
    assert board.idle.limit_ms == accounts.get_clinic(clinic.app).idle_lock_minutes * 60_000
    _offline_sign_in(board, qtbot, PASSWORDS["nina"])
    dlg = board.chart(next(iter(board.views)))
    assert board.user is not None and dlg is not None
    board.idle.set_limit_ms(60)
    qtbot.waitUntil(lambda: board.user is None, timeout=5_000)
    assert "Signed out after" in board.who.text() and board.chart_dialog is None
    assert not board.sign_in_button.isHidden()
    board.close()


def test_a_tile_opens_the_sign_in_then_the_chart(clinic: Any, ui_context: UiContexts,
                                                 qtbot: Any) -> None:
    _sign_in_online(ui_context, qtbot)
    board = _board(clinic, qtbot)
    sid = next(iter(board.views))
    board.tile_of[sid].setFocus()
    qtbot.keyClick(board.tile_of[sid], Qt.Key.Key_Return)  # nobody signed in: sign in first
    dlg = board.sign_in_dialog
    assert dlg.isVisible() and board.chart_dialog is None
    qtbot.keyClicks(dlg.username, "nina")
    qtbot.keyClicks(dlg.password, PASSWORDS["nina"])
    qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: board.chart_dialog is not None, timeout=10_000)
    chart = board.chart_dialog
    assert chart is not None and chart.view.id == sid
    chart.severity.setCurrentIndex(chart.severity.findData("moderate"))
    qtbot.mouseClick(chart.save_effect, Qt.MouseButton.LeftButton)  # a side effect, too
    qtbot.waitUntil(lambda: "1 entry waiting" in board.waiting_label.text())
    assert "Side effect: Nausea (moderate)" in board.kept_list.item(0).text()
    assert board.store is not None
    (e,) = board.store.entries(board.database, ("pending",))
    assert (e.use_case, e.arguments["effect_type"], e.arguments["severity"]) == (
        "record_side_effect", "nausea", "moderate")
    board.close()


def test_a_workstation_that_cannot_keep_entries_stays_read_only(
        clinic: Any, ui_context: UiContexts, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from chairlog.ui import offline_board

    def unwritable(_path: Any) -> Any:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(offline_board, "OutboxStore", unwritable)
    board = _board(clinic, qtbot)
    assert "cannot keep entries" in board.who.text() and "chart on paper" in board.who.text()
    assert not board.sign_in_button.isEnabled()
    assert board.chart(next(iter(board.views))) is None
    board.close()
