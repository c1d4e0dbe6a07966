"""Correct an entry: its values prefilled, change what was wrong, give a reason.

Only changed values are sent (``corrections.correct_entry``); the original stays in the record,
struck through. The time field changes the charted time. Field names match the service's, so a
refused value is highlighted where it was typed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QTimeEdit, QWidget

from chairlog.clinical.dosing import RateUnit
from chairlog.clinical.policy import DOSE_UNITS, ROUTES
from chairlog.domain import EntryKind, EntryView
from chairlog.domain.describe import ACTIONS, SEVERITIES, SEVERITY_WORDS, SIDE_EFFECTS
from chairlog.domain.payloads import (
    assessment_data,
    checklist_data,
    discharge_data,
    dose_data,
    medication_data,
    note_data,
    side_effect_data,
    vitals_data,
)
from chairlog.present.units import STORED, Units
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, entry_text, translate, vital, vocabulary, words_text

from .common import NumberEdit, label, num
from .dialogs import ReasonDialog

CORRECTION_REASONS = (
    QT_TRANSLATE_NOOP("words", "Typing error"),
    QT_TRANSLATE_NOOP("words", "Value misread"),
    QT_TRANSLATE_NOOP("words", "Wrong time charted"),
    QT_TRANSLATE_NOOP("words", "Wrong unit entered"),
)
VITALS = (("hr", "HR"), ("sbp", "SBP"), ("dbp", "DBP"), ("spo2", "SpO2"), ("rr", "RR"),
          ("etco2", "EtCO2"), ("temp_c", "Temp °C"))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return num(value, 3)
    return str(value)


class CorrectionDialog(ReasonDialog):
    """Decisions: a temperature is corrected in the clinic's unit (``units``): prefilled in °F
    where chosen, converted back to °C (``present.units``) before the service call."""

    def __init__(self, entry: EntryView, tz: ZoneInfo, parent: QWidget | None = None,
                 units: Units = STORED) -> None:
        super().__init__(
            translate("CorrectionDialog", "Correct entry"),
            translate("CorrectionDialog", "Original: {summary}").format(
                summary=entry_text(entry, units)),
            quick=CORRECTION_REASONS,
            ok_text=translate("CorrectionDialog", "Save correction"),
            field="reason",
            parent=parent,
        )
        self.entry = entry
        self.tz = tz
        self.units = units
        self.original: dict[str, str] = {}
        self.widgets: dict[str, QWidget] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        local = entry.charted_at.astimezone(tz)
        self.time_edit = QTimeEdit(QTime(local.hour, local.minute))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setObjectName("correct_time")
        self._row(grid, translate("CorrectionDialog", "Charted at"), self.time_edit)
        self.fields["charted_at"] = self.time_edit
        for name, text, widget, value in self._specs(entry):
            self._row(grid, text, widget)
            self.widgets[name] = widget
            self.fields[name] = widget
            self.original[name] = self._value_of(widget) if value is None else value
        self.body.insertLayout(1, grid)
        self.body.insertWidget(
            2,
            label(
                translate("CorrectionDialog", "Reason for the correction (required):"), bold=True
            ),
        )
        first = next(iter(self.widgets.values()), None)
        self.first_focus = first or self.reason_edit

    @staticmethod
    def _row(grid: QGridLayout, text: str, widget: QWidget) -> None:
        r = grid.rowCount()
        lab = label(text, bold=True)
        lab.setBuddy(widget)
        widget.setAccessibleName(text)
        widget.setAccessibleDescription(
            translate(
                "CorrectionDialog", "Prefilled with the original value; change what was wrong"
            )
        )
        grid.addWidget(lab, r, 0)
        grid.addWidget(widget, r, 1)

    def _specs(self, e: EntryView) -> list[tuple[str, str, QWidget, str | None]]:
        out: list[tuple[str, str, QWidget, str | None]] = []

        def line(name: str, text: str, value: Any, numeric: bool = False) -> None:
            w: QLineEdit = (NumberEdit(name, decimals=True, width=120) if numeric else QLineEdit())
            w.setObjectName(f"correct_{name}")
            w.setText(_text(value))
            out.append((name, text, w, None))

        def combo(name: str, text: str, options: dict[str, str], value: Any) -> None:
            w = QComboBox()
            w.setObjectName(f"correct_{name}")
            for key, shown in options.items():
                w.addItem(shown, key)
            w.setCurrentIndex(max(w.findData(value), 0))
            out.append((name, text, w, None))

        if e.kind is EntryKind.VITALS:
            vd = vitals_data(e)
            for name, _label in VITALS:
                if name == "temp_c":
                    shown = self.units.temperature_number(vd.get("temp_c"))
                    line(name, f"{vital(name)} {self.units.temperature_symbol}",
                         None if shown == num(None) else shown, numeric=True)
                    continue
                line(name, vital(name), vd.get(name), numeric=True)
            line("rhythm", translate("CorrectionDialog", "Rhythm note"), vd.get("rhythm"))
        elif e.kind is EntryKind.DOSE:
            d = dose_data(e)
            if d.get("rate_mg_per_kg_h") is not None:
                unit = RateUnit(d.get("entered_unit") or RateUnit.MG_PER_KG_H)
                value = {RateUnit.MG_PER_KG_H: d["rate_mg_per_kg_h"],
                         RateUnit.MG_PER_H: d["rate_mg_per_h"],
                         RateUnit.ML_PER_H: d["rate_ml_per_h"]}[unit]
                line("rate", translate("CorrectionDialog", "Rate"), value, numeric=True)
                combo(
                    "unit",
                    translate("CorrectionDialog", "Unit"),
                    {u.value: u.value for u in RateUnit},
                    unit.value,
                )
            if d.get("bolus_mg") is not None:
                line(
                    "bolus_mg",
                    translate("CorrectionDialog", "Bolus mg"),
                    d["bolus_mg"],
                    numeric=True,
                )
            line("text", translate("CorrectionDialog", "Note"), d.get("text"))
        elif e.kind is EntryKind.MEDICATION:
            md = medication_data(e)
            line("drug", translate("CorrectionDialog", "Drug"), md["drug"])
            line(
                "dose_amount", translate("CorrectionDialog", "Dose"), md["dose_amount"],
                numeric=True
            )
            combo(
                "dose_unit",
                translate("CorrectionDialog", "Unit"),
                {u: u for u in DOSE_UNITS},
                md["dose_unit"],
            )
            combo(
                "route", translate("CorrectionDialog", "Route"), {r: r for r in ROUTES},
                md["route"]
            )
            line("text", translate("CorrectionDialog", "Note"), md.get("text"))
        elif e.kind is EntryKind.SIDE_EFFECT:
            sd = side_effect_data(e)
            combo(
                "effect_type",
                translate("CorrectionDialog", "Side effect"),
                vocabulary(SIDE_EFFECTS),
                sd["effect_type"],
            )
            combo(
                "severity",
                translate("CorrectionDialog", "Severity"),
                {s: words_text(SEVERITY_WORDS[s]) for s in SEVERITIES},
                sd["severity"],
            )
            combo(
                "action_taken", translate("CorrectionDialog", "Action"), vocabulary(ACTIONS),
                sd["action_taken"]
            )
            line("text", translate("CorrectionDialog", "Note"), sd.get("text"))
        elif e.kind is EntryKind.ASSESSMENT:
            ad = assessment_data(e)
            if items := ad.get("items_json"):
                line("items", translate("CorrectionDialog", "Item scores (comma-separated)"),
                     ", ".join(str(i) for i in items))
            else:
                line("score", translate("CorrectionDialog", "Score"), ad["score"], numeric=True)
            line("text", translate("CorrectionDialog", "Note"), ad.get("text"))
        elif e.kind is EntryKind.NOTE:
            line("text", translate("CorrectionDialog", "Note"), note_data(e).get("text"))
        elif e.kind is EntryKind.CHECKLIST:
            cd = checklist_data(e)
            box = QCheckBox(translate("CorrectionDialog", "Done: {value}").format(
                value=cd["label"]))
            box.setObjectName("correct_done")
            box.setChecked(bool(cd["done"]))
            out.append(("done", translate("CorrectionDialog", "Checklist"), box, None))
            line("text", translate("CorrectionDialog", "Skip reason"), cd.get("text"))
        elif e.kind is EntryKind.DISCHARGE:
            xd = discharge_data(e)
            line("escort_name", translate("CorrectionDialog", "Escort"), xd.get("escort_name"))
            line("text", translate("CorrectionDialog", "Instructions / note"), xd.get("text"))
        return out

    @staticmethod
    def _value_of(w: QWidget) -> str:
        if isinstance(w, QComboBox):
            return str(w.currentData())
        if isinstance(w, QCheckBox):
            return "1" if w.isChecked() else ""
        if isinstance(w, QLineEdit):
            return w.text().strip()
        return ""

    def changes(self) -> dict[str, Any]:
        """The values that differ from the original, in the service's terms."""
        out: dict[str, Any] = {}
        for name, w in self.widgets.items():
            now = self._value_of(w)
            if now == self.original[name]:
                continue
            if name == "done":
                out[name] = bool(now)
            elif name == "items":
                out[name] = [p.strip() for p in now.split(",") if p.strip()]
            elif name in ("rate", "unit"):
                out["rate"] = self._value_of(self.widgets["rate"])
                out["unit"] = self._value_of(self.widgets["unit"])
            else:
                out[name] = now
        for key in ("etco2", "temp_c"):
            if key in out and out[key] == "":
                out[key] = None
        if out.get("temp_c") is not None:  # typed in the clinic's unit; the service takes °C
            out["temp_c"] = self.units.temperature_to_c(out["temp_c"])
        return out

    def charted_at(self) -> datetime | None:
        """The new charted time if the time was changed, else None."""
        t = self.time_edit.time()
        local = self.entry.charted_at.astimezone(self.tz)
        if (t.hour(), t.minute()) == (local.hour, local.minute):
            return None
        return local.replace(hour=t.hour(), minute=t.minute(), second=0,
                             microsecond=0).astimezone(self.entry.charted_at.tzinfo)
