"""Pre-infusion panel: the protocol's checklist as big checkboxes, skipping with a reason, and
the baseline vitals / baseline pain score shortcuts.

Decisions: a ticked item is a chart entry, so its box stays ticked and disabled (undo it in the
timeline with a correction, like any entry); the "still missing" line mirrors the service's
start rule so the nurse sees what will block "Start infusion" before pressing it — the service
remains the judge.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from chairlog.clinical.scales import Scale
from chairlog.domain import EntryKind, EntryView, SessionView
from chairlog.domain.payloads import assessment_data, checklist_data, vitals_data
from chairlog.services import charting
from chairlog.ui import tokens
from chairlog.ui.i18n import entry_text, translate

from .common import BigCheckBox, Card, Host, ScoreRow, button, clock_time, label
from .dialogs import ReasonDialog
from .style import set_tone

BASELINE_ITEMS = ("Baseline vitals", "Baseline pain score")


def checklist_state(v: SessionView) -> dict[str, EntryView]:
    """The latest active checklist entry per item key."""
    out: dict[str, EntryView] = {}
    for e in sorted(v.active_entries(EntryKind.CHECKLIST), key=lambda e: e.charted_at):
        out[checklist_data(e)["item_key"]] = e
    return out


def baseline_pain(v: SessionView) -> EntryView | None:
    rows = [e for e in v.active_entries(EntryKind.ASSESSMENT)
            if assessment_data(e)["scale"] == "pain_nrs"]
    return min(rows, key=lambda e: e.charted_at) if rows else None


def missing_items(v: SessionView) -> list[str]:
    done = checklist_state(v)
    missing = [c.label for c in v.protocol.checklist if c.required and c.key not in done]
    if v.baseline_vitals is None:
        missing.append(BASELINE_ITEMS[0])
    if baseline_pain(v) is None:
        missing.append(BASELINE_ITEMS[1])
    return missing


class PreInfusionPanel(Card):
    """The checklist (shown where the trend chart will be, until the infusion starts)."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(translate("PreInfusionPanel", "Pre-infusion checklist  (Alt+K)"), parent)
        self.host = host
        self.progress = label(size=tokens.FONT_BODY_L, bold=True, wrap=True,
                              name="preinfusion_progress")
        self.body.addWidget(self.progress)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(2)
        self.body.addLayout(self.grid)
        self.boxes: dict[str, QCheckBox] = {}
        self.status: dict[str, QLabel] = {}
        self.skips: dict[str, QPushButton] = {}
        self._built_for: tuple[str, ...] = ()
        self._editable = True
        self.body.addStretch(1)

    def _build(self, v: SessionView) -> None:
        keys = tuple(c.key for c in v.protocol.checklist)
        if keys == self._built_for:
            return
        self._built_for = keys
        for i, item in enumerate(v.protocol.checklist):
            box = BigCheckBox(
                item.label
                + ("" if item.required else translate("PreInfusionPanel", "  (optional)"))
            )
            box.setAccessibleDescription(
                translate(
                    "PreInfusionPanel",
                    "Checklist item: Space ticks it (saved at once); "
                    "Tab to Skip… to skip it with a reason",
                )
            )
            box.setObjectName(f"check_{item.key}")
            box.clicked.connect(lambda checked, k=item.key: self._tick(k, checked))
            status = label(muted=True, name=f"check_status_{item.key}")
            skip = button(
                translate("PreInfusionPanel", "Skip…"),
                name=f"skip_{item.key}",
                tip=translate("PreInfusionPanel", "Skip this item with a reason"),
            )
            skip.setStyleSheet(f"padding: {tokens.SPACE_2XS}px {tokens.SPACE_M}px;")
            skip.clicked.connect(lambda _=False, k=item.key, t=item.label: self._ask_skip(k, t))
            self.grid.addWidget(box, i, 0)
            self.grid.addWidget(status, i, 1)
            self.grid.addWidget(skip, i, 2)
            self.boxes[item.key] = box
            self.status[item.key] = status
            self.skips[item.key] = skip
        self.grid.setColumnStretch(0, 1)

    def update_view(self, v: SessionView, editable: bool) -> None:
        self._editable = editable
        self._build(v)
        state = checklist_state(v)
        tz = self.host.tz
        for key, box in self.boxes.items():
            e = state.get(key)
            d = checklist_data(e) if e is not None else None
            status = self.status[key]
            box.setChecked(bool(d and d["done"]))
            box.setEnabled(editable and e is None)
            self.skips[key].setVisible(e is None)
            self.skips[key].setEnabled(editable and e is None)
            if e is None or d is None:
                status.setText("")
                status.setToolTip("")
            elif d["done"]:
                status.setText(f"✓ {clock_time(e.charted_at, tz)}")
                status.setToolTip(
                    translate("PreInfusionPanel", "Ticked by {user_name}").format(
                        user_name=e.user_name
                    )
                )
            else:
                status.setText(translate("PreInfusionPanel", "skipped"))
                status.setToolTip(
                    translate("PreInfusionPanel", "Skipped by {user_name}: {value}").format(
                        user_name=e.user_name, value=d.get("text") or ""
                    )
                )
                set_tone(status, "warntext")
            box.setToolTip(
                translate("PreInfusionPanel", "Recorded — to undo, correct it in the timeline")
                if e
                else translate("PreInfusionPanel", "Tick when done (Space)")
            )
        missing = missing_items(v)
        if missing:
            n_check = sum(1 for m in missing if m not in BASELINE_ITEMS)
            parts = (
                [
                    translate("PreInfusionPanel", "{n_check} checklist item{value}").format(
                        n_check=n_check, value="s" if n_check != 1 else ""
                    )
                ]
                if n_check
                else []
            )
            parts += [m.lower() for m in missing if m in BASELINE_ITEMS]
            self.progress.setText(
                translate("PreInfusionPanel", "Still needed before start: ") + ", ".join(parts)
            )
            set_tone(self.progress, "warntext")
        else:
            self.progress.setText(
                translate(
                    "PreInfusionPanel", "✓ All required items done — ready to start (F8, Enter)"
                )
            )
            set_tone(self.progress, "ok")

    def focus_first(self) -> bool:
        """Focus the first item still to do (Alt+K); False when none is left."""
        for box in self.boxes.values():
            if box.isEnabled() and box.isVisibleTo(self):
                box.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return False

    def _tick(self, key: str, checked: bool) -> None:
        if checked:
            self.host.submit(charting.complete_checklist_item, self.host.view.id, key,
                             timed=True)
        self.update_view(self.host.view, self._editable)  # a refused tick is un-ticked

    def _ask_skip(self, key: str, text: str) -> None:
        dlg = ReasonDialog(
            translate("PreInfusionPanel", "Skip checklist item"),
            translate("PreInfusionPanel", "Skip “{text}”: why?").format(text=text),
            ok_text=translate("PreInfusionPanel", "Skip item"),
            field="skip_reason",
            parent=self,
        )
        dlg.submitted.connect(lambda: self.host.submit(
            charting.complete_checklist_item, self.host.view.id, key, done=False,
            skip_reason=dlg.reason(), timed=True, on_success=lambda _r: dlg.accept(),
            on_invalid=dlg.show_error))
        self.host.open_dialog(dlg)


class BaselinePanel(Card):
    """Baseline vitals (F2 → the vitals form) and baseline pain score, before the start."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(translate("BaselinePanel", "Baseline before the infusion"), parent)
        self.host = host
        self.body.setContentsMargins(8, 8, 8, 8)
        base = QHBoxLayout()
        self.vitals_button = button(
            translate("BaselinePanel", "Baseline vitals"), shortcut="F2", name="baseline_vitals"
        )
        self.vitals_button.clicked.connect(self.host.focus_vitals)
        base.addWidget(self.vitals_button)
        self.vitals_status = label(wrap=True, name="baseline_vitals_status")
        base.addWidget(self.vitals_status, 1)
        self.body.addLayout(base)
        head = QHBoxLayout()
        head.addWidget(
            label(translate("BaselinePanel", "Baseline pain (NRS 0–10)"), bold=True,
                  size=tokens.FONT_BODY_L)
        )
        self.pain_status = label(name="baseline_pain_status")
        head.addWidget(self.pain_status, 1)
        self.body.addLayout(head)
        self.pain = ScoreRow(
            range(11), name="baseline_pain", title=translate("BaselinePanel", "Baseline pain")
        )
        self.pain.chosen.connect(self._pain)
        self.body.addWidget(self.pain)
        self.body.addWidget(
            label(
                translate(
                    "BaselinePanel",
                    "Tick the checklist on the right; then start the infusion in "
                    "the Dose panel (F8, Enter).",
                ),
                muted=True,
                wrap=True,
            )
        )
        self.body.addStretch(1)

    def update_view(self, v: SessionView, editable: bool) -> None:
        tz = self.host.tz
        base = v.baseline_vitals
        first = next((e for e in v.vitals if vitals_data(e).get("is_baseline")), None)
        if base is not None and first is not None:
            self.vitals_status.setText(
                translate(
                    "BaselinePanel", "✓ {value}  HR {hr} · BP {sbp}/{dbp} · SpO2 {spo2} · RR {rr}"
                ).format(
                    value=clock_time(first.charted_at, tz),
                    hr=base.hr,
                    sbp=base.sbp,
                    dbp=base.dbp,
                    spo2=base.spo2,
                    rr=base.rr,
                )
            )
            set_tone(self.vitals_status, "ok")
        else:
            self.vitals_status.setText(
                translate("BaselinePanel", "not recorded yet — F2, type the set, Enter")
            )
            set_tone(self.vitals_status, "warntext")
        pain = baseline_pain(v)
        self.pain_status.setText(
            translate("BaselinePanel", "✓ {value} at {value2}").format(
                value=assessment_data(pain)["score"], value2=clock_time(pain.charted_at, tz)
            )
            if pain
            else translate("BaselinePanel", "needed")
        )
        set_tone(self.pain_status, "ok" if pain else "warntext")
        for b in self.pain.buttons.values():
            b.setEnabled(editable)
        self.vitals_button.setEnabled(editable)

    def _pain(self, score: int) -> None:
        self.host.submit(
            charting.record_assessment,
            self.host.view.id,
            Scale.PAIN_NRS.value,
            score,
            timed=True,
            on_success=lambda r: self.host.say(
                translate("BaselinePanel", "Saved: ") + entry_text(r.entry, self.host.units), "ok"
            ),
        )
