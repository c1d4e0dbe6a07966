"""Multi-item scales in a dialog: CADSS-6 (6 items 0–4) and the modified Aldrete (5 items 0–2,
total shown live; ≥ 9 means discharge-ready). Each item is a row of big buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from chairlog.clinical.scales import ALDRETE_DISCHARGE_MIN, SCALES, Scale
from chairlog.ui import tokens
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, clinical, translate

from .common import ScoreRow, label
from .dialogs import FormDialog
from .style import set_tone

ITEM_HINTS: dict[Scale, tuple[dict[int, str], ...]] = {
    Scale.ALDRETE: (
        {
            2: QT_TRANSLATE_NOOP("words", "Moves 4 limbs"),
            1: QT_TRANSLATE_NOOP("words", "Moves 2 limbs"),
            0: QT_TRANSLATE_NOOP("words", "Moves no limbs"),
        },
        {
            2: QT_TRANSLATE_NOOP("words", "Breathes deeply, coughs"),
            1: QT_TRANSLATE_NOOP("words", "Short of breath / shallow"),
            0: QT_TRANSLATE_NOOP("words", "Apnoeic"),
        },
        {
            2: QT_TRANSLATE_NOOP("words", "BP within 20 % of pre-dose"),
            1: QT_TRANSLATE_NOOP("words", "BP 20–49 % off"),
            0: QT_TRANSLATE_NOOP("words", "BP ≥ 50 % off"),
        },
        {
            2: QT_TRANSLATE_NOOP("words", "Fully awake"),
            1: QT_TRANSLATE_NOOP("words", "Arousable on calling"),
            0: QT_TRANSLATE_NOOP("words", "Not responding"),
        },
        {
            2: QT_TRANSLATE_NOOP("words", "SpO2 > 92 % on room air"),
            1: QT_TRANSLATE_NOOP("words", "Needs O2 to keep > 90 %"),
            0: QT_TRANSLATE_NOOP("words", "SpO2 < 90 % with O2"),
        },
    ),
}
CADSS_HINT = {
    0: QT_TRANSLATE_NOOP("words", "Not at all"),
    1: QT_TRANSLATE_NOOP("words", "Slightly"),
    2: QT_TRANSLATE_NOOP("words", "Moderately"),
    3: QT_TRANSLATE_NOOP("words", "Considerably"),
    4: QT_TRANSLATE_NOOP("words", "Extremely"),
}


class ItemScaleDialog(FormDialog):
    def __init__(self, scale: Scale, parent: QWidget | None = None) -> None:
        spec = SCALES[scale]
        super().__init__(
            clinical(spec.label),
            translate("ItemScaleDialog", "Save {label}").format(label=clinical(spec.label)),
            parent,
        )
        self.scale = scale
        grid = QGridLayout()
        grid.setVerticalSpacing(6)
        self.rows: list[ScoreRow] = []
        self.meanings: list[tuple[QLabel, dict[int, str]]] = []
        hints = ITEM_HINTS.get(scale)
        for i, text in enumerate(clinical(t) for t in spec.item_labels):
            english = hints[i] if hints else CADSS_HINT
            hint = {k: translate("words", w) for k, w in english.items()}
            grid.addWidget(label(f"{i + 1}. {text}", bold=True), i, 0)
            row = ScoreRow(
                range(spec.item_low, spec.item_high + 1),
                checkable=True,
                labels=hint,
                name=f"item{i + 1}",
                title=translate("ItemScaleDialog", "{text}, score").format(text=text),
            )
            row.chosen.connect(lambda _v: self._update())
            grid.addWidget(row, i, 1)
            meaning = label(muted=True, name=f"item{i + 1}_meaning", wrap=True)
            # wide enough for the longest meaning on one line; wraps rather than clips
            longest = max(hint.values(), key=len)
            meaning.setMinimumWidth(meaning.fontMetrics().horizontalAdvance(longest)
                                  + tokens.SPACE_XL)
            grid.addWidget(meaning, i, 2)
            self.meanings.append((meaning, hint))
            self.rows.append(row)
            self.fields[f"item_{i + 1}"] = row.buttons[spec.item_low]
        self.body.addLayout(grid)
        self.total = label(size=tokens.FONT_TITLE, bold=True, name="scale_total")
        self.body.addWidget(self.total)
        self.first_focus = self.rows[0].buttons[spec.item_low]
        self._update()

    def items(self) -> list[int | None]:
        return [r.value() for r in self.rows]

    def _update(self) -> None:
        vals = self.items()
        for (meaning, hint), v in zip(self.meanings, vals, strict=True):
            meaning.setText(hint.get(v, "") if v is not None else "")
        done = [v for v in vals if v is not None]
        total = sum(done)
        missing = len(vals) - len(done)
        text = translate("ItemScaleDialog", "Total {total}").format(total=total) + (
            translate("ItemScaleDialog", "  ({missing} item{value} to score)").format(
                missing=missing, value="s" if missing > 1 else ""
            )
            if missing
            else ""
        )
        tone = ""
        if self.scale is Scale.ALDRETE and not missing:
            ready = total >= ALDRETE_DISCHARGE_MIN
            text += (
                translate("ItemScaleDialog", "  ✓ discharge-ready (≥ 9)")
                if ready
                else translate(
                    "ItemScaleDialog",
                    "  — not yet discharge-ready (needs ≥ {ALDRETE_DISCHARGE_MIN})",
                ).format(ALDRETE_DISCHARGE_MIN=ALDRETE_DISCHARGE_MIN)
            )
            tone = "ok" if ready else "warn"
        self.total.setText(text)
        set_tone(self.total, tone)
