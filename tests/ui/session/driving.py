"""Driving the session view from tests: keyboard-only input that counts keystrokes, and the
timeline as displayed. Shared by the session tests and the whole-session test."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from chairlog.ui.session.page import SessionPage


def timeline_rows(page: SessionPage) -> list[tuple[str, ...]]:
    """The timeline model's rows as displayed (time, entry, by, status)."""
    m = page.timeline.model
    return [tuple(str(m.data(m.index(r, c)) or "") for c in range(m.columnCount()))
            for r in range(m.rowCount())]


def focused() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


class Keys:
    """Keyboard-only driving that counts every keystroke (a typed character is one)."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(focused(), text)
        self.count += len(text)

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            target: QWidget | None = None) -> None:
        where = target or QApplication.focusWidget() or QApplication.activeWindow()
        assert where is not None
        self.qtbot.keyClick(where, key, modifier)
        self.count += 1
