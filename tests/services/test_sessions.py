"""Session lifecycle, patients and registry services."""

from __future__ import annotations

import pytest

from chairlog.errors import ConflictError, PermissionDenied, ValidationError
from chairlog.services import charting, patients, protocols, sessions, views
from tests.conftest import Clinic


def start(c: Clinic, patient: object = None, chair: int = 0) -> object:
    p = patient or c.patient
    return sessions.start_session(
        c.app,
        c.nurse,
        patient_id=p.id,  # type: ignore[attr-defined]
        chair_id=c.chairs[chair].id,
        protocol_id=c.protocols["crps-low-dose"].id,
        weight_kg=72.5,
    )


def test_start_session_snapshots_protocol_and_weight(clinic: Clinic) -> None:
    s = start(clinic)
    assert s.state.value == "pre_infusion" and s.weight_kg == 72.5
    assert s.protocol.max_rate_mg_per_kg_h == 1.0 and s.nurse_name == "Nina Nurse, RN"
    assert patients.last_weight_kg(clinic.app, clinic.patient.id)[0] == 72.5


def test_one_running_session_per_chair_and_patient(clinic: Clinic) -> None:
    start(clinic)
    with pytest.raises(ValidationError) as e:
        start(clinic, clinic.patient2, chair=0)
    assert e.value.field == "chair_id"
    with pytest.raises(ValidationError) as e:
        start(clinic, clinic.patient, chair=1)
    assert e.value.field == "patient_id"
    start(clinic, clinic.patient2, chair=1)
    assert len(views.board(clinic.app)) == 2


@pytest.mark.parametrize("weight", [0, -5, 1000, float("nan"), "heavy"])
def test_bad_weight_refused(clinic: Clinic, weight: object) -> None:
    with pytest.raises(ValidationError) as e:
        sessions.start_session(
            clinic.app,
            clinic.nurse,
            patient_id=clinic.patient.id,
            chair_id=clinic.chairs[0].id,
            protocol_id=clinic.protocols["crps-low-dose"].id,
            weight_kg=weight,
        )  # type: ignore[arg-type]
    assert e.value.field == "weight_kg"
    assert views.list_sessions(clinic.app) == []


def test_stale_version_is_a_conflict(clinic: Clinic) -> None:
    s = start(clinic)
    sessions.change_weight(clinic.app, clinic.nurse, s.id, 71, "re-weighed",
                           expected_version=s.version)
    with pytest.raises(ConflictError) as e:
        sessions.stop_early(clinic.app, clinic.nurse2, s.id, "stale screen",
                            expected_version=s.version)
    assert "another workstation" in str(e.value)
    assert views.get_session(clinic.app, s.id).state.value == "pre_infusion"


def test_appends_never_conflict(clinic: Clinic) -> None:
    """A note or a vitals set overwrites nothing: a screen that has not seen the other
    workstation's entry still adds its own, and both are kept."""
    s = start(clinic)
    charting.add_note(clinic.app, clinic.nurse, s.id, "first", expected_version=s.version)
    charting.add_note(clinic.app, clinic.nurse2, s.id, "second", expected_version=s.version)
    vitals = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}
    at = clinic.app.now()
    charting.record_vitals(clinic.app, clinic.nurse, s.id, vitals, charted_at=at,
                           expected_version=s.version)
    charting.record_vitals(clinic.app, clinic.nurse2, s.id, vitals, charted_at=at,
                           expected_version=s.version)
    kinds = [e.kind.value for e in views.get_session(clinic.app, s.id).active_entries()]
    assert kinds.count("note") == 2 and kinds.count("vitals") == 2


def test_stop_early_needs_reason(clinic: Clinic) -> None:
    s = start(clinic)
    with pytest.raises(ValidationError):
        sessions.stop_early(clinic.app, clinic.nurse, s.id, "")
    v = sessions.stop_early(clinic.app, clinic.nurse, s.id, "BP 190/115 at check-in")
    assert v.state.value == "stopped_early" and v.stopped_early_reason.startswith("BP")
    start(clinic)  # the chair is free again


def test_patient_search_by_name_accentless_and_mrn(clinic: Clinic) -> None:
    app = clinic.app
    assert [p.mrn for p in patients.search_patients(app, "odegard")] == ["M001"]
    assert [p.mrn for p in patients.search_patients(app, "Zoë")] == ["M001"]
    assert sorted(p.mrn for p in patients.search_patients(app, "M00")) == ["M001", "M002"]
    assert [p.mrn for p in patients.search_patients(app, "M002")] == ["M002"]
    assert [p.mrn for p in patients.search_patients(app, "nunez jose")] == ["M002"]
    assert patients.search_patients(app, "100%_") == []


def test_patient_validation(clinic: Clinic) -> None:
    with pytest.raises(ValidationError) as e:
        patients.create_patient(
            clinic.app, clinic.nurse, mrn="M001", family_name="X", given_name="Y"
        )
    assert e.value.field == "mrn"
    with pytest.raises(ValidationError) as e:
        patients.create_patient(
            clinic.app,
            clinic.nurse,
            mrn="M9",
            family_name="X",
            given_name="Y",
            date_of_birth="2199-01-01",
        )
    assert e.value.field == "date_of_birth"
    with pytest.raises(ValidationError) as e:
        patients.create_patient(
            clinic.app, clinic.nurse, mrn="M9", family_name="\x00", given_name="Y"
        )
    assert e.value.field == "family_name"


def test_protocol_versioning_keeps_session_snapshot(clinic: Clinic) -> None:
    s = start(clinic)
    p = clinic.protocols["crps-low-dose"]
    new = protocols.save_protocol(
        clinic.app,
        clinic.admin,
        {**p.values.to_dict(), "max_rate_mg_per_kg_h": 0.8},
        key=p.key,
        reason="Medical director review",
        expected_version=p.version,
    )
    assert new.version == 2 and new.values.max_rate_mg_per_kg_h == 0.8
    assert views.get_session(clinic.app, s.id).protocol.max_rate_mg_per_kg_h == 1.0
    assert [x.version for x in protocols.list_protocols(clinic.app) if x.key == p.key] == [2]
    with pytest.raises(PermissionDenied):
        protocols.save_protocol(clinic.app, clinic.nurse, p.values.to_dict(), key=p.key)
    with pytest.raises(ValidationError) as e:
        protocols.save_protocol(
            clinic.app,
            clinic.admin,
            {**p.values.to_dict(), "concentration_mg_per_ml": 0},
            key=p.key,
            expected_version=new.version,
        )
    assert e.value.field == "concentration_mg_per_ml"


def test_patient_search_mrn_in_lower_case_and_every_name_word(clinic: Clinic) -> None:
    app = clinic.app
    assert [p.mrn for p in patients.search_patients(app, "m001")] == ["M001"]
    assert [p.mrn for p in patients.search_patients(app, "zoe odeg")] == ["M001"]
    assert patients.search_patients(app, "zoe nunez") == []  # every word must match
    # the first six words narrow the query; the seventh is still checked
    assert [p.mrn for p in patients.search_patients(app, "o d e g a r zoe")] == ["M001"]
    assert patients.search_patients(app, "o d e g a r nunez") == []
