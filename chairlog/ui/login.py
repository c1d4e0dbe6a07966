"""Sign-in: username and password, Enter signs in, errors inline.

Decisions:
- The same dialog serves start-up, "switch user" (Ctrl+U) and is the model for the lock
  screen's unlock form. It only returns the signed-in ``UserInfo`` (``.user``); the caller
  decides what to do with it (``ctx.set_user``), so nothing here changes global state.
- A forced password change (``must_change_password``) is a second page of the same dialog,
  so the user cannot reach the window without it and tests need no nested modal loop.
- Demo mode only: a box lists the demo accounts; clicking one fills the fields. Never shown
  for a real database.
- The password checks (argon2) run on the operation runner with a busy line (``ui.busy``): the
  window never waits for them; ``busy`` tells tests when the answer is in.
- A successful sign-in (and a forced password change) also keeps the user's offline
  credential on this workstation, on the same worker call (``outbox.credentials``), so a
  window started while the server is down can let them chart into the outbox.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import UserInfo
from chairlog.errors import ChairlogError
from chairlog.outbox import credentials
from chairlog.services import Chairlog, accounts
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


def remembered(app: Chairlog, user: UserInfo) -> UserInfo:
    """``user`` just signed in on the server: keep their offline credential on this
    workstation (``outbox.credentials``; on the caller's worker thread, never raises)."""
    if not user.must_change_password:
        credentials.remember_sign_in(app, user)
    return user


def sign_in_here(app: Chairlog, username: str, password: str) -> UserInfo:
    """The online sign-in, then this workstation's offline credential (one worker call)."""
    return remembered(app, accounts.login(app, username, password))


def _password_edit() -> QLineEdit:
    e = QLineEdit()
    e.setEchoMode(QLineEdit.EchoMode.Password)
    e.setFont(big_font(tokens.PT_L))
    e.setMinimumHeight(tokens.TOUCH_PX)
    return e


class LoginDialog(QDialog):
    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        title: str = "",
        intro: str = "",
        username: str = "",
    ) -> None:
        title = title or translate("LoginDialog", "Sign in")
        super().__init__(parent)
        self.ctx = ctx
        self.user: UserInfo | None = None
        self._pending: UserInfo | None = None
        self._old_password = ""
        self.setWindowTitle(translate("LoginDialog", "chairlog — {title}").format(title=title))
        self.setObjectName("loginDialog")
        self.setMinimumWidth(tokens.DIALOG_S)
        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)
        self.pages.addWidget(self._sign_in_page(title, intro, username))
        self.pages.addWidget(self._change_page())
        (self.password if username else self.username).setFocus()

    # ---- page 1: sign in ----------------------------------------------------------------
    def _sign_in_page(self, title: str, intro: str, username: str) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        clinic = ""
        try:
            clinic = accounts.get_clinic(self.ctx.app).name
        except ChairlogError:
            clinic = ""
        head = QLabel(title)
        head.setObjectName("dialogTitle")
        head.setFont(big_font(tokens.PT_4XL, bold=True))
        lay.addWidget(head)
        if clinic:
            sub = QLabel(clinic)
            sub.setFont(big_font(tokens.PT_M))
            lay.addWidget(sub)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            lay.addWidget(note)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.username = QLineEdit(username)
        self.username.setFont(big_font(tokens.PT_L))
        self.username.setMinimumHeight(tokens.TOUCH_PX)
        self.username.setPlaceholderText(translate("LoginDialog", "username"))
        self.password = _password_edit()
        form.addRow(form_label(translate("LoginDialog", "Username")), self.username)
        form.addRow(form_label(translate("LoginDialog", "Password")), self.password)
        label_fields(form)
        named(
            self.username,
            translate("LoginDialog", "Username"),
            translate("LoginDialog", "Your chairlog username"),
        )
        named(
            self.password,
            translate("LoginDialog", "Password"),
            translate("LoginDialog", "Your own password; Enter signs in"),
        )
        lay.addLayout(form)
        self.error = ErrorBanner()
        lay.addWidget(self.error)
        self.busy_label = QLabel()
        lay.addWidget(self.busy_label)
        buttons, self.sign_in_button, self.cancel_button = action_row(
            self, translate("LoginDialog", "Sign in"), self.submit
        )
        lay.addLayout(buttons)
        self.runner = BusyRunner(self.ctx, (self.sign_in_button, self.username, self.password),
                                 self.busy_label)
        self.demo_box: QGroupBox | None = None
        if self.ctx.demo:
            lay.addWidget(self._demo_box())
        return page

    def _demo_box(self) -> QGroupBox:
        from chairlog.services import demo

        box = QGroupBox(translate("LoginDialog", "Demo accounts (demo mode only)"))
        box.setObjectName("demoAccounts")
        grid = QGridLayout(box)
        for i, (uname, pw, role) in enumerate(demo.demo_accounts()):
            b = QPushButton(f"{uname}  ·  {role}  ·  {pw}")
            b.setObjectName("demoAccount")
            b.setAutoDefault(False)
            b.setMinimumHeight(tokens.TOUCH_PX)
            b.setToolTip(
                translate("LoginDialog", "Fill in {uname} / {pw}").format(uname=uname, pw=pw)
            )
            b.clicked.connect(lambda _=False, u=uname, p=pw: self.fill(u, p))
            grid.addWidget(b, i, 0)
        hint = QLabel(
            translate(
                "LoginDialog",
                "Click an account to fill in its username and password, then press Enter.",
            )
        )
        hint.setWordWrap(True)
        grid.addWidget(hint, len(demo.demo_accounts()), 0)
        self.demo_box = box
        return box

    def fill(self, username: str, password: str) -> None:
        self.username.setText(username)
        self.password.setText(password)
        self.sign_in_button.setFocus()

    @property
    def busy(self) -> bool:
        return self.runner.busy or self.change_runner.busy

    def submit(self) -> None:
        self.error.clear_message()
        password = self.password.text()
        app, username = self.ctx.app, self.username.text()
        self.runner.run(lambda: sign_in_here(app, username, password),
                        lambda user: self._signed_in(user, password), self._refused,
                        translate("LoginDialog", "Checking the password…"))

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError):
            raise exc
        self.error.show_message(error_text(exc))
        self.password.selectAll()
        self.password.setFocus()

    def _signed_in(self, user: UserInfo, password: str) -> None:
        if user.must_change_password:
            self._pending, self._old_password = user, password
            self.change_intro.setText(
                translate(
                    "LoginDialog",
                    "{display_name}: your password was reset. Choose a new one (at least 8 "
                    "characters) to continue.",
                ).format(display_name=user.display_name)
            )
            self.pages.setCurrentIndex(1)
            self.new_password.setFocus()
            return
        self.user = user
        self.accept()

    # ---- page 2: forced password change ---------------------------------------------------
    def _change_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        head = QLabel(translate("LoginDialog", "Choose a new password"))
        head.setFont(big_font(tokens.PT_4XL, bold=True))
        lay.addWidget(head)
        self.change_intro = QLabel()
        self.change_intro.setWordWrap(True)
        lay.addWidget(self.change_intro)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.new_password = _password_edit()
        self.new_password_again = _password_edit()
        self.change_banner = ErrorBanner()
        self.change_errors = FieldErrors(self.change_banner)
        form.addRow(form_label(translate("LoginDialog", "New password")), self.new_password)
        form.addRow("", self.change_errors.label_for("new_password", self.new_password))
        form.addRow(
            form_label(translate("LoginDialog", "New password again")), self.new_password_again
        )
        form.addRow("", self.change_errors.label_for("new_password_again",
                                                     self.new_password_again))
        label_fields(form)
        named(
            self.new_password,
            translate("LoginDialog", "New password"),
            translate("LoginDialog", "Your new password"),
        )
        named(
            self.new_password_again,
            translate("LoginDialog", "New password again"),
            translate("LoginDialog", "The same new password, to be sure"),
        )
        lay.addLayout(form)
        lay.addWidget(self.change_banner)
        self.change_busy = QLabel()
        lay.addWidget(self.change_busy)
        row, self.save_password_button, _cancel = action_row(
            self,
            translate("LoginDialog", "Save and sign in"),
            self.submit_new_password,
            default=False,
        )
        lay.addLayout(row)
        self.change_runner = BusyRunner(self.ctx, (self.save_password_button,),
                                        self.change_busy)
        return page

    def submit_new_password(self) -> None:
        assert self._pending is not None
        new = self.new_password.text()
        if new != self.new_password_again.text():
            self.change_errors.show_text(
                "new_password_again",
                translate("LoginDialog", "The two passwords differ: type the same password twice."),
            )
            return
        app, pending, old = self.ctx.app, self._pending, self._old_password
        self.change_runner.run(
            lambda: remembered(app, accounts.change_password(app, pending, old, new)),
            self._changed,
            self._change_refused,
            translate("LoginDialog", "Saving the password…"),
        )

    def _changed(self, user: UserInfo) -> None:
        self.user = user
        self.accept()

    def _change_refused(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError):
            raise exc
        self.change_errors.show(exc)
