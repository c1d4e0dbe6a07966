"""Charting services: validation names the field and writes nothing; alerts; corrections."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from chairlog.db.models import AuditLog, ChartEntry
from chairlog.domain import EntryKind, EntryStatus
from chairlog.errors import PermissionDenied, StateError, ValidationError
from chairlog.services import charting, corrections, doses, views
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse

VITALS = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}


def counts(app: Any) -> tuple[int, int]:
    with app.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(ChartEntry)) or 0,
            s.scalar(select(func.count()).select_from(AuditLog)) or 0,
        )


@pytest.mark.parametrize(
    "field,value,needle",
    [
        ("hr", 400, "20–250"),
        ("sbp", 20, "50–300"),
        ("spo2", 120, "50–100"),
        ("rr", "x", "4–60"),
        ("dbp", 130, "below the systolic"),
    ],
)
def test_implausible_vitals_refused_and_nothing_written(
    clinic: Clinic, field: str, value: Any, needle: str
) -> None:
    s = ready_to_infuse(clinic)
    before = counts(clinic.app)
    with pytest.raises(ValidationError) as e:
        charting.record_vitals(clinic.app, clinic.nurse, s.id, {**VITALS, field: value})
    assert e.value.field == field and needle in str(e.value)
    assert counts(clinic.app) == before


def test_alerting_vitals_are_saved_and_raise_alerts(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=15)
    r = charting.record_vitals(clinic.app, clinic.nurse, s.id, {**VITALS, "sbp": 190, "dbp": 104})
    codes = {a.code for a in r.alerts}
    assert {"sbp_high", "sbp_rise", "dbp_rise"} <= codes
    assert r.entry.data["sbp"] == 190
    assert len(r.session.open_alerts) == len(r.alerts)
    a = charting.acknowledge_alert(
        clinic.app, clinic.nurse, r.alerts[0].id, "Paused infusion, physician notified"
    )
    assert a.acknowledged_by_name == "Nina Nurse, RN"
    with pytest.raises(ValidationError) as e:
        charting.acknowledge_alert(clinic.app, clinic.nurse, r.alerts[1].id, "  ")
    assert e.value.field == "action_taken"


def test_first_vitals_are_baseline_with_predose_review(clinic: Clinic) -> None:
    from chairlog.services import sessions

    s = sessions.start_session(
        clinic.app,
        clinic.nurse,
        patient_id=clinic.patient.id,
        chair_id=clinic.chairs[0].id,
        protocol_id=clinic.protocols["crps-low-dose"].id,
        weight_kg=70,
    )
    r = charting.record_vitals(clinic.app, clinic.nurse, s.id, {**VITALS, "sbp": 150})
    assert r.entry.data["is_baseline"] is True
    assert [a.code for a in r.alerts] == ["predose_bp"]


def test_infusion_cannot_start_before_checklist(clinic: Clinic) -> None:
    from chairlog.services import sessions

    s = sessions.start_session(
        clinic.app,
        clinic.nurse,
        patient_id=clinic.patient.id,
        chair_id=clinic.chairs[0].id,
        protocol_id=clinic.protocols["crps-low-dose"].id,
        weight_kg=70,
    )
    with pytest.raises(ValidationError) as e:
        doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.35)
    assert "Consent on file" in str(e.value) and "Baseline vitals" in str(e.value)
    r = doses.start_infusion(
        clinic.app,
        clinic.nurse,
        s.id,
        0.35,
        skip_reason="Monitor failure; manual checks documented on paper",
    )
    assert r.session.state.value == "infusing"
    assert "Started without" in r.entry.summary


def test_dose_flow_and_cumulative(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic, weight=80)
    app, n = clinic.app, clinic.nurse
    r = doses.start_infusion(app, n, s.id, 40, "mL/h")  # 1 mg/mL: 40 mg/h = 0.5 mg/kg/h
    assert r.entry.data["rate_mg_per_kg_h"] == pytest.approx(0.5)
    clinic.clock.advance(minutes=30)
    doses.change_rate(app, n, s.id, 1.0)
    clinic.clock.advance(minutes=30)
    doses.pause_infusion(app, n, s.id, "Nausea")
    clinic.clock.advance(minutes=10)
    doses.resume_infusion(app, n, s.id)
    clinic.clock.advance(minutes=30)
    doses.give_bolus(app, n, s.id, 10)
    r = doses.stop_infusion(app, n, s.id)
    v = r.session
    assert v.state.value == "monitoring"
    # 0.5 h × 40 + 0.5 h × 80 + (pause) + 0.5 h × 80 + 10 mg bolus
    assert v.cumulative_mg(clinic.clock.now()) == pytest.approx(20 + 40 + 40 + 10)
    with pytest.raises(StateError):
        doses.change_rate(app, n, s.id, 1.0)


def test_rate_above_max_needs_override(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic, protocol="crps-low-dose")
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.35)
    before = counts(clinic.app)
    with pytest.raises(ValidationError) as e:
        doses.change_rate(clinic.app, clinic.nurse, s.id, 1.5)
    assert "above the protocol maximum" in str(e.value)
    assert counts(clinic.app) == before
    r = doses.change_rate(
        clinic.app,
        clinic.nurse,
        s.id,
        1.5,
        override_reason="Physician order, Dr Lee, refractory pain",
        checked_by=("omar", PASSWORDS["omar"]),
    )
    assert r.entry.data["override_reason"].startswith("Physician order")
    assert r.entry.checked_by_name == "Omar Øster, RN"


def test_correction_keeps_original(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=15)
    r = charting.record_vitals(clinic.app, clinic.nurse, s.id, {**VITALS, "hr": 17 + 100})
    clinic.clock.advance(minutes=2)
    c = corrections.correct_entry(clinic.app, clinic.nurse2, r.entry.id, "Typo: 71 not 117", hr=71)
    entries = {e.id: e for e in c.session.entries}
    old, new = entries[r.entry.id], entries[c.entry.id]
    assert old.status is EntryStatus.CORRECTED and old.data["hr"] == 117
    assert old.invalidation_reason == "Typo: 71 not 117"
    assert old.invalidated_by_name == "Omar Øster, RN" and old.superseded_by_id == new.id
    assert new.data["hr"] == 71 and new.supersedes_id == old.id and new.charted_at == old.charted_at
    assert new.user_name == "Omar Øster, RN"
    with pytest.raises(StateError):
        corrections.correct_entry(clinic.app, clinic.nurse, old.id, "again", hr=70)
    with pytest.raises(ValidationError) as e:
        corrections.correct_entry(clinic.app, clinic.nurse, new.id, "bad", hr=500)
    assert e.value.field == "hr"
    with pytest.raises(ValidationError) as e:
        corrections.correct_entry(clinic.app, clinic.nurse, new.id, "  ", hr=70)
    assert e.value.field == "reason"


def test_entered_in_error(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    r = charting.add_note(clinic.app, clinic.nurse, s.id, "Wrong patient's note")
    c = corrections.mark_entered_in_error(clinic.app, clinic.nurse, r.entry.id, "Wrong chart")
    e = next(x for x in c.session.entries if x.id == r.entry.id)
    assert e.status is EntryStatus.ENTERED_IN_ERROR and e.data["text"] == "Wrong patient's note"
    assert e.invalidation_reason == "Wrong chart"
    start = doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    with pytest.raises(StateError):
        corrections.mark_entered_in_error(clinic.app, clinic.nurse, start.entry.id, "oops")


def test_dose_correction_changes_cumulative(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic, weight=80)
    r = doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=60)
    c = corrections.correct_entry(
        clinic.app, clinic.nurse, r.entry.id, "Pump was set to 1.0", rate=1.0
    )
    assert c.session.cumulative_mg(clinic.clock.now()) == pytest.approx(80)


def test_side_effect_with_rescue_and_resolution(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=20)
    se = charting.record_side_effect(
        clinic.app, clinic.nurse, s.id, "nausea", "moderate", "rescue_med"
    )
    med = charting.record_medication(
        clinic.app, clinic.nurse, s.id, "ondansetron", 4, "mg", "IV", treats_entry_id=se.entry.id
    )
    assert med.entry.data["treats_entry_id"] == se.entry.id
    assert [e.id for e in med.session.open_side_effects] == [se.entry.id]
    clinic.clock.advance(minutes=15)
    r = charting.resolve_side_effect(clinic.app, clinic.nurse, se.entry.id)
    assert r.session.open_side_effects == []
    for bad in ({"effect_type": "sneezing"}, {"severity": "extreme"}, {"action_taken": "pray"}):
        kw = {"effect_type": "nausea", "severity": "mild", "action_taken": "none"} | bad
        with pytest.raises(ValidationError) as e:
            charting.record_side_effect(clinic.app, clinic.nurse, s.id, **kw)
        assert e.value.field == next(iter(bad))
    with pytest.raises(ValidationError) as e:
        charting.record_medication(clinic.app, clinic.nurse, s.id, "midazolam", -1, "mg", "IV")
    assert e.value.field == "dose_amount"


def test_future_charted_time_refused_and_late_entries_marked(clinic: Clinic) -> None:
    from datetime import timedelta

    s = ready_to_infuse(clinic)
    now = clinic.clock.now()
    with pytest.raises(ValidationError) as e:
        charting.add_note(clinic.app, clinic.nurse, s.id, "x", charted_at=now + timedelta(hours=1))
    assert e.value.field == "charted_at"
    clinic.clock.advance(minutes=30)
    r = charting.add_note(
        clinic.app,
        clinic.nurse,
        s.id,
        "Patient asked for a blanket",
        charted_at=clinic.clock.now() - timedelta(minutes=20),
    )
    assert r.entry.is_late
    r2 = charting.add_note(clinic.app, clinic.nurse, s.id, "Now")
    assert not r2.entry.is_late


def test_admin_cannot_chart(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    with pytest.raises(PermissionDenied):
        charting.record_vitals(clinic.app, clinic.admin, s.id, VITALS)


def test_full_session_to_discharge(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app, n = clinic.app, clinic.nurse
    doses.start_infusion(app, n, s.id, 0.5)
    clinic.clock.advance(minutes=60)
    doses.stop_infusion(app, n, s.id, "Planned 1 h")
    clinic.clock.advance(minutes=60)
    charting.record_assessment(app, n, s.id, "aldrete", items=[2, 2, 2, 2, 2])
    with pytest.raises(ValidationError) as e:
        charting.discharge(app, n, s.id, criteria={}, escort_name="Tom", instructions_given=True)
    assert e.value.field == "criteria"
    with pytest.raises(ValidationError) as e:
        charting.discharge(
            app,
            n,
            s.id,
            criteria=dict.fromkeys(charting.DISCHARGE_CRITERIA, True),
            escort_name="",
            instructions_given=True,
        )
    assert e.value.field == "escort_name"
    r = charting.discharge(
        app,
        n,
        s.id,
        criteria=dict.fromkeys(charting.DISCHARGE_CRITERIA, True),
        escort_name="Tom (husband)",
        instructions_given=True,
    )
    assert r.session.state.value == "discharged"
    v = views.get_session(app, s.id)
    assert v.active_entries(EntryKind.DISCHARGE)[0].data["escort_name"] == "Tom (husband)"
    assert views.board(app) == []
