"""The session page's three columns, which reflow to fit the screen.

Wide (1600 px and more, or wherever the three fit side by side): dose and alerts | charting
time, vitals and the entry tabs | trend chart (or the checklist) and the timeline. Narrow
(1366×768, or 1920×1080 at 150 % = 1280 logical px): the first two columns side by side and the
chart/checklist with the timeline below them, full width. The whole area scrolls vertically; it
scrolls sideways only below the two columns' minimum width.

Decisions:
- The choice is made from the scroll area's viewport width (the content is as wide as its
  minimum, so its own width cannot tell), with a 24 px margin against flicker at the edge.
- On a short page (under ``COMPACT_BELOW_PX``) the header's name and the timer figures get
  smaller (``CompactWhenShort``), so the panels keep more of the screen.
- Below the others the chart and the timeline get a fixed minimum height
  (``STACKED_MIN_PX``), so they are not squeezed to a few rows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QWidget

#: the height the chart/timeline column gets when it is placed below the other two
STACKED_MIN_PX = 620
SPACING_PX = 8
HYSTERESIS_PX = 24
#: a page shorter than this (1366×768 or 1280×720 less the window's bars) is compact
COMPACT_BELOW_PX = 820


class CompactWhenShort(QObject):
    """Calls ``apply(True)`` while the watched page is shorter than ``below_px``."""

    def __init__(self, page: QWidget, below_px: int, apply: Callable[[bool], None]) -> None:
        super().__init__(page)
        self.below_px = below_px
        self.apply = apply
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.apply(watched.height() < self.below_px)
        return False


class ReflowColumns(QScrollArea):
    def __init__(self, a: QWidget, b: QWidget, c: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("session_scroll")
        self.a, self.b, self.c = a, b, c
        content = QWidget()
        content.setObjectName("session_columns")
        self.grid = QGridLayout(content)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING_PX)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: its controls are
        self.stacked: bool | None = None
        #: the widest the first two columns get beside the chart (none when it is below)
        self.side_max = (a.maximumWidth(), b.maximumWidth())
        self._place(False)

    def wide_width(self) -> int:
        """The width the three columns need side by side."""
        return (sum(w.minimumSizeHint().width() for w in (self.a, self.b, self.c))
                + 2 * SPACING_PX)

    def _place(self, stacked: bool) -> None:
        if stacked == self.stacked:
            return
        self.stacked = stacked
        for w in (self.a, self.b, self.c):
            self.grid.removeWidget(w)
        self.grid.addWidget(self.a, 0, 0)
        self.grid.addWidget(self.b, 0, 1)
        for col in range(3):
            self.grid.setColumnStretch(col, 0)
        for w, widest in zip((self.a, self.b), self.side_max, strict=True):
            w.setMaximumWidth(16_777_215 if stacked else widest)
        if stacked:
            self.grid.addWidget(self.c, 1, 0, 1, 2)
            self.c.setMinimumHeight(STACKED_MIN_PX)
            self.grid.setColumnStretch(0, 2)
            self.grid.setColumnStretch(1, 3)
            self.grid.setRowStretch(0, 0)
            self.grid.setRowStretch(1, 1)
        else:
            self.grid.addWidget(self.c, 0, 2)
            self.c.setMinimumHeight(0)
            self.grid.setColumnStretch(0, 2)
            self.grid.setColumnStretch(1, 3)
            self.grid.setColumnStretch(2, 3)
            self.grid.setRowStretch(0, 1)
            self.grid.setRowStretch(1, 0)

    def reflow(self) -> None:
        room = self.viewport().width()
        need = self.wide_width()
        if self.stacked:
            self._place(room < need + HYSTERESIS_PX)
        else:
            self._place(room < need)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.reflow()
