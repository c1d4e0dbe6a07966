"""Small shared pieces of the session view: the host protocol panels talk to, number and time
formatting, and the touch-sized widgets (cards, buttons, score rows, number fields).

Decision: panels never call services directly; they call ``host.submit(service_fn, ...)``,
which adds the app, the signed-in user, the expected session version and the charted time, and
turns errors into messages. That keeps conflict, override and validation handling in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chairlog.clinical.numbers import parse_float
from chairlog.domain import AlertView, SessionView
from chairlog.errors import ValidationError
from chairlog.present.numbers import fmt
from chairlog.present.units import Units
from chairlog.ui.i18n import translate

from .style import TOUCH_PX

#: the services' time parameters the page's time control can fill (``Host.submit(timed=True)``)
TimeParameter = Literal["charted_at", "resolved_at"]


class Host(Protocol):
    """What a panel may ask of the page that holds it."""

    @property
    def view(self) -> SessionView: ...
    @property
    def tz(self) -> ZoneInfo: ...
    @property
    def units(self) -> Units: ...
    def now(self) -> datetime: ...
    def submit(self, fn: Callable[..., Any], *args: Any,
               on_success: Callable[[Any], None] | None = None,
               on_invalid: Callable[[ValidationError], None] | None = None,
               version: bool | int = True, timed: bool = False,
               time_as: TimeParameter = "charted_at", **kwargs: Any) -> bool: ...
    def open_dialog(self, dialog: QDialog) -> None: ...
    def say(self, text: str, tone: str = "info") -> None: ...
    def focus_vitals(self) -> None: ...
    def show_alerts(self, alerts: Sequence[AlertView]) -> None: ...


# ---- formatting ---------------------------------------------------------------------------
# the rules live in chairlog.present (shared with the command line and the PDF)

def num(value: float | None, decimals: int | None = None) -> str:
    """A figure as the chart writes it everywhere (``present.numbers.fmt``: significant
    digits by size, 1.125 → '1.13', 80.0 → '80'); ``decimals`` fixes the places instead (for
    whole minutes, and for the value put back into an input field); None → '—'."""
    return fmt(value, decimals)


def clock_time(at: datetime | None, tz: ZoneInfo) -> str:
    """Local wall-clock time 'HH:MM' in the clinic's time zone."""
    return "—" if at is None else at.astimezone(tz).strftime("%H:%M")


def age_years(dob: date | None, today: date) -> int | None:
    if dob is None:
        return None
    return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


def close_then(dialog: QDialog, fn: Callable[[Any], None] | None = None
               ) -> Callable[[Any], None]:
    """A success callback: close the dialog, then ``fn(result)``."""
    def done(result: Any) -> None:
        dialog.accept()
        if fn is not None:
            fn(result)
    return done


# ---- widgets ------------------------------------------------------------------------------

class Card(QFrame):
    """A white panel with a small caps title; ``body`` is its layout."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 12)
        self.body.setSpacing(8)
        self.title_label = QLabel(title.upper(), self)  # a child even when not shown
        self.title_label.setProperty("cardTitle", True)
        if title:
            self.body.addWidget(self.title_label)
        else:
            self.title_label.hide()


def button(text: str, *, shortcut: str = "", tip: str = "", primary: bool = False,
           danger: bool = False, name: str = "") -> QPushButton:
    """A touch-sized button; a keyboard shortcut is shown in its label and tooltip."""
    b = QPushButton(f"{text}  ({shortcut})" if shortcut else text)
    b.setMinimumHeight(TOUCH_PX)
    tooltip = tip or text
    if shortcut:
        tooltip += translate("common", " — shortcut {shortcut}").format(shortcut=shortcut)
    b.setToolTip(tooltip)
    if primary:
        b.setProperty("primary", True)
    if danger:
        b.setProperty("danger", True)
    if name:
        b.setObjectName(name)
    return b


def label(text: str = "", *, size: int | None = None, bold: bool = False, muted: bool = False,
          name: str = "", wrap: bool = False) -> QLabel:
    lab = QLabel(text)
    style = []
    if size:
        style.append(f"font-size: {size}px;")
    if bold:
        style.append("font-weight: 700;")
    if style:
        lab.setStyleSheet(" ".join(style))
    if muted:
        lab.setProperty("muted", True)
    if name:
        lab.setObjectName(name)
    lab.setWordWrap(wrap)
    return lab


class NumberEdit(QLineEdit):
    """A number field. It accepts only digits, one decimal point and an optional sign, but no
    range: ranges are the services' rules, so a refused value comes back named and explained."""

    def __init__(self, field: str, *, decimals: bool = False, width: int = 90,
                 placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName(f"field_{field}")
        pattern = r"-?\d{0,5}([.,]\d{0,3})?" if decimals else r"\d{0,4}"
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.setMinimumWidth(width)
        self.setMinimumHeight(TOUCH_PX)
        self.setPlaceholderText(placeholder)

    def number(self) -> float | None:
        return parse_float(self.text())


class BigCheckBox(QCheckBox):
    """A checkbox whose whole row is the touch target, not only its box and text."""

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)


class ScoreButton(QPushButton):
    """One score of a ``ScoreRow``. The arrow keys move along the row. In a one-tap row
    (``charts``: a press saves the score at once) Space does nothing and only Enter or a click
    press it, so a stray key never charts a score; in a dialog's row Space picks the score and
    Enter is left to the dialog (it presses the dialog's primary button, never a score)."""

    def __init__(self, text: str, row: ScoreRow, *, charts: bool) -> None:
        super().__init__(text)
        self.row = row
        self.charts = charts
        self.setAutoDefault(False)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key = e.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.row.move_focus(self, -1 if key in (Qt.Key.Key_Left, Qt.Key.Key_Up) else 1)
            return
        if self.charts and key == Qt.Key.Key_Space:
            e.accept()  # a stray Space charts nothing
            return
        if self.charts and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not e.isAutoRepeat():
            self.click()
            return
        if not self.charts and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            e.ignore()  # to the dialog: its default button
            return
        super().keyPressEvent(e)

    def keyReleaseEvent(self, e: QKeyEvent) -> None:
        if self.charts and e.key() == Qt.Key.Key_Space:
            e.accept()
            return
        super().keyReleaseEvent(e)


class ScoreRow(QWidget):
    """A row of big numbered buttons. ``chosen(int)`` fires on a click or Enter (never on
    Space or an arrow key: those only move along the row); with ``checkable`` the row keeps the
    last choice (``value()``), for multi-item scales in dialogs.

    Every button's accessible name says the scale and the score ("Pain NRS 3"), with its
    meaning as the description."""

    chosen = Signal(int)

    def __init__(self, values: Iterable[int], *, checkable: bool = False,
                 labels: dict[int, str] | None = None, name: str = "",
                 title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(checkable)
        self.buttons: dict[int, ScoreButton] = {}
        vals = list(values)
        signed = min(vals) < 0
        for v in vals:
            text = f"+{v}" if signed and v > 0 else str(v)
            b = ScoreButton(text, self, charts=not checkable)
            b.setProperty("score", True)
            b.setCheckable(checkable)
            b.setMinimumSize(TOUCH_PX, TOUCH_PX)
            b.setAccessibleName(f"{title or name or 'score'} {text}")
            if labels and v in labels:
                b.setToolTip(labels[v])
                b.setAccessibleDescription(labels[v])
            b.setObjectName(f"{name}_{v}" if name else f"score_{v}")
            self.group.addButton(b, v + 100)
            row.addWidget(b)
            self.buttons[v] = b
            b.clicked.connect(lambda _=False, v=v: self.chosen.emit(v))

    def move_focus(self, current: QPushButton, step: int) -> None:
        order = list(self.buttons.values())
        i = order.index(current) + step if current in order else 0
        order[max(0, min(len(order) - 1, i))].setFocus(Qt.FocusReason.TabFocusReason)

    def value(self) -> int | None:
        b = self.group.checkedButton()
        return None if b is None else self.group.id(b) - 100

    def set_value(self, v: int | None) -> None:
        if v is None:
            checked = self.group.checkedButton()
            if checked is not None:
                self.group.setExclusive(False)
                checked.setChecked(False)
                self.group.setExclusive(True)
        elif v in self.buttons:
            self.buttons[v].setChecked(True)
