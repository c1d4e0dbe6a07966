"""An actor exists only as the result of signing in: hand-built or copied actors are refused
by every service (issue 14, point 1)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from chairlog.domain import Role, UserInfo
from chairlog.errors import PermissionDenied
from chairlog.services import (
    accounts,
    audit_log,
    charting,
    keys,
    patients,
    protocols,
    sessions,
    signoff,
)
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse

CALLS: dict[str, Callable[[Clinic, Any], Any]] = {
    "add user": lambda c, who: accounts.add_user(
        c.app, who, username="mallory", full_name="Chiamaka Okafor", role="physician",
        password="mallory-pass-1"),
    "settings": lambda c, who: accounts.update_clinic(c.app, who,
            expected_version=accounts.get_clinic(c.app).version,
                                                      idle_lock_minutes=30),
    "reset": lambda c, who: accounts.reset_password(c.app, who, c.physician.id, "temporary-1",
            expected_version=accounts.get_user(c.app, c.physician.id).version),
    "deactivate": lambda c, who: accounts.set_active(c.app, who, c.nurse2.id, False, "x",
            expected_version=accounts.get_user(c.app, c.nurse2.id).version),
    "role": lambda c, who: accounts.set_role(c.app, who, c.nurse2.id, "admin",
            expected_version=accounts.get_user(c.app, c.nurse2.id).version),
    "unlock": lambda c, who: accounts.unlock_user(c.app, who, c.nurse2.id),
    "chair": lambda c, who: protocols.add_chair(c.app, who, "Chair 9"),
    "patient": lambda c, who: patients.create_patient(
        c.app, who, mrn="X9", family_name="Doe", given_name="Jo"),
    "session": lambda c, who: sessions.start_session(
        c.app, who, patient_id=c.patient2.id, chair_id=c.chairs[2].id,
        protocol_id=c.protocols["crps-low-dose"].id, weight_kg=70),
    "audit": lambda c, who: audit_log.list_audit(c.app, who),
    "reauth": lambda c, who: accounts.reauthenticate(c.app, who, PASSWORDS["drlee"]),
    "unlock key": lambda c, who: keys.unlock_signing_key(c.app, who, PASSWORDS["drlee"]),
}


def _forgeries(c: Clinic) -> dict[str, UserInfo]:
    return {
        "hand-built admin": UserInfo(id=c.admin.id, username="admin", full_name="Ada Admin",
                                     credentials="", role=Role.ADMIN),
        "hand-built physician": UserInfo(id=c.physician.id, username="drlee",
                                         full_name="Lee Žukauskas", credentials="MD",
                                         role=Role.PHYSICIAN),
        "nurse's session, admin's id": dataclasses.replace(c.nurse, id=c.admin.id,
                                                           role=Role.ADMIN),
        "made-up session": dataclasses.replace(c.admin, session="made-up-token"),
        "from a listing": next(u for u in accounts.list_users(c.app) if u.id == c.admin.id),
    }


@pytest.mark.parametrize("what", sorted(CALLS))
def test_a_hand_built_actor_is_refused_by_every_service(clinic: Clinic, what: str) -> None:
    c = clinic
    before = audit_log.verify_audit(c.app).rows
    for label, forged in _forgeries(c).items():
        with pytest.raises(PermissionDenied, match="Sign in first"):
            CALLS[what](c, forged)
        assert audit_log.verify_audit(c.app).rows == before, label  # nothing written


def test_charting_and_signing_refuse_a_hand_built_actor(clinic: Clinic) -> None:
    c = clinic
    s = ready_to_infuse(c)
    nurse = UserInfo(id=c.nurse.id, username="nina", full_name="Nina Nurse", credentials="RN",
                     role=Role.NURSE)
    with pytest.raises(PermissionDenied, match="Sign in first"):
        charting.record_vitals(c.app, nurse, s.id, {"hr": 70, "sbp": 120, "dbp": 80,
                                                    "spo2": 98, "rr": 14})
    doc = dataclasses.replace(c.physician, session="")
    with pytest.raises(PermissionDenied, match="Sign in first"):
        signoff.sign_session(c.app, doc, s.id, PASSWORDS["drlee"])


def test_sign_out_ends_the_actor(clinic: Clinic) -> None:
    c = clinic
    nurse = accounts.login(c.app, "nina", PASSWORDS["nina"])
    patients.create_patient(c.app, nurse, mrn="Z1", family_name="A", given_name="B")
    accounts.sign_out(nurse)
    with pytest.raises(PermissionDenied, match="Sign in first"):
        patients.create_patient(c.app, nurse, mrn="Z2", family_name="A", given_name="B")


def test_init_only_on_an_empty_database(clinic: Clinic) -> None:
    from chairlog.errors import ValidationError

    with pytest.raises(ValidationError, match="empty database"):
        accounts.init_clinic(clinic.app, clinic_name="Evil", timezone="UTC",
                             admin_username="mallory", admin_full_name="Mallory",
                             admin_password="mallory-pass-1", ca_passphrase="mallory-passphrase")
    assert "mallory" not in {u.username for u in accounts.list_users(clinic.app)}
