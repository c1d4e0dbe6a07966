"""On the board and in the session page (issue 13): a record returned to the nurse shows as
"Returned by Dr X: reason" and goes back to the queue when marked ready; the shift handover
opens from the board (button and Ctrl+Shift+H) and prints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from chairlog.services import returns, views
from chairlog.ui.handover_dialog import HandoverDialog
from chairlog.ui.main_window import MainWindow
from chairlog.ui.session.page import SessionPage
from tests.conftest import Clinic, ready_to_infuse
from tests.record_helpers import discharged_session, pdf_text


def test_returned_record_on_the_tile_and_in_the_session(
        window: MainWindow, clinic: Clinic, qtbot: Any) -> None:
    sid = discharged_session(clinic, extras=False)
    returns.return_to_nurse(clinic.app, clinic.physician, sid, "Post-infusion pain missing")
    window.board.reload()
    tile = window.board.tiles[clinic.chairs[0].id]
    assert tile.returned.isVisible()
    texts = [lab.text() for lab in tile.returned.findChildren(type(window.board.summary_label))
             if lab.objectName() == "returnedText"]
    assert texts == ["↩ Returned by Lee Žukauskas, MD: Post-infusion pain missing — "
                     "Ødegård, Zoë"]
    assert not window.board.tiles[clinic.chairs[1].id].returned.isVisible()
    # Open record: the session page says it too, and the nurse marks it ready
    button = next(b for b in tile.returned.findChildren(type(window.board.handover_button))
                  if b.objectName() == "openReturned")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    page = window.pages[sid]
    assert isinstance(page, SessionPage)
    assert page.returned.isVisible()
    assert page.returned.text.text() == ("↩ Returned by Lee Žukauskas, MD: Post-infusion "
                                         "pain missing")
    page.returned.note.setText("Pain 2 charted")
    qtbot.mouseClick(page.returned.ready_button, Qt.MouseButton.LeftButton)
    assert not page.returned.isVisible()
    assert [q.id for q in views.signing_queue(clinic.app)] == [sid]
    qtbot.waitUntil(lambda: not tile.returned.isVisible(), timeout=10000)


def test_handover_from_the_board_previews_and_prints(
        window: MainWindow, clinic: Clinic, qtbot: Any, tmp_path: Path) -> None:
    from chairlog.services import doses

    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=10)
    window.board.reload()
    window.board.show()
    qtbot.keyClick(window, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dlg = window.board.handover_dialog
    assert isinstance(dlg, HandoverDialog)
    qtbot.waitUntil(lambda: dlg.preview.page_count > 0, timeout=20000)
    assert dlg.preview.page_count == 1 and dlg.print_button.isEnabled()
    assert dlg.pdf is not None
    text = pdf_text(dlg.pdf, tmp_path)
    assert "Shift handover" in text and "Ødegård" in text
    out = tmp_path / "printed-handover.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(120)
    assert dlg.print_to(printer) == 1
    assert out.stat().st_size > 5_000 and "Printed the handover (1 page)" in dlg.status.text()
    dlg.reject()
    assert window.board.show_handover() is not dlg  # the button opens a new one
