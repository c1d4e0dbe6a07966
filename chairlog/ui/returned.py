"""On the board: the records a physician returned to the nurse, on the tile of the chair the
session was in ("↩ Returned by Dr X: reason — patient"), each with *Open record*.

Decisions: shown on free and occupied tiles alike (the chair may have its next patient by
then); read with every board reload (one query, ``services.returns.open_returns``); it goes
when the nurse marks the record ready in its session page.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from chairlog.services.returns import ReturnedRecord
from chairlog.ui import tokens
from chairlog.ui.i18n import translate
from chairlog.ui.widgets import big_font


class ReturnedNotices(QFrame):
    """The returned records of one chair; ``open_requested(session_id)``."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnedNotices")
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(8, 4, 8, 4)
        self.items: tuple[ReturnedRecord, ...] = ()
        self.hide()

    def set_items(self, items: Sequence[ReturnedRecord]) -> None:
        items = tuple(items)
        if items == self.items:
            return
        self.items = items
        while self._rows.count():
            child = self._rows.takeAt(0)
            w = child.widget() if child is not None else None
            if w is not None:
                w.deleteLater()
        for r in items:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = QLabel(f"↩ {r.note.text} — {r.patient_name}")
            text.setObjectName("returnedText")
            text.setFont(big_font(tokens.PT_BASE, bold=True))
            text.setWordWrap(True)
            button = QPushButton(translate("ReturnedNotices", "Open record"))
            button.setObjectName("openReturned")
            button.setAccessibleName(
                translate("ReturnedNotices", "Open the returned record of {patient_name}").format(
                    patient_name=r.patient_name
                )
            )
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, sid=r.note.session_id:
                                   self.open_requested.emit(sid))
            line.addWidget(text, 1)
            line.addWidget(button)
            self._rows.addWidget(row)
        self.setVisible(bool(items))
