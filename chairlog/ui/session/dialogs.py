"""Dialog building blocks: a form dialog whose OK asks the page to save (the dialog stays open
with the refusal shown inline when the service says no), and the small reason / override /
acknowledge dialogs.

Decisions:
- Dialogs are opened with ``open()`` (window-modal, not a nested event loop), so a refused save
  keeps everything typed and tests drive them like any other widget.
- The body scrolls when the screen is too small for it (``FitScrollArea``); the title, the error
  line and the buttons stay in view. The primary button comes before Cancel, and the Tab chain
  is set in reading order each time the dialog opens (``tab_in_reading_order``), so Tab from the
  last field reaches the primary button and Enter presses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import AlertView
from chairlog.errors import ValidationError
from chairlog.ui import tokens
from chairlog.ui.i18n import alert_text, error_text, translate
from chairlog.ui.recheck import RecheckChoice
from chairlog.ui.widgets import ACK_ANSWERS, FitScrollArea, named, tab_in_reading_order

from .common import button, clock_time, label
from .style import set_flag, set_tone


class FormDialog(QDialog):
    """Title, a body, an inline error line, Cancel (Esc) and a default OK (Enter).

    OK emits ``submitted``; the page saves and then calls ``accept()`` or ``show_error``."""

    submitted = Signal()

    def __init__(
        self,
        title: str,
        ok_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        ok_text = ok_text or translate("FormDialog", "Save")
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(tokens.DIALOG_L)
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        outer.addWidget(label(title, size=tokens.FONT_XL, bold=True))
        content = QWidget()
        content.setObjectName("dialog_body")
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, 8, 0)
        self.body.setSpacing(8)
        self.body_scroll = FitScrollArea(content, reserve=230)
        outer.addWidget(self.body_scroll, 1)
        self.error = label(wrap=True, name="dialog_error")
        set_tone(self.error, "error")
        self.error.hide()
        outer.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = button(
            translate("FormDialog", "Cancel"),
            shortcut="Esc",
            name="cancel",
        )
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = button(
            ok_text, shortcut="Enter", primary=True, name="ok"
        )
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._ok)
        row.addWidget(self.ok_button)  # first: Tab from the last field reaches it
        row.addWidget(self.cancel_button)
        outer.addLayout(row)
        #: service field name → the widget to highlight when that field is refused
        self.fields: dict[str, QWidget] = {}
        #: the widget that gets the keyboard focus when the dialog opens
        self.first_focus: QWidget | None = None

    def multiline(self, edit: QPlainTextEdit) -> None:
        """A multi-line box in the dialog: Tab leaves it and Enter types a new line in it, so
        Ctrl+Enter (anywhere in the dialog) presses the primary button — said on the button."""
        edit.setTabChangesFocus(True)
        if "Ctrl+Enter" not in self.ok_button.text():
            self.ok_button.setText(self.ok_button.text().replace("(Enter)", "(Ctrl+Enter)"))
            self.ok_button.setToolTip(self.ok_button.toolTip().replace("Enter", "Ctrl+Enter"))
            for seq in ("Ctrl+Return", "Ctrl+Enter"):
                sc = QShortcut(QKeySequence(seq), self)
                sc.setContext(Qt.ShortcutContext.WindowShortcut)
                sc.activated.connect(self.ok_button.click)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_wrapped_text()
        tab_in_reading_order(self)
        self.activateWindow()
        if self.first_focus is not None:
            self.first_focus.setFocus()

    def _fit_wrapped_text(self) -> None:
        """The minimum-size constraint ignores word-wrapped labels' height for the width the
        dialog really got (a long warning was cut off): grow to what the body needs, up to
        what the screen has room for (beyond that the body scrolls)."""
        self.body_scroll.updateGeometry()
        lay = self.layout()
        if lay is None:
            return
        lay.activate()
        need = lay.minimumSize().height()
        if need > self.height():
            self.resize(self.width(), need)

    def _ok(self) -> None:
        self.clear_error()
        self.submitted.emit()

    def clear_error(self) -> None:
        self.error.hide()
        for w in self.fields.values():
            set_flag(w, "invalid", False)

    def show_error(self, error: ValidationError | str) -> None:
        """Show a refusal inline; highlight and focus the field it names."""
        self.error.setText(error if isinstance(error, str) else error_text(error))
        self.error.show()
        if isinstance(error, ValidationError):
            w = self.fields.get(error.field)
            if w is not None:
                set_flag(w, "invalid", True)
                w.setFocus()
                if isinstance(w, QLineEdit):
                    w.selectAll()


class ReasonDialog(FormDialog):
    """Ask for a reason; quick buttons fill in common ones."""

    def __init__(
        self,
        title: str,
        prompt: str,
        *,
        quick: Sequence[str] = (),
        ok_text: str = "",
        field: str = "reason",
        required: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        ok_text = ok_text or translate("ReasonDialog", "Save")
        super().__init__(title, ok_text, parent)
        self.required = required
        self.body.addWidget(label(prompt, wrap=True))
        if quick:
            grid = QGridLayout()
            for i, english in enumerate(quick):
                text = translate("words", english)
                b = QPushButton(text)
                b.setAutoDefault(False)
                b.clicked.connect(lambda _=False, t=text, e=english: self._quick(t, e))
                grid.addWidget(b, i // 2, i % 2)
            self.body.addLayout(grid)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setPlaceholderText(
            translate("ReasonDialog", "Reason (required)")
            if required
            else translate("ReasonDialog", "Reason (optional)")
        )
        named(
            self.reason_edit,
            translate("ReasonDialog", "Reason")
            + ("" if required else translate("ReasonDialog", ", optional")),
            prompt,
        )
        self.body.addWidget(self.reason_edit)
        self.fields[field] = self.reason_edit
        self.first_focus = self.reason_edit

    def _quick(self, text: str, english: str = "") -> None:
        """A quick answer: ``text`` in the window's language (``english``: its catalog key)."""
        self.reason_edit.setText(text)
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _ok(self) -> None:
        if self.required and not self.reason():
            self.show_error(translate("ReasonDialog", "A reason is required."))
            set_flag(self.reason_edit, "invalid", True)
            self.reason_edit.setFocus()
            return
        super()._ok()


class OverrideDialog(ReasonDialog):
    """A dose above a protocol maximum: say so plainly; saving anyway needs a reason and a
    second clinician's independent check (another nurse or a physician types their own
    username and password at the chair: ketamine is a high-alert medication)."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("OverrideDialog", "Dose limit exceeded"),
            "",
            ok_text=translate("OverrideDialog", "Override and save"),
            field="override_reason",
            parent=parent,
            quick=(
                translate("OverrideDialog", "Physician order"),
                translate("OverrideDialog", "Titration per physician"),
                translate("OverrideDialog", "Protocol amended"),
            ),
        )
        warn = label("⚠ " + message[:1].upper() + message[1:] + ".",
                     size=tokens.FONT_EMPHASIS, bold=True, wrap=True, name="override_message")
        set_tone(warn, "bad")
        self.body.insertWidget(0, warn)
        self.body.insertWidget(
            1,
            label(
                translate(
                    "OverrideDialog",
                    "Saving anyway needs an override reason and a second "
                    "clinician's check; both are kept in the record.",
                ),
                wrap=True,
            ),
        )
        self.body.addWidget(
            label(
                translate("OverrideDialog", "Second clinician (another nurse or a physician):"),
                bold=True,
            )
        )
        row = QHBoxLayout()
        self.checker_user = QLineEdit()
        self.checker_user.setObjectName("checker_username")
        self.checker_user.setPlaceholderText(translate("OverrideDialog", "Their username"))
        self.checker_user.setAccessibleName(
            translate("OverrideDialog", "Second clinician's username")
        )
        self.checker_user.setAccessibleDescription(
            translate("OverrideDialog", "Another nurse or a physician checks the dose")
        )
        self.checker_password = QLineEdit()
        self.checker_password.setObjectName("checker_password")
        self.checker_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.checker_password.setPlaceholderText(translate("OverrideDialog", "Their password"))
        self.checker_password.setAccessibleName(
            translate("OverrideDialog", "Second clinician's password")
        )
        self.checker_password.setAccessibleDescription(
            translate("OverrideDialog", "Typed by the second clinician")
        )
        row.addWidget(self.checker_user)
        row.addWidget(self.checker_password)
        self.body.addLayout(row)
        self.fields["checked_by"] = self.checker_user

    def cosigner(self) -> tuple[str, str] | None:
        user = self.checker_user.text().strip()
        password = self.checker_password.text()
        return (user, password) if user and password else None

    def _ok(self) -> None:
        if self.reason() and self.cosigner() is None:
            self.show_error(
                translate(
                    "OverrideDialog", "The second clinician types their own username and password."
                )
            )
            set_flag(self.checker_user, "invalid", True)
            (self.checker_password if self.checker_user.text().strip()
             else self.checker_user).setFocus()
            return
        super()._ok()


class AcknowledgeDialog(ReasonDialog):
    """Alerts raised by a save: shown prominently, asking what was done. 'Later' leaves them
    open on the page."""

    def __init__(self, alerts: Sequence[AlertView], tz: ZoneInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            translate("AcknowledgeDialog", "Alert — what was done?"),
            translate("AcknowledgeDialog", "What was done (saved with your name):"),
            quick=ACK_ANSWERS,
            ok_text=translate("AcknowledgeDialog", "Acknowledge"),
            field="action_taken",
            parent=parent,
        )
        self.alerts = tuple(alerts)
        for i, a in enumerate(self.alerts):
            lab = label(f"⚠ {clock_time(a.raised_at, tz)}  {alert_text(a.message)}",
                        size=tokens.FONT_EMPHASIS, bold=True, wrap=True, name=f"alert_message_{i}")
            set_tone(lab, "bad")
            self.body.insertWidget(i, lab)
        self.cancel_button.setText(translate("AcknowledgeDialog", "Later  (Esc)"))
        self.cancel_button.setToolTip(
            translate("AcknowledgeDialog", "Leave the alert open on the page and acknowledge later")
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.recheck = RecheckChoice()
        self.body.insertWidget(self.body.indexOf(self.reason_edit) + 1, self.recheck)

    def _quick(self, text: str, english: str = "") -> None:
        super()._quick(text, english)
        self.recheck.answer_chosen(english)
