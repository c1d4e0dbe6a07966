"""Change my password: the signed-in user, any time (Ctrl+Shift+P).

A physician's signing key is re-encrypted under the new password by the service, so the key
keeps working and is never stored in the clear.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import UserInfo
from chairlog.errors import AuthenticationError, ChairlogError
from chairlog.services import accounts
from chairlog.ui import tokens
from chairlog.ui.busy import BusyRunner
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import error_text, translate
from chairlog.ui.widgets import (
    ErrorBanner,
    FieldErrors,
    action_row,
    big_font,
    form_label,
    label_fields,
    named,
)


def _secret() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumHeight(tokens.TOUCH_PX)
    return edit


class ChangePasswordDialog(QDialog):
    """Current password, the new one twice; errors shown at the field they concern."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        user = ctx.require_user()
        self.setWindowTitle(translate("ChangePasswordDialog", "Change my password"))
        lay = QVBoxLayout(self)
        head = QLabel(
            translate("ChangePasswordDialog", "Change the password of {display_name}").format(
                display_name=user.display_name
            )
        )
        head.setFont(big_font(tokens.PT_2XL, bold=True))
        lay.addWidget(head)
        self.current = _secret()
        self.new = _secret()
        self.again = _secret()
        self.banner = ErrorBanner()
        self.errors = FieldErrors(self.banner)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(form_label(translate("ChangePasswordDialog", "Current password")), self.current)
        form.addRow("", self.errors.label_for(("old_password", "password"), self.current))
        form.addRow(form_label(translate("ChangePasswordDialog", "New password")), self.new)
        form.addRow("", self.errors.label_for("new_password", self.new))
        form.addRow(form_label(translate("ChangePasswordDialog", "New password again")), self.again)
        form.addRow("", self.errors.label_for("new_password_again", self.again))
        label_fields(form)
        named(
            self.current,
            translate("ChangePasswordDialog", "Current password"),
            translate("ChangePasswordDialog", "The password you sign in with now"),
        )
        named(
            self.new,
            translate("ChangePasswordDialog", "New password"),
            translate("ChangePasswordDialog", "At least the clinic's minimum length"),
        )
        named(
            self.again,
            translate("ChangePasswordDialog", "New password again"),
            translate("ChangePasswordDialog", "The same new password, to be sure"),
        )
        lay.addLayout(form)
        lay.addWidget(self.banner)
        self.busy_label = QLabel()
        lay.addWidget(self.busy_label)
        row, self.save, _cancel = action_row(
            self, translate("ChangePasswordDialog", "Change password"), self.submit
        )
        lay.addLayout(row)
        self.runner = BusyRunner(ctx, (self.save,), self.busy_label)
        self.current.setFocus()

    def submit(self) -> None:
        self.errors.clear()
        if self.new.text() != self.again.text():
            self.errors.show_text(
                "new_password_again",
                translate(
                    "ChangePasswordDialog",
                    "The two new passwords differ: type the same password twice.",
                ),
            )
            return
        app, me = self.ctx.app, self.ctx.require_user()
        old, new = self.current.text(), self.new.text()
        # argon2 and the key's re-wrapping (scrypt) run off the UI thread
        self.runner.run(lambda: accounts.change_password(app, me, old, new), self._changed,
                        self._refused, translate("ChangePasswordDialog", "Saving the password…"))

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, AuthenticationError):
            self.current.clear()
            self.errors.show_text("old_password", error_text(exc))
        elif isinstance(exc, ChairlogError):
            self.errors.show(exc)
        else:
            raise exc

    def _changed(self, user: UserInfo) -> None:
        self.current.clear()
        self.ctx.set_user(user)
        self.accept()
