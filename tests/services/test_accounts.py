"""Accounts and roles: permissions enforced by the services, sign-in slowdown, password hashes,
password resets and signing keys, attribution when users switch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from argon2 import PasswordHasher

from chairlog import pki
from chairlog.domain import Role
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
        c.app, who, c.protocols["crps-low-dose"].values, key="crps-low-dose", reason="x",
        expected_version=1,
    ),
    "change settings": lambda c, who: accounts.update_clinic(
        c.app, who, expected_version=accounts.get_clinic(c.app).version, idle_lock_minutes=30
    ),
    "reset passwords": lambda c, who: accounts.reset_password(
        c.app, who, c.nurse2.id, "temporary-1",
        expected_version=accounts.get_user(c.app, c.nurse2.id).version,
    ),
    "deactivate accounts": lambda c, who: accounts.set_active(
        c.app, who, c.nurse2.id, False, "left",
        expected_version=accounts.get_user(c.app, c.nurse2.id).version,
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
    accounts.set_active(c.app, c.admin, c.nurse2.id, False, "left the clinic",
                        expected_version=accounts.get_user(c.app, c.nurse2.id).version)
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
    accounts.set_active(c.app, c.admin, c.nurse2.id, True, "back from leave",
                        expected_version=accounts.get_user(c.app, c.nurse2.id).version)
    assert accounts.login(c.app, "omar", PASSWORDS["omar"]).id == c.nurse2.id


def test_admin_cannot_deactivate_self(clinic: Clinic) -> None:
    with pytest.raises(PermissionDenied):
        accounts.set_active(clinic.app, clinic.admin, clinic.admin.id, False, "oops",
                            expected_version=accounts.get_user(clinic.app, clinic.admin.id).version)


# ---- sign-in ------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_for_15_minutes(clinic: Clinic) -> None:
    c = clinic
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="Wrong username or password"):
            accounts.login(c.app, "nina", "not-her-password")
    with pytest.raises(AuthenticationError, match="locked"):  # the 5th locks
        accounts.login(c.app, "nina", "not-her-password")
    # locked: even the right password is refused, and says until when
    with pytest.raises(AuthenticationError, match=r"locked .* until 14:15 UTC"):
        accounts.login(c.app, "nina", PASSWORDS["nina"])
    c.clock.advance(minutes=14, seconds=59)
    with pytest.raises(AuthenticationError, match="locked"):
        accounts.login(c.app, "nina", PASSWORDS["nina"])
    c.clock.advance(seconds=1)
    assert accounts.login(c.app, "nina", PASSWORDS["nina"]).id == c.nurse.id
    rows = _last_audit(c, 10)
    actions = [r.action for r in rows]
    assert actions.count("user.locked") == 1
    assert [r.reason for r in rows if r.action == "login.failed"][:2] == ["locked", "locked"]


def test_admin_unlocks_and_sees_locked_accounts(clinic: Clinic) -> None:
    c = clinic
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            accounts.login(c.app, "omar", "wrong-wrong")
    locked = accounts.locked_accounts(c.app, c.admin)
    assert [(x.user.username, x.failed_attempts) for x in locked] == [("omar", 5)]
    with pytest.raises(PermissionDenied):
        accounts.locked_accounts(c.app, c.nurse)
    with pytest.raises(PermissionDenied):
        accounts.unlock_user(c.app, c.nurse, c.nurse2.id)
    accounts.unlock_user(c.app, c.admin, c.nurse2.id)
    assert accounts.locked_accounts(c.app, c.admin) == []
    assert accounts.login(c.app, "omar", PASSWORDS["omar"]).id == c.nurse2.id
    assert _last_audit(c, 2)[1].action == "user.unlock"


def test_lockout_threshold_is_a_clinic_setting(clinic: Clinic) -> None:
    c = clinic
    accounts.update_clinic(c.app, c.admin,
                           expected_version=accounts.get_clinic(c.app).version, lockout_attempts=3)
    for _ in range(2):
        with pytest.raises(AuthenticationError, match="Wrong"):
            accounts.login(c.app, "nina", "nope-nope")
    with pytest.raises(AuthenticationError, match="locked"):
        accounts.login(c.app, "nina", "nope-nope")
    from chairlog.errors import ValidationError

    with pytest.raises(ValidationError, match="lockout"):
        accounts.update_clinic(c.app, c.admin,
                               expected_version=accounts.get_clinic(c.app).version,
                               lockout_attempts=0)


def test_unknown_user_fails_and_is_audited(clinic: Clinic) -> None:
    with pytest.raises(AuthenticationError, match="Wrong username or password"):
        accounts.login(clinic.app, "nobody", "whatever-1")
    row = _last_audit(clinic)[0]
    assert (row.action, row.username, row.user_id) == ("login.failed", "nobody", None)


def test_unknown_username_costs_a_password_verification(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enumeration: an unknown username does the same argon2 work as a known one."""
    from chairlog.services import signin

    calls: list[str] = []
    real = signin.HASHER

    class Counting(PasswordHasher):
        def verify(self, hash: Any, password: Any) -> bool:
            calls.append("verify")
            return real.verify(hash, password)

    monkeypatch.setattr(signin, "HASHER", Counting(time_cost=1, memory_cost=1024, parallelism=1))
    for name in ("nina", "nobody-at-all"):
        calls.clear()
        with pytest.raises(AuthenticationError, match="Wrong username or password"):
            accounts.login(clinic.app, name, "a-wrong-password")
        assert calls == ["verify"], name


def test_reauthentication_shares_the_lockout(clinic: Clinic) -> None:
    c = clinic
    for _ in range(5):
        assert not accounts.verify_password(c.app, c.nurse, "bad-guess-1")
    with pytest.raises(AuthenticationError, match="locked"):
        accounts.reauthenticate(c.app, c.nurse, PASSWORDS["nina"])
    with pytest.raises(AuthenticationError, match="locked"):
        accounts.login(c.app, "nina", PASSWORDS["nina"])
    c.clock.advance(minutes=15)
    assert accounts.verify_password(c.app, c.nurse, PASSWORDS["nina"])
    actions = [r.action for r in _last_audit(c, 8)]
    assert actions.count("reauth.failed") >= 5 and "user.locked" in actions


def test_password_rehashed_when_parameters_change(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chairlog.services import signin

    c = clinic
    old = PasswordHasher(time_cost=1, memory_cost=2048, parallelism=1)
    monkeypatch.setattr(signin, "HASHER", old)
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
    monkeypatch.setattr(signin, "HASHER", new)
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


def test_reset_and_sign_attack_fails(clinic: Clinic) -> None:
    """An admin resets a physician's password, signs in with the temporary one, "changes" it
    and tries to sign: the reset revoked the certificate and nothing issues a new one without
    the authority's passphrase."""
    c = clinic
    old_fp = _active_fingerprint(c, c.physician.id)
    assert old_fp is not None
    accounts.reset_password(c.app, c.admin, c.physician.id, "temporary-pw-1",
                            expected_version=accounts.get_user(c.app, c.physician.id).version)
    assert _active_fingerprint(c, c.physician.id) is None
    row = _last_audit(c)[0]
    assert (row.action, row.user_id, row.after) == (
        "user.password_reset",
        c.admin.id,
        {"must_change_password": True, "certificates_revoked": 1},
    )
    with c.app.db.read() as s:
        from sqlalchemy import select

        from chairlog.db.models import SigningKey

        k = s.scalars(select(SigningKey).where(SigningKey.fingerprint_sha256 == old_fp)).one()
        assert k.revoked_at is not None and k.revocation_reason == "affiliation_changed"
    with pytest.raises(PermissionDenied, match="no valid signing certificate"):
        keys.unlock_signing_key(c.app, c.physician, "temporary-pw-1")
    with pytest.raises(PermissionDenied):  # nor can the admin sign as themself
        keys.unlock_signing_key(c.app, c.admin, PASSWORDS["admin"])
    doc = accounts.login(c.app, "drlee", "temporary-pw-1")
    assert doc.must_change_password
    doc = accounts.change_password(c.app, doc, "temporary-pw-1", "admin-chose-this")
    assert _active_fingerprint(c, doc.id) is None  # no key issued by a password change
    with pytest.raises(PermissionDenied, match="no valid signing certificate"):
        keys.unlock_signing_key(c.app, doc, "admin-chose-this")
    # without the passphrase the authority issues nothing
    from chairlog.services import authority

    with pytest.raises(AuthenticationError, match="passphrase is wrong"):
        authority.issue_certificate(c.app, "drlee", "not-the-passphrase", "admin-chose-this")
    assert _active_fingerprint(c, doc.id) is None
    assert _last_audit(c)[0].action == "ca.unlock_failed"


def test_wrong_signing_password_is_audited_and_locks(clinic: Clinic) -> None:
    c = clinic
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="not signed"):
            keys.unlock_signing_key(c.app, c.physician, "guess-guess")
    with pytest.raises(AuthenticationError, match="locked"):
        keys.unlock_signing_key(c.app, c.physician, "guess-guess")
    with pytest.raises(AuthenticationError, match="locked"):
        keys.unlock_signing_key(c.app, c.physician, PASSWORDS["drlee"])
    actions = [r.action for r in _last_audit(c, 7)]
    assert actions.count("signing.auth_failed") == 6 and "user.locked" in actions


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


@pytest.mark.parametrize(("key", "good", "bad"), [
    ("language", "es", "fr"), ("weight_unit", "lb", "stone"), ("temperature_unit", "F", "K"),
])
def test_words_and_units_are_clinic_settings_with_fixed_choices(
        clinic: Clinic, key: str, good: str, bad: object) -> None:
    from chairlog.errors import ValidationError

    c = clinic
    assert getattr(accounts.get_clinic(c.app), key) in ("en", "kg", "C")
    for hostile in (bad, 1, None, good.upper() + " "):
        with pytest.raises(ValidationError, match=key.replace("_", " ").split()[0]):
            accounts.update_clinic(c.app, c.admin,
                                   expected_version=accounts.get_clinic(c.app).version,
                                   **{key: hostile})
    accounts.update_clinic(c.app, c.admin,
                           expected_version=accounts.get_clinic(c.app).version, **{key: good})
    assert getattr(accounts.get_clinic(c.app), key) == good
    row = _last_audit(c)[0]
    assert row.action == "settings.change"
