"""The series screen: the table and the QPainter chart show the service's series; the PDF is
exported on the background worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chairlog.services import series
from chairlog.ui.history import PatientHistoryDialog
from chairlog.ui.series import SeriesDialog
from tests.record_helpers import discharged_session


def test_series_dialog_shows_the_series_and_exports(clinic: Any, ctx: Any, qtbot: Any,
                                                    tmp_path: Path) -> None:
    first = discharged_session(clinic)
    clinic.clock.advance(hours=26)
    discharged_session(clinic, minutes=30, extras=False)
    want = series.patient_series(clinic.app, clinic.nurse, clinic.patient.mrn)
    dlg = SeriesDialog(ctx, clinic.patient.mrn)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 2, timeout=10000)
    assert dlg.model.index(0, 4).data() == "7" and dlg.model.index(0, 5).data() == "3"
    assert dlg.model.index(0, 8).data() == "Nausea ×1"
    assert dlg.model.report is not None
    assert dlg.model.report.sessions[0].session_id == first
    assert dlg.model.report.ketamine_total_mg == want.ketamine_total_mg
    assert "Nausea 1" in dlg.totals.text()
    before, after, bars = dlg.chart.points()
    assert len(before) == len(after) == len(bars) == 2
    plot = dlg.chart.plot_rect()
    # pain 7 before, 3 after: the before point sits higher (smaller y) than the after point
    assert before[0].y() < after[0].y()
    assert abs(before[0].y() - (plot.bottom() - plot.height() * 0.7)) < 1e-6
    tallest = max(bars, key=lambda b: b.height())
    assert abs(tallest.height() - plot.height()) < 1e-6
    dlg.chart.grab()  # paints without error
    out = tmp_path / "series.pdf"
    dlg.export_to(out)
    qtbot.waitUntil(lambda: "Saved" in dlg.status.text(), timeout=20000)
    assert out.read_bytes().startswith(b"%PDF")
    dlg.close()


def test_history_opens_the_series(clinic: Any, ctx: Any, qtbot: Any) -> None:
    discharged_session(clinic, extras=False)
    dlg = PatientHistoryDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.search.setText(clinic.patient.mrn)
    dlg._search_now()
    dlg.show_series()
    sub = dlg.series_dialog
    qtbot.addWidget(sub)
    qtbot.waitUntil(lambda: sub.model.rowCount() == 1, timeout=10000)
    assert sub.mrn == clinic.patient.mrn
    sub.close()
    dlg.close()
