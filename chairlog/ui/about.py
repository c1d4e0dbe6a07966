"""Help → About chairlog: what clinic IT needs to know about this installation.

Shows the version, the database in use (path or host, never a password), the data, log and
resources folders, and the Qt, PySide6 and Python versions. The text is selectable and
*Copy details* puts it on the clipboard for a support ticket.
"""

from __future__ import annotations

import platform
import sys

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from chairlog import __version__, applog, paths
from chairlog.ui import tokens
from chairlog.ui.context import describe_database
from chairlog.ui.i18n import translate


def about_facts(db_url: str | None) -> list[tuple[str, str]]:
    """(label, value) rows of the About box, in order."""
    return [
        (
            translate("about", "Version"),
            f"chairlog {__version__}"
            + (translate("about", " (standalone bundle)") if paths.frozen() else ""),
        ),
        (
            translate("about", "Database"),
            describe_database(db_url) if db_url else translate("about", "none open"),
        ),
        (translate("about", "Data folder"), str(paths.data_dir())),
        (translate("about", "Log file"), str(applog.log_file())),
        (translate("about", "Resources"), str(paths.resources_dir())),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        (translate("about", "Python"), f"{platform.python_version()} ({sys.platform})"),
        (translate("about", "System"), applog.system_name()),
    ]


def about_text(db_url: str | None) -> str:
    return "\n".join(f"{label}: {value}" for label, value in about_facts(db_url))


class AboutDialog(QDialog):
    def __init__(self, db_url: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("AboutDialog", "About chairlog"))
        self.setObjectName("aboutDialog")
        layout = QVBoxLayout(self)
        title = QLabel(
            translate(
                "AboutDialog",
                "<b>chairlog {version}</b><br>Charting for IV ketamine infusion clinics",
            ).format(version=__version__)
        )
        layout.addWidget(title)
        self.details = QLabel(about_text(db_url))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setObjectName("aboutDetails")
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(translate("AboutDialog", "Copy details"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(tokens.DIALOG_S)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.text())
