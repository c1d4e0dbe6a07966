"""Quitting with infusions running: ask, list them, and offer to keep running minimized.

Decision: the timers are computed from stored timestamps, so quitting loses nothing; but a
window that is gone shows no overdue vitals and rings no chime, so quitting while sessions run
needs a deliberate choice. "Keep running (minimize)" is the default button; Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from chairlog.domain import SessionView
from chairlog.ui import tokens
from chairlog.ui.i18n import clinical, translate


class QuitDialog(QDialog):
    #: "minimize" or "quit" (Cancel closes the dialog and does nothing)
    chosen = Signal(str)

    def __init__(self, running: list[SessionView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quitDialog")
        self.setWindowTitle(translate("QuitDialog", "Quit chairlog?"))
        self.setModal(True)
        lay = QVBoxLayout(self)
        n = len(running)
        title = QLabel(
            translate("QuitDialog", "{n} session{value} still running").format(
                n=n, value="s are" if n > 1 else " is"
            )
        )
        title.setObjectName("quitTitle")
        lay.addWidget(title)
        lines = [f"• {v.chair.name}: {clinical(v.state.label)}" for v in running]
        listing = QLabel("\n".join(lines))
        listing.setObjectName("quitSessions")
        lay.addWidget(listing)
        lay.addWidget(
            QLabel(
                translate(
                    "QuitDialog",
                    "Their timers keep counting either way, but a closed window shows "
                    "no overdue vitals and rings no reminder.",
                )
            )
        )
        row = QHBoxLayout()
        cancel = QPushButton(translate("QuitDialog", "Cancel  (Esc)"))
        cancel.setObjectName("quitCancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.quit_button = QPushButton(translate("QuitDialog", "Quit anyway"))
        self.quit_button.setObjectName("quitAnyway")
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(lambda: self._choose("quit"))
        self.keep_button = QPushButton(translate("QuitDialog", "Keep running (minimize)"))
        self.keep_button.setObjectName("quitMinimize")
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(lambda: self._choose("minimize"))
        for b in (cancel, self.quit_button, self.keep_button):
            b.setMinimumHeight(tokens.TOUCH_PX)
            row.addWidget(b)
        lay.addLayout(row)
        self.keep_button.setFocus()

    def _choose(self, what: str) -> None:
        self.accept()
        self.chosen.emit(what)
