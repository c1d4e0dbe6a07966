"""Dose panel: start / change the rate in any unit with the other two shown live, pause,
resume, stop and bolus.

Decisions: the unit is a row of three big toggle buttons (one tap, visible at a glance) rather
than a drop-down; Enter in the rate field does the primary action named on the button next to
it; limits are checked by the service — above a maximum the page asks for an override reason
and retries. A start refused for missing pre-infusion items shows what is missing and offers
"Start anyway (reason…)".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QWidget

from chairlog.clinical.dosing import RateUnit, convert_rate
from chairlog.clinical.protocol import DoseMode
from chairlog.clinical.states import SessionState
from chairlog.domain import SessionView
from chairlog.domain.payloads import dose_data
from chairlog.errors import ValidationError
from chairlog.services import doses
from chairlog.ui import tokens
from chairlog.ui.i18n import entry_text, error_text, translate
from chairlog.ui.widgets import named

from .common import Card, Host, NumberEdit, button, close_then, label, num
from .dialogs import ReasonDialog
from .dose_dialogs import BolusDialog, PauseDialog, StopDialog
from .style import TOUCH_PX, set_flag, set_tone

UNITS = (RateUnit.MG_PER_KG_H, RateUnit.MG_PER_H, RateUnit.ML_PER_H)
RUNNING = (SessionState.INFUSING, SessionState.PAUSED)


def plain_refusal(e: ValidationError) -> str:
    """A refusal in the nurse's words; the pre-infusion one names what is still to do."""
    if e.field == "checklist":
        missing = e.accepted.split("Missing: ", 1)[-1] if "Missing: " in e.accepted else ""
        n = missing.count(";") + 1 if missing else 0
        what = translate("dose_panel", "{n} pre-infusion item{value} not done yet").format(
            n=n, value="s are" if n != 1 else " is"
        ) + (f": {missing}" if missing else "")
        return translate(
            "dose_panel",
            "Not started — {what}. Tick them in the checklist (Alt+K), or press “Start anyway” "
            "and say why.",
        ).format(what=what)
    return translate("dose_panel", "Not saved — {e}").format(e=error_text(e))


class DosePanel(Card):
    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(translate("DosePanel", "Dose — rate (F8)"), parent)
        self.host = host
        self.protocol_hint = label(muted=True, wrap=True, name="protocol_rates")
        self.body.addWidget(self.protocol_hint)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.rate_edit = NumberEdit(
            "rate", decimals=True, width=96, placeholder=translate("DosePanel", "rate")
        )
        self.rate_edit.setObjectName("rate_edit")
        self.rate_edit.setToolTip(
            translate("DosePanel", "Infusion rate — F8 jumps here; Enter applies")
        )
        named(
            self.rate_edit,
            translate("DosePanel", "Infusion rate"),
            translate(
                "DosePanel",
                "In the unit chosen beside it (mg/kg/h, mg/h or mL/h); Enter applies it",
            ),
        )
        self.rate_edit.setStyleSheet(f"font-size: {tokens.FONT_FIGURE_L}px; font-weight: 700;")
        row.addWidget(self.rate_edit, 1)
        self.unit_group = QButtonGroup(self)
        self.unit_buttons: dict[RateUnit, QPushButton] = {}
        for i, u in enumerate(UNITS):
            b = QPushButton(u.value)
            b.setCheckable(True)
            b.setObjectName(f"unit_{u.name.lower()}")
            b.setMinimumSize(tokens.CHIP_PX, TOUCH_PX)
            b.setStyleSheet(f"padding: {tokens.SPACE_2XS}px {tokens.SPACE_XS}px;")
            b.setToolTip(translate("DosePanel", "Enter the rate in {value}").format(value=u.value))
            b.setAccessibleName(translate("DosePanel", "Rate in {value}").format(value=u.value))
            self.unit_group.addButton(b, i)
            self.unit_buttons[u] = b
            row.addWidget(b)
        self.unit_buttons[RateUnit.MG_PER_KG_H].setChecked(True)
        self.body.addLayout(row)
        self.derived = label(size=tokens.FONT_LARGE, bold=True, name="rate_derived", wrap=True)
        self.body.addWidget(self.derived)
        self.apply_button = button(
            translate("DosePanel", "Start infusion"),
            shortcut="Enter",
            primary=True,
            name="apply_rate",
        )
        self.body.addWidget(self.apply_button)
        self.error = label(wrap=True, name="dose_error")
        set_tone(self.error, "error")
        self.error.hide()
        self.body.addWidget(self.error)
        self.start_anyway = button(
            translate("DosePanel", "Start anyway (reason…)"),
            danger=True,
            name="start_anyway",
            tip=translate("DosePanel", "Start although required pre-infusion items are not done"),
        )
        self.start_anyway.hide()
        self.body.addWidget(self.start_anyway)
        actions = QGridLayout()  # two by two: fits the dose column on a 1280-px screen
        actions.setSpacing(6)
        self.pause_button = button(translate("DosePanel", "Pause…"), shortcut="F9", name="pause")
        self.resume_button = button(
            translate("DosePanel", "Resume"), shortcut="F9", name="resume", primary=True
        )
        self.bolus_button = button(translate("DosePanel", "Bolus…"), shortcut="⇧F8", name="bolus",
                                   tip=translate("DosePanel", "Give a bolus (Shift+F8)"))
        self.stop_button = button(
            translate("DosePanel", "Stop…"),
            shortcut="⇧F9",
            danger=True,
            name="stop",
            tip=translate(
                "DosePanel", "Stop the infusion; post-infusion monitoring begins (Shift+F9)"
            ),
        )
        for i, b in enumerate((self.pause_button, self.resume_button, self.bolus_button,
                               self.stop_button)):
            b.setStyleSheet(f"padding: {tokens.SPACE_2XS}px {tokens.SPACE_XS}px;")
            # pause and resume share the first cell (only one of them is shown at a time)
            actions.addWidget(b, *((0, 0) if i < 2 else (0, 1) if i == 2 else (1, 0)))
        self.body.addLayout(actions)

        self.rate_edit.textChanged.connect(self._update_derived)
        self.unit_group.idClicked.connect(lambda _i: self._update_derived())
        self.rate_edit.returnPressed.connect(self.apply)
        self.apply_button.clicked.connect(self.apply)
        self.start_anyway.clicked.connect(self.ask_start_anyway)
        self.pause_button.clicked.connect(self.ask_pause)
        self.resume_button.clicked.connect(self.resume)
        self.bolus_button.clicked.connect(self.ask_bolus)
        self.stop_button.clicked.connect(self.ask_stop)
        self._prefilled = False
        self._editable = True

    # --- state ---------------------------------------------------------------------------
    def unit(self) -> RateUnit:
        return UNITS[max(self.unit_group.checkedId(), 0)]

    def set_unit(self, unit: RateUnit | str) -> None:
        self.unit_buttons[RateUnit(unit)].setChecked(True)
        self._update_derived()

    def update_view(self, v: SessionView, editable: bool) -> None:
        self._editable = editable
        p = v.protocol
        bolus = (
            translate("DosePanel", " · bolus ≤ {value} mg/kg").format(
                value=num(p.max_bolus_mg_per_kg)
            )
            if p.max_bolus_mg_per_kg
            else ""
        )
        if p.dose_mode is DoseMode.FIXED and p.fixed_dose_mg_per_kg and p.fixed_dose_minutes:
            first = translate(
                "DosePanel", "Protocol {value} mg/kg over {value2} min, max {value3} mg/kg/h"
            ).format(
                value=num(p.fixed_dose_mg_per_kg),
                value2=num(p.fixed_dose_minutes, 0),
                value3=num(p.max_rate_mg_per_kg_h),
            )
        else:
            first = translate(
                "DosePanel", "Protocol {value} → {value2}, max {value3} mg/kg/h"
            ).format(
                value=num(p.start_rate_mg_per_kg_h),
                value2=num(p.target_rate_mg_per_kg_h),
                value3=num(p.max_rate_mg_per_kg_h),
            )
        # <nobr>: a figure and its unit stay on one line ("bag 1 mg/ mL" was wrapped)
        self.protocol_hint.setText(
            translate(
                "DosePanel",
                "{first} · <nobr>bag {value} mg/mL</nobr><br>Total max <nobr>{value2} "
                "mg/kg</nobr>{bolus}",
            ).format(
                first=first,
                value=num(p.concentration_mg_per_ml),
                value2=num(p.max_total_mg_per_kg),
                bolus=bolus,
            )
        )
        st = v.state
        pre = st is SessionState.PRE_INFUSION
        if pre and not self._prefilled and not self.rate_edit.text():
            self.rate_edit.setText(num(p.start_rate_mg_per_kg_h, 3))
            self.unit_buttons[RateUnit.MG_PER_KG_H].setChecked(True)
            self._prefilled = True
        text = {SessionState.PRE_INFUSION: translate("DosePanel", "Start infusion"),
                SessionState.INFUSING: translate("DosePanel", "Change rate"),
                SessionState.PAUSED: translate("DosePanel", "Resume at this rate")}.get(
            st, translate("DosePanel", "Rate"))
        self.apply_button.setText(translate("DosePanel", "{text}  (Enter)").format(text=text))
        can_rate = editable and (pre or st in RUNNING)
        self.rate_edit.setEnabled(can_rate)
        self.apply_button.setEnabled(can_rate)
        for b in self.unit_buttons.values():
            b.setEnabled(can_rate)
        self.pause_button.setVisible(st is not SessionState.PAUSED)
        self.resume_button.setVisible(st is SessionState.PAUSED)
        self.pause_button.setEnabled(editable and st is SessionState.INFUSING)
        self.resume_button.setEnabled(editable and st is SessionState.PAUSED)
        last = v.last_rate_entry
        if last is not None and st is SessionState.PAUSED:
            rate = f"{num(dose_data(last)['rate_mg_per_kg_h'])} mg/kg/h"
            self.resume_button.setToolTip(
                translate("DosePanel", "Resume at {rate} — shortcut F9").format(rate=rate)
            )
            self.protocol_hint.setText(
                translate(
                    "DosePanel",
                    "<b>Paused.</b> Resume (F9) restarts at <b>{rate}</b>; or type a new rate and "
                    "press Enter.",
                ).format(rate=rate)
            )
        self.bolus_button.setEnabled(editable and (pre or st in RUNNING)
                                     and p.max_bolus_mg_per_kg is not None)
        self.stop_button.setEnabled(editable and st in RUNNING)
        if not pre:
            self.start_anyway.hide()
        self._update_derived()

    def _update_derived(self) -> None:
        v = self.host.view
        value = self.rate_edit.number()
        set_flag(self.rate_edit, "invalid", False)
        if value is None:
            self.derived.setText(
                f"<span style='font-size:{tokens.FONT_BASE}px; font-weight:400; "
                f"color:{tokens.MUTED}'>"
                + translate("DosePanel", "Type a rate: the other two units appear here")
                + "</span>"
            )
            set_tone(self.derived, "")
            return
        try:
            r = convert_rate(value, self.unit(), v.weight_kg, v.protocol.concentration_mg_per_ml)
        except ValidationError as e:
            self.derived.setText(error_text(e))
            set_tone(self.derived, "error")
            return
        parts = {RateUnit.MG_PER_KG_H: f"{num(r.mg_per_kg_h)} mg/kg/h",
                 RateUnit.MG_PER_H: f"{num(r.mg_per_h)} mg/h",
                 RateUnit.ML_PER_H: f"{num(r.ml_per_h)} mL/h"}
        shown = " · ".join(t for u, t in parts.items() if u is not self.unit())
        over = r.mg_per_kg_h > v.protocol.max_rate_mg_per_kg_h + 1e-9
        warn = (
            translate("DosePanel", "  ⚠ above protocol max {value} mg/kg/h").format(
                value=num(v.protocol.max_rate_mg_per_kg_h)
            )
            if over
            else ""
        )
        self.derived.setText(f"= {shown}{warn}")
        set_tone(self.derived, "warn" if over else "info")

    # --- actions -------------------------------------------------------------------------
    def _rate_args(self) -> tuple[str, str]:
        return self.rate_edit.text(), self.unit().value

    def apply(self) -> None:
        if not self.apply_button.isEnabled():
            return
        v = self.host.view
        rate, unit = self._rate_args()
        fn = {SessionState.PRE_INFUSION: doses.start_infusion,
              SessionState.INFUSING: doses.change_rate,
              SessionState.PAUSED: doses.resume_infusion}.get(v.state)
        if fn is None:
            return
        self.error.hide()
        self.host.submit(fn, v.id, rate, unit, timed=True, on_success=self._done,
                         on_invalid=self._refused)

    def _done(self, result: Any) -> None:
        self.error.hide()
        self.start_anyway.hide()
        self.rate_edit.clear()
        self.host.say(translate("DosePanel", "Saved: ") +
                      entry_text(result.entry, self.host.units), "ok")

    def _refused(self, e: ValidationError) -> None:
        self.error.setText(plain_refusal(e))
        self.error.show()
        if e.field == "checklist":
            self.start_anyway.show()
            self.start_anyway.setFocus()
        elif e.field in ("rate", "unit"):
            set_flag(self.rate_edit, "invalid", True)
            self.rate_edit.setFocus()
            self.rate_edit.selectAll()

    def ask_start_anyway(self) -> None:
        missing = self.error.text()
        dlg = ReasonDialog(
            translate("DosePanel", "Start without required items"),
            translate("DosePanel", "{missing}\n\nWhy is it safe to start anyway?").format(
                missing=missing
            ),
            ok_text=translate("DosePanel", "Start infusion"),
            field="skip_reason",
            parent=self,
        )
        rate, unit = self._rate_args()

        def save() -> None:
            self.host.submit(doses.start_infusion, self.host.view.id, rate, unit,
                             skip_reason=dlg.reason(), timed=True,
                             on_success=close_then(dlg, self._done),
                             on_invalid=dlg.show_error)
        dlg.submitted.connect(save)
        self.host.open_dialog(dlg)

    def ask_pause(self) -> None:
        if not self.pause_button.isEnabled():
            return
        dlg = PauseDialog(self)
        dlg.submitted.connect(lambda: self.host.submit(
            doses.pause_infusion, self.host.view.id, dlg.reason(), timed=True,
            on_success=close_then(dlg, self._done), on_invalid=dlg.show_error))
        self.host.open_dialog(dlg)

    def resume(self) -> None:
        if not self.resume_button.isEnabled():
            return
        self.host.submit(doses.resume_infusion, self.host.view.id, timed=True,
                         on_success=self._done, on_invalid=self._refused)

    def toggle_pause(self) -> None:
        """F9: pause a running infusion, resume a paused one."""
        if self.host.view.state is SessionState.PAUSED:
            self.resume()
        else:
            self.ask_pause()

    def ask_stop(self) -> None:
        if not self.stop_button.isEnabled():
            return
        dlg = StopDialog(self.host.view, self.host.now(), self)
        dlg.submitted.connect(lambda: self.host.submit(
            doses.stop_infusion, self.host.view.id, dlg.reason(), timed=True,
            on_success=close_then(dlg, self._done), on_invalid=dlg.show_error))
        self.host.open_dialog(dlg)

    def ask_bolus(self) -> None:
        if not self.bolus_button.isEnabled():
            return
        dlg = BolusDialog(self.host.view, self)
        dlg.submitted.connect(lambda: self.host.submit(
            doses.give_bolus, self.host.view.id, dlg.mg_text(), note=dlg.note_edit.text(),
            timed=True, on_success=close_then(dlg, self._done),
            on_invalid=dlg.show_error))
        self.host.open_dialog(dlg)

    def focus_rate(self) -> None:
        self.rate_edit.setFocus()
        self.rate_edit.selectAll()
