"""The snapshot board's "Sign in to chart offline": username and password checked against the
credential this workstation kept at the nurse's last online sign-in (``outbox.offline``).

Decisions:
- The check (argon2, as slow as the server's) runs on the board's operation runner, never on
  the UI thread; the dialog shows "Checking the password…" meanwhile and ``busy`` tells tests
  when the answer is in.
- Every refusal is one line in the dialog, the typed username kept, the password selected:
  not kept here ("… chart on paper"), wrong password (with the tries left), locked (until
  when), a role that does not chart.
- The dialog only returns the :class:`~chairlog.outbox.offline.OfflineUser`; the board
  decides what signing in means (who charts, the idle sign-out).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from chairlog.errors import ChairlogError
from chairlog.outbox import offline
from chairlog.outbox.credentials import CredentialCache
from chairlog.ui import tokens
from chairlog.ui.i18n import error_text, translate
from chairlog.ui.operations import OperationRunner
from chairlog.ui.widgets import ErrorBanner, action_row, big_font, form_label, label_fields, named


class OfflineSignInDialog(QDialog):
    """Username + password → ``user`` (an OfflineUser) and accept; refusals inline."""

    def __init__(self, runner: OperationRunner, cache: CredentialCache, database: str,
                 now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.cache, self.database, self.now = runner, cache, database, now
        self.user: offline.OfflineUser | None = None
        self.busy = False
        self.setObjectName("offlineSignIn")
        self.setWindowTitle(translate("OfflineSignInDialog", "chairlog — sign in to chart offline"))
        self.setMinimumWidth(tokens.DIALOG_S)
        lay = QVBoxLayout(self)
        head = QLabel(translate("OfflineSignInDialog", "OFFLINE — sign in to chart"))
        head.setObjectName("dialogTitle")
        head.setFont(big_font(tokens.PT_4XL, bold=True))
        lay.addWidget(head)
        note = QLabel(translate(
            "OfflineSignInDialog",
            "The server cannot be reached. A nurse who signed in on this workstation within 14 "
            "days can chart here: entries are kept on this workstation and sent to the server, "
            "as you, once it is back and you sign in there."))
        note.setWordWrap(True)
        lay.addWidget(note)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for w in (self.username, self.password):
            w.setFont(big_font(tokens.PT_L))
            w.setMinimumHeight(tokens.TOUCH_PX)
        form.addRow(form_label(translate("OfflineSignInDialog", "Username")), self.username)
        form.addRow(form_label(translate("OfflineSignInDialog", "Password")), self.password)
        label_fields(form)
        named(self.username, translate("OfflineSignInDialog", "Username"),
              translate("OfflineSignInDialog", "Your chairlog username"))
        named(self.password, translate("OfflineSignInDialog", "Password"),
              translate("OfflineSignInDialog", "Your own password; Enter signs in"))
        lay.addLayout(form)
        self.error = ErrorBanner()
        lay.addWidget(self.error)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.hide()
        lay.addWidget(self.busy_label)
        row, self.sign_in_button, self.cancel_button = action_row(
            self, translate("OfflineSignInDialog", "Sign in"), self.submit)
        lay.addLayout(row)
        self.username.returnPressed.connect(self.password.setFocus)
        self.username.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        self.error.clear_message()
        self.busy = True
        cache, database = self.cache, self.database
        username, password, now = self.username.text(), self.password.text(), self.now()
        op = self.runner.interactive(self.busy_label, offline.sign_in, cache, database,
                                     username, password, now)
        op.success(self._signed_in).failure(self._refused)
        op.busy((self.sign_in_button, self.username, self.password), self.busy_label,
                translate("OfflineSignInDialog", "Checking the password…"))

    def _signed_in(self, user: offline.OfflineUser) -> None:
        self.busy = False
        self.user = user
        self.password.clear()
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.busy = False
        if not isinstance(exc, ChairlogError):
            raise exc
        self.error.show_message(error_text(exc))
        self.password.selectAll()
        self.password.setFocus()
