"""Small shared widgets: big touch-friendly buttons, the error banner, inline field errors,
and the alert acknowledgement dialog (used by the board's tiles and the session view).

Decisions:
- Font sizes that matter for legibility are set in code (``big_font``), not only in the
  style sheet, so they hold with or without ``resources/style.qss`` and tests can check them.
  Colours, borders and padding live in the style sheet, keyed on object names and dynamic
  properties (``invalid``, ``state``, ``due``…); ``repolish`` re-applies them after a change.
- Keyboard order is reading order: ``tab_in_reading_order`` sets a form's Tab chain from its
  layouts (top to bottom, left to right within a row, grids by row then column), so a field
  added later (a correction's reason, a row built on update) is not left at the end of the
  chain. The primary button comes first in a dialog's button row (before Cancel), so Tab from
  the last field reaches it.
- Tall dialogs scroll instead of running off a small screen: ``FitScrollArea`` shows its whole
  content while the screen has room and scrolls beyond it (1366×768, or 1920×1080 at 150 %).
- Errors are shown where they happened: ``FieldErrors`` maps a service ``ValidationError``'s
  field name to the input it came from, puts the message under it, marks it and focuses it.
  Whatever was typed stays in the input.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chairlog.errors import ChairlogError, ValidationError
from chairlog.present.times import whole_minutes
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, alert_text, error_text, translate
from chairlog.ui.recheck import RECHECK_ANSWER, RecheckChoice

if TYPE_CHECKING:
    from chairlog.domain import AlertView

def big_font(point_size: float, *, bold: bool = False, base: QFont | None = None) -> QFont:
    f = QFont(base) if base is not None else QFont()
    f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_prop(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property used by the style sheet; repolish only when it changed."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        repolish(widget)


def named(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give an input the accessible name and description a screen reader announces (a
    placeholder or a tooltip is not read as its name)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def label_fields(form: QFormLayout) -> None:
    """Make each row's label the buddy of its field and the field's accessible name (unless
    it has one), so a screen reader says "Password, edit" rather than "edit"."""
    for row in range(form.rowCount()):
        lab = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        fld = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        lw = lab.widget() if lab is not None else None
        fw = fld.widget() if fld is not None else None
        if isinstance(lw, QLabel) and fw is not None and lw.text().strip():
            lw.setBuddy(fw)
            if not fw.accessibleName():
                fw.setAccessibleName(lw.text().strip())


def form_label(text: str, point_size: float = tokens.PT_M) -> QLabel:
    """A form row label, vertically centred on a TOUCH-sized input."""
    label = QLabel(text)
    label.setFont(big_font(point_size))
    label.setMinimumHeight(tokens.TOUCH_PX)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def _layout_widgets(lay: QLayout) -> list[QWidget]:
    """The widgets of a layout in reading order (grids by row, then column)."""
    indexed = [(i, it) for i in range(lay.count()) if (it := lay.itemAt(i)) is not None]
    if isinstance(lay, QGridLayout):
        grid = lay
        pos: dict[int, tuple[int, int]] = {}
        for i, _it in indexed:
            place: tuple[int, int, int, int] = grid.getItemPosition(i)  # type: ignore[assignment]
            pos[i] = (place[0], place[1])
        indexed.sort(key=lambda pair: pos[pair[0]])
    out: list[QWidget] = []
    for _i, it in indexed:
        w, sub = it.widget(), it.layout()
        if w is not None:
            out.append(w)
        elif sub is not None:
            out += _layout_widgets(sub)
    return out


def reading_order(root: QWidget) -> list[QWidget]:
    """Every widget that Tab can reach under ``root``, in reading order (hidden ones left
    out; a scroll area's content and a tab widget's current page included)."""
    out: list[QWidget] = []

    def visit(w: QWidget) -> None:
        if not w.isVisibleTo(root) and w is not root:
            return
        if isinstance(w, QScrollArea) and (content := w.widget()) is not None:
            visit(content)
            return
        if isinstance(w, QTabWidget):
            out.append(w.tabBar())
            if (current := w.currentWidget()) is not None:
                visit(current)
            return
        if w is not root and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled():
            out.append(w)
            return
        lay = w.layout()
        if lay is not None:
            for child in _layout_widgets(lay):
                visit(child)

    visit(root)
    return out


def tab_in_reading_order(root: QWidget) -> list[QWidget]:
    """Chain ``root``'s focusable widgets for Tab in reading order; returns the chain."""
    chain = reading_order(root)
    for a, b in itertools.pairwise(chain):
        QWidget.setTabOrder(a, b)
    return chain


class FitScrollArea(QScrollArea):
    """A frameless vertical scroll area that asks for its content's whole height up to
    ``screen height − reserve`` (what the rest of the window needs), and scrolls beyond."""

    def __init__(self, content: QWidget, reserve: int = 220,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reserve = reserve
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: its fields are

    def cap(self) -> int:
        screen = self.screen()
        height = screen.availableGeometry().height() if screen is not None else 720
        return max(160, height - self.reserve)

    def _content(self, hint: QSize) -> QSize:
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(hint.width() + bar, min(hint.height(), self.cap()))

    def sizeHint(self) -> QSize:
        w = self.widget()
        return super().sizeHint() if w is None else self._content(w.sizeHint())

    def minimumSizeHint(self) -> QSize:
        w = self.widget()
        if w is None:
            return super().minimumSizeHint()
        lay = w.layout()
        need = w.minimumSizeHint()
        if lay is not None and lay.hasHeightForWidth() and self.width() > 0:
            need.setHeight(max(need.height(), lay.totalHeightForWidth(self.viewport().width())))
        return self._content(need)


class BigButton(QPushButton):
    """A push button ``tokens.TOUCH_COMFORT_PX`` high (at least) with a 14 pt label."""

    def __init__(self, text: str, parent: QWidget | None = None, *, primary: bool = False,
                 point_size: float = tokens.PT_L) -> None:
        super().__init__(text, parent)
        self.setMinimumHeight(tokens.TOUCH_COMFORT_PX)
        self.setFont(big_font(point_size, bold=primary))
        self.setProperty("primary", primary)
        self.setCursor(Qt.CursorShape.PointingHandCursor)


def action_row(dialog: QDialog, ok_text: str, on_ok: Callable[[], object], *,
               cancel_text: str = "", default: bool = True
               ) -> tuple[QHBoxLayout, BigButton, BigButton]:
    """The bottom row of a dialog: Cancel (rejects) and the primary action, right-aligned.
    ``default`` makes Enter press the action; returns (row, action button, cancel button)."""
    cancel_text = cancel_text or translate("widgets", "Cancel")
    row = QHBoxLayout()
    row.addStretch(1)
    cancel = BigButton(cancel_text)
    cancel.setAutoDefault(False)
    cancel.clicked.connect(dialog.reject)
    ok = BigButton(ok_text, primary=True)
    if default:
        ok.setDefault(True)
    else:
        ok.setAutoDefault(False)
    ok.clicked.connect(on_ok)
    row.addWidget(ok)  # first: Tab from the last field reaches the action before Cancel
    row.addWidget(cancel)
    return row, ok, cancel


class ErrorBanner(QLabel):
    """A red, word-wrapped message strip; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setWordWrap(True)
        self.setFont(big_font(tokens.PT_BASE, bold=True))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


class FieldErrors:
    """Inline errors for a form: one error label per input, keyed by service field names."""

    def __init__(self, banner: ErrorBanner | None = None) -> None:
        self.banner = banner
        self._inputs: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}

    def label_for(self, fields: str | Iterable[str], widget: QWidget) -> QLabel:
        """Register ``widget`` as the input for ``fields``; returns its (hidden) error label,
        for the caller to place right under the input."""
        label = QLabel()
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.setFont(big_font(tokens.PT_XS, bold=True))
        label.hide()
        for name in [fields] if isinstance(fields, str) else fields:
            self._inputs[name] = widget
            self._labels[name] = label
        return label

    def clear(self) -> None:
        for name, label in self._labels.items():
            label.hide()
            label.setText("")
            set_prop(self._inputs[name], "invalid", False)
        if self.banner is not None:
            self.banner.clear_message()

    def show(self, exc: ChairlogError) -> str:
        """Show ``exc`` at its field (or in the banner); returns where it went ("" = banner)."""
        field = exc.field if isinstance(exc, ValidationError) else ""
        return self.show_text(field, error_text(exc))

    def show_text(self, field: str, text: str) -> str:
        """Show a message of the form's own at ``field`` (or in the banner)."""
        self.clear()
        if field in self._labels:
            label = self._labels[field]
            label.setText("⚠ " + text)
            label.show()
            widget = self._inputs[field]
            set_prop(widget, "invalid", True)
            widget.setFocus()
            return field
        if self.banner is not None:
            self.banner.show_message(text)
        return ""

    def message(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""


def ago(delta: timedelta) -> str:
    """'just now', '4 min ago', '1 h 05 min ago': the minutes of ``present.times.duration_text``
    (rounded), as the handover and the record say them."""
    minutes = whole_minutes(delta)
    if minutes < 1:
        return translate("widgets", "just now")
    if minutes < 60:
        return translate("widgets", "{minutes} min ago").format(minutes=minutes)
    return translate("widgets", "{value} h {value2:02d} min ago").format(
        value=minutes // 60, value2=minutes % 60
    )


#: the quick answers to "what was done?" for an alert: one list, offered by both acknowledgement
#: dialogs (one alert from the board or the page's alert list: ``AlertAckDialog``; the alerts a
#: save has just raised: ``session.dialogs.AcknowledgeDialog``); each fills the answer, which
#: the nurse can edit
ACK_ANSWERS = (
    QT_TRANSLATE_NOOP("words", "Rechecked: back in range"),
    RECHECK_ANSWER,
    QT_TRANSLATE_NOOP("words", "Infusion rate reduced"),
    QT_TRANSLATE_NOOP("words", "Infusion paused"),
    QT_TRANSLATE_NOOP("words", "Physician notified"),
    QT_TRANSLATE_NOOP("words", "Rescue medication given"),
    QT_TRANSLATE_NOOP("words", "Patient reassured"),
    QT_TRANSLATE_NOOP("words", "Expected at this stage; monitoring"),
)


class AlertAckDialog(QDialog):
    """Acknowledge one alert: says what was done (required), then
    ``charting.acknowledge_alert``. Quick buttons fill common answers; the nurse can edit."""

    def __init__(self, ctx: UiContext, alert: object, parent: QWidget | None = None,
                 chair_name: str = "") -> None:
        super().__init__(parent)
        from chairlog.domain import AlertView

        assert isinstance(alert, AlertView)
        self.ctx = ctx
        self.alert = alert
        self.result_alert: AlertView | None = None
        self.setWindowTitle(translate("AlertAckDialog", "Acknowledge alert"))
        self.setMinimumWidth(tokens.DIALOG_M)
        lay = QVBoxLayout(self)
        said = alert_text(alert.message)
        head = QLabel(("⚠ " + chair_name + ": " if chair_name else "⚠ ") + said)
        head.setObjectName("alertHeadline")
        head.setWordWrap(True)
        head.setFont(big_font(tokens.PT_XL, bold=True))
        lay.addWidget(head)
        lay.addWidget(
            QLabel(
                translate(
                    "AlertAckDialog", "What was done? (required; saved with your name and the time)"
                )
            )
        )
        self.action = QPlainTextEdit()
        self.action.setFont(big_font(tokens.PT_M))
        self.action.setFixedHeight(tokens.NOTE_BOX_TALL_PX)
        self.action.setTabChangesFocus(True)  # Tab leaves the box; Ctrl+Enter acknowledges
        self.action.setAccessibleName(translate("AlertAckDialog", "What was done"))
        self.action.setAccessibleDescription(
            translate(
                "AlertAckDialog",
                "Required; saved with your name and the time. Ctrl+Enter acknowledges",
            )
        )
        grid = QGridLayout()
        for i, english in enumerate(ACK_ANSWERS):
            text = translate("words", english)
            b = QPushButton(text)
            b.setMinimumHeight(tokens.TOUCH_PX)
            b.setAutoDefault(False)
            b.clicked.connect(lambda _=False, t=text, e=english: self._quick(t, e))
            grid.addWidget(b, i // 2, i % 2)
        lay.addLayout(grid)
        lay.addWidget(self.action)
        self.recheck = RecheckChoice()
        lay.addWidget(self.recheck)
        self.banner = ErrorBanner()
        self.errors = FieldErrors(self.banner)
        lay.addWidget(self.errors.label_for("action_taken", self.action))
        lay.addWidget(self.banner)
        row, self.ok, _cancel = action_row(
            self, translate("AlertAckDialog", "Acknowledge  (Ctrl+Enter)"), self.submit
        )
        lay.addLayout(row)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self)
            sc.activated.connect(self.ok.click)
        self.action.setFocus()

    def _quick(self, text: str, english: str) -> None:
        self.action.setPlainText(text)
        self.recheck.answer_chosen(english)

    def submit(self) -> None:
        """Save off the UI thread (the operation runner); the dialog closes once saved."""
        from chairlog.services import charting

        def saved(alert: AlertView) -> None:
            self.result_alert = alert
            self.accept()

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, ChairlogError):
                raise exc
            self.errors.show(exc)

        self.ctx.runner.interactive(
            self, charting.acknowledge_alert, self.ctx.app, self.ctx.require_user(),
            self.alert.id, self.action.toPlainText(), expected_version=self.alert.version,
            recheck_in_min=self.recheck.minutes(),
        ).success(saved).failure(refused).busy((self.ok,)).wait_briefly()
