"""Side-effect dialogs: pick the effect (full list), severity and action in one quick dialog,
and the rescue-medication dialog (drug, dose, unit and route prefilled from the clinic's rescue
list; linked to the side effect it treats; warns when the drug matches a recorded allergy)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from chairlog.clinical.policy import DOSE_UNITS, ROUTES, rescue_preset
from chairlog.domain import EntryKind, SessionView
from chairlog.domain.describe import ACTIONS, SEVERITIES, SEVERITY_WORDS, SIDE_EFFECTS
from chairlog.domain.payloads import side_effect_data
from chairlog.ui.i18n import translate, vocabulary, words_text
from chairlog.ui.widgets import named

from .common import NumberEdit, clock_time, label, num
from .dialogs import FormDialog
from .style import TOUCH_PX, set_tone


def _choice_grid(options: dict[str, str], columns: int, prefix: str,
                 parent: QWidget) -> tuple[QGridLayout, QButtonGroup, dict[str, QPushButton]]:
    grid = QGridLayout()
    group = QButtonGroup(parent)
    group.setExclusive(True)
    buttons: dict[str, QPushButton] = {}
    for i, (key, text) in enumerate(options.items()):
        b = QPushButton(text)
        b.setCheckable(True)
        b.setAutoDefault(False)
        b.setMinimumHeight(TOUCH_PX)
        b.setObjectName(f"{prefix}_{key}")
        group.addButton(b, i)
        grid.addWidget(b, i // columns, i % columns)
        buttons[key] = b
    return grid, group, buttons


def _checked(buttons: dict[str, QPushButton]) -> str:
    return next((k for k, b in buttons.items() if b.isChecked()), "")


class EffectPickerDialog(FormDialog):
    """'Other…': every side effect in the vocabulary; a tap picks it."""

    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("EffectPickerDialog", "Which side effect?"),
            translate("EffectPickerDialog", "Next"),
            parent,
        )
        grid, _group, self.buttons = _choice_grid(vocabulary(SIDE_EFFECTS), 3, "pick", self)
        self.body.addLayout(grid)
        for key, b in self.buttons.items():
            b.clicked.connect(lambda _=False, k=key: self._pick(k))
        self.ok_button.hide()

    def _pick(self, key: str) -> None:
        self.accept()
        self.picked.emit(key)


class SideEffectDialog(FormDialog):
    """Severity (keys 1–3) and what was done, for one side effect."""

    def __init__(self, effect: str, parent: QWidget | None = None) -> None:
        name = words_text(SIDE_EFFECTS.get(effect, effect))
        super().__init__(
            translate("SideEffectDialog", "Side effect: {name}").format(name=name),
            translate("SideEffectDialog", "Save side effect"),
            parent,
        )
        self.effect = effect
        self.body.addWidget(
            label(translate("SideEffectDialog", "Severity (1 / 2 / 3):"), bold=True)
        )
        sev_grid, _g, self.severity = _choice_grid({s: words_text(SEVERITY_WORDS[s]).capitalize()
                                                    for s in SEVERITIES}, 3,
                                                   "severity", self)
        self.body.addLayout(sev_grid)
        for i, key in enumerate(SEVERITIES, start=1):
            sc = QShortcut(QKeySequence(str(i)), self)
            sc.activated.connect(self.severity[key].click)
        self.body.addWidget(label(translate("SideEffectDialog", "What was done:"), bold=True))
        act_grid, _g2, self.action = _choice_grid(vocabulary(ACTIONS), 2, "action", self)
        self.body.addLayout(act_grid)
        self.action["none"].setChecked(True)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("side_effect_note")
        self.note_edit.setPlaceholderText(translate("SideEffectDialog", "Note (optional)"))
        named(self.note_edit, translate("SideEffectDialog", "Side effect note, optional"))
        self.body.addWidget(self.note_edit)
        self.fields = {"severity": self.severity[SEVERITIES[0]],
                       "action_taken": self.action["none"], "note": self.note_edit}
        self.first_focus = self.severity[SEVERITIES[0]]

    def chosen_severity(self) -> str:
        return _checked(self.severity)

    def chosen_action(self) -> str:
        return _checked(self.action) or "none"


class RescueMedDialog(FormDialog):
    def __init__(self, view: SessionView, tz: ZoneInfo, *, treats_entry_id: int | None = None,
                 drug: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            translate("RescueMedDialog", "Rescue medication"),
            translate("RescueMedDialog", "Save medication"),
            parent,
        )
        self.allergies = view.patient.allergies.strip()
        self.presets = view.protocol.rescue_meds  # the session's protocol's rescue medications
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        self.drug = QComboBox()
        self.drug.setObjectName("med_drug")
        self.drug.setEditable(True)
        self.drug.addItems([m.name for m in self.presets])
        self.dose = NumberEdit("dose_amount", decimals=True, width=110)
        self.dose.setObjectName("med_dose")
        self.unit = QComboBox()
        self.unit.setObjectName("med_unit")
        self.unit.addItems(list(DOSE_UNITS))
        self.route = QComboBox()
        self.route.setObjectName("med_route")
        self.route.addItems(list(ROUTES))
        self.treats = QComboBox()
        self.treats.setObjectName("med_treats")
        self.treats.addItem(translate("RescueMedDialog", "— not linked to a side effect —"), None)
        for e in view.active_entries(EntryKind.SIDE_EFFECT):
            d = side_effect_data(e)
            name = words_text(SIDE_EFFECTS.get(d["effect_type"], d["effect_type"]))
            severity = words_text(SEVERITY_WORDS.get(d["severity"], d["severity"]))
            self.treats.addItem(f"{name} ({severity}) · "
                                f"{clock_time(e.charted_at, tz)}", e.id)
        if treats_entry_id is not None:
            self.treats.setCurrentIndex(max(self.treats.findData(treats_entry_id), 0))
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("med_note")
        self.note_edit.setPlaceholderText(translate("RescueMedDialog", "Note (optional)"))
        named(self.note_edit, translate("RescueMedDialog", "Medication note, optional"))
        named(
            self.dose,
            translate("RescueMedDialog", "Dose"),
            translate("RescueMedDialog", "The amount given, in the unit chosen next"),
        )
        for w, text in (
            (self.drug, translate("RescueMedDialog", "Drug")),
            (self.unit, translate("RescueMedDialog", "Dose unit")),
            (self.route, translate("RescueMedDialog", "Route")),
            (self.treats, translate("RescueMedDialog", "Treats which side effect")),
        ):
            named(w, text)
        rows = (
            (translate("RescueMedDialog", "Drug"), self.drug),
            (translate("RescueMedDialog", "Dose"), self.dose),
            (translate("RescueMedDialog", "Unit"), self.unit),
            (translate("RescueMedDialog", "Route"), self.route),
            (translate("RescueMedDialog", "Treats"), self.treats),
            (translate("RescueMedDialog", "Note"), self.note_edit),
        )
        for i, (text, field) in enumerate(rows):
            grid.addWidget(label(text, bold=True), i, 0)
            grid.addWidget(field, i, 1)
        self.body.addLayout(grid)
        self.allergy_warning = label(wrap=True, name="med_allergy_warning")
        set_tone(self.allergy_warning, "bad")
        self.body.addWidget(self.allergy_warning)
        self.fields = {"drug": self.drug, "dose_amount": self.dose, "dose_unit": self.unit,
                       "route": self.route, "treats_entry_id": self.treats, "note": self.note_edit}
        self.drug.currentTextChanged.connect(self._drug_changed)
        self.drug.setCurrentText(drug or self.drug.itemText(0))
        self._drug_changed(self.drug.currentText())
        self.first_focus = self.dose

    def _drug_changed(self, text: str) -> None:
        preset = rescue_preset(self.presets, text)
        if preset is not None:
            self.dose.setText(num(preset.dose, 3))
            self.unit.setCurrentText(preset.unit)
            self.route.setCurrentText(preset.route)
        name = text.strip().lower()
        hit = bool(name) and bool(self.allergies) and name in self.allergies.lower()
        self.allergy_warning.setText(
            translate("RescueMedDialog", "⚠ ALLERGY recorded: {allergies}").format(
                allergies=self.allergies
            )
            if hit
            else ""
        )
        self.allergy_warning.setVisible(hit)

    def values(self) -> dict[str, object]:
        return {"drug": self.drug.currentText().strip(),
                "dose_amount": self.dose.text(),
                "dose_unit": self.unit.currentText(), "route": self.route.currentText(),
                "treats_entry_id": self.treats.currentData(),
                "note": self.note_edit.text()}
