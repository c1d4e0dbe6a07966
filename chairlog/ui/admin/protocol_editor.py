"""The protocol editor: every value of a protocol template, including the alert thresholds.

Decisions:
- Saving never changes a protocol in place: ``protocols.save_protocol`` stores a new version
  (the old one is retired; sessions keep the values they started with) or, from "New
  protocol", a new template. A new version needs a reason, kept in the audit trail.
- Numbers are spin boxes with units, so a letter cannot be typed; the service still checks
  the combinations (start rate ≤ max rate …) and its error shows under the field it names.
- A value that may be absent (a threshold switched off, no bolus limit, no fixed dose) is a
  check box next to its number: unticked means "off", stored as None.
- The pre-infusion checklist is carried over unchanged from the version being edited.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import ProtocolInfo
from chairlog.errors import ChairlogError
from chairlog.services import protocols
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, translate
from chairlog.ui.widgets import ErrorBanner, FieldErrors, action_row

#: (field, label, unit, low, high, decimals)
DOSING: tuple[tuple[str, str, str, float, float, int], ...] = (
    ("start_rate_mg_per_kg_h", QT_TRANSLATE_NOOP("words", "Start rate"), "mg/kg/h", 0, 50, 3),
    ("target_rate_mg_per_kg_h", QT_TRANSLATE_NOOP("words", "Target rate"), "mg/kg/h", 0, 50, 3),
    ("max_rate_mg_per_kg_h", QT_TRANSLATE_NOOP("words", "Maximum rate"), "mg/kg/h", 0, 50, 3),
    ("max_total_mg_per_kg", QT_TRANSLATE_NOOP("words", "Maximum total dose"), "mg/kg", 0, 100, 3),
    (
        "concentration_mg_per_ml",
        QT_TRANSLATE_NOOP("words", "Bag concentration"),
        "mg/mL",
        0,
        500,
        2,
    ),
    ("planned_duration_min", QT_TRANSLATE_NOOP("words", "Planned infusion"), "min", 0, 1440, 0),
    ("vitals_interval_min", QT_TRANSLATE_NOOP("words", "Vitals every (during)"), "min", 0, 240, 0),
    (
        "vitals_interval_after_min",
        QT_TRANSLATE_NOOP("words", "Vitals every (after)"),
        "min",
        0,
        240,
        0,
    ),
    (
        "min_monitoring_min",
        QT_TRANSLATE_NOOP("words", "Minimum monitoring after"),
        "min",
        0,
        1440,
        0,
    ),
    # the board's warnings (chairlog.clinical.policy)
    ("vitals_due_soon_min", QT_TRANSLATE_NOOP("words", "Warn “vitals due soon” this early"),
     "min", 0, 60, 0),
    ("dose_near_pct", QT_TRANSLATE_NOOP("words", "Warn “dose limit near” at (of maximum total)"),
     "%", 50, 100, 0),
)
OPTIONAL_DOSING: tuple[tuple[str, str, str, float, float, int], ...] = (
    ("max_bolus_mg_per_kg", QT_TRANSLATE_NOOP("words", "Bolus limit"), "mg/kg", 0, 10, 3),
    ("fixed_dose_mg_per_kg", QT_TRANSLATE_NOOP("words", "Fixed dose"), "mg/kg", 0, 10, 3),
    ("fixed_dose_minutes", QT_TRANSLATE_NOOP("words", "Fixed dose given over"), "min", 0, 1440, 0),
    # hard ceilings nothing passes, not even an override; off: twice the maximum
    (
        "ceiling_rate_mg_per_kg_h",
        QT_TRANSLATE_NOOP("words", "Hard ceiling, rate (off: 2 × maximum)"),
        "mg/kg/h",
        0,
        100,
        3,
    ),
    (
        "ceiling_bolus_mg_per_kg",
        QT_TRANSLATE_NOOP("words", "Hard ceiling, bolus (off: 2 × limit)"),
        "mg/kg",
        0,
        20,
        3,
    ),
    (
        "ceiling_total_mg_per_kg",
        QT_TRANSLATE_NOOP("words", "Hard ceiling, total (off: 2 × maximum)"),
        "mg/kg",
        0,
        200,
        3,
    ),
)
#: (field, label, unit)
THRESHOLDS: tuple[tuple[str, str, str], ...] = (
    ("sbp_max", QT_TRANSLATE_NOOP("words", "Systolic above"), "mmHg"),
    ("dbp_max", QT_TRANSLATE_NOOP("words", "Diastolic above"), "mmHg"),
    ("sbp_rise_max", QT_TRANSLATE_NOOP("words", "Systolic rise over baseline ≥"), "mmHg"),
    ("dbp_rise_max", QT_TRANSLATE_NOOP("words", "Diastolic rise over baseline ≥"), "mmHg"),
    ("predose_sbp_max", QT_TRANSLATE_NOOP("words", "Before dosing: systolic above"), "mmHg"),
    ("predose_dbp_max", QT_TRANSLATE_NOOP("words", "Before dosing: diastolic above"), "mmHg"),
    ("hr_max", QT_TRANSLATE_NOOP("words", "Heart rate above"), "/min"),
    ("hr_min", QT_TRANSLATE_NOOP("words", "Heart rate below"), "/min"),
    ("spo2_min", QT_TRANSLATE_NOOP("words", "SpO₂ below"), "%"),
    ("rr_max", QT_TRANSLATE_NOOP("words", "Respiratory rate above"), "/min"),
    ("rr_min", QT_TRANSLATE_NOOP("words", "Respiratory rate below"), "/min"),
    ("moaas_min", QT_TRANSLATE_NOOP("words", "MOAA/S below"), ""),
)


class OptionalNumber(QWidget):
    """A number that can be switched off (None)."""

    def __init__(
        self,
        unit: str,
        low: float,
        high: float,
        decimals: int,
        *,
        integer: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(translate("OptionalNumber", "on"))
        self.spin: QSpinBox | QDoubleSpinBox
        if integer:
            self.spin = QSpinBox()
            self.spin.setRange(int(low), int(high))
        else:
            self.spin = QDoubleSpinBox()
            self.spin.setDecimals(decimals)
            self.spin.setRange(low, high)
        if unit:
            self.spin.setSuffix(" " + unit)
        self.enabled.toggled.connect(self.spin.setEnabled)
        lay.addWidget(self.enabled)
        lay.addWidget(self.spin, 1)

    def value(self) -> float | int | None:
        if not self.enabled.isChecked():
            return None
        return self.spin.value()

    def set_value(self, value: float | None) -> None:
        self.enabled.setChecked(value is not None)
        self.spin.setEnabled(value is not None)
        if value is not None:
            if isinstance(self.spin, QSpinBox):
                self.spin.setValue(int(value))
            else:
                self.spin.setValue(float(value))


def _spin(unit: str, low: float, high: float, decimals: int) -> QDoubleSpinBox:
    s = QDoubleSpinBox()
    s.setDecimals(decimals)
    s.setRange(low, high)
    s.setSuffix(" " + unit)
    return s


class ProtocolEditor(QDialog):
    """Edit ``base``'s values; save as its next version (``new_version``) or a new protocol."""

    def __init__(
        self,
        ctx: UiContext,
        base: ProtocolInfo,
        *,
        new_version: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.base = base
        self.new_version = new_version
        self.saved: ProtocolInfo | None = None
        self.setWindowTitle(
            translate("ProtocolEditor", "New version of {name}").format(name=base.name)
            if new_version
            else translate("ProtocolEditor", "New protocol based on {name}").format(name=base.name)
        )
        self.banner = ErrorBanner()
        self.errors = FieldErrors(self.banner)
        self.numbers: dict[str, QDoubleSpinBox] = {}
        self.optional: dict[str, OptionalNumber] = {}
        self.thresholds: dict[str, OptionalNumber] = {}
        lay = QVBoxLayout(self)
        head = QLabel(
            translate("ProtocolEditor", "{name} — version {version}").format(
                name=base.name, version=base.version
            )
            + (
                translate("ProtocolEditor", " → saved as version {value}").format(
                    value=base.version + 1
                )
                if new_version
                else ""
            )
        )
        lay.addWidget(head)
        columns = QHBoxLayout()
        columns.addWidget(self._general_box(), 1)
        columns.addWidget(self._threshold_box(), 1)
        lay.addLayout(columns)
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(tokens.NOTE_BOX_S_PX)
        lay.addWidget(
            QLabel(
                translate("ProtocolEditor", "Reason for the change")
                + (translate("ProtocolEditor", " (required)") if new_version else "")
            )
        )
        lay.addWidget(self.reason)
        lay.addWidget(self.errors.label_for("reason", self.reason))
        lay.addWidget(self.banner)
        save = (
            translate("ProtocolEditor", "Save new version")
            if new_version
            else translate("ProtocolEditor", "Save protocol")
        )
        row, self.ok, _cancel = action_row(self, save, self.submit)
        lay.addLayout(row)
        self.load(base)

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(widget)
        box.addWidget(self.errors.label_for(field, widget))
        form.addRow(label, box)

    def _general_box(self) -> QGroupBox:
        box = QGroupBox(translate("ProtocolEditor", "Protocol and dosing"))
        form = QFormLayout(box)
        self.name = QLineEdit()
        self.indication = QLineEdit()
        self.dose_mode = QComboBox()
        self.dose_mode.addItem(translate("ProtocolEditor", "Rate (titrated, mg/kg/h)"), "rate")
        self.dose_mode.addItem(translate("ProtocolEditor", "Fixed dose over a set time"), "fixed")
        self._row(form, translate("ProtocolEditor", "Name"), self.name, "name")
        self._row(form, translate("ProtocolEditor", "Indication"), self.indication, "indication")
        self._row(form, translate("ProtocolEditor", "Dosing"), self.dose_mode, "dose_mode")
        for field, label, unit, low, high, decimals in DOSING:
            self.numbers[field] = _spin(unit, low, high, decimals)
            self._row(form, translate("words", label), self.numbers[field], field)
        for field, label, unit, low, high, decimals in OPTIONAL_DOSING:
            self.optional[field] = OptionalNumber(unit, low, high, decimals)
            self._row(form, translate("words", label), self.optional[field], field)
        self.discharge_scale = QComboBox()
        self.discharge_scale.addItem(translate("ProtocolEditor", "Modified Aldrete"), "aldrete")
        self.discharge_scale.addItem(translate("ProtocolEditor", "PADSS"), "padss")
        self._row(
            form,
            translate("ProtocolEditor", "Discharge score"),
            self.discharge_scale,
            "discharge_scale",
        )
        self.discharge_min = QSpinBox()
        self.discharge_min.setRange(0, 10)
        self._row(
            form,
            translate("ProtocolEditor", "Discharge score at least"),
            self.discharge_min,
            "discharge_score_min",
        )
        return box

    def _threshold_box(self) -> QGroupBox:
        box = QGroupBox(
            translate("ProtocolEditor", "Alert thresholds (untick to switch a check off)")
        )
        form = QFormLayout(box)
        for field, label, unit in THRESHOLDS:
            self.thresholds[field] = OptionalNumber(unit, 0, 400, 0, integer=True)
            self._row(form, translate("words", label), self.thresholds[field], field)
        return box

    def load(self, p: ProtocolInfo) -> None:
        v = p.values
        self.name.setText(
            v.name
            if self.new_version
            else translate("ProtocolEditor", "{name} (copy)").format(name=v.name)
        )
        self.indication.setText(v.indication)
        self.dose_mode.setCurrentIndex(max(0, self.dose_mode.findData(v.dose_mode.value)))
        for field, spin in self.numbers.items():
            spin.setValue(float(getattr(v, field)))
        for field, opt in self.optional.items():
            opt.set_value(getattr(v, field))
        self.discharge_scale.setCurrentIndex(max(0, self.discharge_scale.findData(
            v.discharge_scale)))
        self.discharge_min.setValue(v.discharge_score_min)
        for field, opt in self.thresholds.items():
            opt.set_value(getattr(v.thresholds, field))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = self.base.values.to_dict()
        out |= {
            "name": self.name.text().strip(),
            "indication": self.indication.text().strip(),
            "dose_mode": self.dose_mode.currentData(),
        }
        out |= {field: spin.value() for field, spin in self.numbers.items()}
        out |= {field: opt.value() for field, opt in self.optional.items()}
        out |= {"discharge_scale": self.discharge_scale.currentData(),
                "discharge_score_min": self.discharge_min.value()}
        out["thresholds"] = asdict(self.base.values.thresholds) | {
            field: opt.value() for field, opt in self.thresholds.items()
        }
        return out

    def submit(self) -> None:
        try:
            self.saved = protocols.save_protocol(
                self.ctx.app,
                self.ctx.require_user(),
                self.values(),
                key=self.base.key if self.new_version else None,
                reason=self.reason.toPlainText(),
                expected_version=self.base.version if self.new_version else None,
            )
        except ChairlogError as exc:
            self.errors.show(exc)
            return
        self.accept()
