"""Clinic tab: name, address, time zone, paper size, idle-lock and late-entry minutes.

Only the values that differ from what is stored are sent (one ``accounts.update_clinic``
call, one audit row with before and after). Other windows pick the change up from the
``data_changed("clinic")`` signal (e.g. the idle lock's new delay).
"""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import ClinicInfo
from chairlog.errors import ChairlogError
from chairlog.services import accounts
from chairlog.ui.admin.common import Notice
from chairlog.ui.context import UiContext
from chairlog.ui.widgets import BigButton, ErrorBanner, FieldErrors


def _minutes() -> QSpinBox:
    s = QSpinBox()
    s.setRange(1, 120)
    s.setSuffix(" min")
    return s


class ClinicTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info: ClinicInfo | None = None
        lay = QVBoxLayout(self)
        self.banner = ErrorBanner()
        self.errors = FieldErrors(self.banner)
        form = QFormLayout()
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(70)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(available_timezones()))
        self.paper = QComboBox()
        self.paper.addItems(["A4", "Letter"])
        self.idle_lock = _minutes()
        self.late_entry = _minutes()
        for label, widget, field in (
            ("Clinic name", self.name, "name"),
            ("Address (printed on records)", self.address, "address"),
            ("Time zone", self.timezone, "timezone"),
            ("Paper size", self.paper, "paper_size"),
            ("Lock the screen after idle", self.idle_lock, "idle_lock_minutes"),
            ("Entries count as late after", self.late_entry, "late_entry_minutes"),
        ):
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(widget)
            box.addWidget(self.errors.label_for(field, widget))
            form.addRow(label, box)
        lay.addLayout(form)
        self.notice = Notice()
        lay.addWidget(self.notice)
        lay.addWidget(self.banner)
        row = QHBoxLayout()
        self.save_button = BigButton("Save settings", primary=True)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.revert_button = BigButton("Undo changes")
        self.revert_button.setAutoDefault(False)
        self.revert_button.clicked.connect(self.reload)
        row.addWidget(self.save_button)
        row.addWidget(self.revert_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(1)
        self.reload()

    def reload(self) -> None:
        c = accounts.get_clinic(self.ctx.app)
        self.info = c
        self.errors.clear()
        self.name.setText(c.name)
        self.address.setPlainText(c.address)
        self.timezone.setCurrentText(c.timezone)
        self.paper.setCurrentText(c.paper_size)
        self.idle_lock.setValue(c.idle_lock_minutes)
        self.late_entry.setValue(c.late_entry_minutes)

    def changes(self) -> dict[str, Any]:
        assert self.info is not None
        now = {
            "name": self.name.text(),
            "address": self.address.toPlainText(),
            "timezone": self.timezone.currentText().strip(),
            "paper_size": self.paper.currentText(),
            "idle_lock_minutes": self.idle_lock.value(),
            "late_entry_minutes": self.late_entry.value(),
        }
        return {k: v for k, v in now.items() if getattr(self.info, k) != v}

    def save(self) -> None:
        self.notice.say("")
        changes = self.changes()
        assert self.info is not None
        if not changes:
            self.notice.say("Nothing changed.")
            return
        try:
            self.info = accounts.update_clinic(self.ctx.app, self.ctx.require_user(),
                                               expected_version=self.info.version, **changes)
        except ChairlogError as exc:
            self.errors.show(exc)
            return
        self.errors.clear()
        self.notice.say("Saved: " + ", ".join(k.replace("_", " ") for k in sorted(changes)) + ".")
