"""The idle lock: engages after the idle time, hides patient data but keeps each chair's
timer, countdown and alerts; unlock by the same user or take-over by another."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget

from chairlog.services import accounts, charting, doses, views
from chairlog.ui.context import UiContext
from chairlog.ui.main_window import MainWindow
from tests.conftest import PASSWORDS, ready_to_infuse
from tests.ui.conftest import settle


def visible_texts(root: QWidget) -> str:
    """Every visible label's text plus the window title: what someone walking by can read."""
    texts = [lab.text() for lab in root.findChildren(QLabel) if lab.isVisible()]
    return "\n".join([root.windowTitle(), *texts])


def two_running(clinic: Any) -> tuple[Any, Any]:
    s1 = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s1.id, 0.5)
    s2 = ready_to_infuse(clinic, patient=clinic.patient2, chair=1)
    clinic.clock.advance(minutes=17, seconds=5)
    return s1, s2


def test_idle_lock_engages_and_hides_patient_data(clinic: Any, ctx: UiContext,
                                                  window: MainWindow, qtbot: Any) -> None:
    s1, _s2 = two_running(clinic)
    clinic.clock.advance(minutes=1)
    charting.record_vitals(clinic.app, clinic.nurse, s1.id,
                           {"hr": 133, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14})
    window.board.reload()
    before = visible_texts(window)
    assert "Ødegård" in before and "M001" in before and "Núñez" in before
    minutes = accounts.get_clinic(clinic.app).idle_lock_minutes
    assert window.idle_lock.limit_ms == minutes * 60_000  # the clinic's setting
    hooks: list[str] = []
    ctx.on_lock.append(lambda: hooks.append("dropped keys"))
    locked: list[bool] = []
    ctx.events.locked.connect(locked.append)
    window.idle_lock.set_limit_ms(150)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert hooks == ["dropped keys"] and locked == [True]
    assert not window.tabs.isVisible() and window.tabs.isHidden()
    assert not window.board.isVisible()
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    text = visible_texts(window)
    for secret in ("Ødegård", "Zoë", "M001", "Núñez", "José", "M002"):
        assert secret not in text, secret
    for chair in ("Chair 1", "Chair 2", "Chair 3"):
        assert chair in text
    assert "0:18:05" in text  # chair 1's infusion timer
    assert "Next vitals in" in text
    assert "⚠ 1 ALERT" in text  # the open heart-rate alert, counted
    assert "Pre-infusion" in text  # chair 2
    # the timers keep running while locked
    clinic.clock.advance(minutes=1)
    window.board.tick()
    assert "0:19:05" in visible_texts(window)


def test_input_resets_the_idle_time(window: MainWindow, qtbot: Any) -> None:
    window.idle_lock.set_limit_ms(60_000)
    qtbot.wait(60)
    assert window.idle_lock.idle_ms() >= 50
    qtbot.mouseMove(window.board, QPoint(30, 30))
    qtbot.keyClick(window.board, Qt.Key.Key_Shift)
    assert window.idle_lock.idle_ms() < 50
    assert not window.locked


def test_unlock_needs_the_right_password(clinic: Any, ctx: UiContext, window: MainWindow,
                                         qtbot: Any) -> None:
    two_running(clinic)
    locked: list[bool] = []
    ctx.events.locked.connect(locked.append)
    window.actions_by_name["lock"].trigger()  # Ctrl+L
    assert window.locked
    screen = window.lock_screen
    assert screen.username.text() == "nina"
    screen.password.setText("not-my-password")
    screen.unlock_button.click()
    settle(screen)
    assert window.locked and "Wrong password" in screen.error.text()
    screen.password.setText(PASSWORDS["nina"])
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    settle(screen)
    assert not window.locked and locked == [True, False]
    assert window.tabs.isVisible() and window.menuBar().isVisible()
    assert "Ødegård" in visible_texts(window)
    assert ctx.user is not None and ctx.user.username == "nina"
    # the idle timer starts again after unlocking
    window.idle_lock.set_limit_ms(100)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)


def test_repeated_wrong_passwords_lock_the_account(clinic: Any, window: MainWindow) -> None:
    window.lock()
    screen = window.lock_screen
    for _ in range(5):
        screen.password.setText("guess-guess")
        screen.attempt_unlock()
        settle(screen)
    screen.password.setText(PASSWORDS["nina"])
    screen.attempt_unlock()
    settle(screen)
    assert window.locked and "locked" in screen.error.text()
    clinic.clock.advance(minutes=15)
    screen.password.setText(PASSWORDS["nina"])
    screen.attempt_unlock()
    settle(screen)
    assert not window.locked


def test_another_nurse_unlocks_and_takes_over(clinic: Any, ctx: UiContext, window: MainWindow,
                                              qtbot: Any) -> None:
    s1, _ = two_running(clinic)
    window.lock()
    screen = window.lock_screen
    screen.username.setText("omar")
    screen.password.setText(PASSWORDS["nina"])  # someone else's password: refused
    screen.attempt_unlock()
    settle(screen)
    assert window.locked and ctx.user is not None and ctx.user.username == "nina"
    screen.password.setText(PASSWORDS["omar"])
    screen.attempt_unlock()
    settle(screen)
    assert not window.locked
    assert ctx.user is not None and ctx.user.username == "omar"
    assert "Omar Øster" in window.user_label.text()
    clinic.clock.advance(minutes=1)
    alert = charting.record_vitals(clinic.app, ctx.require_user(), s1.id,
                                   {"hr": 140, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}
                                   ).alerts[0]
    ack = window.board.acknowledge(alert, "Chair 1")
    ack.action.setPlainText("Physician notified")
    ack.ok.click()
    v = views.get_session(clinic.app, s1.id)
    assert v.alerts[0].acknowledged_by_name == "Omar Øster, RN"
    assert v.entries[0].user_name == "Omar Øster, RN"


def test_locking_cancels_open_dialogs(clinic: Any, window: MainWindow, qtbot: Any) -> None:
    dlg = window.new_session()
    assert dlg is not None
    qtbot.keyClicks(dlg.search, "M00")
    dlg.run_search()
    assert dlg.results.count() == 2
    window.lock()
    assert not dlg.isVisible()
    assert "Ødegård" not in visible_texts(window)


def test_account_needing_a_new_password_cannot_take_over(clinic: Any, ctx: UiContext,
                                                         window: MainWindow) -> None:
    accounts.reset_password(clinic.app, clinic.admin, clinic.nurse2.id, "temporary-9",
            expected_version=accounts.get_user(clinic.app, clinic.nurse2.id).version)
    window.lock()
    window.lock_screen.username.setText("omar")
    window.lock_screen.password.setText("temporary-9")
    window.lock_screen.attempt_unlock()
    settle(window.lock_screen)
    assert window.locked and "new password" in window.lock_screen.error.text()
    assert ctx.user is not None and ctx.user.username == "nina"


def test_clinic_idle_minutes_setting_applies(clinic: Any, window: MainWindow) -> None:
    accounts.update_clinic(clinic.app, clinic.admin,
                           expected_version=accounts.get_clinic(clinic.app).version,
                           idle_lock_minutes=3)
    assert window.idle_lock.limit_ms == 3 * 60_000


def test_shortcuts_do_nothing_while_locked(clinic: Any, ctx: UiContext, window: MainWindow,
                                           qtbot: Any) -> None:
    s1, _ = two_running(clinic)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.lock()
    assert not any(a.isEnabled() for a in window.actions_by_name.values())
    for key in (Qt.Key.Key_N, Qt.Key.Key_1, Qt.Key.Key_B, Qt.Key.Key_U):
        qtbot.keyClick(window.lock_screen.password, key, Qt.KeyboardModifier.ControlModifier)
    assert window.start_dialog is None and window.login_dialog is None
    assert window.pages == {} and window.locked
    assert window.open_session(s1.id) is None
    assert "Ødegård" not in visible_texts(window)
    ctx.set_user(clinic.nurse)  # a role refresh while locked keeps everything off
    assert not window.actions_by_name["new_session"].isEnabled()
    window.lock_screen.password.setText(PASSWORDS["nina"])
    window.lock_screen.attempt_unlock()
    settle(window.lock_screen)
    assert window.actions_by_name["new_session"].isEnabled()
    assert window.actions_by_name["lock"].isEnabled()
    assert not window.actions_by_name["admin"].isEnabled()  # a nurse: still no admin
