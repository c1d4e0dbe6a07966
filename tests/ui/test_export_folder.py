"""Export dialogs start where the user expects: the first export in Documents with a name that
says what the file is, the next one (from any export dialog) in the folder last used on this
workstation. Documents is a temporary folder here, and the remembered folder lives in the
test's CHAIRLOG_HOME: nothing touches the real user folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths

from chairlog import paths
from chairlog.ui import export_folder
from chairlog.ui.main_window import MainWindow
from chairlog.ui.series import SeriesDialog
from tests.record_helpers import discharged_session


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    docs = tmp_path / "Documents"
    docs.mkdir()
    real = QStandardPaths.writableLocation

    def location(which: QStandardPaths.StandardLocation) -> str:
        if which == QStandardPaths.StandardLocation.DocumentsLocation:
            return str(docs)
        return real(which)

    monkeypatch.setattr(export_folder.QStandardPaths, "writableLocation", staticmethod(location))
    return docs


class FakeSaveDialog:
    """``QFileDialog.getSaveFileName``: records where it started, answers ``answer``."""

    def __init__(self) -> None:
        self.started: list[Path] = []
        self.answer = ""

    def __call__(self, _parent: Any, _title: str, start: str, _filters: str) -> tuple[str, str]:
        self.started.append(Path(start))
        return self.answer, ""


@pytest.fixture
def save_dialog(monkeypatch: pytest.MonkeyPatch) -> FakeSaveDialog:
    fake = FakeSaveDialog()
    monkeypatch.setattr(export_folder.QFileDialog, "getSaveFileName", staticmethod(fake))
    return fake


def test_first_export_in_documents_next_in_the_last_folder(
        clinic: Any, ctx: Any, window: MainWindow, qtbot: Any, tmp_path: Path,
        documents: Path, save_dialog: FakeSaveDialog) -> None:
    sid = discharged_session(clinic)
    mrn = clinic.patient.mrn
    today = clinic.app.now().strftime("%Y-%m-%d")
    series = SeriesDialog(ctx, mrn)
    qtbot.addWidget(series)
    series.show()
    qtbot.waitUntil(lambda: series.export_button.isEnabled(), timeout=10_000)
    usb = tmp_path / "usb stick"
    usb.mkdir()
    save_dialog.answer = str(usb / "for the GP.pdf")
    series.export_button.click()
    assert save_dialog.started == [documents / f"series-{mrn}-{today}.pdf"]
    qtbot.waitUntil(lambda: "Saved" in series.status.text(), timeout=20_000)
    assert (usb / "for the GP.pdf").read_bytes().startswith(b"%PDF")
    assert (paths.data_dir() / export_folder.REMEMBERED).read_text(encoding="utf-8") == str(usb)

    # the next export, from another dialog, starts in the folder just used
    history = window.find_patient()
    assert history is not None
    qtbot.keyClicks(history.search, mrn)
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=10_000)
    history.table.selectRow(0)
    save_dialog.answer = ""  # cancelled: nothing is written, the folder stays
    history.export_button.click()
    assert save_dialog.started[1].parent == usb
    summary = history.model.rows[0].session
    day = (summary.infusion_started_at or summary.checked_in_at).astimezone(history.model.tz)
    assert save_dialog.started[1].name == \
        f"record-S-{sid:06d}-{export_folder.safe_name(mrn)}-{day:%Y-%m-%d}.pdf"
    assert last_folder_is(usb)


def last_folder_is(folder: Path) -> bool:
    return export_folder.last_folder() == folder


def test_a_vanished_folder_falls_back_to_documents(tmp_path: Path, documents: Path,
                                                   save_dialog: FakeSaveDialog) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    export_folder.remember(stick / "a.pdf")
    assert export_folder.start_path("b.pdf") == stick / "b.pdf"
    stick.rmdir()  # the USB stick was pulled
    assert export_folder.start_path("b.pdf") == documents / "b.pdf"


def test_file_names_keep_to_safe_characters() -> None:
    assert export_folder.safe_name("series-MRN/10 001:x-2026-12-02.pdf") == \
        "series-MRN-10-001-x-2026-12-02.pdf"
    assert export_folder.safe_name("Ødegård.pdf") == "Ødegård.pdf"
