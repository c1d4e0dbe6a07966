"""Desktop behaviour: Help → About, the application icon, the crash dialog, the smoke check
(``chairlog gui --demo --smoke``) and the desktop entry."""

from __future__ import annotations

import configparser
import platform
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

from chairlog import __version__, applog, paths
from chairlog.ui import app as ui_app
from chairlog.ui import crash, smoke
from chairlog.ui.about import about_facts
from chairlog.ui.main_window import MainWindow


@pytest.fixture
def restore_app(qapp: QApplication) -> Any:
    sheet, font, icon = qapp.styleSheet(), qapp.font(), qapp.windowIcon()
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setWindowIcon(icon)


def test_help_about_shows_version_database_folders_and_versions(
    window: MainWindow, qtbot: Any
) -> None:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    about_action = window.actions_by_name["about"]
    assert about_action in help_menu.actions() and about_action.isEnabled()
    dialog = window.open_about()
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.details.text()
    db_path = str(window.ctx.app.db.url).split(":///", 1)[1]
    for expected in (f"chairlog {__version__}", f"Database: SQLite: {db_path}",
                     f"Data folder: {paths.data_dir()}", f"Log file: {applog.log_file()}",
                     f"Qt: {qVersion()}", f"Python: {platform.python_version()}"):
        assert expected in text
    dialog.copy_details()
    assert QApplication.clipboard().text() == text
    dialog.close()


def test_about_never_shows_a_database_password() -> None:
    facts = dict(about_facts("postgresql+psycopg://chairlog:s3cret@db.clinic/chairlog"))
    assert facts["Database"] == "PostgreSQL: db.clinic/chairlog"


def test_about_is_off_while_locked(window: MainWindow) -> None:
    window.lock()
    assert not window.actions_by_name["about"].isEnabled()


def test_application_icon_and_style_come_from_resources(restore_app: QApplication) -> None:
    qapp = ui_app.start_qapp()
    assert not qapp.windowIcon().isNull()
    assert qapp.applicationVersion() == __version__
    assert qapp.styleSheet() == paths.resource("style.qss").read_text(encoding="utf-8")


def test_crash_dialog_says_what_to_do_and_quit_ends_the_loop(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = crash.crash_text(ValueError)
    assert str(applog.log_file()) in text and "Everything saved before it is kept" in text
    assert "ValueError" in text
    monkeypatch.setattr(QApplication, "platformName", staticmethod(lambda: "xcb"))
    seen: list[str] = []

    def answer(box: QMessageBox) -> int:
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == "Quit chairlog").click()
        return 0

    exits: list[int] = []
    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(qapp, "exit", lambda code=0: exits.append(code))
    try:
        raise KeyError("x")
    except KeyError:
        info = sys.exc_info()
    crash.show_crash(info)  # type: ignore[arg-type]
    assert seen and "unexpected error" in seen[0] and exits == [1]


def test_no_crash_dialog_offscreen(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[int] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: opened.append(1) or 0)
    try:
        raise KeyError("x")
    except KeyError:
        info = sys.exc_info()
    crash.show_crash(info)  # type: ignore[arg-type]
    assert opened == []


def test_smoke_check_passes_and_saves_a_screenshot(
    restore_app: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shot = tmp_path / "window.png"
    assert smoke.run_smoke(None, demo=True, seconds=0.5, screenshot=str(shot)) == 0
    assert "smoke: ok — window shown" in capsys.readouterr().out
    assert shot.stat().st_size > 10_000
    assert (paths.data_dir() / "demo.sqlite3").exists()  # the demo database, not a real one


def test_smoke_check_fails_on_an_error_in_the_window(
    restore_app: QApplication, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken_tick(self: MainWindow) -> None:
        raise RuntimeError("tick failed")

    monkeypatch.setattr(MainWindow, "_on_tick", broken_tick)
    original_show = MainWindow.show

    def show_then_tick(self: MainWindow) -> None:
        original_show(self)
        QTimer.singleShot(100, self._on_tick)

    monkeypatch.setattr(MainWindow, "show", show_then_tick)
    assert smoke.run_smoke(None, demo=True, seconds=0.5) == 1
    err = capsys.readouterr().err
    assert "smoke: FAILED" in err and "RuntimeError: tick failed" in err


def test_smoke_needs_demo() -> None:
    from chairlog.errors import ValidationError

    with pytest.raises(ValidationError, match="--demo"):
        smoke.run_smoke(None, demo=False)


def test_desktop_entry_starts_the_gui_script() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(paths.resource("chairlog.desktop"), encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"].startswith("chairlog-gui")
    assert section["Icon"] == "chairlog" and section["Terminal"] == "false"


def test_incomplete_installation_is_shown_in_a_box_when_the_window_is_asked_for(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import shutil

    from chairlog.cli import main

    folder = tmp_path / "resources"
    shutil.copytree(paths.resources_dir(), folder)
    (folder / "icons" / "chairlog.png").unlink()
    monkeypatch.setattr(paths, "resources_dir", lambda: folder)
    monkeypatch.setattr(QApplication, "platformName", staticmethod(lambda: "xcb"))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(ui_app, "report_error", lambda title, msg: shown.append((title, msg)))
    assert main(["gui", "--demo"]) == 1
    assert shown and shown[0][0] == "chairlog cannot start"
    assert "icons/chairlog.png missing" in shown[0][1]
    assert "icons/chairlog.png missing" in capsys.readouterr().err
    assert not (paths.data_dir() / "demo.sqlite3").exists()  # nothing was written
