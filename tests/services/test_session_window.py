"""Entries lie inside the session; discharge follows the protocol; sessions imported from paper;
unknown keys and times that are not aware are refused (issue 15)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from chairlog.errors import PermissionDenied, StateError, ValidationError
from chairlog.services import charting, corrections, doses, sessions, views
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse
from tests.reliability.helpers.dbs import VITALS, counts

CRITERIA = dict.fromkeys(charting.DISCHARGE_CRITERIA, True)
DOCTOR = ("drlee", PASSWORDS["drlee"])


def monitoring(c: Clinic) -> Any:
    s = ready_to_infuse(c)
    doses.start_infusion(c.app, c.nurse, s.id, 0.5)
    c.clock.advance(minutes=60)
    doses.stop_infusion(c.app, c.nurse, s.id)
    return s


def discharged(c: Clinic) -> Any:
    s = monitoring(c)
    c.clock.advance(minutes=60)
    charting.record_assessment(c.app, c.nurse, s.id, "aldrete", items=[2, 2, 2, 2, 2])
    charting.discharge(c.app, c.nurse, s.id, criteria=CRITERIA, escort_name="Tom",
                       instructions_given=True)
    return s


def test_nothing_is_charted_before_check_in(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    for minutes in (10, 120):
        with pytest.raises(ValidationError) as e:
            charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS,
                                   charted_at=s.checked_in_at - timedelta(minutes=minutes))
        assert e.value.field == "charted_at"


def test_nothing_clinical_is_charted_after_discharge(clinic: Clinic) -> None:
    s = discharged(clinic)
    app, n = clinic.app, clinic.nurse
    clinic.clock.advance(minutes=10)
    calls = [
        lambda: charting.record_vitals(app, n, s.id, VITALS),
        lambda: charting.record_side_effect(app, n, s.id, "nausea", "mild"),
        lambda: charting.record_assessment(app, n, s.id, "pain_nrs", 2),
        lambda: charting.record_medication(app, n, s.id, "ondansetron", 4, "mg", "IV"),
    ]
    before = counts(app)
    for call in calls:
        with pytest.raises(ValidationError) as e:
            call()
        assert e.value.field == "charted_at" and "end of the session" in str(e.value)
    assert counts(app) == before
    # a late entry for a time before the discharge is still possible, and so is a note
    v = views.get_session(app, s.id)
    assert v.discharged_at is not None
    r = charting.record_vitals(app, n, s.id, VITALS,
                               charted_at=v.discharged_at - timedelta(minutes=5))
    assert r.entry.is_late
    charting.add_note(app, n, s.id, "Escort called: home safely")


def test_nothing_is_charted_after_an_early_stop(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    sessions.stop_early(clinic.app, clinic.nurse, s.id, "BP 190/115 at check-in")
    clinic.clock.advance(minutes=5)
    with pytest.raises(ValidationError) as e:
        charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS)
    assert e.value.field == "charted_at"


def test_a_correction_cannot_move_an_entry_out_of_the_session(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    r = charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS)
    with pytest.raises(ValidationError) as e:
        corrections.correct_entry(clinic.app, clinic.nurse, r.entry.id, "time",
                                  charted_at=s.checked_in_at - timedelta(minutes=1))
    assert e.value.field == "charted_at"


def test_future_times_beyond_clock_skew_are_refused(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    now = clinic.clock.now()
    with pytest.raises(ValidationError):
        charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS,
                               charted_at=now + timedelta(seconds=60))
    charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS,
                           charted_at=now + timedelta(seconds=5))


def test_charted_at_as_iso_8601_with_an_offset(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    clinic.clock.advance(minutes=30)
    when = clinic.clock.now() - timedelta(minutes=10)
    text = when.astimezone(ZoneInfo("Europe/Berlin")).isoformat()
    r = charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS, charted_at=text)
    assert r.entry.charted_at == when
    for bad in (when.replace(tzinfo=None).isoformat(), "yesterday", 12345):
        with pytest.raises(ValidationError) as e:
            charting.add_note(clinic.app, clinic.nurse, s.id, "x", charted_at=bad)
        assert e.value.field == "charted_at"


def test_unknown_vitals_keys_are_refused_naming_the_key(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    before = counts(clinic.app)
    with pytest.raises(ValidationError) as e:
        charting.record_vitals(clinic.app, clinic.nurse, s.id, {**VITALS, "temp": 41})
    assert e.value.field == "temp" and "temp_c" in str(e.value)
    assert counts(clinic.app) == before


def test_discharge_before_the_minimum_needs_a_physicians_authorisation(clinic: Clinic) -> None:
    s = monitoring(clinic)
    app, n = clinic.app, clinic.nurse
    clinic.clock.advance(minutes=3)
    charting.record_assessment(app, n, s.id, "aldrete", items=[2, 2, 2, 2, 2])
    before = counts(app)
    with pytest.raises(ValidationError) as e:
        charting.discharge(app, n, s.id, criteria=CRITERIA, escort_name="Tom",
                           instructions_given=True)
    assert e.value.field == "authorisation_reason" and "minimum is 60 min" in str(e.value)
    with pytest.raises(ValidationError) as e2:
        charting.discharge(app, n, s.id, criteria=CRITERIA, escort_name="Tom",
                           instructions_given=True, authorisation_reason="Patient insists")
    assert e2.value.field == "authorised_by"
    with pytest.raises(PermissionDenied):  # a nurse cannot authorise it
        charting.discharge(app, n, s.id, criteria=CRITERIA, escort_name="Tom",
                           instructions_given=True, authorisation_reason="Patient insists",
                           authorised_by=("omar", PASSWORDS["omar"]))
    assert counts(app) == before
    r = charting.discharge(app, n, s.id, criteria=CRITERIA, escort_name="Tom",
                           instructions_given=True, authorisation_reason="Patient insists",
                           authorised_by=DOCTOR)
    assert r.entry.checked_by_name == "Lee Žukauskas, MD"
    assert r.entry.data["override_reason"] == "Patient insists"


def test_discharge_without_a_passing_score_needs_an_authorisation(clinic: Clinic) -> None:
    s = monitoring(clinic)
    app, n = clinic.app, clinic.nurse
    clinic.clock.advance(minutes=61)
    with pytest.raises(ValidationError, match="no Modified Aldrete score"):
        charting.discharge(app, n, s.id, criteria=CRITERIA, escort_name="Tom",
                           instructions_given=True)
    charting.record_assessment(app, n, s.id, "aldrete", items=[2, 2, 1, 1, 2])
    with pytest.raises(ValidationError, match="Modified Aldrete 8, below"):
        charting.discharge(app, n, s.id, criteria=CRITERIA, escort_name="Tom",
                           instructions_given=True)
    # a physician discharging authorises it themselves, with a reason
    r = charting.discharge(app, clinic.physician, s.id, criteria=CRITERIA, escort_name="Tom",
                           instructions_given=True, authorisation_reason="Baseline gait 1/2")
    assert r.session.state.value == "discharged"
    assert r.entry.checked_by_name == "Lee Žukauskas, MD"


def test_a_discharge_time_correction_keeps_the_minimum(clinic: Clinic) -> None:
    s = discharged(clinic)
    v = views.get_session(clinic.app, s.id)
    entry = v.active_entries(charting_kind("discharge"))[0]
    assert v.infusion_stopped_at is not None
    with pytest.raises(ValidationError) as e:
        corrections.correct_entry(clinic.app, clinic.nurse, entry.id, "time",
                                  charted_at=v.infusion_stopped_at + timedelta(minutes=10))
    assert e.value.field == "charted_at"


def charting_kind(name: str) -> Any:
    from chairlog.domain import EntryKind

    return EntryKind(name)


def test_a_session_imported_from_paper(clinic: Clinic, tmp_path: Path) -> None:
    app, n = clinic.app, clinic.nurse
    yesterday = clinic.clock.now() - timedelta(days=1)
    with pytest.raises(ValidationError) as e:
        sessions.start_session(app, n, patient_id=clinic.patient.id,
                               chair_id=clinic.chairs[0].id,
                               protocol_id=clinic.protocols["chronic-pain-titrated"].id,
                               weight_kg=80, checked_in_at=yesterday)
    assert e.value.field == "checked_in_at"
    s = sessions.start_session(app, n, patient_id=clinic.patient.id,
                               chair_id=clinic.chairs[0].id,
                               protocol_id=clinic.protocols["chronic-pain-titrated"].id,
                               weight_kg=80, checked_in_at=yesterday.isoformat(),
                               imported_from_paper=True)
    assert s.checked_in_at == yesterday and s.imported_from_paper
    t = yesterday
    for item in s.protocol.checklist:
        charting.complete_checklist_item(app, n, s.id, item.key, charted_at=t)
    charting.record_vitals(app, n, s.id, VITALS, charted_at=t + timedelta(minutes=2))
    charting.record_assessment(app, n, s.id, "pain_nrs", 7, charted_at=t + timedelta(minutes=3))
    doses.start_infusion(app, n, s.id, 0.5, charted_at=t + timedelta(minutes=5))
    doses.stop_infusion(app, n, s.id, charted_at=t + timedelta(minutes=65))
    charting.record_assessment(app, n, s.id, "aldrete", items=[2, 2, 2, 2, 2],
                               charted_at=t + timedelta(minutes=120))
    r = charting.discharge(app, n, s.id, criteria=CRITERIA, escort_name="Tom",
                           instructions_given=True, charted_at=t + timedelta(minutes=130))
    v = r.session
    assert v.discharged_at == t + timedelta(minutes=130)
    assert v.cumulative_mg(clinic.clock.now()) == pytest.approx(40.0)
    assert all(e.recorded_at == clinic.clock.now() for e in v.entries)
    with pytest.raises(StateError):
        doses.give_bolus(app, n, s.id, 5)
    from chairlog.services import deviations, records
    from tests.record_helpers import pdf_text

    assert next(d.kind for d in deviations.get_deviations(app, s.id)) == "imported"
    assert "Imported from paper" in pdf_text(records.export_draft(app, s.id), tmp_path)


def test_unknown_keywords_are_refused_naming_them(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app, n = clinic.app, clinic.nurse
    before = counts(app)
    calls = [
        (lambda: doses.start_infusion(app, n, s.id, 0.5, rate_unit="mg/h"), "rate_unit"),
        (lambda: charting.add_note(app, n, s.id, "x", when="now"), "when"),
        (lambda: charting.record_vitals(app, n, s.id, VITALS, temp_c=37), "temp_c"),
        (lambda: sessions.stop_early(app, n, s.id, "x", force=True), "force"),
    ]
    for call, key in calls:
        with pytest.raises(ValidationError) as e:
            call()
        assert e.value.field == key
    assert counts(app) == before


def test_a_busy_chair_says_which_session_holds_it(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app = clinic.app
    with pytest.raises(ValidationError) as e:
        sessions.start_session(app, clinic.nurse, patient_id=clinic.patient2.id,
                               chair_id=clinic.chairs[0].id,
                               protocol_id=clinic.protocols["chronic-pain-titrated"].id,
                               weight_kg=70)
    assert e.value.field == "chair_id"
    assert f"Chair 1 is in use (session {s.id}, started " in str(e.value)
    with pytest.raises(ValidationError) as e2:
        sessions.start_session(app, clinic.nurse, patient_id=clinic.patient.id,
                               chair_id=clinic.chairs[1].id,
                               protocol_id=clinic.protocols["chronic-pain-titrated"].id,
                               weight_kg=70)
    assert e2.value.field == "patient_id" and f"in session {s.id} on Chair 1" in str(e2.value)
