"""“Repeat vitals in N min” in the alert acknowledgement dialogs: a visible choice, not a word
hidden in the answer text. Ticked, the acknowledgement asks the service for a recheck
(``charting.acknowledge_alert(recheck_in_min=…)``) and the session's vitals countdown then runs
to that time (if sooner than the protocol's interval) until the next set is charted.

Decisions:
- The quick answer "Rechecked — repeat in 5 min" ticks it with 5 minutes; the nurse can untick
  it or change the minutes (1–60). Typing an answer never changes it: what the countdown does
  is always what the box shows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSpinBox, QWidget

from chairlog.ui import tokens
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, translate

#: the quick answer that asks for a recheck, and its minutes
RECHECK_ANSWER = QT_TRANSLATE_NOOP("words", "Rechecked — repeat in 5 min")
RECHECK_MINUTES = 5


class RecheckChoice(QWidget):
    """[✓] Repeat vitals in [5] min."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(translate("RecheckChoice", "Repeat vitals in"))
        self.box.setObjectName("recheck_box")
        self.box.setAccessibleName(translate("RecheckChoice", "Repeat vitals sooner"))
        self.box.setAccessibleDescription(translate(
            "RecheckChoice", "Ticked: the vitals countdown runs to this many minutes from now"))
        self.spin = QSpinBox()
        self.spin.setObjectName("recheck_minutes")
        self.spin.setRange(1, 60)
        self.spin.setValue(RECHECK_MINUTES)
        self.spin.setSuffix(translate("RecheckChoice", " min"))
        self.spin.setAccessibleName(translate("RecheckChoice", "Repeat vitals in, minutes"))
        self.spin.setEnabled(False)
        for w in (self.box, self.spin):  # a finger's target, inside or outside the page's sheet
            w.setMinimumHeight(tokens.TOUCH_PX)
        self.box.toggled.connect(self.spin.setEnabled)
        lay.addWidget(self.box)
        lay.addWidget(self.spin)
        lay.addStretch(1)

    def answer_chosen(self, english: str) -> None:
        """A quick answer was picked: the recheck answer ticks the box with its minutes."""
        if english == RECHECK_ANSWER:
            self.spin.setValue(RECHECK_MINUTES)
            self.box.setChecked(True)

    def minutes(self) -> int | None:
        return self.spin.value() if self.box.isChecked() else None
