"""Start the desktop app: ``chairlog gui [--demo]`` and bare ``chairlog`` call ``run_gui``.

Order: QApplication and style sheet → open the database (migrations run here) → first-start
set-up if the database is empty → sign in → main window.

Decisions:
- A database that cannot be opened (``StorageError``: missing folder, read-only, locked,
  damaged, too new…) is reported in a plain message box with the service's own words, no
  traceback, and the app exits with code 1. Nothing is written. A damaged database is first
  offered its newest verified backup (``chairlog.ui.recovery``).
- Demo mode keeps its own file (``<data dir>/demo.sqlite3`` unless ``--db`` is given), filled
  with the demo clinic the first time, so demo data never mixes with real patients.
- The style sheet and the icon are required resources: a missing or empty one stops the start
  with ``paths.MissingResource`` (the command line checks every resource first). Uncaught
  errors go to the log file and a dialog (``chairlog.ui.crash``).
- Start-up stays fast: no reportlab, pyHanko or other heavy module is imported here; the
  session, admin, audit and signing screens are imported when first opened.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from chairlog import __version__, paths
from chairlog.errors import ChairlogError, CorruptDatabase, StorageError
from chairlog.services import Chairlog, accounts, open_app
from chairlog.ui import tokens
from chairlog.ui.context import UiContext, make_context, optional_module
from chairlog.ui.i18n import error_text, translate
from chairlog.ui.main_window import MainWindow

BASE_POINT_SIZE = tokens.PT_BASE


def apply_style(qapp: QApplication) -> None:
    """Base font and ``resources/style.qss``; ``paths.MissingResource`` if it is missing or
    empty (the alert colours live there: a window without them is not shown)."""
    font = QFont(qapp.font())
    font.setPointSizeF(BASE_POINT_SIZE)
    qapp.setFont(font)
    qapp.setStyleSheet(paths.resource("style.qss").read_text(encoding="utf-8"))


def app_icon() -> QIcon:
    """The application icon (PNG and SVG from ``resources/icons``)."""
    icon = QIcon(str(paths.resource("icons/chairlog.png")))
    icon.addFile(str(paths.resource("icons/chairlog.svg")))
    return icon


def start_qapp() -> QApplication:
    """The QApplication with chairlog's name, version, icon and style sheet."""
    qapp = QApplication.instance()
    if not isinstance(qapp, QApplication):
        qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("chairlog")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName("chairlog")  # matches chairlog.desktop (Wayland, task bars)
    qapp.setWindowIcon(app_icon())
    apply_style(qapp)
    return qapp


def demo_db_url() -> str:
    folder = paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return "sqlite:///" + str(folder / "demo.sqlite3")


def demo_signer() -> Callable[..., Any] | None:
    module = optional_module("chairlog.services.signoff")
    return getattr(module, "sign_for_demo", None) if module is not None else None


def open_for_gui(db_url: str | None, demo: bool) -> Chairlog:
    """Open the database; in demo mode fill an empty one with the demo clinic."""
    from chairlog.services import demo as demo_data

    url = db_url or (demo_db_url() if demo else None)
    app = open_app(url, demo=demo)
    if demo and not accounts.is_initialised(app):
        try:
            demo_data.fill_demo(app, sign=demo_signer())
        except BaseException:
            app.close()
            raise
    return app


def storage_error_text(exc: StorageError) -> tuple[str, str]:
    """(title, message) for a database that cannot be opened."""
    if isinstance(exc, CorruptDatabase):
        return (
            translate("app", "The database is damaged"),
            translate(
                "app",
                "{exc}\n\nNothing was changed. Ask whoever looks after this computer to restore "
                "the latest backup.",
            ).format(exc=error_text(exc)),
        )
    return translate("app", "The database cannot be opened"), translate(
        "app", "{exc}\n\nNothing was changed."
    ).format(exc=error_text(exc))


def report_error(title: str, message: str) -> None:
    """Shown when start-up fails (replaced in tests)."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        translate("app", "chairlog — {title}").format(title=title),
        message,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def show_start_error(title: str, message: str) -> None:
    """``report_error`` before any window exists (e.g. an incomplete installation). Not on
    the offscreen platform, where nobody could answer it (stderr and the log have it)."""
    qapp = QApplication.instance()
    if not isinstance(qapp, QApplication):
        qapp = QApplication(sys.argv[:1])
    if qapp.platformName() != "offscreen":
        report_error(title, message)


def build_main_window(ctx: UiContext) -> MainWindow:
    """The main window for a signed-in context (used by run_gui, tests, screenshots)."""
    if ctx.user is None:
        raise RuntimeError("build_main_window needs a signed-in user (ctx.set_user)")
    return MainWindow(ctx)


def _wait_note(text: str) -> QWidget:
    note = QLabel(text)
    note.setWindowTitle("chairlog")
    note.setAlignment(Qt.AlignmentFlag.AlignCenter)
    note.setMinimumSize(*tokens.NOTE_MIN)
    note.show()
    QApplication.processEvents()
    return note


def run_gui(db_url: str | None, demo: bool) -> int:
    """Run the app until the main window closes; the process exit code."""
    from chairlog import applog
    from chairlog.ui import crash

    previous_hooks = crash.install()
    try:
        return _run_gui(db_url, demo)
    finally:
        applog.restore_excepthook(previous_hooks)


def _run_gui(db_url: str | None, demo: bool) -> int:
    qapp = start_qapp()
    while True:
        note = _wait_note(
            translate("app", "Preparing the demo clinic…")
            if demo
            else translate("app", "Opening the database…")
        )
        try:
            app = open_or_recover(db_url, demo)
        except Exception as exc:
            note.close()
            from chairlog.ui.offline_board import run_from_snapshot

            shown = run_from_snapshot(qapp, db_url, exc)  # the server is unreachable
            if shown == "resume":
                continue
            if shown == "closed":
                return 0
            if isinstance(exc, StorageError):
                report_error(*storage_error_text(exc))
                return 1
            if isinstance(exc, ChairlogError):
                report_error(translate("app", "chairlog cannot start"), error_text(exc))
                return 1
            raise
        note.close()
        break
    ctx = make_context(app, demo=demo)
    try:
        return _run_signed_in(qapp, ctx)
    finally:
        ctx.shutdown()
        app.close()


def open_or_recover(db_url: str | None, demo: bool) -> Chairlog:
    """``open_for_gui``; a damaged database first gets the offer of its newest verified backup
    (``chairlog.ui.recovery``) and is opened again once restored."""
    try:
        return open_for_gui(db_url, demo)
    except StorageError as exc:
        if not isinstance(exc, CorruptDatabase):
            raise
        from chairlog.ui import recovery

        url = db_url or (demo_db_url() if demo else None)
        if not recovery.offer_restore(url, exc):
            raise
    return open_for_gui(db_url, demo)


def _run_signed_in(qapp: QApplication, ctx: UiContext) -> int:
    from chairlog.ui.i18n import clinic_language, install_language
    from chairlog.ui.login import LoginDialog
    from chairlog.ui.setup_wizard import SetupDialog

    if accounts.is_initialised(ctx.app):
        install_language(clinic_language(ctx))  # the sign-in already in the clinic's words
    else:
        setup = SetupDialog(ctx)
        if setup.exec() != QDialog.DialogCode.Accepted:
            return 0
        if setup.warning:
            QMessageBox.warning(None, "chairlog", setup.warning)
    login = LoginDialog(ctx, title=translate("app", "Sign in"))
    if login.exec() != QDialog.DialogCode.Accepted or login.user is None:
        return 0
    ctx.set_user(login.user)
    from chairlog.ui.i18n import LanguageSwitch

    shell = LanguageSwitch(ctx, lambda: build_main_window(ctx))  # rebuilt on a new language
    window = shell.window
    from chairlog.ui.housekeeping import Housekeeping

    def say(text: str) -> None:
        shell.window.statusBar().showMessage(text, 30_000)

    housekeeping = Housekeeping(ctx, shell)
    housekeeping.message.connect(say)
    from chairlog.ui.monitor_listener import WindowListener

    monitors = WindowListener(ctx, say)
    monitors.start()  # only when the clinic enabled it; bound off the UI thread
    window.show()
    window.board.focus_first_tile()
    try:
        return int(qapp.exec())
    finally:
        monitors.stop()
