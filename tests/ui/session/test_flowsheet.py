"""The flowsheet tab (issue 13 point 6): a column per charted time with the same figures as
the timeline and the timer strip; keyboard; the newest column in view; printing the record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from chairlog.domain import EntryKind
from chairlog.present.numbers import fmt
from chairlog.services import charting, doses, records, views
from chairlog.ui.printing import print_pdf
from chairlog.ui.session.timer_panel import timer_figures
from tests.conftest import Clinic, ready_to_infuse
from tests.record_helpers import discharged_session, pdf_text


def _charted(clinic: Clinic) -> int:
    s = ready_to_infuse(clinic)  # 80 kg, baseline vitals, pain 7
    app, n = clinic.app, clinic.nurse
    clinic.clock.advance(minutes=5)
    doses.start_infusion(app, n, s.id, 90, "mg/h")
    clinic.clock.advance(minutes=15)
    charting.record_vitals(app, n, s.id, {"hr": 81, "sbp": 131, "dbp": 84, "spo2": 97, "rr": 13})
    charting.record_assessment(app, n, s.id, "rass", -1)
    charting.record_side_effect(app, n, s.id, "nausea", "mild", "none")
    clinic.clock.advance(minutes=15)
    doses.change_rate(app, n, s.id, 1.0)
    charting.record_vitals(app, n, s.id, {"hr": 77, "sbp": 127, "dbp": 80, "spo2": 98, "rr": 14})
    return s.id


def test_flowsheet_shows_the_timelines_figures(clinic: Clinic, open_page: Any,
                                               qtbot: Any) -> None:
    sid = _charted(clinic)
    page = open_page(sid)
    page.record_tabs.setCurrentIndex(page.flowsheet_tab)
    sheet = page.flowsheet.model.sheet
    view = views.get_session(clinic.app, sid)
    # one column per charted minute with a measure: baseline, start, +15, +30
    assert [c.since_start for c in sheet.columns] == ["", "+0:00", "+0:15", "+0:30"]
    vit = view.vitals
    assert sheet.row("hr").cells == (str(vit[0].data["hr"]), "", "81", "77")
    assert sheet.row("bp").cells[2:] == ("131/84", "127/80")
    assert sheet.row("scale:pain_nrs").cells[0] == "7"
    assert sheet.row("scale:rass").cells[2] == "-1"
    assert "Nausea (mild)" in sheet.row("side_effects").cells[2]
    # the rate and dose at each column: the same figures as the timer strip at that moment
    last = sheet.columns[-1].at
    strip = timer_figures(view, last, page.tz)
    assert f"{sheet.row('rate_kg').cells[-1]} mg/kg/h" == strip.rate.big == "1 mg/kg/h"
    assert f"{sheet.row('dose_mg').cells[-1]} mg" == strip.dose.big
    assert sheet.row("rate_kg").cells[1:3] == ("1.13", "1.13")
    assert sheet.row("dose_mg").cells[2] == fmt(view.cumulative_mg(sheet.columns[2].at))
    # the timeline shows the same values in its entries
    timeline_rows = [page.timeline.model.entry_at(r) for r in
                     range(page.timeline.model.rowCount())]
    hr_in_timeline = sorted(e.data["hr"] for e in timeline_rows if e.kind is EntryKind.VITALS)
    assert sorted(int(x) for x in sheet.row("hr").cells if x) == hr_in_timeline
    # the model's header names each row and each column
    m = page.flowsheet.model
    assert m.headerData(0, Qt.Orientation.Vertical) == "HR /min"
    assert m.headerData(2, Qt.Orientation.Horizontal).split("\n")[1] == "+0:15"
    assert "HR /min at" in m.data(m.index(0, 2), Qt.ItemDataRole.AccessibleTextRole)


def test_flowsheet_keyboard_and_newest_column(clinic: Clinic, open_page: Any, qtbot: Any,
                                              keys: Any) -> None:
    sid = _charted(clinic)
    for i in range(12):  # enough columns to scroll
        clinic.clock.advance(minutes=5)
        charting.record_vitals(clinic.app, clinic.nurse, sid,
                               {"hr": 70 + i, "sbp": 120, "dbp": 80, "spo2": 98, "rr": 14})
    page = open_page(sid)
    page.resize(1366, 768)
    page.record_tabs.setCurrentIndex(page.flowsheet_tab)
    table = page.flowsheet.table
    qtbot.waitUntil(lambda: table.isVisible())
    page.flowsheet.show_newest()
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    table.setFocus()
    table.setCurrentIndex(page.flowsheet.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == 1
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()  # Tab leaves the table
    # a new entry: the newest column stays in view
    clinic.clock.advance(minutes=5)
    charting.record_vitals(clinic.app, clinic.nurse, sid,
                           {"hr": 99, "sbp": 120, "dbp": 80, "spo2": 98, "rr": 14})
    page.reload()
    assert page.flowsheet.model.sheet.row("hr").cells[-1] == "99"
    assert bar.value() == bar.maximum()


def test_print_the_record_to_a_pdf_printer(clinic: Clinic, tmp_path: Path, qtbot: Any) -> None:
    sid = discharged_session(clinic, extras=False)
    pdf = records.export_record(clinic.app, sid)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(150)
    pages = print_pdf(pdf, printer)
    assert pages >= 2
    assert out.stat().st_size > 10_000
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    buf = QBuffer()
    buf.setData(QByteArray(out.read_bytes()))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buf)
    assert doc.pageCount() == pages
    # the source really was the record (its text is in the file that was printed)
    assert records.record_id(sid) in pdf_text(pdf, tmp_path)
    doc.close()


def test_print_button_asks_first_and_cancel_prints_nothing(clinic: Clinic, open_page: Any,
                                                           qtbot: Any) -> None:
    sid = discharged_session(clinic, extras=False)
    page = open_page(sid)
    page.record_tabs.setCurrentIndex(page.flowsheet_tab)
    qtbot.mouseClick(page.flowsheet.print_button, Qt.MouseButton.LeftButton)
    dialog = page.flowsheet.print_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == f"Print record {records.record_id(sid)}"
    dialog.reject()
    assert page.message.text() == ""  # nothing built, nothing printed
