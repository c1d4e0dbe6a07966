"""What sign-in must tell people about their accounts (issue 14, points 3 and 8).

- A physician sees every certificate issued in their name since they last acknowledged one
  (when, and who unlocked the signing authority), and can say it was not them: that
  certificate stops signing at once and is audited (``keys.acknowledge(flag=True)``).
- An admin sees, on the board, which accounts are locked after wrong passwords.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from chairlog.domain import Role, UserInfo
from chairlog.errors import ChairlogError
from chairlog.services import accounts, keys
from chairlog.services.keys import CertificateNotice
from chairlog.ui.context import UiContext
from chairlog.ui.widgets import ErrorBanner, action_row, big_font


class CertificateNoticeDialog(QDialog):
    """Certificates issued in the physician's name: "I asked for this" or "This was not me"."""

    def __init__(self, ctx: UiContext, user: UserInfo, notices: list[CertificateNotice],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.user, self.notices = ctx, user, notices
        self.flagged = False
        self.setWindowTitle("chairlog — certificates issued in your name")
        self.setObjectName("certificateNotice")
        lay = QVBoxLayout(self)
        head = QLabel("New signing certificate in your name")
        head.setFont(big_font(18, bold=True))
        lay.addWidget(head)
        try:
            tz = ZoneInfo(accounts.get_clinic(ctx.app).timezone)
        except (ChairlogError, ValueError):
            tz = ZoneInfo("UTC")
        lines = [
            f"• {n.issued_at.astimezone(tz):%Y-%m-%d %H:%M}: serial {n.serial}, the signing "
            f"authority unlocked by {n.issued_by}" for n in notices
        ]
        self.details = QLabel(
            "Since you last signed in, these certificates were issued for you:\n"
            + "\n".join(lines)
            + "\n\nIf you did not ask for one, say so: it stops signing at once and the "
            "clinic's trail records it.")
        self.details.setWordWrap(True)
        lay.addWidget(self.details)
        self.error = ErrorBanner()
        lay.addWidget(self.error)
        row, self.ok_button, self.flag_button = action_row(
            self, "I asked for this", self.acknowledge, cancel_text="This was not me")
        self.flag_button.clicked.disconnect()
        self.flag_button.clicked.connect(self.flag)
        lay.addLayout(row)

    def _done(self, flag: bool) -> None:
        try:
            keys.acknowledge(self.ctx.app, self.user, [n.key_id for n in self.notices], flag=flag)
        except ChairlogError as exc:
            self.error.show_message(str(exc))
            return
        self.flagged = flag
        self.accept()

    def acknowledge(self) -> None:
        self._done(False)

    def flag(self) -> None:
        self._done(True)


def certificate_notice(ctx: UiContext, user: UserInfo | None,
                       parent: QWidget | None = None) -> CertificateNoticeDialog | None:
    """The notice dialog for a physician with unseen issuances (opened, not blocking)."""
    if user is None or user.role is not Role.PHYSICIAN:
        return None
    try:
        shown = keys.notices(ctx.app, user)
    except ChairlogError:
        return None
    if not shown:
        return None
    dlg = CertificateNoticeDialog(ctx, user, shown, parent)
    dlg.open()
    return dlg


def locked_accounts_text(ctx: UiContext, user: UserInfo | None) -> str:
    """For an admin: the accounts locked now, one line; empty otherwise."""
    if user is None or user.role is not Role.ADMIN:
        return ""
    try:
        rows = accounts.locked_accounts(ctx.app, user)
    except ChairlogError:
        return ""
    if not rows:
        return ""
    listed = ", ".join(
        f"{r.user.username} (until {r.locked_until:%H:%M} UTC, {r.failed_attempts} wrong "
        "passwords)" for r in rows)
    return f"Locked accounts: {listed}. Unlock in Administration → Users."
