"""What sign-in must tell people about their accounts (issue 14, points 3 and 8).

- A physician sees every certificate issued in their name since they last acknowledged one
  (when, and who unlocked the signing authority), and can say it was not them: that
  certificate stops signing at once and is audited (``keys.acknowledge(flag=True)``).
- An admin sees, on the board, which accounts are locked after wrong passwords.

Decisions:
- Both are read on the window's operation runner (``ctx.runner``), never on the UI thread: a
  hung server delays the notice, never the window. The caller gets the answer by a callback
  (at once when the read answers within the runner's fast wait). An answer for a user no
  longer signed in is dropped. A failed read shows nothing (the notice comes at the next
  sign-in or board reload); a failed acknowledgement says so in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from chairlog.domain import Role, UserInfo
from chairlog.errors import ChairlogError
from chairlog.services import Chairlog, accounts, keys
from chairlog.services.keys import CertificateNotice
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import error_text, translate
from chairlog.ui.widgets import ErrorBanner, action_row, big_font


class CertificateNoticeDialog(QDialog):
    """Certificates issued in the physician's name: "I asked for this" or "This was not me"."""

    def __init__(self, ctx: UiContext, user: UserInfo, notices: list[CertificateNotice],
                 parent: QWidget | None = None, tz: ZoneInfo | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.user, self.notices = ctx, user, notices
        self.flagged = False
        self.setWindowTitle(
            translate("CertificateNoticeDialog", "chairlog — certificates issued in your name")
        )
        self.setObjectName("certificateNotice")
        lay = QVBoxLayout(self)
        head = QLabel(translate("CertificateNoticeDialog", "New signing certificate in your name"))
        head.setFont(big_font(tokens.PT_3XL, bold=True))
        lay.addWidget(head)
        tz = tz or ZoneInfo("UTC")
        lines = [
            translate(
                "CertificateNoticeDialog",
                "• {value:%Y-%m-%d %H:%M}: serial {serial}, the signing authority unlocked by "
                "{issued_by}",
            ).format(value=n.issued_at.astimezone(tz), serial=n.serial, issued_by=n.issued_by)
            for n in notices
        ]
        self.details = QLabel(
            translate(
                "CertificateNoticeDialog",
                "Since you last signed in, these certificates were issued for you:\n",
            )
            + "\n".join(lines)
            + translate(
                "CertificateNoticeDialog",
                "\n\nIf you did not ask for one, say so: it stops signing at once and the "
                "clinic's trail records it.",
            )
        )
        self.details.setWordWrap(True)
        lay.addWidget(self.details)
        self.error = ErrorBanner()
        lay.addWidget(self.error)
        row, self.ok_button, self.flag_button = action_row(
            self,
            translate("CertificateNoticeDialog", "I asked for this"),
            self.acknowledge,
            cancel_text=translate("CertificateNoticeDialog", "This was not me"),
        )
        self.flag_button.clicked.disconnect()
        self.flag_button.clicked.connect(self.flag)
        lay.addLayout(row)

    def _done(self, flag: bool) -> None:
        def refused(exc: BaseException) -> None:
            if not isinstance(exc, ChairlogError):
                raise exc
            self.error.show_message(error_text(exc))

        def saved(_r: object) -> None:
            self.flagged = flag
            self.accept()
        self.ctx.runner.interactive(self, keys.acknowledge, self.ctx.app, self.user,
                                    [n.key_id for n in self.notices], flag=flag).busy(
            (self.ok_button, self.flag_button)).success(saved).failure(refused).wait_briefly()

    def acknowledge(self) -> None:
        self._done(False)

    def flag(self) -> None:
        self._done(True)


def _notices(app: Chairlog, user: UserInfo) -> tuple[list[CertificateNotice], ZoneInfo]:
    shown = keys.notices(app, user)
    try:
        tz = ZoneInfo(accounts.get_clinic(app).timezone) if shown else ZoneInfo("UTC")
    except ValueError:
        tz = ZoneInfo("UTC")
    return shown, tz


def certificate_notice(ctx: UiContext, user: UserInfo | None, parent: QWidget,
                       opened: Callable[[CertificateNoticeDialog], None]) -> None:
    """Read the physician's unseen issuances on the runner; when there are some, open the
    notice dialog (not blocking) and hand it to ``opened``."""
    if user is None or user.role is not Role.PHYSICIAN:
        return

    def answered(got: tuple[list[CertificateNotice], ZoneInfo]) -> None:
        shown, tz = got
        if not shown or ctx.user is None or ctx.user.id != user.id:
            return
        dlg = CertificateNoticeDialog(ctx, user, shown, parent, tz=tz)
        dlg.open()
        opened(dlg)
    ctx.runner.interactive(parent, _notices, ctx.app, user).success(answered).failure(
        _ignored).wait_briefly()


def _ignored(exc: BaseException) -> None:
    if not isinstance(exc, ChairlogError):
        raise exc


def locked_accounts_text(ctx: UiContext, user: UserInfo | None, owner: QObject,
                         show: Callable[[str], None]) -> None:
    """For an admin: ``show`` the accounts locked now, one line (read on the runner); for
    anyone else ``show("")`` at once."""
    if user is None or user.role is not Role.ADMIN:
        show("")
        return

    def answered(text: str) -> None:
        if ctx.user is not None and ctx.user.id == user.id:
            show(text)
    ctx.runner.interactive(owner, _locked_text, ctx.app, user).success(answered).failure(
        _ignored).wait_briefly()


def _locked_text(app: Chairlog, user: UserInfo) -> str:
    rows = accounts.locked_accounts(app, user)
    if not rows:
        return ""
    listed = ", ".join(
        f"{r.user.username} (until {r.locked_until:%H:%M} UTC, {r.failed_attempts} wrong "
        "passwords)" for r in rows)
    return translate(
        "account_notices", "Locked accounts: {listed}. Unlock in Administration → Users."
    ).format(listed=listed)
