"""What the window does with an error nobody caught.

The error is written to the log file with its traceback (``chairlog.applog``); then one dialog
says what happened and what to do. Every save is its own committed transaction, so what was
saved before the error is kept; the dialog says so, and offers to keep working (the form's
typed text is still there) or to quit. While a dialog is open, further errors are only logged,
so a failing timer cannot stack up dialogs. On the offscreen platform (tests, CI) no dialog
is shown: nobody could answer it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from chairlog import applog
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, translate

_showing = False

CRASH_TEXT = (
    QT_TRANSLATE_NOOP("words", "chairlog hit an unexpected error.\n\n"
    "Everything saved before it is kept: each save is stored the moment it is acknowledged.\n\n"
    "What to do:\n"
    "1. Check that the last entry you made appears on the timeline; chart it again if not.\n"
    "2. If chairlog keeps misbehaving, quit and open it again.\n"
    "3. Tell whoever looks after this computer what you were doing, and give them the log "
    "file:\n{log}")
)


def crash_text(kind: type[BaseException]) -> str:
    return translate("words", CRASH_TEXT).format(log=applog.log_file()) + translate(
        "crash", "\n\n(error: {name})"
    ).format(name=kind.__name__)


def show_crash(exc_info: applog.ExcInfo) -> None:
    """The excepthook's dialog (main thread only). Quit ends the event loop with code 1."""
    global _showing
    qapp = QApplication.instance()
    if _showing or not isinstance(qapp, QApplication) or qapp.platformName() == "offscreen":
        return  # offscreen (tests, CI): nobody could answer a dialog; the log has the error
    _showing = True
    try:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            translate("crash", "chairlog — unexpected error"),
            crash_text(exc_info[0]),
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        keep = box.addButton(translate("crash", "Keep working"), QMessageBox.ButtonRole.AcceptRole)
        quit_button = box.addButton(
            translate("crash", "Quit chairlog"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is quit_button:
            qapp.exit(1)
    finally:
        _showing = False


def install() -> applog.Hooks:
    """Route uncaught errors to the log and this dialog; returns the hooks replaced."""
    return applog.install_excepthook(show_crash)
