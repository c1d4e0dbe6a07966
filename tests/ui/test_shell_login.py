"""First start (set-up screen), sign-in, forced password change, demo accounts box."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGroupBox, QPushButton

from chairlog.services import accounts, protocols
from chairlog.ui.context import UiContext
from chairlog.ui.login import LoginDialog
from chairlog.ui.setup_wizard import SetupDialog, local_timezone
from tests.conftest import PASSWORDS
from tests.ui.conftest import settle
from tests.ui.leaks import UiContexts


@pytest.fixture
def ctx(app: Any, ui_context: UiContexts) -> UiContext:
    return ui_context(app)  # an empty database: no clinic, no one signed in


def fill_setup(dlg: SetupDialog, **over: str) -> None:
    values = {"clinic_name": "Lakeside Infusions", "timezone": "Europe/Vienna",
              "username": "boss", "full_name": "Bea Boss", "password": "first-pass-1",
              "password_again": "first-pass-1", "ca_passphrase": "authority-pass-1",
              "ca_passphrase_again": "authority-pass-1"} | over
    dlg.clinic_name.setText(values["clinic_name"])
    dlg.timezone.setCurrentText(values["timezone"])
    dlg.username.setText(values["username"])
    dlg.full_name.setText(values["full_name"])
    dlg.password.setText(values["password"])
    dlg.password_again.setText(values["password_again"])
    dlg.ca_passphrase.setText(values["ca_passphrase"])
    dlg.ca_passphrase_again.setText(values["ca_passphrase_again"])


def test_first_start_creates_clinic_then_login(ctx: UiContext, qtbot: Any) -> None:
    app = ctx.app
    assert not accounts.is_initialised(app)
    setup = SetupDialog(ctx)
    qtbot.addWidget(setup)
    setup.show()
    assert setup.timezone.currentText() == local_timezone()
    fill_setup(setup, password_again="first-pass-2")
    setup.create_button.click()
    settle(setup)
    assert "passwords differ" in setup.errors.message("password_again")
    assert not accounts.is_initialised(app) and setup.result() != QDialog.DialogCode.Accepted
    assert setup.clinic_name.text() == "Lakeside Infusions"  # typed values kept
    fill_setup(setup)
    setup.create_button.click()
    settle(setup)
    assert setup.result() == QDialog.DialogCode.Accepted
    assert setup.admin is not None and setup.admin.username == "boss"
    clinic = accounts.get_clinic(app)
    assert (clinic.name, clinic.timezone) == ("Lakeside Infusions", "Europe/Vienna")
    assert [c.name for c in protocols.list_chairs(app)] == [f"Chair {n}" for n in range(1, 5)]
    assert len(protocols.list_protocols(app)) >= 3

    login = LoginDialog(ctx)
    qtbot.addWidget(login)
    login.show()
    assert login.demo_box is None  # not a demo database
    qtbot.keyClicks(login.username, "boss")
    qtbot.keyClicks(login.password, "wrong-password")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)  # Enter signs in
    settle(login)
    assert login.error.isVisible() and "Wrong username or password" in login.error.text()
    assert login.user is None and login.username.text() == "boss"
    login.password.setText("first-pass-1")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    settle(login)
    assert login.result() == QDialog.DialogCode.Accepted
    assert login.user is not None and login.user.full_name == "Bea Boss"


def test_setup_errors_name_the_field(ctx: UiContext, qtbot: Any) -> None:
    setup = SetupDialog(ctx)
    qtbot.addWidget(setup)
    fill_setup(setup, username="Bea Boss")
    setup.create_button.click()
    settle(setup)
    assert "username" in setup.errors.message("username")
    assert setup.username.property("invalid") is True
    assert setup.username.text() == "Bea Boss"
    fill_setup(setup, timezone="Mars/Olympus")
    setup.create_button.click()
    settle(setup)
    assert "time zone" in setup.errors.message("timezone")
    assert setup.errors.message("username") == ""
    fill_setup(setup, password="short", password_again="short")
    setup.create_button.click()
    settle(setup)
    assert "8 characters" in setup.errors.message("password")
    assert not accounts.is_initialised(ctx.app)


def test_too_many_attempts_is_said_inline(clinic: Any, ctx: UiContext, qtbot: Any) -> None:
    login = LoginDialog(ctx)
    qtbot.addWidget(login)
    login.show()
    login.username.setText("nina")
    for _ in range(5):
        login.password.setText("nope-nope-nope")
        login.sign_in_button.click()
        settle(login)
    login.password.setText(PASSWORDS["nina"])
    login.sign_in_button.click()
    settle(login)
    assert "locked after too many wrong passwords" in login.error.text()
    assert login.user is None
    clinic.clock.advance(minutes=15)
    login.sign_in_button.click()
    settle(login)
    assert login.user is not None and login.user.username == "nina"


def test_reset_password_forces_a_change(clinic: Any, ctx: UiContext, qtbot: Any) -> None:
    accounts.reset_password(clinic.app, clinic.admin, clinic.nurse.id, "temporary-1",
                            expected_version=accounts.get_user(clinic.app, clinic.nurse.id).version)
    login = LoginDialog(ctx)
    qtbot.addWidget(login)
    login.show()
    login.fill("nina", "temporary-1")
    login.sign_in_button.click()
    settle(login)
    assert login.pages.currentIndex() == 1 and login.user is None
    login.new_password.setText("brand-new-pass")
    login.new_password_again.setText("brand-new-pasS")
    login.save_password_button.click()
    settle(login)
    assert "passwords differ" in login.change_errors.message("new_password_again")
    login.new_password.setText("temporary-1")
    login.new_password_again.setText("temporary-1")
    login.save_password_button.click()
    settle(login)
    assert "different from the old" in login.change_errors.message("new_password")
    login.new_password.setText("brand-new-pass")
    login.new_password_again.setText("brand-new-pass")
    login.save_password_button.click()
    settle(login)
    assert login.result() == QDialog.DialogCode.Accepted
    assert login.user is not None and not login.user.must_change_password
    assert accounts.login(clinic.app, "nina", "brand-new-pass").username == "nina"


def test_demo_accounts_box_only_in_demo_mode(clinic: Any, ui_context: UiContexts,
                                             qtbot: Any) -> None:
    from chairlog.services import demo

    real = ui_context()
    dlg = LoginDialog(real)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.demo_box is None
    assert not dlg.findChildren(QGroupBox)
    texts = " ".join(b.text() for b in dlg.findChildren(QPushButton))
    assert "demo-nurse-1" not in texts

    demo_ctx = ui_context(demo=True)
    dlg2 = LoginDialog(demo_ctx)
    qtbot.addWidget(dlg2)
    dlg2.show()
    assert dlg2.demo_box is not None and dlg2.demo_box.isVisible()
    buttons = [b for b in dlg2.demo_box.findChildren(QPushButton)]
    assert len(buttons) == len(demo.demo_accounts())
    nurse = next(b for b in buttons if b.text().startswith("ana"))
    nurse.click()
    assert (dlg2.username.text(), dlg2.password.text()) == ("ana", "demo-nurse-1")


def test_password_checks_run_off_the_ui_thread(clinic: Any, ctx: UiContext, qtbot: Any,
                                               monkeypatch: Any) -> None:
    """Sign-in hashes on the task manager: the click returns at once with a busy line."""
    import threading

    from chairlog.services import signin

    threads: list[str] = []
    real = signin.password_matches

    def spy(u: Any, password: str) -> bool:
        threads.append(threading.current_thread().name)
        return real(u, password)

    monkeypatch.setattr(signin, "password_matches", spy)
    login = LoginDialog(ctx)
    qtbot.addWidget(login)
    login.show()
    login.fill("nina", PASSWORDS["nina"])
    login.sign_in_button.click()
    assert login.busy and not login.sign_in_button.isEnabled() and login.user is None
    assert login.busy_label.isVisible()
    qtbot.waitUntil(lambda: not login.busy)
    assert login.user is not None and login.user.username == "nina"
    assert threads and all(t == "chairlog-interactive" for t in threads)
