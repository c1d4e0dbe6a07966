"""Assessments: pain NRS, MOAA/S and RASS as one-tap rows of big buttons (saved on tap, the
last score shown beside each), CADSS-6 and the modified Aldrete in a dialog; and free-text
notes (F6, Ctrl+Enter saves)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPlainTextEdit, QWidget

from chairlog.clinical.scales import ALDRETE_DISCHARGE_MIN, SCALES, Scale
from chairlog.clinical.states import SessionState
from chairlog.domain import EntryKind, EntryView, SessionView
from chairlog.domain.payloads import assessment_data
from chairlog.services import charting
from chairlog.ui import tokens
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, clinical, entry_text, error_text, translate

from .common import Card, Host, ScoreRow, button, clock_time, label
from .scale_dialogs import ItemScaleDialog
from .style import set_tone

MOAAS_HINTS = {
    5: QT_TRANSLATE_NOOP("words", "Responds readily to name in normal tone"),
    4: QT_TRANSLATE_NOOP("words", "Lethargic response to name"),
    3: QT_TRANSLATE_NOOP("words", "Responds only to loud or repeated name"),
    2: QT_TRANSLATE_NOOP("words", "Responds only to mild shaking"),
    1: QT_TRANSLATE_NOOP("words", "Responds only to a painful squeeze"),
    0: QT_TRANSLATE_NOOP("words", "No response"),
}
RASS_HINTS = {
    4: QT_TRANSLATE_NOOP("words", "Combative"),
    3: QT_TRANSLATE_NOOP("words", "Very agitated"),
    2: QT_TRANSLATE_NOOP("words", "Agitated"),
    1: QT_TRANSLATE_NOOP("words", "Restless"),
    0: QT_TRANSLATE_NOOP("words", "Alert and calm"),
    -1: QT_TRANSLATE_NOOP("words", "Drowsy"),
    -2: QT_TRANSLATE_NOOP("words", "Light sedation"),
    -3: QT_TRANSLATE_NOOP("words", "Moderate sedation"),
    -4: QT_TRANSLATE_NOOP("words", "Deep sedation"),
    -5: QT_TRANSLATE_NOOP("words", "Unarousable"),
}


def latest(v: SessionView, scale: Scale) -> EntryView | None:
    rows = [e for e in v.active_entries(EntryKind.ASSESSMENT)
            if assessment_data(e)["scale"] == scale.value]
    return max(rows, key=lambda e: e.charted_at) if rows else None


class AssessmentsPanel(QWidget):
    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        card = Card(
            translate("AssessmentsPanel", "Assessments — tap a score (or Enter) to save it")
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(card)
        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        self.rows: dict[Scale, ScoreRow] = {}
        self.last: dict[Scale, Any] = {}
        specs = ((Scale.PAIN_NRS, range(11), None), (Scale.MOAAS, range(5, -1, -1), MOAAS_HINTS),
                 (Scale.RASS, range(-5, 5), RASS_HINTS))
        r = 0
        for scale, values, hints in specs:
            grid.addWidget(
                label(clinical(SCALES[scale].label), bold=True, size=tokens.FONT_BODY_L), r, 0)
            self.last[scale] = label(muted=True, name=f"last_{scale.value}")
            grid.addWidget(self.last[scale], r, 1)
            shown = {k: translate("words", v) for k, v in hints.items()} if hints else None
            title = clinical(SCALES[scale].label)
            row = ScoreRow(values, labels=shown, name=scale.value, title=title)
            row.chosen.connect(lambda v, s=scale: self.record(s, v))
            grid.addWidget(row, r + 1, 0, 1, 2)
            self.rows[scale] = row
            r += 2
        card.body.addLayout(grid)
        more = QHBoxLayout()
        self.cadss_button = button(
            "CADSS-6…",
            name="cadss_button",
            tip=translate("AssessmentsPanel", "Dissociation, 6 items scored 0–4"),
        )
        self.aldrete_button = button(
            translate("AssessmentsPanel", "Modified Aldrete…"),
            name="aldrete_button",
            tip=translate("AssessmentsPanel", "Discharge score, 5 items scored 0–2; ≥ 9 ready"),
        )
        self.cadss_button.clicked.connect(lambda: self.ask_items(Scale.CADSS6))
        self.aldrete_button.clicked.connect(lambda: self.ask_items(Scale.ALDRETE))
        more.addWidget(self.cadss_button)
        more.addWidget(self.aldrete_button)
        card.body.addLayout(more)
        self.composite = label(wrap=True, name="composite_scores")
        card.body.addWidget(self.composite)
        card.body.addStretch(1)
        self._editable = True

    def update_view(self, v: SessionView, editable: bool) -> None:
        self._editable = editable
        for row in self.rows.values():
            for b in row.buttons.values():
                b.setEnabled(editable)
        self.cadss_button.setEnabled(editable)
        self.aldrete_button.setEnabled(editable)
        for scale, lab in self.last.items():
            e = latest(v, scale)
            lab.setText(
                translate("AssessmentsPanel", "last {value} at {value2}").format(
                    value=assessment_data(e)["score"], value2=clock_time(e.charted_at, self.host.tz)
                )
                if e
                else translate("AssessmentsPanel", "not scored yet")
            )
        bits = []
        cadss = latest(v, Scale.CADSS6)
        if cadss:
            bits.append(
                translate("AssessmentsPanel", "CADSS-6 last {value}/24 at {value2}").format(
                    value=assessment_data(cadss)["score"],
                    value2=clock_time(cadss.charted_at, self.host.tz)
                )
            )
        ald = latest(v, Scale.ALDRETE)
        tone = ""
        if ald:
            ready = assessment_data(ald)["score"] >= ALDRETE_DISCHARGE_MIN
            bits.append(
                translate("AssessmentsPanel", "Aldrete last {value}/10 at {value2} — ").format(
                    value=assessment_data(ald)["score"],
                    value2=clock_time(ald.charted_at, self.host.tz)
                )
                + (
                    translate("AssessmentsPanel", "✓ discharge-ready")
                    if ready
                    else translate("AssessmentsPanel", "not discharge-ready")
                )
            )
            tone = "ok" if ready else "warn"
        self.composite.setText(
            " · ".join(bits) or translate("AssessmentsPanel", "CADSS-6 and Aldrete not scored yet.")
        )
        set_tone(self.composite, tone)

    def record(self, scale: Scale, score: int) -> None:
        if not self._editable:
            return
        self.host.submit(
            charting.record_assessment,
            self.host.view.id,
            scale.value,
            score,
            timed=True,
            on_success=lambda r: self.host.say(
                translate("AssessmentsPanel", "Saved: ") +
                    entry_text(r.entry, self.host.units), "ok"
            ),
        )

    def ask_items(self, scale: Scale) -> None:
        if not self._editable:
            return
        dlg = ItemScaleDialog(scale, self)
        phase = ("discharge" if scale is Scale.ALDRETE
                 and self.host.view.state is SessionState.MONITORING else None)

        def save() -> None:
            self.host.submit(charting.record_assessment, self.host.view.id, scale.value,
                             items=dlg.items(), phase=phase, timed=True,
                             on_success=lambda r: self._saved(dlg, r), on_invalid=dlg.show_error)
        dlg.submitted.connect(save)
        self.host.open_dialog(dlg)

    def _saved(self, dlg: ItemScaleDialog, result: Any) -> None:
        dlg.accept()
        self.host.say(translate("AssessmentsPanel", "Saved: ") +
                      entry_text(result.entry, self.host.units), "ok")

    def focus_pain(self) -> None:
        self.rows[Scale.PAIN_NRS].buttons[0].setFocus()


class NotePanel(QWidget):
    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        card = Card(translate("NotePanel", "Note"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(card)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("note_edit")
        self.edit.setTabChangesFocus(True)  # Tab leaves the box; Ctrl+Enter saves
        self.edit.setAccessibleName(translate("NotePanel", "Note"))
        self.edit.setAccessibleDescription(
            translate("NotePanel", "Free-text note; Ctrl+Enter saves it")
        )
        self.edit.setPlaceholderText(
            translate("NotePanel", "Observation, conversation, physician order… (Ctrl+Enter saves)")
        )
        card.body.addWidget(self.edit, 1)
        self.error = label(wrap=True, name="note_error")
        set_tone(self.error, "error")
        self.error.hide()
        card.body.addWidget(self.error)
        self.save_button = button(
            translate("NotePanel", "Save note"),
            shortcut="Ctrl+Enter",
            primary=True,
            name="note_save",
        )
        self.save_button.clicked.connect(self.save)
        card.body.addWidget(self.save_button)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self.edit)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(self.save)

    def update_view(self, v: SessionView, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self.save_button.setEnabled(editable)

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.host.submit(charting.add_note, self.host.view.id, self.edit.toPlainText(),
                         timed=True, on_success=self._saved, on_invalid=self._invalid)

    def _saved(self, result: Any) -> None:
        self.edit.clear()
        self.error.hide()
        self.host.say(translate("NotePanel", "Note saved"), "ok")

    def _invalid(self, e: Any) -> None:
        self.error.setText(error_text(e))
        self.error.show()
        self.edit.setFocus()
