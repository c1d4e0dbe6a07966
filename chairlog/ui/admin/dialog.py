"""The administration window: tabs Users, Chairs, Protocols, Clinic.

Opened from the main window's menu for the signed-in user. The services refuse anyone but an
admin (the window says so up front for other roles rather than hiding itself), and every
change lands in the audit trail with its before, after and reason.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from chairlog.domain import Role
from chairlog.ui.admin.chairs import ChairsTab
from chairlog.ui.admin.clinic import ClinicTab
from chairlog.ui.admin.protocols import ProtocolsTab
from chairlog.ui.admin.users import UsersTab
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import translate
from chairlog.ui.widgets import BigButton, ErrorBanner


class AdminDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("AdminDialog", "Administration"))
        self.resize(1000, 720)
        lay = QVBoxLayout(self)
        self.banner = ErrorBanner()
        user = ctx.user
        if user is None or user.role is not Role.ADMIN:
            who = user.role.value if user is not None else "nobody"
            self.banner.show_message(
                translate(
                    "AdminDialog",
                    "You are signed in as {who}: only an admin can change these settings. Changes "
                    "will be refused.",
                ).format(who=who)
            )
        lay.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.users_tab = UsersTab(ctx)
        self.chairs_tab = ChairsTab(ctx)
        self.protocols_tab = ProtocolsTab(ctx)
        self.clinic_tab = ClinicTab(ctx)
        self.tabs.addTab(self.users_tab, translate("AdminDialog", "Users"))
        self.tabs.addTab(self.chairs_tab, translate("AdminDialog", "Chairs"))
        self.tabs.addTab(self.protocols_tab, translate("AdminDialog", "Protocols"))
        self.tabs.addTab(self.clinic_tab, translate("AdminDialog", "Clinic"))
        lay.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        close = BigButton(translate("AdminDialog", "Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
