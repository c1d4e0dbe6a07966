"""The chair board: figures equal the services' figures, due states, alerts, reminders,
no database query per tick, restart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from chairlog.clinical.readouts import Due
from chairlog.present.numbers import fmt
from chairlog.services import charting, doses, open_app, views
from chairlog.ui.board import ChairBoard
from chairlog.ui.context import UiContext
from tests.conftest import ready_to_infuse
from tests.ui.leaks import UiContexts


@pytest.fixture
def board(ctx: UiContext, qtbot: Any) -> Iterator[ChairBoard]:
    b = ChairBoard(ctx)
    qtbot.addWidget(b)
    b.resize(1400, 900)
    b.show()
    yield b
    b.stop()


def infusing(clinic: Any, rate: float = 0.5) -> Any:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, rate)
    return s


def test_board_shows_running_session_with_service_figures(clinic: Any, ctx: UiContext,
                                                          qtbot: Any) -> None:
    s = infusing(clinic, rate=0.5)
    clinic.clock.advance(minutes=30)
    board = ChairBoard(ctx)
    qtbot.addWidget(board)
    tile = board.tiles[clinic.chairs[0].id]
    now = clinic.app.now()
    view = views.get_session(clinic.app, s.id)
    assert tile.timer_label.text() == "0:30:00"
    assert tile.state_label.text() == "INFUSING"
    assert "Ødegård, Zoë" in tile.patient_label.text() and "M001" in tile.patient_label.text()
    expected_mg = view.cumulative_mg(now)
    assert expected_mg == pytest.approx(20.0)  # 0.5 mg/kg/h × 80 kg × 0.5 h
    # one rule for numbers everywhere (present.numbers): 20 mg, 0.25 mg/kg, 40 mL/h
    assert f"{fmt(expected_mg)} mg" in tile.dose_label.text() and "20 mg" in tile.dose_label.text()
    assert f"{fmt(view.cumulative_mg_per_kg(now))} mg/kg" in tile.dose_label.text()
    assert tile.rate_label.text() == "0.5 mg/kg/h · 40 mL/h"
    assert "HR 72" in tile.vitals_label.text() and "BP 120/78" in tile.vitals_label.text()
    assert "30 min ago" in tile.vitals_label.text()
    # the other chairs are free
    free = board.tiles[clinic.chairs[1].id]
    assert free.timer_label.text() == "Free" and free.due_label.text() == "Free — start session"
    # legible from a step away
    assert tile.name_label.font().pointSizeF() >= 20
    assert tile.timer_label.font().pointSizeF() >= 28
    clinic.clock.advance(seconds=65)
    board.tick()
    assert tile.timer_label.text() == "0:31:05"
    board.stop()


def test_tick_never_queries_the_database(clinic: Any, board: ChairBoard,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    infusing(clinic)
    board.reload()
    calls: list[str] = []
    real_board, real_get = views.board, views.get_session
    monkeypatch.setattr(views, "board", lambda app: calls.append("board") or real_board(app))
    monkeypatch.setattr(views, "get_session",
                        lambda app, sid: calls.append("get") or real_get(app, sid))
    real_read = clinic.app.db.read
    monkeypatch.setattr(clinic.app.db, "read", lambda: calls.append("read") or real_read())
    tile = board.tiles[clinic.chairs[0].id]
    for minute in range(1, 6):
        clinic.clock.advance(minutes=1)
        board.tick()
        assert tile.timer_label.text() == f"0:0{minute}:00"
    assert calls == []
    board.reload()
    assert "board" in calls


def test_a_local_save_rereads_only_that_session(clinic: Any, ctx: UiContext,
                                                board: ChairBoard,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    s = infusing(clinic)
    board.reload()
    tile = board.tiles[clinic.chairs[0].id]
    calls: list[Any] = []
    real_board, real_get = views.board, views.get_session
    monkeypatch.setattr(views, "board", lambda app: calls.append("board") or real_board(app))
    monkeypatch.setattr(views, "get_session",
                        lambda app, sid: calls.append(sid) or real_get(app, sid))
    clinic.clock.advance(minutes=3)
    charting.record_vitals(clinic.app, clinic.nurse, s.id,
                           {"hr": 91, "sbp": 118, "dbp": 76, "spo2": 98, "rr": 14})
    board._pending.timeout.emit()  # the coalesced refresh
    assert calls == [s.id] and "HR 91" in tile.vitals_label.text()
    # a save run by the window's runner (as a page does): the change feed hands the committed
    # view over with the change, so the board reads nothing
    calls.clear()
    clinic.clock.advance(minutes=1)
    op = ctx.runner.interactive(ctx.runner, charting.record_vitals, clinic.app, clinic.nurse,
                                s.id, {"hr": 93, "sbp": 118, "dbp": 76, "spo2": 98, "rr": 14})
    assert op.wait_briefly()
    board._pending.timeout.emit()
    assert calls == [] and "HR 93" in tile.vitals_label.text()
    # a state change that keeps the chair: that session again; anything else: everything
    doses.stop_infusion(clinic.app, clinic.nurse, s.id)
    board._pending.timeout.emit()
    assert calls == [s.id] and tile.state_label.text() == "MONITORING"
    calls.clear()
    clinic.app.notify("chair", None)
    board._pending.timeout.emit()
    assert calls == ["board"]


def test_countdown_turns_amber_then_red_and_rings_once(clinic: Any, ctx: UiContext,
                                                       board: ChairBoard) -> None:
    s = infusing(clinic)
    board.reload()
    tile = board.tiles[clinic.chairs[0].id]
    clinic.clock.advance(minutes=12)
    board.tick()
    assert tile.figures is not None and tile.figures.due is Due.OK
    assert tile.due_label.text() == "Next vitals in 3:00"
    assert tile.due_label.property("due") == "ok"
    clinic.clock.advance(minutes=1, seconds=30)
    board.tick()
    assert tile.figures.due is Due.SOON
    assert tile.due_label.text() == "VITALS DUE in 1:30"
    assert tile.due_label.property("due") == "soon"
    assert tile.due_label.font().bold()
    assert board.bell.due_events == 0
    clinic.clock.advance(minutes=2, seconds=30)
    board.tick()
    assert tile.figures.due is Due.OVERDUE
    assert tile.due_label.text() == "VITALS OVERDUE by 1:00"
    assert tile.due_label.property("due") == "overdue"
    assert any("Vitals overdue by 1:00" in line for line in tile.figures.alerts)
    assert tile.alert_box.isVisible()
    assert board.bell.due_events == 1 and board.bell.sounds_played == 1
    flashes = set()
    for _ in range(4):
        clinic.clock.advance(seconds=1)
        board.tick()
        flashes.add(tile.flash_on)
    assert flashes == {True, False}  # the due bar flashes …
    assert board.bell.due_events == 1  # … but the sound rang once
    charting.record_vitals(clinic.app, clinic.nurse, s.id,
                           {"hr": 70, "sbp": 118, "dbp": 76, "spo2": 98, "rr": 14})
    board.reload()
    assert tile.figures.due is Due.OK and not tile.alert_box.isVisible()
    clinic.clock.advance(minutes=16)
    ctx.settings.sound_muted = True
    board.tick()
    assert board.bell.due_events == 2  # a new due event: flashes and counts …
    assert board.bell.sounds_played == 1  # … but muted: no sound


def test_alert_stays_until_acknowledged(clinic: Any, board: ChairBoard, qtbot: Any) -> None:
    s = infusing(clinic)
    clinic.clock.advance(minutes=1)
    result = charting.record_vitals(clinic.app, clinic.nurse, s.id,
                                    {"hr": 134, "sbp": 124, "dbp": 80, "spo2": 97, "rr": 16})
    assert len(result.alerts) == 1, "the fast heart rate raised an alert"
    alert = result.alerts[0]
    tile = board.tiles[clinic.chairs[0].id]
    qtbot.waitUntil(lambda: tile.figures is not None and len(tile.figures.stored_alerts) == 1)
    assert tile.alert_box.isVisible()
    assert alert.message in tile.figures.alerts
    assert tile.property("alert") is True
    clinic.clock.advance(minutes=5)
    board.reload()
    assert tile.alert_box.isVisible(), "time alone does not clear an alert"
    dlg = board.acknowledge(alert, tile.chair.name)
    qtbot.waitUntil(dlg.isVisible)
    dlg.ok.click()  # nothing said about what was done: refused inline
    assert dlg.isVisible() and "what was done" in dlg.errors.message("action_taken")
    assert tile.alert_box.isVisible()
    dlg.action.setPlainText("Rate reduced to 0.25 mg/kg/h; HR rechecked 96")
    dlg.ok.click()
    qtbot.waitUntil(lambda: tile.figures is not None and not tile.figures.alerts)
    assert not tile.alert_box.isVisible()
    acked = views.get_session(clinic.app, s.id).alerts[0]
    assert acked.acknowledged_by_name == "Nina Nurse, RN"
    assert acked.action_taken.startswith("Rate reduced")


def test_ack_button_on_tile_opens_the_dialog(clinic: Any, board: ChairBoard,
                                             qtbot: Any) -> None:
    s = infusing(clinic)
    clinic.clock.advance(minutes=1)
    charting.record_vitals(clinic.app, clinic.nurse, s.id,
                           {"hr": 130, "sbp": 120, "dbp": 80, "spo2": 97, "rr": 16})
    tile = board.tiles[clinic.chairs[0].id]
    qtbot.waitUntil(lambda: tile.figures is not None and bool(tile.figures.stored_alerts))
    from PySide6.QtWidgets import QPushButton

    buttons = [b for b in tile.alert_box.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) == 1
    buttons[0].click()
    qtbot.waitUntil(lambda: board.ack_dialog is not None and board.ack_dialog.isVisible())
    assert board.ack_dialog.alert.session_id == s.id
    board.ack_dialog.reject()


def test_dose_limit_near_is_an_alert(clinic: Any, board: ChairBoard) -> None:
    s = infusing(clinic, rate=1.5)  # protocol maximum total 6 mg/kg: 90 % after 3 h 36 min
    clinic.clock.advance(minutes=214)
    board.reload()
    tile = board.tiles[clinic.chairs[0].id]
    assert tile.figures is not None and not tile.figures.dose_near_limit
    clinic.clock.advance(minutes=4)
    board.tick()
    assert tile.figures.dose_near_limit
    assert any(line.startswith("Dose limit near: 5.45 of max 6 mg/kg")
               for line in tile.figures.alerts)
    del s


def test_states_monitoring_and_ready_for_discharge(clinic: Any, board: ChairBoard) -> None:
    s = infusing(clinic)
    clinic.clock.advance(minutes=40)
    doses.stop_infusion(clinic.app, clinic.nurse, s.id)
    board.reload()
    tile = board.tiles[clinic.chairs[0].id]
    assert tile.state_label.text() == "MONITORING"
    assert tile.timer_label.text() == "0:00:00"
    assert tile.figures is not None and "to go" in tile.figures.timer_detail
    clinic.clock.advance(minutes=60)
    board.tick()
    assert tile.state_label.text() == "READY FOR DISCHARGE"
    assert tile.timer_label.text() == "1:00:00"


def test_pre_infusion_paused(clinic: Any, board: ChairBoard) -> None:
    s = ready_to_infuse(clinic)
    board.reload()
    tile = board.tiles[clinic.chairs[0].id]
    assert tile.state_label.text() == "PRE-INFUSION"
    assert tile.due_label.text() == "Baseline vitals recorded"
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=10)
    doses.pause_infusion(clinic.app, clinic.nurse, s.id, "Nausea")
    clinic.clock.advance(minutes=10)
    board.reload()
    assert tile.state_label.text() == "PAUSED"
    assert tile.rate_label.text() == "PAUSED · 0 mL/h"
    # the pause is what the tile shows big; the planned time left stands still while paused
    assert tile.timer_label.text() == "0:10:00"
    assert "Infusion ran 0:20:00" in tile.figures.timer_detail
    assert "3:50:00 left when resumed" in tile.figures.timer_detail
    clinic.clock.advance(minutes=5)
    board.tick()
    assert tile.timer_label.text() == "0:15:00"
    assert "3:50:00 left when resumed" in tile.figures.timer_detail
    # 10 min at 0.5 mg/kg/h × 80 kg, then nothing while paused
    assert "6.67 mg" in tile.dose_label.text()


def test_click_and_keyboard_activate_tiles(clinic: Any, board: ChairBoard, qtbot: Any) -> None:
    s = infusing(clinic)
    board.reload()
    running = board.tiles[clinic.chairs[0].id]
    free = board.tiles[clinic.chairs[1].id]
    with qtbot.waitSignal(board.open_session) as opened:
        qtbot.mouseClick(running, Qt.MouseButton.LeftButton)
    assert opened.args == [s.id]
    free.setFocus()
    with qtbot.waitSignal(board.start_session) as started:
        qtbot.keyClick(free, Qt.Key.Key_Return)
    assert started.args == [clinic.chairs[1].id]
    assert free.focusPolicy() == Qt.FocusPolicy.StrongFocus
    board.set_can_start(False)
    assert free.due_label.text() == "Free"
    with qtbot.assertNotEmitted(board.start_session):
        qtbot.keyClick(free, Qt.Key.Key_Space)


def test_other_workstations_changes_arrive_by_the_audit_head(clinic: Any, db_url: str,
                                                             ctx: UiContext, board: ChairBoard,
                                                             qtbot: Any) -> None:
    other = open_app(db_url, clock=clinic.clock)  # a second workstation: no listeners here
    try:
        qtbot.waitUntil(lambda: ctx.feed.reads >= 1)  # the head as the board opened
        s = ready_to_infuse(clinic.__class__(**{**clinic.__dict__, "app": other}))
        ctx.feed.timer.setInterval(50)
        tile = board.tiles[clinic.chairs[0].id]
        qtbot.waitUntil(lambda: tile.view is not None and tile.view.id == s.id)
    finally:
        other.close()


def test_restart_shows_the_same_sessions_and_timers(clinic: Any, db_url: str, ctx: UiContext,
                                                    ui_context: UiContexts,
                                                    qtbot: Any) -> None:
    s = infusing(clinic)
    clinic.clock.advance(minutes=47, seconds=12)
    first = ChairBoard(ctx)
    qtbot.addWidget(first)
    before = first.tiles[clinic.chairs[0].id].figures
    first.stop()
    reopened = open_app(db_url, clock=clinic.clock)
    ctx2 = ui_context(reopened, user=clinic.nurse)
    try:
        second = ChairBoard(ctx2)
        qtbot.addWidget(second)
        after = second.tiles[clinic.chairs[0].id].figures
        assert before is not None and after is not None and after.session_id == s.id
        assert (after.timer, after.dose, after.due_text, after.state_label) == (
            before.timer, before.dose, before.due_text, before.state_label)
        assert after.timer == "0:47:12"
        second.stop()
    finally:
        ctx2.shutdown()  # before its database closes
        reopened.close()


def test_reload_from_a_burst_of_writes_is_coalesced(clinic: Any, board: ChairBoard,
                                                    qtbot: Any) -> None:
    loads = board.load_count
    s = ready_to_infuse(clinic)  # about a dozen writes
    qtbot.waitUntil(lambda: board.load_count > loads)
    assert board.load_count - loads <= 2
    assert board.tiles[clinic.chairs[0].id].view is not None
    assert board.tiles[clinic.chairs[0].id].view.id == s.id  # type: ignore[union-attr]
    _ = timedelta


def test_reminder_sound_is_the_shipped_chime_or_a_beep(ctx: UiContext, tmp_path: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import wave

    from PySide6.QtWidgets import QApplication

    from chairlog.ui.reminders import ReminderBell, chime_path, write_chime

    shipped = chime_path()
    assert shipped is not None and shipped.name == "vitals_due.wav"
    with wave.open(str(shipped)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        assert 0.4 < w.getnframes() / w.getframerate() < 1.0
    fresh = write_chime(tmp_path / "chime.wav")
    assert fresh.read_bytes() == shipped.read_bytes()  # reproducible from the code
    beeps: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    bell = ReminderBell(ctx)
    bell.play()
    assert bell.sounds_played == 1
    assert beeps == [1] or bell._effect is not None  # no audio library here: a beep
