"""The offline credential cache and the offline sign-in (a window started while the server is
down): kept at an online sign-in, 0600, no password in it; right / wrong / locked / unknown /
expired / role refusals; accounts the server no longer vouches for dropped; entries charted
offline replayed as the nurse once she signs in online, and a forged cache's entries refused
as a conflict on replay with nothing charted."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from typing import Any

import pytest

from chairlog.domain import Role
from chairlog.errors import ValidationError
from chairlog.outbox import NotQueueable, Outbox, OutboxStore, database_label, offline
from chairlog.outbox import credentials as cc
from chairlog.outbox.gateway import OFFLINE_MISMATCH
from chairlog.outbox.store import FILE_NAME
from chairlog.paths import data_dir
from chairlog.services import accounts, doses, signin
from chairlog.services.offline_credentials import Credential, fingerprint
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse
from tests.outbox.helpers import entries

VITALS = {"hr": 81, "sbp": 126, "dbp": 79, "spo2": 97, "rr": 14}


def _hash_of(app: Any, user_id: int) -> str:
    from chairlog.db.models import User

    with app.db.read() as s:
        u = s.get(User, user_id)
        assert u is not None
        return str(u.password_hash)


def _signed_in_online(c: Clinic, username: str = "nina") -> Any:
    actor = accounts.login(c.app, username, PASSWORDS[username])
    assert cc.remember_sign_in(c.app, actor) is (username != "admin")
    return actor


@pytest.fixture
def label(clinic: Clinic) -> str:
    return database_label(clinic.app.db.url)


@pytest.fixture
def cache() -> Any:
    c = cc.CredentialCache.here()
    yield c
    c.close()


def test_online_sign_in_keeps_the_verifier_0600_and_no_password(
        clinic: Clinic, label: str, cache: Any) -> None:
    _signed_in_online(clinic)
    _signed_in_online(clinic, "admin")  # an admin charts nothing: not kept
    kept = cache.account(label, "NINA ")
    assert kept is not None and kept.user_id == clinic.nurse.id
    assert kept.display_name == "Nina Nurse, RN" and kept.role is Role.NURSE
    assert kept.verifier == _hash_of(clinic.app, clinic.nurse.id)
    assert kept.fingerprint == fingerprint(kept.verifier)
    assert kept.cached_at == clinic.clock.now()
    assert cache.account(label, "admin") is None
    path = data_dir() / cc.FILE_NAME
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    raw = b"".join(p.read_bytes() for p in data_dir().glob(cc.FILE_NAME + "*"))
    assert kept.verifier.encode() in raw  # the file really holds it (WAL included)
    assert all(pw.encode() not in raw for pw in PASSWORDS.values())
    assert cache.idle_minutes(label) == accounts.get_clinic(clinic.app).idle_lock_minutes


def test_offline_sign_in_right_wrong_locked_unknown_expired(
        clinic: Clinic, label: str, cache: Any) -> None:
    _signed_in_online(clinic)
    now = clinic.clock.now() + timedelta(hours=2)
    user = offline.sign_in(cache, label, "nina", PASSWORDS["nina"], now)
    assert (user.user_id, user.role) == (clinic.nurse.id, Role.NURSE)
    assert user.fingerprint == fingerprint(_hash_of(clinic.app, clinic.nurse.id))
    with pytest.raises(offline.OfflineRefused) as unknown:
        offline.sign_in(cache, label, "omar", PASSWORDS["omar"], now)
    assert unknown.value.kind == "unknown"
    assert "omar has not signed in on this workstation in the last 14 days: chart on paper" \
        in str(unknown.value)
    for left in (4, 3, 2, 1):
        with pytest.raises(offline.OfflineRefused, match=f"{left} more wrong") as wrong:
            offline.sign_in(cache, label, "nina", "not-her-password", now)
        assert wrong.value.kind == "wrong"
    with pytest.raises(offline.OfflineRefused) as locked:
        offline.sign_in(cache, label, "nina", "not-her-password", now)
    assert locked.value.kind == "locked" and "locked" in str(locked.value)
    cache.close()
    again = cc.CredentialCache.here()  # a restart does not reset the lock
    try:
        with pytest.raises(offline.OfflineRefused) as still:
            offline.sign_in(again, label, "nina", PASSWORDS["nina"], now + timedelta(minutes=4))
        assert still.value.kind == "locked"
        assert offline.sign_in(again, label, "nina", PASSWORDS["nina"],
                               now + timedelta(minutes=5, seconds=1)).user_id == clinic.nurse.id
        expired_at = clinic.clock.now() + timedelta(days=14, seconds=1)
        with pytest.raises(offline.OfflineRefused) as expired:
            offline.sign_in(again, label, "nina", PASSWORDS["nina"], expired_at)
        assert expired.value.kind == "expired" and "last 14 days" in str(expired.value)
    finally:
        again.close()


def test_a_role_that_does_not_chart_is_refused(clinic: Clinic, label: str, cache: Any) -> None:
    verifier = signin.HASHER.hash(PASSWORDS["admin"])
    cache.keep(label, Credential(clinic.admin.id, "admin", "Ada Admin", Role.ADMIN, verifier),
               clinic.clock.now())  # an old file, or one edited by hand
    with pytest.raises(offline.OfflineRefused) as refused:
        offline.sign_in(cache, label, "admin", PASSWORDS["admin"], clinic.clock.now())
    assert refused.value.kind == "role" and "only a nurse or a physician" in str(refused.value)


def test_accounts_the_server_no_longer_vouches_for_are_dropped(
        clinic: Clinic, label: str, cache: Any) -> None:
    _signed_in_online(clinic)
    _signed_in_online(clinic, "omar")
    _signed_in_online(clinic, "drlee")
    assert [c.username for c in cache.accounts(label)] == ["drlee", "nina", "omar"]
    omar = accounts.get_user(clinic.app, clinic.nurse2.id)
    accounts.set_active(clinic.app, clinic.admin, omar.id, False, "left the clinic",
                        expected_version=omar.version)
    doc = accounts.get_user(clinic.app, clinic.physician.id)
    accounts.set_role(clinic.app, clinic.admin, doc.id, "admin", expected_version=doc.version)
    _signed_in_online(clinic)  # nina again: the server is shown the others
    assert [c.username for c in cache.accounts(label)] == ["nina"]


def test_charted_offline_then_replayed_as_the_nurse_signed_in_online(
        clinic: Clinic, label: str, cache: Any) -> None:
    s = doses.start_infusion(clinic.app, clinic.nurse, ready_to_infuse(clinic).id, 0.5).session
    _signed_in_online(clinic)
    t1 = clinic.clock.advance(minutes=10)
    user = offline.sign_in(cache, label, "nina", PASSWORDS["nina"], t1)
    store = OutboxStore(data_dir() / FILE_NAME)
    try:
        with pytest.raises(ValidationError):  # plausibility needs no server
            offline.chart(store, user, "record_vitals",
                          {"values": {**VITALS, "hr": 400}}, session_id=s.id,
                          seen_version=s.version, now=t1)
        a = offline.chart(store, user, "record_vitals", {"values": VITALS}, session_id=s.id,
                          seen_version=s.version, now=t1)
        b = offline.chart(store, user, "add_note", {"text": "calm, offline"}, session_id=s.id,
                          seen_version=s.version, now=t1 + timedelta(minutes=1))
        assert (a.queued, b.waiting) == (True, 2)
        kept = store.entries(label, ("pending",))
        assert {(e.user_id, e.offline_fingerprint) for e in kept} == {
            (clinic.nurse.id, fingerprint(_hash_of(clinic.app, clinic.nurse.id)))}
    finally:
        store.close()
    clinic.clock.advance(minutes=20)
    box = Outbox(clinic.app)
    try:
        assert box.replay([]).waiting_for == {"nina"}  # waits for her to sign in online
        report = box.replay([accounts.login(clinic.app, "nina", PASSWORDS["nina"])])
    finally:
        box.close()
    assert len(report.done) == 2 and not report.conflicts
    vit, note = entries(clinic.app, s.id)[-2:]
    assert (vit.kind, vit.charted_at, vit.user_id) == ("vitals", t1, clinic.nurse.id)
    assert (note.kind, note.text, note.charted_at) == ("note", "calm, offline",
                                                       t1 + timedelta(minutes=1))


def test_a_forged_cache_entry_is_a_conflict_on_replay(
        clinic: Clinic, label: str, cache: Any) -> None:
    s = doses.start_infusion(clinic.app, clinic.nurse, ready_to_infuse(clinic).id, 0.5).session
    forged = signin.HASHER.hash("chosen-by-someone-else")
    cache.keep(label, Credential(clinic.nurse.id, "nina", "Nina Nurse, RN", Role.NURSE,
                                 forged), clinic.clock.now())
    user = offline.sign_in(cache, label, "nina", "chosen-by-someone-else", clinic.clock.now())
    store = OutboxStore(data_dir() / FILE_NAME)
    try:
        offline.chart(store, user, "add_note", {"text": "forged"}, session_id=s.id,
                      seen_version=s.version, now=clinic.clock.now())
    finally:
        store.close()
    before = len(entries(clinic.app, s.id))
    box = Outbox(clinic.app)
    try:
        report = box.replay([accounts.login(clinic.app, "nina", PASSWORDS["nina"])])
        assert len(report.conflicts) == 1 and not report.done
        (conflict,) = box.conflicts()
        assert conflict.problem == str(OFFLINE_MISMATCH) and "password" in conflict.problem
    finally:
        box.close()
    assert len(entries(clinic.app, s.id)) == before  # nothing charted


def test_a_changed_password_since_the_offline_sign_in_is_a_conflict(
        clinic: Clinic, label: str, cache: Any) -> None:
    s = doses.start_infusion(clinic.app, clinic.nurse, ready_to_infuse(clinic).id, 0.5).session
    _signed_in_online(clinic)
    user = offline.sign_in(cache, label, "nina", PASSWORDS["nina"], clinic.clock.now())
    store = OutboxStore(data_dir() / FILE_NAME)
    try:
        offline.chart(store, user, "record_vitals", {"values": VITALS}, session_id=s.id,
                      seen_version=s.version, now=clinic.clock.now())
    finally:
        store.close()
    actor = accounts.login(clinic.app, "nina", PASSWORDS["nina"])
    actor = accounts.change_password(clinic.app, actor, PASSWORDS["nina"], "a-new-one-123")
    box = Outbox(clinic.app)
    try:
        assert len(box.replay([actor]).conflicts) == 1
    finally:
        box.close()


@pytest.mark.sqlite_only
def test_a_version_1_outbox_file_gains_the_fingerprint_column(tmp_path: Any) -> None:
    import sqlite3

    path = tmp_path / FILE_NAME
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TABLE entries (seq INTEGER PRIMARY KEY AUTOINCREMENT, entry_key TEXT NOT NULL "
        "UNIQUE, database TEXT NOT NULL, use_case TEXT NOT NULL, arguments TEXT NOT NULL, "
        "user_id INTEGER NOT NULL, username TEXT NOT NULL, session_id INTEGER, seen_version "
        "INTEGER, charted_at TEXT, queued_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT "
        "'pending', problem TEXT, attempts INTEGER NOT NULL DEFAULT 0, version_before INTEGER, "
        "server_version INTEGER, server_entry_id INTEGER, finished_at TEXT, resolved_by TEXT, "
        "resolution TEXT); PRAGMA user_version=1;")
    con.execute("INSERT INTO entries (entry_key, database, use_case, arguments, user_id, "
                "username, session_id, queued_at) VALUES ('old', 'db', 'add_note', '{}', 1, "
                "'nina', 7, '2026-01-01T00:00:00+00:00')")
    con.commit()
    con.close()
    store = OutboxStore(path)
    try:
        store.add(entry_key="new", database="db", use_case="add_note", arguments="{}",
                  user_id=1, username="nina", session_id=7, seen_version=None,
                  charted_at=None, queued_at="2026-01-01T00:01:00+00:00",
                  offline_fingerprint="f" * 64)
        assert [(e.entry_key, e.offline_fingerprint) for e in store.entries("db")] == [
            ("old", None), ("new", "f" * 64)]
    finally:
        store.close()


def test_only_appends_are_charted_offline(clinic: Clinic, label: str, cache: Any) -> None:
    _signed_in_online(clinic)
    user = offline.sign_in(cache, label, "nina", PASSWORDS["nina"], clinic.clock.now())
    store = OutboxStore(data_dir() / FILE_NAME)
    try:
        with pytest.raises(NotQueueable, match="dose change"):
            offline.chart(store, user, "change_rate", {"rate": 0.75},
                          session_id=1, seen_version=1, now=clinic.clock.now())
        with pytest.raises(ValidationError):  # a note needs words, checked offline
            offline.chart(store, user, "add_note", {"text": "  "}, session_id=1,
                          seen_version=1, now=clinic.clock.now())
        assert store.count(label) == 0
    finally:
        store.close()
