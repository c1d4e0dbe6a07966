"""Where an export's save dialog starts, and the default file name it offers.

Every export dialog of the window (a record, a patient's series, the audit trail, the shift
handover) asks through ``ask_save_path``: the dialog opens in the folder last used for an
export on this workstation, else in the user's Documents folder, with a file name that says
what the file is.

Decisions:
- "This workstation" is this computer's chairlog data folder (``paths.data_dir``, where the
  board snapshot lives too): the folder is remembered in ``last-export-folder.txt`` there,
  for every user of this computer account — an export folder is a property of the desk (the
  clinic's shared drive, a USB stick), not of the nurse. It is not kept in the database: the
  clinic's other workstations have other drives.
- The folder is remembered when the user chooses a path in the dialog (it is where they
  looked), whether or not the write then succeeds. A remembered folder that no longer exists
  (a USB stick pulled) is passed over: Documents again, or the home folder when a computer
  has no Documents folder.
- File names carry the record number, the MRN and the date, never the patient's name (a file
  name is seen in folder listings and on shared drives); characters a file system refuses are
  replaced by "-".
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from chairlog.paths import data_dir

REMEMBERED = "last-export-folder.txt"

log = logging.getLogger(__name__)


def safe_name(name: str) -> str:
    """``name`` with every run of characters outside letters, digits, ``.``, ``_`` and ``-``
    replaced by one "-"."""
    return re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-") or "export"


def documents_folder() -> Path:
    """The user's Documents folder (Qt's standard location), or the home folder if there is
    none on this computer."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def last_folder() -> Path | None:
    """The folder last used for an export on this workstation, if it still exists."""
    try:
        text = (data_dir() / REMEMBERED).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text and Path(text).is_dir() else None


def remember(path: Path) -> None:
    """Keep ``path``'s folder as this workstation's last export folder (a failure to write it
    only loses the convenience, so it is logged, not shown)."""
    try:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / REMEMBERED).write_text(str(path.resolve().parent), encoding="utf-8")
    except OSError as exc:
        log.warning("last export folder not remembered: %s", exc)


def start_path(file_name: str) -> Path:
    """Where the save dialog starts: the last export folder, else Documents, and the name."""
    return (last_folder() or documents_folder()) / safe_name(file_name)


def ask_save_path(parent: QWidget, title: str, file_name: str, filters: str) -> Path | None:
    """The save dialog for an export, started at ``start_path(file_name)``; the path chosen
    (remembered for the next export) or None when the user cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(start_path(file_name)),
                                                  filters)
    if not chosen:
        return None
    path = Path(chosen)
    remember(path)
    return path
