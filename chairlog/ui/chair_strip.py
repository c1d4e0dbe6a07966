"""A strip of every chair's state, on every screen of the window (board, session tabs, lock
screen): overdue vitals and unacknowledged alerts in red, a dose near the limit in amber,
ready for discharge in green. Nothing due on another chair is ever out of sight.

Chair names only, never patient names (the strip shows on the lock screen too). A click (or
Enter on a focused pill) opens that chair's session, unless the window is locked.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from chairlog.clinical.readouts import Due
from chairlog.domain import ChairInfo
from chairlog.ui.i18n import translate
from chairlog.ui.tile_figures import TileFigures
from chairlog.ui.widgets import set_prop

Snapshot = list[tuple[ChairInfo, TileFigures | None]]


def chair_states(snapshot: Snapshot) -> list[tuple[ChairInfo, int, str, str]]:
    """(chair, session id, tone, words) for each chair that needs a look, worst first."""
    out: list[tuple[int, ChairInfo, int, str, str]] = []
    for chair, f in snapshot:
        if f is None:
            continue
        if f.due is Due.OVERDUE:
            out.append((0, chair, f.session_id, "bad", f"{chair.name}: {f.due_text}"))
        if f.stored_alerts:
            n = len(f.stored_alerts)
            out.append(
                (
                    0,
                    chair,
                    f.session_id,
                    "bad",
                    translate("chair_strip", "{name}: {n} alert{value} to acknowledge").format(
                        name=chair.name, n=n, value="s" if n > 1 else ""
                    ),
                )
            )
        if f.dose_near_limit:
            out.append(
                (
                    1,
                    chair,
                    f.session_id,
                    "warn",
                    translate("chair_strip", "{name}: dose near limit").format(name=chair.name),
                )
            )
        if f.state_key == "ready":
            out.append(
                (
                    2,
                    chair,
                    f.session_id,
                    "ok",
                    translate("chair_strip", "{name}: ready for discharge").format(name=chair.name),
                )
            )
    out.sort(key=lambda t: t[0])
    return [(c, sid, tone, words) for _rank, c, sid, tone, words in out]


class ChairStrip(QFrame):
    open_session = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chairStrip")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(8, 4, 8, 4)
        self.row.setSpacing(8)
        self.calm = QLabel(translate("ChairStrip", "All chairs: nothing due"))
        self.calm.setObjectName("chairStripCalm")
        self.row.addWidget(self.calm)
        self.row.addStretch(1)
        self.pills: list[QPushButton] = []
        self._keys: list[tuple[int, str]] = []
        self.locked = False

    def show_chairs(self, snapshot: Snapshot) -> None:
        """Called every second: the pills are rebuilt only when which chairs need a look
        changes; a countdown's text is updated in place (no flicker, focus kept)."""
        states = chair_states(snapshot)
        keys = [(sid, tone) for _c, sid, tone, _w in states]
        if keys != self._keys:
            self._rebuild(states)
            self._keys = keys
        for pill, (_c, _sid, _tone, text) in zip(self.pills, states, strict=True):
            if pill.text() != text:
                pill.setText(text)
                pill.setAccessibleName(text)

    def _rebuild(self, states: list[tuple[ChairInfo, int, str, str]]) -> None:
        for pill in self.pills:
            self.row.removeWidget(pill)
            pill.deleteLater()
        self.pills = []
        for i, (_chair, sid, tone, text) in enumerate(states):
            pill = QPushButton(text)
            pill.setObjectName("chairStripPill")
            pill.setAutoDefault(False)
            pill.setAccessibleName(text)
            set_prop(pill, "tone", tone)
            pill.clicked.connect(lambda _=False, s=sid: None if self.locked
                                 else self.open_session.emit(s))
            self.row.insertWidget(i, pill)
            pill.show()
            self.pills.append(pill)
        self.calm.setVisible(not states)
