"""The session page's "Returned by Dr X: reason" bar, with *Mark ready for signature* for the
nurse once the correction or the missing entry is charted (``services.returns``)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QWidget

from chairlog.domain import SessionView
from chairlog.services import returns
from chairlog.ui import tokens
from chairlog.ui.i18n import translate

from .common import Host, button, label
from .style import set_tone


class ReturnedBar(QFrame):
    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("returned_bar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = label(size=tokens.FONT_EMPHASIS, bold=True, name="returned_text", wrap=True)
        set_tone(self.text, "warn")
        self.note = QLineEdit()
        self.note.setObjectName("returned_note")
        self.note.setPlaceholderText(translate("ReturnedBar", "note for the physician (optional)"))
        self.note.setAccessibleName(
            translate("ReturnedBar", "Note for the physician when marking the record ready")
        )
        self.note.returnPressed.connect(self.mark_ready)
        self.ready_button = button(
            translate("ReturnedBar", "Mark ready for signature"),
            name="mark_ready",
            tip=translate("ReturnedBar", "The record goes back to the physician's sign queue"),
        )
        self.ready_button.clicked.connect(self.mark_ready)
        row.addWidget(self.text, 1)
        row.addWidget(self.note)
        row.addWidget(self.ready_button)
        self.hide()

    def update_view(self, v: SessionView, editable: bool) -> None:
        back = v.returned
        self.setVisible(back is not None)
        if back is None:
            return
        self.text.setText(f"↩ {back.text}")
        self.note.setEnabled(editable)
        self.ready_button.setEnabled(editable)

    def mark_ready(self) -> None:
        if not self.ready_button.isEnabled() or self.host.view.returned is None:
            return
        note = self.note.text().strip()

        def done(_v: object) -> None:
            self.note.clear()
            self.host.say(
                translate(
                    "ReturnedBar",
                    "Ready for signature: the record is back in the physician's queue.",
                ),
                "ok",
            )
        self.host.submit(returns.mark_ready, self.host.view.id, note, on_success=done)
