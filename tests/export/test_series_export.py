"""A patient's series: pain before/after, ketamine per session and per series, side effects;
the PDF report for the referring physician."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chairlog.domain import EntryKind
from chairlog.errors import NotFound, ValidationError
from chairlog.services import audit_log, corrections, series, views
from tests.conftest import Clinic
from tests.record_helpers import discharged_session, flat, pdf_text


def test_series_agrees_with_each_session(clinic: Clinic, tmp_path: Path) -> None:
    c = clinic
    first = discharged_session(c)
    c.clock.advance(hours=30)
    second = discharged_session(c, minutes=45, extras=False)
    c.clock.advance(hours=30)
    third = discharged_session(c, minutes=30, extras=False)
    # a pain score entered in error does not count
    v3 = views.get_session(c.app, third)
    after = next(e for e in v3.active_entries(EntryKind.ASSESSMENT)
                 if e.data["scale"] == "pain_nrs" and e.data.get("phase") == "after")
    corrections.mark_entered_in_error(c.app, c.nurse, after.id, "Other patient's score")
    report = series.patient_series(c.app, c.physician, c.patient.mrn)
    assert [s.session_id for s in report.sessions] == [first, second, third]
    total = 0.0
    for s in report.sessions:
        v = views.get_session(c.app, s.session_id)
        assert v.discharged_at is not None
        assert s.ketamine_mg == pytest.approx(v.cumulative_mg(v.discharged_at), rel=1e-9)
        assert s.ketamine_mg_per_kg == pytest.approx(s.ketamine_mg / v.weight_kg)
        total += s.ketamine_mg
        assert s.pain_before == 7
    assert [s.pain_after for s in report.sessions] == [3, 3, None]
    assert report.ketamine_total_mg == pytest.approx(total)
    assert report.sessions[0].side_effects == {"nausea": 1}
    assert report.side_effect_counts == {"nausea": 1}

    pdf = series.export_series_pdf(c.app, c.physician, c.patient.mrn)
    assert pdf.startswith(b"%PDF")
    text = flat(pdf_text(pdf, tmp_path))
    assert "Ødegård" in text and c.patient.mrn in text
    compact = text.replace(" ", "")
    assert "7→3" in compact and "7→—" in compact
    assert "Nausea: 1" in text
    rows = [r for r in audit_log.list_audit(c.app, c.physician) if r.action == "export.series"]
    assert len(rows) == 1 and rows[0].after is not None and rows[0].after["sessions"] == 3
    # same series, same bytes (invariant mode)
    assert series.export_series_pdf(c.app, c.physician, c.patient.mrn) == pdf


def test_series_refusals(clinic: Clinic) -> None:
    with pytest.raises(NotFound, match="No patient with MRN NOPE"):
        series.patient_series(clinic.app, clinic.physician, "NOPE")
    with pytest.raises(ValidationError):
        series.patient_series(clinic.app, clinic.physician, "")
    empty: Any = series.patient_series(clinic.app, clinic.nurse, clinic.patient2.mrn)
    assert empty.sessions == () and empty.ketamine_total_mg == 0
