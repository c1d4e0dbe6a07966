"""No lost updates on the clinic's set-up: a save based on what another admin has changed
since is refused, naming who changed what and when; nothing is overwritten. Runs on SQLite,
and on PostgreSQL when CHAIRLOG_TEST_PG_URL is set (the racing versions are in
tests/reliability/test_pg_lost_updates.py)."""

from __future__ import annotations

from typing import Any

import pytest

from chairlog.errors import ConflictError, ValidationError
from chairlog.services import accounts, patients, protocols, views
from chairlog.services.conflicts import describe_change
from tests.conftest import Clinic, add_signed_in

#: the fixed clock's 14:00 UTC in the test clinic's zone (Europe/Berlin)
AT = "15:00 +01:00"


def second_admin(c: Clinic) -> Any:
    return add_signed_in(c.app, c.admin, "ng", "Dr Ng", "admin", password="ng-admin-pass-1")


def test_stale_protocol_editor_is_refused_and_says_what_changed(clinic: Clinic) -> None:
    c = clinic
    ng = second_admin(c)
    opened = c.protocols["crps-low-dose"]  # both editors were opened on version 1
    assert opened.values.max_rate_mg_per_kg_h == 1.0
    protocols.save_protocol(c.app, ng, {**opened.values.to_dict(), "max_rate_mg_per_kg_h": 2.0},
                            key=opened.key, reason="director", expected_version=opened.version)
    with pytest.raises(ConflictError) as e:
        protocols.save_protocol(c.app, c.admin, {**opened.values.to_dict(), "notes": "x"},
                                key=opened.key, reason="typo", expected_version=opened.version)
    assert str(e.value) == (
        f"Protocol '{opened.name}' was changed on another workstation at {AT} by ng "
        "(max rate 1 → 2); reopen it."
    )
    live = [p for p in protocols.list_protocols(c.app) if p.key == opened.key]
    assert [(p.version, p.values.max_rate_mg_per_kg_h) for p in live] == [(2, 2.0)]


def test_a_new_protocol_version_needs_the_version_it_was_based_on(clinic: Clinic) -> None:
    p = clinic.protocols["crps-low-dose"]
    with pytest.raises(ValidationError) as e:
        protocols.save_protocol(clinic.app, clinic.admin, p.values.to_dict(), key=p.key,
                                reason="no version given")
    assert e.value.field == "expected_version"
    assert [x.version for x in protocols.list_protocols(clinic.app) if x.key == p.key] == [1]


def test_stale_clinic_settings_are_refused(clinic: Clinic) -> None:
    c = clinic
    ng = second_admin(c)
    seen = accounts.get_clinic(c.app)
    accounts.update_clinic(c.app, ng, expected_version=seen.version, idle_lock_minutes=7)
    with pytest.raises(ConflictError) as e:
        accounts.update_clinic(c.app, c.admin, expected_version=seen.version, paper_size="Letter")
    assert str(e.value) == (
        "Clinic 'Test Clinic' was changed on another workstation at "
        f"{AT} by ng (idle lock 5 → 7); reopen it."
    )
    now = accounts.get_clinic(c.app)
    assert (now.idle_lock_minutes, now.paper_size, now.version) == (7, "A4", seen.version + 1)
    with pytest.raises(ValidationError) as missing:
        accounts.update_clinic(c.app, c.admin, paper_size="Letter")
    assert missing.value.field == "expected_version"


def test_stale_account_change_is_refused(clinic: Clinic) -> None:
    c = clinic
    ng = second_admin(c)
    seen = accounts.get_user(c.app, c.nurse2.id)
    accounts.set_role(c.app, ng, seen.id, "admin", expected_version=seen.version)
    with pytest.raises(ConflictError) as e:
        accounts.set_active(c.app, c.admin, seen.id, False, "left",
                            expected_version=seen.version)
    assert str(e.value) == (
        f"The account 'omar' was changed on another workstation at {AT} by ng "
        "(role nurse → admin); reopen it."
    )
    assert accounts.get_user(c.app, seen.id).active
    with pytest.raises(ConflictError):
        accounts.reset_password(c.app, c.admin, seen.id, "temporary-pw-7",
                                expected_version=seen.version)
    for call in (lambda: accounts.set_role(c.app, c.admin, seen.id, "nurse"),
                 lambda: accounts.set_active(c.app, c.admin, seen.id, False, "left")):
        with pytest.raises(ValidationError) as missing:
            call()
        assert missing.value.field == "expected_version"


def test_stale_chair_change_is_refused(clinic: Clinic) -> None:
    c = clinic
    ng = second_admin(c)
    seen = c.chairs[1]
    assert seen.version == 1
    out = protocols.set_chair_active(c.app, ng, seen.id, False, expected_version=seen.version)
    assert out.version == 2 and not out.active
    with pytest.raises(ConflictError) as e:
        protocols.set_chair_active(c.app, c.admin, seen.id, False,
                                   expected_version=seen.version)
    assert str(e.value) == (
        f"Chair 2 was changed on another workstation at {AT} by ng (active True → False); "
        "reopen it."
    )
    back = protocols.set_chair_active(c.app, c.admin, seen.id, True, expected_version=2)
    assert back.active and back.version == 3


def test_stale_patient_edit_is_refused(clinic: Clinic) -> None:
    c = clinic
    p = c.patient
    patients.update_patient(c.app, c.nurse, p.id, p.version, "allergy found",
                            allergies="Penicillin, latex")
    with pytest.raises(ConflictError) as e:
        patients.update_patient(c.app, c.nurse2, p.id, p.version, "typo", given_name="Zoe")
    assert str(e.value).startswith(
        f"Patient M001 was changed on another workstation at {AT} by nina (allergies ")
    assert patients.get_patient(c.app, p.id).given_name == "Zoë"


def test_busy_chair_is_named(clinic: Clinic) -> None:
    from chairlog.services import sessions

    c = clinic
    proto = c.protocols["crps-low-dose"].id
    first = sessions.start_session(c.app, c.nurse, patient_id=c.patient.id,
                                   chair_id=c.chairs[2].id, protocol_id=proto, weight_kg=70)
    with pytest.raises(ValidationError) as e:
        sessions.start_session(c.app, c.nurse2, patient_id=c.patient2.id,
                               chair_id=c.chairs[2].id, protocol_id=proto, weight_kg=70)
    assert f"Chair 3 is in use (session {first.id}, started 2026-03-02 {AT})" in str(e.value)
    assert [v.patient_mrn for v in views.list_sessions(c.app)] == ["M001"]


@pytest.mark.sqlite_only
def test_describe_change_names_at_most_three_fields() -> None:
    before = '{"a_min": 1, "b": 2, "c": 3, "d": 4, "version": 1}'
    after = '{"a_min": 5, "b": 6, "c": 7, "d": 8, "version": 2}'
    assert describe_change(before, after, "x.y") == "a 1 → 5, b 2 → 6, c 3 → 7 and 1 more"
    assert describe_change(None, None, "ca.crl_publish") == "ca crl publish"
