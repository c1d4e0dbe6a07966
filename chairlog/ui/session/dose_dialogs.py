"""Dose dialogs: pause (reason required), stop (reason required before the planned end) and
bolus (mg with mg/kg shown live against the protocol maximum)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QLineEdit, QWidget

from chairlog.domain import SessionView
from chairlog.present.times import clock_text
from chairlog.ui import tokens
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, translate
from chairlog.ui.widgets import named

from .common import NumberEdit, label, num
from .dialogs import FormDialog, ReasonDialog
from .style import set_tone

PAUSE_REASONS = (
    QT_TRANSLATE_NOOP("words", "Nausea / vomiting"),
    QT_TRANSLATE_NOOP("words", "Blood pressure high"),
    QT_TRANSLATE_NOOP("words", "Dissociation / distress"),
    QT_TRANSLATE_NOOP("words", "Over-sedated"),
    QT_TRANSLATE_NOOP("words", "Patient request"),
    QT_TRANSLATE_NOOP("words", "Bathroom break"),
    QT_TRANSLATE_NOOP("words", "IV site problem"),
)
STOP_REASONS = (
    QT_TRANSLATE_NOOP("words", "Planned dose complete"),
    QT_TRANSLATE_NOOP("words", "Side effects"),
    QT_TRANSLATE_NOOP("words", "Patient request"),
    QT_TRANSLATE_NOOP("words", "Physician order"),
    QT_TRANSLATE_NOOP("words", "IV site lost"),
)


class PauseDialog(ReasonDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("PauseDialog", "Pause infusion"),
            translate("PauseDialog", "Why is the infusion paused?"),
            quick=PAUSE_REASONS,
            ok_text=translate("PauseDialog", "Pause infusion"),
            field="note",
            parent=parent,
        )


class StopDialog(ReasonDialog):
    """Before the planned end a reason is required; after it, optional."""

    def __init__(self, view: SessionView, now: datetime, parent: QWidget | None = None) -> None:
        started = view.infusion_started_at or now
        planned_end = started + timedelta(minutes=view.protocol.planned_duration_min)
        early = now < planned_end
        prompt = (
            translate(
                "StopDialog", "Stopping {value} before the planned end: give the reason."
            ).format(value=clock_text(planned_end - now))
            if early
            else translate("StopDialog", "The planned duration is complete.")
        )
        super().__init__(
            translate("StopDialog", "Stop infusion"),
            prompt,
            quick=STOP_REASONS,
            ok_text=translate("StopDialog", "Stop infusion"),
            field="note",
            required=early,
            parent=parent,
        )
        self.early = early
        self.body.addWidget(
            label(
                translate(
                    "StopDialog",
                    "Post-infusion monitoring starts when you stop (minimum {value} min).",
                ).format(value=num(view.protocol.min_monitoring_min, 0)),
                muted=True,
                wrap=True,
            )
        )


class BolusDialog(FormDialog):
    def __init__(self, view: SessionView, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("BolusDialog", "Give bolus"), translate("BolusDialog", "Give bolus"), parent
        )
        self.weight_kg = view.weight_kg
        self.cap = view.protocol.max_bolus_mg_per_kg
        self.body.addWidget(label(translate("BolusDialog", "Bolus dose (mg):")))
        self.mg_edit = NumberEdit("bolus_mg", decimals=True, width=160, placeholder="mg")
        self.mg_edit.setObjectName("bolus_mg")
        named(
            self.mg_edit,
            translate("BolusDialog", "Bolus dose (mg)"),
            translate("BolusDialog", "The mg/kg it makes is shown below"),
        )
        self.body.addWidget(self.mg_edit)
        self.per_kg = label(size=tokens.FONT_LARGE, bold=True, name="bolus_per_kg")
        self.body.addWidget(self.per_kg)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("bolus_note")
        self.note_edit.setPlaceholderText(translate("BolusDialog", "Note (optional)"))
        named(self.note_edit, translate("BolusDialog", "Bolus note, optional"))
        self.body.addWidget(self.note_edit)
        self.fields = {"bolus_mg": self.mg_edit, "note": self.note_edit}
        self.first_focus = self.mg_edit
        self.mg_edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        mg = self.mg_edit.number()
        cap = (
            translate("BolusDialog", "protocol maximum {value} mg/kg").format(value=num(self.cap))
            if self.cap
            else translate("BolusDialog", "no protocol maximum")
        )
        if mg is None:
            self.per_kg.setText(
                translate("BolusDialog", "= — mg/kg ({cap}, weight {value} kg)").format(
                    cap=cap, value=num(self.weight_kg)
                )
            )
            set_tone(self.per_kg, "")
            return
        per = mg / self.weight_kg
        over = self.cap is not None and per > self.cap + 1e-9
        self.per_kg.setText(
            translate("BolusDialog", "= {value} mg/kg ({cap})").format(value=num(per), cap=cap)
            + (translate("BolusDialog", " ⚠ ABOVE MAXIMUM") if over else "")
        )
        set_tone(self.per_kg, "warn" if over else "")

    def mg_text(self) -> str:
        return self.mg_edit.text()
