"""The sign dialog's credentials: a signing sitting opened with username and password once,
then each record signed with a click (``services.sitting``; 21 CFR Part 11 §11.200(a)(1)(i)).

Decisions:
- With no sitting open, the physician types their username and password (or token PIN); the
  first signature opens the sitting on the worker thread and signs in the same call. While the
  sitting is open the fields are hidden and a line says since when, how many records were
  signed, and that it ends after 10 minutes without a signature; *End sitting* ends it now.
- The password is cleared from its field as soon as it is read and never kept; the sitting
  holds the opened key only (in the service). The screen lock closes the key at once (no
  database call on the lock path) and the end is audited on the worker; closing the dialog
  ends the sitting the same way.
- A sitting that ended meanwhile (idle limit) is refused by the service; the fields come back
  with the reason, and the next signature opens a new sitting. When the very first record is
  refused (incomplete, changed meanwhile), the sitting just opened is ended at once: nothing
  was signed in it and the physician types the credentials again with the next signature.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from chairlog.domain import SignedRecordInfo
from chairlog.errors import ChairlogError
from chairlog.present.times import local_time
from chairlog.services import keys, sitting
from chairlog.services.sitting import SigningSitting
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import translate

Work = Callable[[], tuple[SigningSitting, SignedRecordInfo]]


class SittingControls(QWidget):
    """Username, password and the sitting's status line (see the module's decisions)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sitting: SigningSitting | None = None
        self.tz: Any = None
        on_token = False
        with contextlib.suppress(ChairlogError):
            on_token = ctx.user is not None and keys.uses_token(ctx.app, ctx.user)
        self.username = QLineEdit()
        self.username.setObjectName("signUsername")
        self.username.setAccessibleName(
            translate("SittingControls", "Your username, to open the signing sitting")
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("signPassword")
        self.password.setAccessibleName(
            translate("SittingControls", "Token PIN")
            if on_token
            else translate("SittingControls", "Your password")
        )
        self.password.setPlaceholderText(
            translate("SittingControls", "the PIN of your smart card or USB token")
            if on_token
            else ""
        )
        self.username_label = QLabel(translate("SittingControls", "Your username"))
        self.password_label = QLabel(
            translate("SittingControls", "Token PIN")
            if on_token
            else translate("SittingControls", "Your password")
        )
        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(self.password_label, self.password)
        self.status = QLabel()
        self.status.setObjectName("sittingStatus")
        self.status.setWordWrap(True)
        self.end_button = QPushButton(translate("SittingControls", "End sitting"))
        self.end_button.setObjectName("endSitting")
        self.end_button.setAutoDefault(False)
        self.end_button.clicked.connect(lambda: self.end("ended by the physician"))
        line = QHBoxLayout()
        line.addWidget(self.status, 1)
        line.addWidget(self.end_button)
        outer = QFormLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addRow(self.form)
        outer.addRow(line)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(15_000)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start()
        self._show()

    # ---- state -----------------------------------------------------------------------------
    def is_open(self) -> bool:
        s = self.sitting
        return s is not None and s.open_at(self.ctx.app.now())

    def _show(self) -> None:
        open_ = self.is_open()
        for w in (self.username, self.password, self.username_label, self.password_label):
            w.setVisible(not open_)
        self.end_button.setVisible(open_)
        s = self.sitting
        if open_ and s is not None:
            since = local_time(s.opened_at, self.tz) if self.tz else s.opened_at.strftime("%H:%M")
            self.status.setText(
                translate(
                    "SittingControls",
                    "<b>Signing sitting open</b> since {since} — {value} signed. Each record is "
                    "still signed on its own; the sitting ends after 10 minutes without signing, "
                    "when the screen locks, or with End sitting.",
                ).format(since=since, value=len(s.signed))
            )
        else:
            self.status.setText(
                translate(
                    "SittingControls",
                    "The first signature asks for your username and password; "
                    "the next ones in this sitting do not.",
                )
            )

    def focus(self) -> None:
        (self.password if self.username.text().strip() else self.username).setFocus()
        if self.is_open():
            self.end_button.setFocus()

    # ---- signing ---------------------------------------------------------------------------
    def work_for(self, session_id: int, meaning: str, comment: str) -> Work | str:
        """The background call that signs ``session_id`` (opening the sitting first if
        needed), or a line saying what is missing."""
        app, user = self.ctx.app, self.ctx.require_user()
        self.check_idle()
        current = self.sitting if self.is_open() else None
        if current is not None:
            held = current

            def in_sitting() -> tuple[SigningSitting, SignedRecordInfo]:
                return held, sitting.sign_in_sitting(app, held, session_id, meaning=meaning,
                                                     comment=comment)
            return in_sitting
        username, password = self.username.text().strip(), self.password.text()
        self.password.clear()
        if not username or not password:
            return translate(
                "SittingControls", "Enter your username and password to open the signing sitting."
            )
        self._forget()

        def opening() -> tuple[SigningSitting, SignedRecordInfo]:
            opened = sitting.open_sitting(app, user, username, password)
            try:
                return opened, sitting.sign_in_sitting(app, opened, session_id,
                                                       meaning=meaning, comment=comment)
            except ChairlogError:
                opened.close()  # a refused first record: the sitting is not kept
                sitting.end_sitting(
                    app, opened, "first record refused"
                )
                raise
        return opening

    def check_idle(self) -> None:
        """A sitting past its idle limit is ended (the fields come back); every 15 s too."""
        if self.sitting is not None and not self.is_open():
            self.end("ended after 10 minutes without signing")

    def signed(self, opened: SigningSitting) -> None:
        self.sitting = opened
        self._show()

    def failed(self) -> None:
        """After a refusal: a sitting that ended shows the fields again."""
        self.check_idle()
        self._show()

    def _forget(self) -> None:
        if self.sitting is not None:
            self.end("replaced")

    def end(self, why: str) -> None:
        """Close the key now; audit the end on the worker (nothing to do if none is open)."""
        s, self.sitting = self.sitting, None
        self.password.clear()
        if s is not None:
            s.close()
            app = self.ctx.app
            # owned by the runner, not this panel: the end is recorded even if the dialog closes
            self.ctx.runner.interactive(self.ctx.runner, sitting.end_sitting, app, s, why).failure(
                _ignore)
        self._show()

    def set_timezone(self, tz: Any) -> None:
        self.tz = tz


def _ignore(_result: object) -> None:
    """The sitting's end is audited in the background; nothing to show either way."""
