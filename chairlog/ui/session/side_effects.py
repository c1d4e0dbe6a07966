"""Side effects: one tap on the common ones (the most frequent in trials first), then severity
and action in a quick dialog; the open side effects (in the left column, with "Resolved" and
"Rescue med…"); the rescue medication dialog links the drug to the side effect it treats.

Decision: choosing the action "Rescue medication given" opens the medication dialog right after
saving, already linked, so the pair is charted in one flow.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from chairlog.clinical.policy import suggested_for
from chairlog.domain import EntryView, SessionView
from chairlog.domain.describe import SEVERITY_WORDS, SIDE_EFFECTS
from chairlog.domain.payloads import side_effect_data
from chairlog.services import charting
from chairlog.ui.i18n import entry_text, translate, words_text

from .common import Card, Host, button, clock_time, label
from .side_effect_dialogs import (
    EffectPickerDialog,
    RescueMedDialog,
    SideEffectDialog,
)
from .style import set_tone

COMMON = ("nausea", "dissociation", "dizziness", "sedation", "headache", "vomiting",
          "agitation", "hypertension")


class SideEffectsPanel(QWidget):
    """The one-tap buttons (a tab) and the flows; ``open_card`` lists what is still open."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        outer = Card(translate("SideEffectsPanel", "Side effect — one tap"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(outer)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.buttons = {}
        for i, key in enumerate((*COMMON, "other")):
            text = (translate("SideEffectsPanel", "Other…") if key == "other"
                    else words_text(SIDE_EFFECTS[key]))
            b = button(text, name=f"se_{key}")
            b.clicked.connect(lambda _=False, k=key: self.start(k))
            grid.addWidget(b, i // 3, i % 3)
            self.buttons[key] = b
        outer.body.addLayout(grid)
        self.rescue_button = button(
            translate("SideEffectsPanel", "Rescue medication…"),
            shortcut="⇧F3",
            name="rescue_med",
            tip=translate("SideEffectsPanel", "Give a rescue medication (Shift+F3)"),
        )
        self.rescue_button.clicked.connect(lambda: self.ask_rescue(None))
        outer.body.addWidget(self.rescue_button)
        outer.body.addStretch(1)
        self.open_card = OpenSideEffects(self)
        self._editable = True

    def update_view(self, v: SessionView, editable: bool) -> None:
        self._editable = editable
        for b in self.buttons.values():
            b.setEnabled(editable)
        self.rescue_button.setEnabled(editable)
        self.open_card.update_view(v, editable)

    # --- flows ---------------------------------------------------------------------------
    def start(self, effect: str) -> None:
        if not self._editable:
            return
        if effect == "other":
            picker = EffectPickerDialog(self)
            picker.picked.connect(self.start)
            self.host.open_dialog(picker)
            return
        dlg = SideEffectDialog(effect, self)

        def save() -> None:
            self.host.submit(charting.record_side_effect, self.host.view.id, effect,
                             dlg.chosen_severity(), dlg.chosen_action(),
                             note=dlg.note_edit.text(), timed=True,
                             on_success=lambda r: self._saved(dlg, r), on_invalid=dlg.show_error)
        dlg.submitted.connect(save)
        self.host.open_dialog(dlg)

    def _saved(self, dlg: SideEffectDialog, result: Any) -> None:
        dlg.accept()
        self.host.say(translate("SideEffectsPanel", "Saved: ") +
                      entry_text(result.entry, self.host.units), "ok")
        # .get: an entry kept offline (``Provisional``) has no fields yet, and no id to treat
        if side_effect_data(result.entry).get("action_taken") == "rescue_med":
            self.ask_rescue(result.entry)

    def ask_rescue(self, effect: EntryView | None) -> None:
        if not self._editable:
            return
        # the protocol's medication for this effect, if it names one (a suggestion to change)
        med = (suggested_for(self.host.view.protocol.rescue_meds,
                             side_effect_data(effect)["effect_type"]) if effect else None)
        drug = med.name if med else ""
        dlg = RescueMedDialog(self.host.view, self.host.tz,
                              treats_entry_id=effect.id if effect else None, drug=drug,
                              parent=self)

        def save() -> None:
            v = dlg.values()
            self.host.submit(charting.record_medication, self.host.view.id, v["drug"],
                             v["dose_amount"], v["dose_unit"], v["route"],
                             treats_entry_id=v["treats_entry_id"], note=v["note"],
                             timed=True, on_success=lambda r: self._med_saved(dlg, r),
                             on_invalid=dlg.show_error)
        dlg.submitted.connect(save)
        self.host.open_dialog(dlg)

    def _med_saved(self, dlg: RescueMedDialog, result: Any) -> None:
        dlg.accept()
        self.host.say(translate("SideEffectsPanel", "Saved: ") +
                      entry_text(result.entry, self.host.units), "ok")

    def resolve(self, effect: EntryView) -> None:
        self.host.submit(
            charting.resolve_side_effect,
            effect.id,
            timed=True,
            time_as="resolved_at",
            on_success=lambda r: self.host.say(
                translate("SideEffectsPanel", "Resolved: ") +
                    entry_text(r.entry, self.host.units), "ok"
            ),
        )


class OpenSideEffects(Card):
    """Side effects not yet resolved, each with "Rescue med…" and "Resolved"."""

    def __init__(self, panel: SideEffectsPanel) -> None:
        super().__init__(translate("OpenSideEffects", "Open side effects"))
        self.panel = panel
        self.grid = QGridLayout()
        self.grid.setSpacing(4)
        self.body.addLayout(self.grid)
        self._rows: list[QWidget] = []
        self._shown: tuple[list[EntryView], bool] | None = None

    def update_view(self, v: SessionView, editable: bool) -> None:
        opened = v.open_side_effects
        if self._shown == (opened, editable):
            return  # the same rows: keep the widgets (a save elsewhere rebuilt them each time)
        self._shown = (opened, editable)
        for w in self._rows:
            w.hide()
            w.setParent(None)
            w.deleteLater()
        self._rows = []
        self.setVisible(bool(opened))
        for i, e in enumerate(opened):
            d = side_effect_data(e)
            name = words_text(SIDE_EFFECTS.get(d["effect_type"], d["effect_type"]))
            severity = words_text(SEVERITY_WORDS.get(d["severity"], d["severity"]))
            since = clock_time(e.charted_at, self.panel.host.tz)
            text = label(
                translate("OpenSideEffects", "{name} ({value}) since {since}").format(
                    name=name, value=severity, since=since
                ),
                bold=True,
                wrap=True,
                name=f"open_se_{e.id}",
            )
            set_tone(text, "warn")
            med = button(translate("OpenSideEffects", "Rescue…"), name=f"se_med_{e.id}",
                         tip=translate("OpenSideEffects", "Rescue medication for this side effect"))
            med.setAccessibleName(
                translate("OpenSideEffects", "Rescue medication for {name}").format(name=name)
            )
            done = button(translate("OpenSideEffects", "Resolved"), name=f"se_resolve_{e.id}")
            done.setAccessibleName(
                translate("OpenSideEffects", "{name} resolved").format(name=name)
            )
            med.clicked.connect(lambda _=False, e=e: self.panel.ask_rescue(e))
            done.clicked.connect(lambda _=False, e=e: self.panel.resolve(e))
            med.setEnabled(editable)
            done.setEnabled(editable)
            self.grid.addWidget(text, i * 2, 0, 1, 2)
            self.grid.addWidget(med, i * 2 + 1, 0)
            self.grid.addWidget(done, i * 2 + 1, 1)
            self._rows += [text, med, done]
        for w in self._rows:
            w.show()  # added to a visible card: show now, not on the next event-loop turn
        self._chain()

    def _chain(self) -> None:
        """Rows built on an update join the Tab chain where they are shown (after what comes
        before this card), not at the end of the window's chain."""
        buttons = [w for w in self._rows if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        anchor: QWidget = self
        for b in buttons:
            QWidget.setTabOrder(anchor, b)
            anchor = b
