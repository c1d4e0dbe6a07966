"""The "when did it happen" control shared by every entry on the page.

Default is *now*. "−5 / −10 / −15 / −30 min" buttons or a time field chart something that
happened earlier (the service marks it late when it is entered after the clinic's late-entry
limit). After each save the page resets it to now, so an earlier time never sticks by accident;
while it is not "now" it is shown in amber as "At HH:MM (−N min)".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTimeEdit, QWidget

from chairlog.ui import tokens
from chairlog.ui.i18n import translate

from .common import label
from .style import TOUCH_PX, set_tone

QUICK_MINUTES = (5, 10, 15, 30)


class ChartTimeControl(QWidget):
    def __init__(self, now: Callable[[], datetime], tz: ZoneInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self._tz = tz
        self._at: datetime | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.status = label(
            translate("ChartTimeControl", "Time: now"), bold=True, name="chart_time_status"
        )
        self.status.setMinimumWidth(tokens.STATUS_PX)
        self.status.setToolTip(
            translate(
                "ChartTimeControl",
                "When the entries you make happened. Earlier times are charted "
                "as such (late entries are marked); resets to now after a save.",
            )
        )
        row.addWidget(self.status, 1)
        self.now_button = QPushButton(translate("ChartTimeControl", "Now"))
        self.now_button.setObjectName("time_now")
        self.now_button.setToolTip(translate("ChartTimeControl", "Chart at the current time"))
        self.now_button.clicked.connect(self.reset)
        self.now_button.setStyleSheet(f"padding: {tokens.SPACE_2XS}px {tokens.SPACE_M}px;")
        row.addWidget(self.now_button)
        self.quick: dict[int, QPushButton] = {}
        for m in QUICK_MINUTES:
            b = QPushButton(f"−{m}")
            b.setObjectName(f"time_minus_{m}")
            b.setToolTip(
                translate("ChartTimeControl", "Chart something that happened {m} min ago").format(
                    m=m
                )
            )
            b.setMinimumWidth(TOUCH_PX + tokens.SPACE_S)
            b.setStyleSheet(f"padding: {tokens.SPACE_2XS}px {tokens.SPACE_XS}px;")
            b.clicked.connect(lambda _=False, m=m: self.set_minutes_ago(m))
            row.addWidget(b)
            self.quick[m] = b
        self.edit = QTimeEdit()
        self.edit.setObjectName("time_edit")
        self.edit.setDisplayFormat("HH:mm")
        self.edit.setToolTip(
            translate("ChartTimeControl", "Type the clock time it happened (today, clinic time)")
        )
        self.edit.setMinimumWidth(tokens.TIME_FIELD_PX)
        self.edit.timeChanged.connect(self._typed)
        row.addWidget(self.edit)
        self._show()

    # --- public --------------------------------------------------------------------------
    def charted_at(self) -> datetime | None:
        """None for now, else the chosen earlier time (UTC-aware)."""
        return self._at

    def reset(self) -> None:
        self._at = None
        self._show()

    def set_minutes_ago(self, minutes: int) -> None:
        self._at = (self._now() - timedelta(minutes=minutes)).replace(second=0, microsecond=0)
        self._show()

    def set_clock(self, hour: int, minute: int) -> None:
        """A local clock time today (yesterday if that would be in the future)."""
        local_now = self._now().astimezone(self._tz)
        at = local_now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if at > local_now + timedelta(minutes=1):
            at -= timedelta(days=1)
        self._at = at.astimezone(self._now().tzinfo)
        self._show()

    def tick(self) -> None:
        if self._at is None:
            self._show()

    # --- internals -----------------------------------------------------------------------
    def _typed(self, t: QTime) -> None:
        if self.edit.signalsBlocked():
            return
        self.set_clock(t.hour(), t.minute())

    def _show(self) -> None:
        shown = (self._at or self._now()).astimezone(self._tz)
        self.edit.blockSignals(True)
        self.edit.setTime(QTime(shown.hour, shown.minute))
        self.edit.blockSignals(False)
        # wide enough for the longest status, so "(−15 min)" is never cut to "(−15 min"
        widest = (
            self.status.fontMetrics().horizontalAdvance(
                translate("ChartTimeControl", "At 00:00 (−999 min)")
            )
            + 12
        )
        if self.status.minimumWidth() < widest:
            self.status.setMinimumWidth(widest)
        if self._at is None:
            self.status.setText(translate("ChartTimeControl", "Time: now"))
            set_tone(self.status, "")
        else:
            ago = int((self._now() - self._at).total_seconds() // 60)
            self.status.setText(
                translate("ChartTimeControl", "At {shown:%H:%M} (−{ago} min)").format(
                    shown=shown, ago=ago
                )
            )
            set_tone(self.status, "warn")
