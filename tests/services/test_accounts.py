"""Accounts and roles: permissions enforced by the services, sign-in slowdown, password hashes,
password resets and signing keys, attribution when users switch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from argon2 import PasswordHasher

from chairlog import pki
from chairlog.errors import AuthenticationError, PermissionDenied
from chairlog.services import (
    accounts,
    audit_log,
    charting,
    corrections,
    doses,
    keys,
    patients,
    protocols,
    sessions,
    views,
)
from chairlog.services.domain import Role
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse


def _last_audit(c: Clinic, n: int = 1) -> list[Any]:
    return audit_log.list_audit(c.app, c.admin, limit=n)


# ---- permissions --------------------------------------------------------------------------

ADMIN_ONLY: dict[str, Callable[[Clinic, Any], Any]] = {
    "add users": lambda c, who: accounts.add_user(
        c.app,
        who,
        username="newbie",
        full_name="New Person",
        role="nurse",
        password="long-enough-1",
    ),
    "edit protocols": lambda c, who: protocols.save_protocol(
        c.app, who, c.protocols["crps-low-dose"].values, key="crps-low-dose", reason="x"
    ),
    "change settings": lambda c, who: accounts.update_clinic(c.app, who, idle_lock_minutes=30),
    "reset passwords": lambda c, who: accounts.reset_password(
        c.app, who, c.nurse2.id, "temporary-1"
    ),
    "deactivate accounts": lambda c, who: accounts.set_active(
        c.app, who, c.nurse2.id, False, "left"
    ),
    "add chairs": lambda c, who: protocols.add_chair(c.app, who, "Chair 9"),
}


@pytest.mark.parametrize("what", sorted(ADMIN_ONLY))
@pytest.mark.parametrize("role", ["nurse", "physician"])
def test_only_an_admin_manages_the_clinic(clinic: Clinic, what: str, role: str) -> None:
    who = clinic.nurse if role == "nurse" else clinic.physician
    before = audit_log.verify_audit(clinic.app).rows
    with pytest.raises(PermissionDenied, match="Only an admin"):
        ADMIN_ONLY[what](clinic, who)
    assert audit_log.verify_audit(clinic.app).rows == before  # nothing written
    ADMIN_ONLY[what](clinic, clinic.admin)  # the admin may


def test_admin_cannot_chart(clinic: Clinic) -> None:
    c, admin = clinic, clinic.admin
    s = views.get_session(c.app, ready_to_infuse(c).id)
    vit = {"hr": 70, "sbp": 120, "dbp": 80, "spo2": 98, "rr": 14}
    attempts: list[Callable[[], Any]] = [
        lambda: sessions.start_session(
            c.app,
            admin,
            patient_id=c.patient2.id,
            chair_id=c.chairs[1].id,
            protocol_id=c.protocols["crps-low-dose"].id,
            weight_kg=70,
        ),
        lambda: charting.record_vitals(c.app, admin, s.id, vit),
        lambda: charting.add_note(c.app, admin, s.id, "note"),
        lambda: doses.start_infusion(c.app, admin, s.id, 0.5),
        lambda: doses.give_bolus(c.app, admin, s.id, 10),
        lambda: corrections.mark_entered_in_error(c.app, admin, s.entries[0].id, "wrong"),
        lambda: sessions.stop_early(c.app, admin, s.id, "contraindication"),
    ]
    rows_before = audit_log.verify_audit(c.app).rows
    before = views.get_session(c.app, s.id)
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="nurse or physician"):
            attempt()
    after = views.get_session(c.app, s.id)
    assert after.state.value == "pre_infusion" and after.version == before.version
    assert after.entries == before.entries and after.entries
    assert all(e.user_id != admin.id for e in after.entries)
    assert audit_log.verify_audit(c.app).rows == rows_before


def test_signing_is_for_physicians_only(clinic: Clinic) -> None:
    from chairlog.services import signoff

    s = ready_to_infuse(clinic)
    for who in (clinic.nurse, clinic.admin):
        with pytest.raises(PermissionDenied, match="Only a physician may sign"):
            signoff.sign_session(clinic.app, who, s.id, PASSWORDS[who.username])
        with pytest.raises(PermissionDenied):
            keys.unlock_signing_key(clinic.app, who, PASSWORDS[who.username])
    assert views.get_session(clinic.app, s.id).signed_at is None
    with keys.unlock_signing_key(clinic.app, clinic.physician, PASSWORDS["drlee"]) as signer:
        assert "Žukauskas" in pki.cert_subject_name(signer.cert_pem)


def test_deactivated_account_cannot_sign_in_nor_write(clinic: Clinic) -> None:
    c = clinic
    s = ready_to_infuse(c)
    accounts.set_active(c.app, c.admin, c.nurse2.id, False, "left the clinic")
    with pytest.raises(AuthenticationError, match="Wrong username or password"):
        accounts.login(c.app, "omar", PASSWORDS["omar"])
    row = _last_audit(c)[0]
    assert (row.action, row.reason, row.entity_id) == (
        "login.failed",
        "deactivated",
        str(c.nurse2.id),
    )
    # a workstation still holding the old UserInfo cannot write with it
    with pytest.raises(PermissionDenied, match="deactivated"):
        charting.record_vitals(
            c.app, c.nurse2, s.id, {"hr": 70, "sbp": 120, "dbp": 80, "spo2": 98, "rr": 14}
        )
    with pytest.raises(PermissionDenied, match="deactivated"):
        patients.create_patient(c.app, c.nurse2, mrn="M777", family_name="X", given_name="Y")
    assert not accounts.verify_password(c.app, c.nurse2, PASSWORDS["omar"])
    # reactivated: signs in again, even after failing while deactivated
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            accounts.login(c.app, "omar", PASSWORDS["omar"])
    accounts.set_active(c.app, c.admin, c.nurse2.id, True, "back from leave")
    assert accounts.login(c.app, "omar", PASSWORDS["omar"]).id == c.nurse2.id


def test_admin_cannot_deactivate_self(clinic: Clinic) -> None:
    with pytest.raises(PermissionDenied):
        accounts.set_active(clinic.app, clinic.admin, clinic.admin.id, False, "oops")


# ---- sign-in ------------------------------------------------------------------------------


def test_failed_sign_ins_are_slowed_after_three(clinic: Clinic) -> None:
    c = clinic
    for _ in range(3):  # free attempts: no wait in between
        with pytest.raises(AuthenticationError, match="Wrong username or password"):
            accounts.login(c.app, "nina", "not-her-password")
    # 4th attempt at once: refused without checking, even with the right password
    with pytest.raises(AuthenticationError, match="wait 2 s"):
        accounts.login(c.app, "nina", PASSWORDS["nina"])
    c.clock.advance(seconds=2)
    with pytest.raises(AuthenticationError, match="Wrong"):
        accounts.login(c.app, "nina", "still-wrong")  # 4th failure: the wait doubles
    c.clock.advance(seconds=3)
    with pytest.raises(AuthenticationError, match="wait 1 s"):
        accounts.login(c.app, "nina", PASSWORDS["nina"])
    c.clock.advance(seconds=1)
    assert accounts.login(c.app, "nina", PASSWORDS["nina"]).id == c.nurse.id
    # success resets the counter: three free attempts again
    for _ in range(3):
        with pytest.raises(AuthenticationError, match="Wrong"):
            accounts.login(c.app, "nina", "nope-nope")
    rows = [r for r in _last_audit(c, 20) if r.action.startswith("login")]
    assert [r.reason for r in rows[:4]] == ["bad credentials"] * 3 + [None]
    assert "too many attempts" in [r.reason for r in rows]


def test_delay_doubles_up_to_a_minute(clinic: Clinic) -> None:
    c = clinic
    for _ in range(3):
        with pytest.raises(AuthenticationError, match="Wrong"):
            accounts.login(c.app, "nina", "wrong-password")
    waits = []
    for _ in range(7):
        with pytest.raises(AuthenticationError, match="wait") as refused:
            accounts.login(c.app, "nina", "wrong-password")  # too soon: not counted
        wait = int(str(refused.value).split("wait ")[1].split(" s")[0])
        waits.append(wait)
        c.clock.advance(seconds=wait)
        with pytest.raises(AuthenticationError, match="Wrong"):
            accounts.login(c.app, "nina", "wrong-password")
    assert waits == [2, 4, 8, 16, 32, 60, 60]


def test_unknown_user_fails_and_is_audited(clinic: Clinic) -> None:
    with pytest.raises(AuthenticationError, match="Wrong username or password"):
        accounts.login(clinic.app, "nobody", "whatever-1")
    row = _last_audit(clinic)[0]
    assert (row.action, row.username, row.user_id) == ("login.failed", "nobody", None)


def test_reauthentication_shares_the_slowdown(clinic: Clinic) -> None:
    c = clinic
    for _ in range(3):
        assert not accounts.verify_password(c.app, c.nurse, "bad-guess-1")
    with pytest.raises(AuthenticationError, match="wait 2 s"):
        accounts.reauthenticate(c.app, c.nurse, PASSWORDS["nina"])
    with pytest.raises(AuthenticationError, match="wait"):
        accounts.login(c.app, "nina", PASSWORDS["nina"])
    c.clock.advance(seconds=2)
    assert accounts.verify_password(c.app, c.nurse, PASSWORDS["nina"])
    actions = [r.action for r in _last_audit(c, 6)]
    assert actions.count("reauth.failed") >= 4 and "login.failed" in actions


def test_password_rehashed_when_parameters_change(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = clinic
    old = PasswordHasher(time_cost=1, memory_cost=2048, parallelism=1)
    monkeypatch.setattr(accounts, "HASHER", old)
    accounts.add_user(
        c.app,
        c.admin,
        username="rita",
        full_name="Rita Old",
        role="nurse",
        password="old-params-pw",
    )
    old_hash = _hash_of(c, "rita")
    assert "m=2048" in old_hash and old_hash.startswith("$argon2id$")
    new = PasswordHasher(time_cost=2, memory_cost=4096, parallelism=1)
    monkeypatch.setattr(accounts, "HASHER", new)
    accounts.login(c.app, "rita", "old-params-pw")
    new_hash = _hash_of(c, "rita")
    assert new_hash != old_hash and "m=4096,t=2" in new_hash
    assert not new.check_needs_rehash(new_hash)
    accounts.login(c.app, "rita", "old-params-pw")
    assert _hash_of(c, "rita") == new_hash  # not rehashed again


def _hash_of(c: Clinic, username: str) -> str:
    from sqlalchemy import select

    from chairlog.db.models import User

    with c.app.db.read() as s:
        return str(s.scalar(select(User.password_hash).where(User.username == username)))


def test_change_password_needs_the_current_one(clinic: Clinic) -> None:
    c = clinic
    with pytest.raises(AuthenticationError, match="current password is wrong"):
        accounts.change_password(c.app, c.nurse, "not-current", "brand-new-pw")
    row = _last_audit(c)[0]
    assert (row.action, row.user_id, row.reason) == (
        "password_change.failed",
        c.nurse.id,
        "wrong password",
    )
    accounts.change_password(c.app, c.nurse, PASSWORDS["nina"], "brand-new-pw")
    assert _last_audit(c)[0].action == "user.password_change"
    with pytest.raises(AuthenticationError):
        accounts.login(c.app, "nina", PASSWORDS["nina"])
    assert accounts.login(c.app, "nina", "brand-new-pw").id == c.nurse.id


# ---- reset and signing keys ---------------------------------------------------------------


def _active_fingerprint(c: Clinic, user_id: int) -> str | None:
    with c.app.db.read() as s:
        key = keys.active_key(s, user_id)
        return key.fingerprint_sha256 if key else None


def test_reset_retires_key_and_admin_cannot_use_any_key(clinic: Clinic) -> None:
    c = clinic
    old_fp = _active_fingerprint(c, c.physician.id)
    assert old_fp is not None
    accounts.reset_password(c.app, c.admin, c.physician.id, "temporary-pw-1")
    assert _active_fingerprint(c, c.physician.id) is None
    row = _last_audit(c)[0]
    assert (row.action, row.user_id, row.after) == (
        "user.password_reset",
        c.admin.id,
        {"must_change_password": True, "signing_key": "retired"},
    )
    # the admin knows the temporary password: it opens no key
    with pytest.raises(PermissionDenied, match="no signing certificate"):
        keys.unlock_signing_key(c.app, c.physician, "temporary-pw-1")
    with pytest.raises(PermissionDenied):  # nor can the admin sign as themself
        keys.unlock_signing_key(c.app, c.admin, PASSWORDS["admin"])
    # the old password no longer opens anything either
    with pytest.raises(AuthenticationError):
        keys.unlock_signing_key(c.app, c.physician, PASSWORDS["drlee"])
    # signing in with the temporary password issues no key (must change first)
    doc = accounts.login(c.app, "drlee", "temporary-pw-1")
    assert doc.must_change_password and _active_fingerprint(c, doc.id) is None
    doc = accounts.change_password(c.app, doc, "temporary-pw-1", "only-i-know-this")
    new_fp = _active_fingerprint(c, doc.id)
    assert not doc.must_change_password and new_fp is not None and new_fp != old_fp
    with keys.unlock_signing_key(c.app, doc, "only-i-know-this") as signer:
        assert pki.cert_fingerprint(signer.cert_pem) == new_fp
    with pytest.raises(AuthenticationError):
        keys.unlock_signing_key(c.app, doc, "temporary-pw-1")
    issued = [r for r in _last_audit(c, 5) if r.action == "signing_key.issue"]
    assert issued and issued[0].after is not None and issued[0].after["fingerprint"] == new_fp


def test_wrong_signing_password_is_audited_and_slowed(clinic: Clinic) -> None:
    c = clinic
    for _ in range(3):
        with pytest.raises(AuthenticationError, match="not signed"):
            keys.unlock_signing_key(c.app, c.physician, "guess-guess")
    with pytest.raises(AuthenticationError, match="wait"):
        keys.unlock_signing_key(c.app, c.physician, PASSWORDS["drlee"])
    assert [r.action for r in _last_audit(c, 4)] == ["signing.auth_failed"] * 4


# ---- attribution when users switch at one workstation --------------------------------------


def test_entries_carry_their_own_authors(clinic: Clinic) -> None:
    c = clinic
    s = ready_to_infuse(c)
    a = accounts.login(c.app, "nina", PASSWORDS["nina"])
    charting.record_vitals(c.app, a, s.id, {"hr": 71, "sbp": 121, "dbp": 79, "spo2": 98, "rr": 14})
    b = accounts.login(c.app, "omar", PASSWORDS["omar"])  # the next nurse takes over
    charting.record_vitals(c.app, b, s.id, {"hr": 75, "sbp": 125, "dbp": 82, "spo2": 97, "rr": 15})
    charting.add_note(c.app, b, s.id, "Patient comfortable")
    entries = views.get_session(c.app, s.id).entries
    by_hr = {e.data.get("hr"): e for e in entries if e.kind.value == "vitals"}
    assert (by_hr[71].user_id, by_hr[71].user_name) == (a.id, "Nina Nurse, RN")
    assert (by_hr[75].user_id, by_hr[75].user_name) == (b.id, "Omar Øster, RN")
    note = next(e for e in entries if e.kind.value == "note")
    assert note.user_id == b.id
    trail = audit_log.list_audit(c.app, c.admin, session_id=s.id, limit=3)
    assert [r.username for r in trail] == ["omar", "omar", "nina"]


def test_roles_listed(clinic: Clinic) -> None:
    roles = {u.username: u.role for u in accounts.list_users(clinic.app)}
    assert roles == {
        "admin": Role.ADMIN,
        "nina": Role.NURSE,
        "omar": Role.NURSE,
        "drlee": Role.PHYSICIAN,
    }
