"""Start-up: a database that cannot be opened, demo mode, building the window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from chairlog import paths
from chairlog.errors import CorruptDatabase, StorageError
from chairlog.services import accounts, views
from chairlog.ui import app as ui_app
from chairlog.ui.login import LoginDialog
from tests.ui.conftest import settle
from tests.ui.leaks import UiContexts


@pytest.fixture
def restore_style(qapp: QApplication) -> Any:
    sheet, font = qapp.styleSheet(), qapp.font()
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def test_unopenable_database_gives_a_clear_message_and_exit_1(
        tmp_path: Path, restore_style: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "notes.sqlite3"
    bad.write_bytes(b"this is a shopping list, not a database\n" * 20)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(ui_app, "report_error", lambda title, msg: shown.append((title, msg)))
    assert ui_app.run_gui(str(bad), demo=False) == 1
    assert len(shown) == 1
    title, message = shown[0]
    assert title == "The database cannot be opened"
    assert str(bad) in message and "not a chairlog database" in message
    assert "Traceback" not in message
    assert bad.read_bytes().startswith(b"this is a shopping list")  # untouched
    # the style sheet was applied before anything was shown
    assert "#chairTile" in restore_style.styleSheet()


def test_damaged_database_message(tmp_path: Path) -> None:
    title, message = ui_app.storage_error_text(
        CorruptDatabase(tmp_path / "chairlog.sqlite3", "database disk image is malformed"))
    assert title == "The database is damaged"
    assert "restore" in message.lower() and "Nothing was changed" in message
    title2, _ = ui_app.storage_error_text(StorageError("The disk is full."))
    assert title2 == "The database cannot be opened"


def test_demo_mode_uses_its_own_filled_database(ui_context: UiContexts, qtbot: Any) -> None:
    app = ui_app.open_for_gui(None, demo=True)
    try:
        assert str(app.db.url).endswith(str(paths.data_dir() / "demo.sqlite3"))
        assert not (paths.data_dir() / "chairlog.sqlite3").exists()
        assert accounts.is_initialised(app) and app.demo
        running = views.board(app)
        assert {v.state.value for v in running} == {"pre_infusion", "infusing", "paused",
                                                    "monitoring"}
        ctx = ui_context(app, demo=True)
        login = LoginDialog(ctx)
        qtbot.addWidget(login)
        login.show()
        assert login.demo_box is not None
        button = next(b for b in login.demo_box.findChildren(QPushButton)
                      if b.text().startswith("ana"))
        button.click()
        login.sign_in_button.click()
        qtbot.waitUntil(lambda: not login.busy)
        assert login.user is not None and login.user.full_name == "Ana Müller"
        ctx.set_user(login.user)
        window = ui_app.build_main_window(ctx)
        qtbot.addWidget(window)
        assert len(window.board.chairs) == 6 and len(window.board.views) == 4
        assert window.demo_label is not None
        window.quit_now()
        ctx.shutdown()  # before its database closes
    finally:
        app.close()
    again = ui_app.open_for_gui(None, demo=True)  # already filled: opened as it is
    try:
        assert len(views.board(again)) == 4
    finally:
        again.close()


def test_build_main_window_needs_a_signed_in_user(clinic: Any,
                                                  ui_context: UiContexts) -> None:
    with pytest.raises(RuntimeError, match="signed-in user"):
        ui_app.build_main_window(ui_context())


def test_start_up_does_not_import_pdf_or_migration_libraries() -> None:
    import subprocess

    code = ("import sys; import chairlog.ui.app, chairlog.ui.main_window; "
            "print(sorted(m for m in ('reportlab', 'pyhanko', 'alembic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert out.stdout.strip() == "[]"


def test_run_gui_first_start_setup_login_then_window(tmp_path: Path, restore_style: QApplication,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole start: empty database → set-up screen → sign-in → main window → quit."""
    from chairlog.ui.login import LoginDialog as Login
    from chairlog.ui.main_window import MainWindow
    from chairlog.ui.setup_wizard import SetupDialog

    def setup_exec(self: SetupDialog) -> int:
        self.clinic_name.setText("Northside Clinic")
        self.timezone.setCurrentText("America/Denver")
        self.username.setText("boss")
        self.full_name.setText("Bea Boss")
        self.password.setText("first-pass-1")
        self.password_again.setText("first-pass-1")
        self.ca_passphrase.setText("authority-pass-1")
        self.ca_passphrase_again.setText("authority-pass-1")
        self.create_button.click()
        settle(self)
        return self.result()

    def login_exec(self: Login) -> int:
        self.fill("boss", "first-pass-1")
        self.sign_in_button.click()
        settle(self)
        return self.result()

    seen: dict[str, Any] = {}

    def app_exec(_self: Any = None) -> int:
        wins = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()]
        assert len(wins) == 1
        w = wins[0]
        seen["user"] = w.ctx.user
        seen["chairs"] = [c.name for c in w.board.chairs]
        seen["title"] = w.windowTitle()
        w.quit_now()
        seen["ticking"] = w.board.tick_timer.isActive()
        return 0

    monkeypatch.setattr(SetupDialog, "exec", setup_exec)
    monkeypatch.setattr(Login, "exec", login_exec)
    monkeypatch.setattr(QApplication, "exec", app_exec)
    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    assert ui_app.run_gui(url, demo=False) == 0
    assert seen["user"].username == "boss"
    assert seen["chairs"] == ["Chair 1", "Chair 2", "Chair 3", "Chair 4"]
    assert seen["title"] == "chairlog — Northside Clinic"
    assert seen["ticking"] is False  # closing the window stopped the board's timers


def test_cancelled_sign_in_exits_quietly(clinic: Any, db_url: str, restore_style: QApplication,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from chairlog.ui.login import LoginDialog as Login

    monkeypatch.setattr(Login, "exec", lambda self: 0)
    monkeypatch.setattr(QApplication, "exec", lambda *_a: pytest.fail("no window expected"))
    assert ui_app.run_gui(db_url, demo=False) == 0
