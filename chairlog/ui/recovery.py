"""Start-up with a damaged database: offer the newest verified backup.

Decisions:
- chairlog never writes to a database that fails its quick check (``CorruptDatabase``). At
  start the window looks for the newest automatic backup of this database that passes every
  check (integrity, schema, audit chain, sidecar digest) and offers it, naming when it was
  taken and that whatever was charted after it is not in it.
- Restoring keeps the damaged file aside, byte for byte, next to the database
  (``<name>.damaged-<stamp>``), so whoever looks after the computer can still recover entries
  from it; the restore itself is audited in the restored database.
- "Quit" changes nothing. With no verified backup the message says so and points to
  ``chairlog restore``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from chairlog.errors import StorageError
from chairlog.services import backups, restore
from chairlog.ui import tokens
from chairlog.ui.i18n import clock_date, error_text, translate


class RestoreOffer(QMessageBox):
    """'The database is damaged — restore the backup of <when>?' with Restore and Quit."""

    def __init__(self, problem: str, backup: Path, taken: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            QMessageBox.Icon.Critical,
            translate("RestoreOffer", "chairlog — The database is damaged"),
            translate("RestoreOffer", "The database is damaged and chairlog will not write to it."),
            parent=parent,
        )
        self.setInformativeText(
            translate(
                "RestoreOffer",
                "{problem}\n\nThe newest backup that passes every check was taken "
                "{taken}:\n{backup}\n\nRestore it? The damaged file is kept aside next to the "
                "database, unchanged. Anything charted after the backup was taken is not in it — "
                "check the running sessions against the paper notes.",
            ).format(problem=problem, taken=taken, backup=backup)
        )
        role = QMessageBox.ButtonRole
        self.restore_button = self.addButton(
            translate("RestoreOffer", "Restore this backup"), role.AcceptRole
        )
        self.quit_button = self.addButton(
            translate("RestoreOffer", "Quit, change nothing"), role.RejectRole
        )
        self.setDefaultButton(self.quit_button)
        for b in (self.restore_button, self.quit_button):
            b.setMinimumHeight(tokens.TOUCH_PX)


def backup_taken(backup: Path) -> str:
    """When a backup was taken, in local time, from its sidecar."""
    meta = backups.read_sidecar(backup) or {}
    try:
        when = datetime.fromisoformat(str(meta["created_at"])).astimezone()
    except (KeyError, ValueError):
        return translate("recovery", "at an unknown time")
    # the day and month names in the window's language (strftime's are the C locale's)
    return translate("recovery", "{date} {year} at {time} ({zone})").format(
        date=clock_date(when), year=when.year, time=when.strftime("%H:%M"),
        zone=when.strftime("%Z"))


def ask(offer: RestoreOffer) -> bool:
    """True when the user chose to restore (replaced in tests)."""
    offer.exec()
    return offer.clickedButton() is offer.restore_button


def tell(title: str, message: str) -> None:
    """An information box (replaced in tests)."""
    QMessageBox.information(
        None, translate("recovery", "chairlog — {title}").format(title=title), message
    )


def offer_restore(db_url: str | None, exc: StorageError) -> bool:
    """After ``CorruptDatabase`` at start: offer the newest verified backup.

    True when a backup was restored (the caller opens the database again), False when the
    user quit or there is nothing to restore (the caller then shows the error)."""
    found = restore.latest_verified_backup(db_url)
    if found is None:
        return False
    if not ask(RestoreOffer(error_text(exc), found, backup_taken(found))):
        return False
    try:
        info = restore.restore(db_url, found)
    except StorageError as err:
        tell(
            translate("recovery", "Restore failed"),
            translate("recovery", "{err}\n\nNothing was changed.").format(err=error_text(err)),
        )
        return False
    aside = ", ".join(p.name for p in info.moved_aside) or "nothing"
    tell(
        translate("recovery", "Backup restored"),
        translate("recovery", "Restored {name}.\nKept aside: {aside} (in {parent}).").format(
            name=info.restored_from.name, aside=aside, parent=info.database.parent
        ),
    )
    return True
