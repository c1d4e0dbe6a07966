"""Clinic tab: name, address, time zone, paper size, idle-lock and late-entry minutes, the
window's language, the unit weights are entered in and the unit temperatures are shown in.

Only the values that differ from what is stored are sent (one ``accounts.update_clinic``
call, one audit row with before and after). Other windows pick the change up from the
``data_changed("clinic")`` signal (e.g. the idle lock's new delay; a new language rebuilds the
main window once this dialog closes, ``chairlog.ui.i18n``).

Decisions:
- Each language is offered under its own name ("Español", not a translation of "Spanish"), so
  whoever cannot read the current language still finds theirs.
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
from chairlog.services.clinic_setup import LANGUAGES, TEMPERATURE_UNITS, WEIGHT_UNITS
from chairlog.ui import tokens
from chairlog.ui.admin.common import Notice
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import translate
from chairlog.ui.widgets import BigButton, ErrorBanner, FieldErrors


def _minutes() -> QSpinBox:
    s = QSpinBox()
    s.setRange(1, 120)
    s.setSuffix(translate("ClinicTab", " min"))
    return s


def _choices(options: dict[str, str]) -> QComboBox:
    """A combo box showing the labels, holding the stored codes as item data."""
    box = QComboBox()
    for code, label in options.items():
        box.addItem(label, code)
    return box


def _select(box: QComboBox, code: str) -> None:
    index = box.findData(code)
    box.setCurrentIndex(max(index, 0))


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
        self.address.setFixedHeight(tokens.NOTE_BOX_PX)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(available_timezones()))
        self.paper = QComboBox()
        self.paper.addItems(["A4", "Letter"])
        self.idle_lock = _minutes()
        self.late_entry = _minutes()
        self.language = _choices(LANGUAGES)
        self.language.setAccessibleName(self.tr("Language"))
        self.weight_unit = _choices(WEIGHT_UNITS)
        self.weight_unit.setAccessibleName(self.tr("Weight entered in"))
        self.temperature_unit = _choices(TEMPERATURE_UNITS)
        self.temperature_unit.setAccessibleName(self.tr("Temperature shown in"))
        for label, widget, field in (
            (self.tr("Clinic name"), self.name, "name"),
            (self.tr("Address (printed on records)"), self.address, "address"),
            (self.tr("Time zone"), self.timezone, "timezone"),
            (self.tr("Paper size"), self.paper, "paper_size"),
            (self.tr("Lock the screen after idle"), self.idle_lock, "idle_lock_minutes"),
            (self.tr("Entries count as late after"), self.late_entry, "late_entry_minutes"),
            (self.tr("Language"), self.language, "language"),
            (self.tr("Weight entered in"), self.weight_unit, "weight_unit"),
            (self.tr("Temperature shown in"), self.temperature_unit, "temperature_unit"),
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
        self.save_button = BigButton(self.tr("Save settings"), primary=True)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.revert_button = BigButton(self.tr("Undo changes"))
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
        _select(self.language, c.language)
        _select(self.weight_unit, c.weight_unit)
        _select(self.temperature_unit, c.temperature_unit)

    def changes(self) -> dict[str, Any]:
        assert self.info is not None
        now = {
            "name": self.name.text(),
            "address": self.address.toPlainText(),
            "timezone": self.timezone.currentText().strip(),
            "paper_size": self.paper.currentText(),
            "idle_lock_minutes": self.idle_lock.value(),
            "late_entry_minutes": self.late_entry.value(),
            "language": self.language.currentData(),
            "weight_unit": self.weight_unit.currentData(),
            "temperature_unit": self.temperature_unit.currentData(),
        }
        return {k: v for k, v in now.items() if getattr(self.info, k) != v}

    def save(self) -> None:
        self.notice.say("")
        changes = self.changes()
        assert self.info is not None
        if not changes:
            self.notice.say(self.tr("Nothing changed."))
            return
        try:
            self.info = accounts.update_clinic(self.ctx.app, self.ctx.require_user(),
                                               expected_version=self.info.version, **changes)
        except ChairlogError as exc:
            self.errors.show(exc)
            return
        self.errors.clear()
        saved = ", ".join(self._field_name(k) for k in sorted(changes))
        note = self.tr("Saved: {fields}.").format(fields=saved)
        if "language" in changes:
            note += " " + self.tr("The window changes language when this window closes.")
        self.notice.say(note)

    def _field_name(self, key: str) -> str:
        names = {
            "name": self.tr("clinic name"), "address": self.tr("address"),
            "timezone": self.tr("time zone"), "paper_size": self.tr("paper size"),
            "idle_lock_minutes": self.tr("idle lock minutes"),
            "late_entry_minutes": self.tr("late entry minutes"),
            "language": self.tr("language"), "weight_unit": self.tr("weight unit"),
            "temperature_unit": self.tr("temperature unit"),
        }
        return names.get(key, key.replace("_", " "))
