"""The main window: actions and shortcuts, roles, status bar, user switching, starting a
session from the board."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from chairlog.services import charting, views
from chairlog.ui.app import build_main_window
from chairlog.ui.context import UiContext
from chairlog.ui.main_window import MainWindow, describe_database
from chairlog.ui.start_session import StartSessionDialog
from tests.conftest import PASSWORDS, ready_to_infuse
from tests.ui.leaks import UiContexts


def test_every_action_has_a_shortcut_in_menu_and_tooltip(window: MainWindow) -> None:
    expected = {"new_session": "Ctrl+N", "board": "Ctrl+B", "switch_user": "Ctrl+U",
                "lock": "Ctrl+L", "mute": "Ctrl+M", "quit": "Ctrl+Q"}
    expected |= {f"chair{n}": f"Ctrl+{n}" for n in range(1, 10)}
    for name, keys in expected.items():
        act = window.actions_by_name[name]
        assert act.shortcut().toString() == keys, name
        assert f"({keys})" in act.toolTip(), name
    for act in window.actions_by_name.values():
        assert not act.shortcut().isEmpty() and "(" in act.toolTip()
    menus = [a.text().replace("&", "") for a in window.menuBar().actions() if a.isVisible()]
    assert menus[:3] == ["chairlog", "Sessions", "View"]
    # only as many chair entries as chairs
    assert [window.actions_by_name[f"chair{n}"].isVisible() for n in (1, 3, 4)] == [
        True, True, False]
    assert window.actions_by_name["chair1"].text() == "Open Chair 1"
    assert window.tabs.tabText(0) == "Board"
    assert window.tabs.tabBar().tabButton(0, window.tabs.tabBar().ButtonPosition.RightSide) \
        is None  # the board cannot be closed


def test_status_bar_shows_user_clinic_and_database(window: MainWindow, ctx: UiContext) -> None:
    assert "Nina Nurse, RN" in window.user_label.text()
    assert window.clinic_label.text() == "Test Clinic"
    url = str(ctx.app.db.url)
    if url.startswith("sqlite"):
        assert window.db_label.text().startswith("SQLite: ")
        assert window.db_label.text().endswith("chairlog.sqlite3")
    assert window.demo_label is None
    assert describe_database("postgresql+psycopg://nurse:secret@db.clinic.lan:5432/chairlog") \
        == "PostgreSQL: db.clinic.lan/chairlog"


def test_demo_badge_in_demo_mode(clinic: Any, ui_context: UiContexts, qtbot: Any) -> None:
    w = build_main_window(ui_context(demo=True, user=clinic.nurse))
    qtbot.addWidget(w)
    assert w.demo_label is not None and "DEMO" in w.demo_label.text()
    assert "DEMO" in w.windowTitle()
    w.quit_now()


def test_admin_cannot_start_sessions_and_sees_admin_menus(clinic: Any, ctx: UiContext,
                                                          window: MainWindow) -> None:
    assert window.actions_by_name["new_session"].isEnabled()
    assert window.board.can_start
    ctx.set_user(clinic.admin)
    assert not window.actions_by_name["new_session"].isEnabled()
    assert not window.board.can_start
    assert window.new_session() is None
    tile = window.board.tiles[clinic.chairs[0].id]
    assert tile.due_label.text() == "Free"
    assert window.admin_menu.menuAction().isVisible()
    assert window.audit_menu.menuAction().isVisible()
    assert not window.sign_menu.menuAction().isVisible()
    ctx.set_user(clinic.physician)
    assert window.actions_by_name["new_session"].isEnabled()
    assert not window.admin_menu.menuAction().isVisible()
    assert window.sign_menu.menuAction().isVisible()
    assert window.audit_menu.menuAction().isVisible()  # physicians review the audit trail too
    ctx.set_user(clinic.nurse)
    assert not window.audit_menu.menuAction().isVisible()
    ctx.set_user(clinic.physician)
    assert "Lee Žukauskas, MD (physician)" in window.user_label.text()


def test_ctrl_n_and_ctrl_digit_open_the_start_dialog(clinic: Any, window: MainWindow,
                                                     qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.start_dialog is not None and window.start_dialog.isVisible())
    assert window.start_dialog is not None
    window.start_dialog.reject()
    qtbot.waitUntil(lambda: window.start_dialog is None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.start_dialog is not None)
    assert window.start_dialog.chair.currentData() == clinic.chairs[1].id
    window.start_dialog.reject()


def test_ctrl_m_mutes_reminders(window: MainWindow, ctx: UiContext) -> None:
    assert not ctx.settings.sound_muted
    window.actions_by_name["mute"].trigger()
    assert ctx.settings.sound_muted and window.actions_by_name["mute"].isChecked()
    window.actions_by_name["mute"].trigger()
    assert not ctx.settings.sound_muted


def test_running_chair_opens_its_session_tab(clinic: Any, window: MainWindow) -> None:
    s = ready_to_infuse(clinic)
    window.board.reload()
    window.actions_by_name["chair1"].trigger()  # Ctrl+1
    page = window.pages.get(s.id)
    assert page is not None and window.tabs.currentWidget() is page
    assert window.tabs.count() == 2
    assert window.tabs.tabText(1) == page.title()  # type: ignore[attr-defined]
    assert "Ødegård" in window.tabs.tabText(1)
    assert window.open_session(s.id) is page  # not opened twice
    window.actions_by_name["board"].trigger()  # Ctrl+B
    assert window.tabs.currentIndex() == 0
    window.close_tab(0)  # the board tab cannot be closed
    assert window.tabs.count() == 2
    window.close_tab(1)
    assert window.tabs.count() == 1 and s.id not in window.pages
    page2 = window.open_session(s.id)
    assert page2 is not None
    page2.closed.emit()  # type: ignore[attr-defined]  # the page's own "Close tab"
    assert window.tabs.count() == 1 and s.id not in window.pages


def start_with_new_patient(window: MainWindow, qtbot: Any, weight: str, mrn: str = "M900"
                           ) -> StartSessionDialog:
    dlg = window.new_session()
    assert dlg is not None
    qtbot.waitUntil(dlg.isVisible)
    dlg.new_patient_button.click()
    assert dlg.new_patient_box.isVisible()
    dlg.mrn.setText(mrn)
    dlg.family_name.setText("Ólafsdóttir")
    dlg.given_name.setText("Katrín")
    dlg.date_of_birth.setText("1975-02-11")
    dlg.sex.setCurrentIndex(dlg.sex.findData("female"))
    dlg.allergies.setText("Latex")
    dlg.weight.setText(weight)
    dlg.start_button.click()
    return dlg


def test_start_session_with_new_patient_and_bad_weight(clinic: Any, window: MainWindow,
                                                       qtbot: Any) -> None:
    dlg = start_with_new_patient(window, qtbot, weight="7o")
    assert dlg.isVisible() and dlg.session is None
    message = dlg.errors.message("weight_kg")
    assert "weight (kg)" in message and "'7o'" in message
    assert dlg.weight.text() == "7o" and dlg.weight.property("invalid") is True
    # the patient was registered and stays selected: a retry does not register them twice
    assert dlg.patient is not None and dlg.patient.mrn == "M900"
    assert not dlg.new_patient_box.isVisible()
    dlg.weight.setText("70.5")
    dlg.start_button.click()
    qtbot.waitUntil(lambda: window.start_dialog is None)
    running = views.board(clinic.app)
    assert len(running) == 1
    v = running[0]
    assert (v.patient.mrn, v.patient.given_name, v.weight_kg) == ("M900", "Katrín", 70.5)
    assert v.patient.allergies == "Latex" and v.nurse_name == "Nina Nurse, RN"
    assert window.board.tiles[v.chair.id].view is not None


def test_new_patient_errors_name_the_field(window: MainWindow, qtbot: Any) -> None:
    dlg = window.new_session()
    assert dlg is not None
    dlg.new_patient_button.click()
    dlg.mrn.setText("M 77")
    dlg.family_name.setText("Doe")
    dlg.given_name.setText("Jane")
    dlg.weight.setText("60")
    dlg.start_button.click()
    assert "MRN" in dlg.errors.message("mrn") and dlg.mrn.text() == "M 77"
    dlg.mrn.setText("M77")
    dlg.date_of_birth.setText("11/02/1975")
    dlg.start_button.click()
    assert "date of birth" in dlg.errors.message("date_of_birth")
    assert dlg.date_of_birth.text() == "11/02/1975" and dlg.session is None
    dlg.reject()


def test_search_as_you_type_and_last_weight(clinic: Any, window: MainWindow,
                                            qtbot: Any) -> None:
    from chairlog.services import sessions

    s = ready_to_infuse(clinic, weight=82.0)
    sessions_running = views.board(clinic.app)
    assert sessions_running[0].id == s.id
    dlg = window.new_session(clinic.chairs[2].id)
    assert dlg is not None
    # chair 1 is in use: listed but not selectable
    idx = dlg.chair.findData(clinic.chairs[0].id)
    assert "(in use)" in dlg.chair.itemText(idx)
    assert not dlg.chair.model().item(idx).isEnabled()  # type: ignore[attr-defined]
    assert dlg.chair.currentData() == clinic.chairs[2].id
    qtbot.keyClicks(dlg.search, "odegard")  # accent-insensitive
    qtbot.waitUntil(lambda: dlg.results.count() == 1)
    assert dlg.patient is not None and dlg.patient.mrn == "M001"
    assert "Last weight 82 kg" in dlg.last_weight_label.text()
    assert "ALLERGIES: Penicillin" in dlg.selected_label.text()
    dlg.weight.setText("95")
    dlg.weight.textEdited.emit("95")
    assert "different from last time" in dlg.last_weight_label.text()
    dlg.weight.setText("81")
    dlg.start_button.click()  # the patient already has a running session
    assert "in session" in dlg.errors.message("patient_id")
    dlg.reject()
    del sessions


def test_switch_user_attributes_next_entries_to_the_new_user(clinic: Any, ctx: UiContext,
                                                             window: MainWindow,
                                                             qtbot: Any) -> None:
    s = ready_to_infuse(clinic)
    clinic.clock.advance(minutes=1)
    alert = charting.record_vitals(clinic.app, clinic.nurse, s.id,
                                   {"hr": 131, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}
                                   ).alerts[0]
    dlg = window.switch_user()
    qtbot.waitUntil(dlg.isVisible)
    dlg.fill("omar", PASSWORDS["omar"])
    dlg.sign_in_button.click()
    qtbot.waitUntil(lambda: window.login_dialog is None)
    assert ctx.user is not None and ctx.user.username == "omar"
    assert "Omar Øster" in window.user_label.text()
    # an entry made through the window now carries Omar's name
    window.board.reload()
    ack = window.board.acknowledge(alert, "Chair 1")
    ack.action.setPlainText("Rechecked: HR 88")
    ack.ok.click()
    assert views.get_session(clinic.app, s.id).alerts[0].acknowledged_by_name == "Omar Øster, RN"
    new = start_with_new_patient(window, qtbot, weight="64", mrn="M901")
    qtbot.waitUntil(lambda: window.start_dialog is None)
    assert new.session is not None and new.session.nurse_name == "Omar Øster, RN"
    # a cancelled switch keeps the current user
    dlg2 = window.switch_user()
    dlg2.reject()
    assert ctx.user.username == "omar"
    assert dlg2.result() == QDialog.DialogCode.Rejected


def test_closing_the_window_stops_timers_and_the_input_filter(window: MainWindow,
                                                              qtbot: Any) -> None:
    assert window.board.tick_timer.isActive() and window.ctx.feed.timer.isActive()
    window.close()
    assert not window.board.tick_timer.isActive()
    idle = window.idle_lock
    qtbot.wait(30)
    qtbot.keyClick(window.board, Qt.Key.Key_Shift)  # no longer seen by the idle filter
    assert idle.idle_ms() >= 25


def test_admin_opens_the_administration_dialog(clinic: Any, ctx: UiContext,
                                               window: MainWindow) -> None:
    from chairlog.ui.admin.dialog import AdminDialog

    ctx.set_user(clinic.admin)
    act = window.actions_by_name["admin"]
    assert act.isVisible() and act.isEnabled()
    assert act.shortcut().toString() == "Ctrl+Shift+A"
    act.trigger()
    dialogs = [d for d in window.findChildren(AdminDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()
    ctx.set_user(clinic.nurse)
    assert not act.isVisible() and not window.admin_menu.menuAction().isVisible()


def test_admin_opens_the_audit_trail(clinic: Any, ctx: UiContext, window: MainWindow) -> None:
    from chairlog.ui.audit_view import AuditDialog

    ctx.set_user(clinic.admin)
    act = window.actions_by_name["audit"]
    assert act.isVisible() and window.audit_menu.menuAction().isVisible()
    assert "(Ctrl+Shift+T)" in act.toolTip()
    act.trigger()
    dialogs = [d for d in window.findChildren(AuditDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()


def test_physician_opens_sign_records(clinic: Any, ctx: UiContext, window: MainWindow) -> None:
    from chairlog.ui.signoff import SignoffDialog

    assert not window.actions_by_name["sign"].isVisible()  # a nurse does not sign
    ctx.set_user(clinic.physician)
    act = window.actions_by_name["sign"]
    assert act.isVisible() and window.sign_menu.menuAction().isVisible()
    assert not window.admin_menu.menuAction().isVisible()
    act.trigger()
    dialogs = [d for d in window.findChildren(SignoffDialog) if d.isVisible()]
    assert len(dialogs) == 1
    window.lock()  # locking closes it (no record or password left on screen)
    assert not dialogs[0].isVisible()
