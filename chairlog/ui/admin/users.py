"""Users tab: add an account, deactivate or reactivate it (with a reason), reset a password.

Decisions:
- The admin never chooses a user's real password. A new account and a reset both get a
  generated temporary password, shown once here to hand over, and the account must change it
  at its next sign-in. A physician's certificate is issued only by the signing authority's
  holder (``authority.issue_certificate``), with the physician's own password, which the
  admin does not know; a reset revokes it.
- Accounts are never deleted (the audit trail and entries keep naming them): deactivated.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import Role, UserInfo
from chairlog.errors import ChairlogError
from chairlog.services import accounts
from chairlog.ui import tokens
from chairlog.ui.admin.common import ActionDialog, Notice, RowsTab, temporary_password
from chairlog.ui.busy import BusyRunner
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, translate
from chairlog.ui.widgets import BigButton, ErrorBanner, FieldErrors, action_row, big_font

ROLE_LABELS = {
    Role.NURSE: QT_TRANSLATE_NOOP("words", "Nurse"),
    Role.PHYSICIAN: QT_TRANSLATE_NOOP("words", "Physician"),
    Role.ADMIN: QT_TRANSLATE_NOOP("words", "Administrator"),
}


class AddUserDialog(QDialog):
    """Username, full name, credentials and role; the password is a generated temporary one."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: UserInfo | None = None
        self.password = temporary_password()
        self.setWindowTitle(translate("AddUserDialog", "Add a user"))
        self.setMinimumWidth(tokens.DIALOG_S)
        lay = QVBoxLayout(self)
        self.banner = ErrorBanner()
        self.errors = FieldErrors(self.banner)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setPlaceholderText(translate("AddUserDialog", "lower case, e.g. jsmith"))
        self.full_name = QLineEdit()
        self.credentials = QLineEdit()
        self.credentials.setPlaceholderText(
            translate("AddUserDialog", "e.g. RN, MD (printed after the name)")
        )
        self.role = QComboBox()
        for role, label in ROLE_LABELS.items():
            self.role.addItem(translate("words", label), role.value)
        for label, widget, field in (
            (translate("AddUserDialog", "Username"), self.username, "username"),
            (translate("AddUserDialog", "Full name"), self.full_name, "full_name"),
            (translate("AddUserDialog", "Credentials"), self.credentials, "credentials"),
            (translate("AddUserDialog", "Role"), self.role, "role"),
        ):
            widget.setFont(big_font(tokens.PT_M))
            box = QVBoxLayout()
            box.addWidget(widget)
            box.addWidget(self.errors.label_for(field, widget))
            form.addRow(label, box)
        lay.addLayout(form)
        lay.addWidget(self.banner)
        self.busy_label = QLabel()
        lay.addWidget(self.busy_label)
        row, self.ok, _cancel = action_row(
            self, translate("AddUserDialog", "Add user"), self.submit
        )
        lay.addLayout(row)
        self.runner = BusyRunner(self.ctx, (self.ok,), self.busy_label)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def submit(self) -> None:
        """The password is hashed (argon2) on the operation runner, never on the UI thread."""
        app, me = self.ctx.app, self.ctx.require_user()
        fields = dict(username=self.username.text().strip(), full_name=self.full_name.text(),
                      role=str(self.role.currentData()), password=self.password,
                      credentials=self.credentials.text())
        self.runner.run(
            lambda: accounts.add_user(app, me, must_change_password=True, **fields),
            self._created, self._refused, translate("AddUserDialog", "Adding the account…"))

    def _created(self, info: UserInfo) -> None:
        self.created = info
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError):
            raise exc
        self.errors.show(exc)


class UsersTab(RowsTab):
    ENTITY = "user"
    HEADERS = (
        QT_TRANSLATE_NOOP("words", "Username"),
        QT_TRANSLATE_NOOP("words", "Name"),
        QT_TRANSLATE_NOOP("words", "Credentials"),
        QT_TRANSLATE_NOOP("words", "Role"),
        QT_TRANSLATE_NOOP("words", "Status"),
        QT_TRANSLATE_NOOP("words", "Password"),
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: QDialog | None = None
        lay = self.body
        self.notice = Notice()
        self.banner = ErrorBanner()
        lay.addWidget(self.notice)
        lay.addWidget(self.banner)
        row = QHBoxLayout()
        self.add_button = BigButton(translate("UsersTab", "Add user…"), primary=True)
        self.active_button = BigButton(translate("UsersTab", "Deactivate…"))
        self.reset_button = BigButton(translate("UsersTab", "Reset password…"))
        for b in (self.add_button, self.active_button, self.reset_button):
            b.setAutoDefault(False)
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.add_button.clicked.connect(self.add_user)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.start()

    # ---- data -------------------------------------------------------------------------
    def reload(self) -> None:
        users = accounts.list_users(self.ctx.app)
        self.model.set_rows(
            users,
            [
                (
                    u.username,
                    u.full_name,
                    u.credentials,
                    translate("words", ROLE_LABELS[u.role]),
                    translate("UsersTab", "Active")
                    if u.active
                    else translate("UsersTab", "Deactivated"),
                    translate("UsersTab", "must change") if u.must_change_password else "",
                )
                for u in users
            ],
        )
        self._selection_changed()


    def select_username(self, username: str) -> None:
        for i, u in enumerate(self.model.items):
            if u.username == username:
                self.table.selectRow(i)
                return

    def _selection_changed(self, *_: object) -> None:
        u = self.selected()
        self.active_button.setEnabled(u is not None)
        self.reset_button.setEnabled(u is not None)
        self.active_button.setText(
            translate("UsersTab", "Reactivate…")
            if u is not None and not u.active
            else translate("UsersTab", "Deactivate…")
        )

    # ---- actions ----------------------------------------------------------------------
    def add_user(self) -> None:
        self.banner.clear_message()
        dlg = AddUserDialog(self.ctx, self)
        dlg.accepted.connect(lambda: self._added(dlg))
        self._show(dlg)

    def _added(self, dlg: AddUserDialog) -> None:
        assert dlg.created is not None
        self.reload()
        self.select_username(dlg.created.username)
        self.notice.say(
            translate(
                "UsersTab",
                "Account '{username}' created. Temporary password: {password} — hand it over; it "
                "must be changed at first sign-in.",
            ).format(username=dlg.created.username, password=dlg.password)
            + (f" {dlg.created.key_note}" if dlg.created.key_note else "")
        )

    def toggle_active(self) -> None:
        u = self.selected()
        if u is None:
            return
        me = self.ctx.require_user()
        verb = (
            translate("UsersTab", "Reactivate")
            if not u.active
            else translate("UsersTab", "Deactivate")
        )
        text = translate("UsersTab", "{verb} the account of {full_name} ({username})? ").format(
            verb=verb, full_name=u.full_name, username=u.username
        ) + (
            translate("UsersTab", "They will be able to sign in again.")
            if not u.active
            else translate(
                "UsersTab", "They can no longer sign in or chart; their entries stay as they are."
            )
        )
        dlg = ActionDialog(
            f"{verb} account",
            text,
            lambda reason: accounts.set_active(self.ctx.app, me, u.id, not u.active, reason,
                                               expected_version=u.version),
            reason_label=translate("UsersTab", "Reason (required, kept in the audit trail)"),
            ok_text=verb,
            parent=self,
        )
        dlg.accepted.connect(lambda: self._done(f"{u.username}: {verb.lower()}d."))
        self._show(dlg)

    def reset_password(self) -> None:
        u = self.selected()
        if u is None:
            return
        me = self.ctx.require_user()
        temp = temporary_password()
        key_note = (
            translate(
                "UsersTab",
                " Their signing certificate is revoked; a new one needs the signing authority's "
                "holder, with them present, after they set their own password.",
            )
            if u.role is Role.PHYSICIAN
            else ""
        )
        dlg = ActionDialog(
            translate("UsersTab", "Reset password"),
            translate(
                "UsersTab",
                "Give {full_name} ({username}) a temporary password? They must change it at their "
                "next sign-in.{key_note}",
            ).format(full_name=u.full_name, username=u.username, key_note=key_note),
            lambda _reason: accounts.reset_password(
                self.ctx.app, me, u.id, temp, expected_version=u.version
            ),
            ok_text=translate("UsersTab", "Reset password"),
            parent=self,
            background=self.ctx,  # argon2: off the UI thread
        )
        dlg.accepted.connect(
            lambda: self._done(
                f"Temporary password for {u.username}: {temp} — hand it over; it must be changed "
                "at the next sign-in."
            )
        )
        self._show(dlg)

    def _done(self, message: str) -> None:
        self.reload()
        self.notice.say(message)

    def _show(self, dlg: QDialog) -> None:
        self.notice.say("")
        self.dialog = dlg
        dlg.open()
