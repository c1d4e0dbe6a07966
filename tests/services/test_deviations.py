"""The deviations the physician sees before signing and on the record's first page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from chairlog.errors import CeilingExceeded
from chairlog.services import charting, corrections, deviations, doses, records
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse
from tests.record_helpers import pdf_text
from tests.reliability.helpers.dbs import VITALS

CHECK = ("omar", PASSWORDS["omar"])


def test_every_kind_of_deviation_is_listed_and_printed(clinic: Clinic, tmp_path: Path) -> None:
    s = ready_to_infuse(clinic)
    app, n = clinic.app, clinic.nurse
    doses.start_infusion(app, n, s.id, 0.5)
    clinic.clock.advance(minutes=10)
    charting.record_vitals(app, n, s.id, VITALS)
    doses.change_rate(app, n, s.id, 2.5, override_reason="Dr Lee: breakthrough pain",
                      checked_by=CHECK)
    with pytest.raises(CeilingExceeded):
        doses.change_rate(app, n, s.id, 9, override_reason="order", checked_by=CHECK)
    clinic.clock.advance(minutes=5)
    high = charting.record_vitals(app, n, s.id, {**VITALS, "hr": 130})
    charting.acknowledge_alert(app, n, high.alerts[0].id, "Rechecked, anxious")
    corrections.correct_entry(app, n, high.entry.id, "Typo", hr=103)
    clinic.clock.advance(minutes=40)  # 40 minutes without vitals at a 15-minute interval
    late_at = clinic.clock.now() - timedelta(minutes=30)
    charting.add_note(app, n, s.id, "calm", charted_at=late_at)
    doses.change_rate(app, n, s.id, 0.5)
    doses.stop_infusion(app, n, s.id)
    clinic.clock.advance(minutes=10)
    charting.record_vitals(app, n, s.id, VITALS)
    charting.record_assessment(app, n, s.id, "aldrete", items=[2, 2, 2, 2, 2])
    charting.discharge(app, n, s.id, criteria=dict.fromkeys(charting.DISCHARGE_CRITERIA, True),
                       escort_name="Tom", instructions_given=True,
                       authorisation_reason="Ride leaves now", authorised_by=(
                           "drlee", PASSWORDS["drlee"]))
    devs = deviations.get_deviations(app, s.id)
    kinds = [d.kind for d in devs]
    for kind in ("override", "ceiling_refused", "alert", "correction", "late_entry",
                 "missed_vitals", "early_discharge"):
        assert kind in kinds, (kind, kinds)
    text = " ".join(d.text for d in devs)
    assert "checked by Omar Øster, RN" in text
    assert "authorised by Lee Žukauskas, MD: Ride leaves now" in text
    assert "minimum is 60 min" in text
    assert "acknowledged" in text and "Rechecked, anxious" in text
    pdf = pdf_text(records.export_record(app, s.id), tmp_path)
    page1 = pdf.split("\f")[0]
    assert "Deviations" in page1 and "Override" in page1
    assert "NOT REACHED" in pdf  # monitoring time against the minimum, in the discharge


def test_a_clean_session_says_none(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app, n = clinic.app, clinic.nurse
    doses.start_infusion(app, n, s.id, 0.5)
    for _ in range(4):
        clinic.clock.advance(minutes=15)
        charting.record_vitals(app, n, s.id, VITALS)
    doses.stop_infusion(app, n, s.id)
    for _ in range(4):
        clinic.clock.advance(minutes=15)
        charting.record_vitals(app, n, s.id, VITALS)
    charting.record_assessment(app, n, s.id, "aldrete", items=[2, 2, 2, 2, 2])
    charting.discharge(app, n, s.id, criteria=dict.fromkeys(charting.DISCHARGE_CRITERIA, True),
                       escort_name="Tom", instructions_given=True)
    assert deviations.get_deviations(app, s.id) == []
