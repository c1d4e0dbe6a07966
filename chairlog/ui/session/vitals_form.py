"""The vitals entry form: one row of big fields, the previous set under them, Enter saves.

A full set is F2, the five numbers with Tab between them, and Enter — nothing else (the
optional EtCO2, temperature and rhythm note follow RR in the Tab order). A refused value comes
back from the service naming the field and the accepted range: that field is outlined in red
and focused, the message is shown under the form, and every typed value stays. Alerts raised by
a saved set are handed to the page, which shows them and asks what was done.

Decisions: the temperature field takes the clinic's unit (``host.units``, °C or °F, named beside
the field); a °F value is checked against the °F range and converted to °C here
(``present.units``) before the service call, so a refused one names the field and the range in °F.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from chairlog.clinical.states import SessionState
from chairlog.domain import SessionView
from chairlog.domain.payloads import VITAL_SIGNS, vital_sign
from chairlog.errors import ValidationError
from chairlog.services import charting
from chairlog.ui import tokens
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, entry_text, error_text, translate, vital, words_text
from chairlog.ui.widgets import named

from .common import Card, Host, NumberEdit, button, clock_time, label
from .style import set_flag, set_tone

#: (field, label, unit, decimals) in Tab order; the first five are required
# (the label is shown in the window's language, ``i18n.vital``: FC, PAS … in Spanish)
FIELDS = (("hr", "HR", "/min", False), ("sbp", "SBP", "mmHg", False),
          ("dbp", "DBP", "mmHg", False), ("spo2", "SpO2", "%", False),
          ("rr", "RR", "/min", False), ("etco2", "EtCO2", "mmHg", False),
          ("temp_c", "Temp", "°C", True))

#: what a screen reader says for each field
NAMES = {
    "hr": QT_TRANSLATE_NOOP("words", "Heart rate"),
    "sbp": QT_TRANSLATE_NOOP("words", "Systolic blood pressure"),
    "dbp": QT_TRANSLATE_NOOP("words", "Diastolic blood pressure"),
    "spo2": QT_TRANSLATE_NOOP("words", "Oxygen saturation"),
    "rr": QT_TRANSLATE_NOOP("words", "Respiratory rate"),
    "etco2": QT_TRANSLATE_NOOP("words", "End-tidal CO2"),
    "temp_c": QT_TRANSLATE_NOOP("words", "Temperature"),
}


class VitalsForm(Card):
    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.host = host
        head = QHBoxLayout()
        title = label(translate("VitalsForm", "VITALS"), size=tokens.FONT_CAPTION, bold=True)
        title.setProperty("cardTitle", True)
        head.addWidget(title)
        self.mode = label(bold=True, name="vitals_mode")
        set_tone(self.mode, "info")
        head.addWidget(self.mode)
        self.previous_line = label(muted=True, name="vitals_previous")
        head.addWidget(self.previous_line, 1)
        self.focus_button = button(
            translate("VitalsForm", "Vitals"),
            shortcut="F2",
            name="vitals_focus",
            tip=translate("VitalsForm", "Jump to the vitals form: type, Tab, … Enter saves"),
        )
        self.focus_button.clicked.connect(self.focus_first)
        head.addWidget(self.focus_button)
        self.body.addLayout(head)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        self.edits: dict[str, QLineEdit] = {}
        edit: QLineEdit
        self.previous: dict[str, Any] = {}
        for col, (name, _text, unit, decimals) in enumerate(FIELDS[:5]):
            text = vital(name)
            grid.addWidget(
                label(
                    f"{text} <span style='font-size:{tokens.FONT_XS}px; font-weight:400; "
                        f"color:{tokens.MUTED}'>{unit}</span>",
                    bold=True,
                    size=tokens.FONT_BODY_L,
                ),
                0,
                col,
            )
            edit = NumberEdit(name, decimals=decimals, width=66)
            edit.setToolTip(f"{text} ({unit})")
            named(
                edit,
                f"{translate('words', NAMES[name])} ({unit})",
                translate(
                    "VitalsForm",
                    "Required. The previous value is shown under the field; Enter saves the set",
                ),
            )
            edit.setStyleSheet(f"font-size: {tokens.FONT_FIGURE}px; font-weight: 700;")
            grid.addWidget(edit, 1, col)
            prev = label(muted=True, name=f"prev_{name}")
            prev.setMinimumHeight(tokens.SMALL_LINE_PX)
            grid.addWidget(prev, 2, col)
            self.edits[name] = edit
            self.previous[name] = prev
        for col, (name, _text, unit, decimals) in enumerate(FIELDS[5:]):
            text = vital(name)
            if name == "temp_c":
                unit = host.units.temperature_symbol
            grid.addWidget(label(f"{text} <span style='font-size:{tokens.FONT_XS}px; "
                                 f"color:{tokens.MUTED}'>{unit}</span>"), 3, col)
            edit = NumberEdit(
                name, decimals=decimals, width=66, placeholder=translate("VitalsForm", "opt.")
            )
            edit.setToolTip(
                translate("VitalsForm", "{text} ({unit}), optional").format(text=text, unit=unit)
            )
            named(
                edit,
                translate("VitalsForm", "{value} ({unit}), optional").format(
                    value=translate("words", NAMES[name]), unit=unit
                ),
                translate("VitalsForm", "Optional; Enter saves the set"),
            )
            grid.addWidget(edit, 4, col)
            self.edits[name] = edit
        grid.addWidget(
            label(
                translate("VitalsForm", "Rhythm note <span style='font-size:{size}px; "
                          "color:{muted}'>optional</span>").format(
                              size=tokens.FONT_XS, muted=tokens.MUTED)
            ),
            3,
            2,
            1,
            3,
        )
        self.rhythm = QLineEdit()
        self.rhythm.setObjectName("field_rhythm")
        self.rhythm.setPlaceholderText(translate("VitalsForm", "e.g. sinus rhythm"))
        named(
            self.rhythm,
            translate("VitalsForm", "Rhythm note, optional"),
            translate("VitalsForm", "ECG rhythm in words; Enter saves the set"),
        )
        grid.addWidget(self.rhythm, 4, 2, 1, 3)
        self.edits["rhythm"] = self.rhythm
        self.save_button = button(
            translate("VitalsForm", "Save\n(Enter)"),
            primary=True,
            name="vitals_save",
            tip=translate("VitalsForm", "Save the whole set — Enter in any field"),
        )
        # never narrower than its words and padding in the window's language, "Guardar (Intro)"
        # included: no fixed minimum width, so the layout's least is the button's size hint
        self.save_button.setSizePolicy(QSizePolicy.Policy.Minimum,
                                       QSizePolicy.Policy.Expanding)
        grid.addWidget(self.save_button, 1, 5, 4, 1)
        self.body.addLayout(grid)
        self.error = label(wrap=True, name="vitals_error")
        set_tone(self.error, "error")
        self.error.hide()
        self.body.addWidget(self.error)
        order = [*self.edits.values(), self.save_button]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        for edit in self.edits.values():
            edit.returnPressed.connect(self.save)
            edit.textEdited.connect(lambda _t, e=edit: set_flag(e, "invalid", False))
        self.save_button.clicked.connect(self.save)

    # --- view ----------------------------------------------------------------------------
    def update_view(self, v: SessionView, editable: bool) -> None:
        for edit in self.edits.values():
            edit.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.focus_button.setEnabled(editable)
        pre = v.state in (SessionState.CHECKED_IN, SessionState.PRE_INFUSION)
        self.mode.setText(translate("VitalsForm", "· BASELINE") if pre else "")
        self.mode.setToolTip(
            translate("VitalsForm", "Before the infusion starts, vitals are saved as the baseline")
        )
        last = v.latest_vitals
        for name in VITAL_SIGNS:  # the five required fields (FIELDS[:5])
            self.previous[name].setText(
                translate("VitalsForm", "prev {value}").format(value=vital_sign(last, name))
                if last
                else translate("VitalsForm", "prev —")
            )
        if last is None:
            self.previous_line.setText(translate("VitalsForm", "· no previous set"))
            self.previous_line.setToolTip("")
        else:
            late = " · LATE" if last.is_late else ""
            who = last.user_name.split(",")[0]
            self.previous_line.setText(
                translate("VitalsForm", "· previous {value} {who}{late}").format(
                    value=clock_time(last.charted_at, self.host.tz), who=who, late=late
                )
            )
            self.previous_line.setToolTip(entry_text(last, self.host.units))

    def values(self) -> dict[str, Any]:
        """The typed set in the service's terms (a °F temperature as °C; ``ValidationError``
        naming the field and the °F range if it is refused here)."""
        out: dict[str, Any] = {name: (edit.text().strip() or None)
                               for name, edit in self.edits.items()}
        out["temp_c"] = self.host.units.temperature_to_c(out["temp_c"])
        return out

    def focus_first(self) -> None:
        edit = self.edits["hr"]
        edit.setFocus()
        edit.selectAll()

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        try:
            values = self.values()
        except ValidationError as e:
            self.show_invalid(e)
            return
        self.host.submit(charting.record_vitals, self.host.view.id, values,
                         timed=True, on_success=self._saved, on_invalid=self.show_invalid)

    def _saved(self, result: Any) -> None:
        for edit in self.edits.values():
            edit.clear()
            set_flag(edit, "invalid", False)
        self.error.hide()
        late = translate("VitalsForm", " — LATE entry") if result.entry.is_late else ""
        self.host.say(
            translate("VitalsForm", "Vitals saved ({value}){late}").format(
                value=clock_time(result.entry.charted_at, self.host.tz), late=late
            ),
            "ok",
        )
        if result.alerts:
            self.host.show_alerts(result.alerts)

    def show_invalid(self, e: ValidationError) -> None:
        """Name the refused field, outline and focus it; keep every typed value."""
        for edit in self.edits.values():
            set_flag(edit, "invalid", False)
        typed = self.edits[e.field].text().strip() if e.field in self.edits else ""
        # say the value as typed ("HR 400", not the service's "400.0")
        self.error.setText(
            translate(
                "VitalsForm", "Not saved — {label}: {typed} is not accepted — {accepted}"
            ).format(label=words_text(e.label), typed=typed, accepted=words_text(e.accepted))
            if typed
            else translate("VitalsForm", "Not saved — {e}").format(e=error_text(e))
        )
        self.error.show()
        bad = self.edits.get(e.field)
        if bad is not None:
            set_flag(bad, "invalid", True)
            bad.setFocus()
            bad.selectAll()
