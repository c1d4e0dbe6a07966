"""The PDF record in a clinic that chose lb and °F: the weight in lb with the stored dosing kg
beside it, temperatures in °F (the table says so and that °C is stored); a kg/°C clinic's
record is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from chairlog.present.units import Units
from chairlog.reports.record_pdf import build_record_pdf
from chairlog.services import accounts, charting, records
from tests.conftest import Clinic, ready_to_infuse
from tests.record_helpers import flat, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")
SET: dict[str, Any] = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}


def session_with_temperature(clinic: Clinic) -> int:
    s = ready_to_infuse(clinic, weight=69.8532)  # 154 lb typed at check-in
    clinic.clock.advance(minutes=3)
    charting.record_vitals(clinic.app, clinic.nurse, s.id, {**SET, "temp_c": 37.0})
    return int(s.id)


def test_record_follows_the_clinic_units(clinic: Clinic, tmp_path: Path) -> None:
    sid = session_with_temperature(clinic)
    accounts.update_clinic(clinic.app, clinic.admin,
                           expected_version=accounts.get_clinic(clinic.app).version,
                           weight_unit="lb", temperature_unit="F")
    rec = records.record_data(clinic.app, sid)
    assert rec.units == Units("lb", "F")
    text = flat(pdf_text(build_record_pdf(rec), tmp_path))
    assert "154 lb (69.85 kg)" in text            # header: lb with the stored kg
    assert "Dosing weight 69.9 kg (154 lb)" in text  # dose summary: the kg the doses used
    assert "start °F" in text  # the table's "Temp °F" heading wraps under "From start"
    assert "14 98.6 baseline" in text              # the vitals row, in °F
    assert "temperature in °F, from the stored °C" in text
    assert "T 98.6°F" in text                      # the timeline line
    assert "37.0 °C" not in text and "Temp °C" not in text


def test_celsius_record_unchanged(clinic: Clinic, tmp_path: Path) -> None:
    sid = session_with_temperature(clinic)
    text = flat(pdf_text(build_record_pdf(records.record_data(clinic.app, sid)), tmp_path))
    assert "start °C" in text and "14 37.0 baseline" in text and "T 37.0°C" in text
    assert "temperature in °C" in text
    assert "69.9 kg" in text and " lb" not in text and "°F" not in text
