"""First start: one short screen creates the clinic, its first administrator, the shipped
protocol templates and four chairs; the login screen follows.

Decisions:
- One page, not a multi-step wizard: five fields are quicker to review on one screen.
- The time zone list is the IANA list (``zoneinfo.available_timezones()``), prefilled with
  this computer's zone (``local_timezone``), and searchable by typing.
- Errors come from the services (``accounts.init_clinic``) and are shown at the field they
  name; the only checks done here are that the passwords and passphrases typed twice match.
- The clinic names who holds the signing authority's passphrase (it may be the medical
  director rather than the administrator); the passphrase is stored nowhere.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import UserInfo
from chairlog.errors import ChairlogError
from chairlog.services import accounts, protocols
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
)

DEFAULT_CHAIRS = 4


def local_timezone() -> str:
    """This computer's IANA zone name: $TZ, /etc/timezone, the /etc/localtime link, else UTC."""
    candidates: list[str] = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    try:
        import tzlocal  # optional; the usual answer on Windows

        candidates.append(str(tzlocal.get_localzone_name() or ""))
    except Exception:
        pass
    zones = available_timezones()
    for name in candidates:
        if name in zones:
            try:
                ZoneInfo(name)
            except Exception:
                continue
            return name
    return "UTC"


class SetupDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.admin: UserInfo | None = None
        self.warning = ""
        self.setWindowTitle(translate("SetupDialog", "chairlog — set up this clinic"))
        self.setMinimumWidth(tokens.DIALOG_XL)
        lay = QVBoxLayout(self)
        head = QLabel(translate("SetupDialog", "Welcome to chairlog"))
        head.setFont(big_font(tokens.PT_5XL, bold=True))
        lay.addWidget(head)
        intro = QLabel(
            translate(
                "SetupDialog",
                "This database is empty. Name the clinic and create the first "
                "administrator account. Protocol templates and four chairs are added "
                "for you; the administrator can change them and add nurses and "
                "physicians afterwards.",
            )
        )
        intro.setWordWrap(True)
        intro.setFont(big_font(tokens.PT_BASE))
        lay.addWidget(intro)
        self.banner = ErrorBanner()
        self.errors = FieldErrors(self.banner)
        form = QFormLayout()
        self.clinic_name = self._line()
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.setMinimumHeight(tokens.TOUCH_PX)
        self.timezone.setFont(big_font(tokens.PT_M))
        zones = sorted(available_timezones())
        self.timezone.addItems(zones)
        completer = QCompleter(zones, self.timezone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.timezone.setCompleter(completer)
        self.timezone.setCurrentText(local_timezone())
        self.username = self._line(translate("SetupDialog", "e.g. mreyes (lower case)"))
        self.full_name = self._line()
        self.password = self._line(password=True)
        self.password_again = self._line(password=True)
        self.ca_holder = self._line(
            translate("SetupDialog", "e.g. the medical director (default: the administrator)")
        )
        self.ca_passphrase = self._line(password=True)
        self.ca_passphrase_again = self._line(password=True)
        rows = (
            (translate("SetupDialog", "Clinic name"), "clinic_name", self.clinic_name),
            (translate("SetupDialog", "Time zone"), "timezone", self.timezone),
            (translate("SetupDialog", "Administrator username"), "username", self.username),
            (translate("SetupDialog", "Administrator full name"), "full_name", self.full_name),
            (translate("SetupDialog", "Password (8+ characters)"), "password", self.password),
            (translate("SetupDialog", "Password again"), "password_again", self.password_again),
            (translate("SetupDialog", "Signing authority held by"), "ca_holder", self.ca_holder),
            (
                translate(
                    "SetupDialog", "Authority passphrase (12+ characters; only its holder keeps it)"
                ),
                "ca_passphrase",
                self.ca_passphrase,
            ),
            (
                translate("SetupDialog", "Authority passphrase again"),
                "ca_passphrase_again",
                self.ca_passphrase_again,
            ),
        )
        for text, name, widget in rows:
            form.addRow(form_label(text, 12), widget)
            form.addRow("", self.errors.label_for(name, widget))
        lay.addLayout(form)
        lay.addWidget(self.banner)
        self.busy_label = QLabel()
        lay.addWidget(self.busy_label)
        buttons, self.create_button, _quit = action_row(
            self,
            translate("SetupDialog", "Create clinic"),
            self.submit,
            cancel_text=translate("SetupDialog", "Quit"),
        )
        lay.addLayout(buttons)
        self.runner = BusyRunner(ctx, (self.create_button,), self.busy_label)
        self.clinic_name.setFocus()

    @staticmethod
    def _line(placeholder: str = "", *, password: bool = False) -> QLineEdit:
        e = QLineEdit()
        e.setFont(big_font(tokens.PT_M))
        e.setMinimumHeight(tokens.TOUCH_PX)
        e.setPlaceholderText(placeholder)
        if password:
            e.setEchoMode(QLineEdit.EchoMode.Password)
        return e

    def submit(self) -> None:
        self.errors.clear()
        if self.password.text() != self.password_again.text():
            self.errors.show_text(
                "password_again",
                translate("SetupDialog", "The two passwords differ: type the same password twice."),
            )
            return
        if self.ca_passphrase.text() != self.ca_passphrase_again.text():
            self.errors.show_text(
                "ca_passphrase_again",
                translate("SetupDialog", "The two passphrases differ: type the same one twice."),
            )
            return
        app = self.ctx.app
        # read on the UI thread; the worker only gets the values
        fields: dict[str, Any] = dict(
            clinic_name=self.clinic_name.text(),
            timezone=self.timezone.currentText().strip(),
            admin_username=self.username.text().strip(),
            admin_full_name=self.full_name.text(), admin_password=self.password.text(),
            ca_passphrase=self.ca_passphrase.text(), ca_holder=self.ca_holder.text())

        def create() -> tuple[UserInfo, str]:
            # key generation and password hashing: seconds, never on the UI thread
            admin = accounts.init_clinic(app, **fields)
            warning = ""
            try:
                protocols.install_default_protocols(app, admin)
                if not protocols.list_chairs(app):
                    for n in range(1, DEFAULT_CHAIRS + 1):
                        protocols.add_chair(
                            app, admin, translate("SetupDialog", "Chair {n}").format(n=n)
                        )
            except ChairlogError as exc:  # the clinic exists; the admin can finish in Admin
                warning = translate(
                    "SetupDialog",
                    "The clinic was created, but the protocols or chairs were not: {exc} Add them "
                    "in Admin.",
                ).format(exc=error_text(exc))
            return admin, warning

        self.runner.run(create, self._created, self._refused,
                        translate("SetupDialog", "Creating the clinic and its signing authority…"))

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def _created(self, result: tuple[UserInfo, str]) -> None:
        self.admin, self.warning = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError):
            raise exc
        self.errors.show(exc)
