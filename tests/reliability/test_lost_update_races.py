"""Two workstations saving at the same instant: each with its own engine, on its own thread.

Workstation A's commit is held for half a second after its change is written (a hook on its
engine's COMMIT); workstation B acts only once A is inside that commit, so B reads the row as
it was and writes while A's change is still uncommitted — the race a barrier makes only
sometimes. Exactly one wins; the other gets the worded ConflictError (or, for a busy chair,
"Chair 3 is in use …"), never an IntegrityError and never a silent overwrite. Appends (two
vitals sets at the same instant) both succeed.

Runs on SQLite (the second writer waits on the file lock, then meets the version check) and,
with CHAIRLOG_TEST_PG_URL set, on PostgreSQL (row locks, the optimistic version and the unique
index ``uq_protocol_key_version`` do the refusing).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from chairlog.errors import ChairlogError
from chairlog.services import accounts, charting, open_app, patients, protocols, sessions, views
from tests.conftest import PASSWORDS, Clinic, add_signed_in

NG_PASSWORD = "ng-admin-pass-1"
VITALS = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}


@pytest.fixture
def other(clinic: Clinic) -> Iterator[Any]:
    """Workstation B: a second app (its own engine) on the same database."""
    add_signed_in(clinic.app, clinic.admin, "ng", "Dr Ng", "admin", password=NG_PASSWORD)
    b = open_app(clinic.app.db.url, clock=clinic.clock)
    try:
        yield b
    finally:
        b.close()


@contextmanager
def held_commit(app: Any, seconds: float = 0.5) -> Iterator[threading.Event]:
    """While active, ``app``'s next COMMIT waits ``seconds`` after setting the event."""
    committing = threading.Event()

    def hold(_conn: Any) -> None:
        if not committing.is_set():
            committing.set()
            time.sleep(seconds)

    event.listen(app.db.engine, "commit", hold)
    try:
        yield committing
    finally:
        event.remove(app.db.engine, "commit", hold)


def race(a_app: Any, first: Callable[[], Any], second: Callable[[], Any]) -> list[tuple[str, str]]:
    """Run ``first`` on A and ``second`` on B while A's commit is held; each outcome as
    (error class name or "ok", message)."""
    out: list[tuple[str, str]] = [("", ""), ("", "")]

    def run(i: int, fn: Callable[[], Any], wait: threading.Event | None) -> None:
        if wait is not None:
            assert wait.wait(30), "workstation A never reached its commit"
        try:
            fn()
            out[i] = ("ok", "")
        except ChairlogError as exc:
            out[i] = (type(exc).__name__, str(exc))
        except Exception as exc:  # reported, so the test fails naming it
            out[i] = ("UNEXPECTED " + type(exc).__name__, repr(exc))

    with held_commit(a_app) as committing:
        threads = [threading.Thread(target=run, args=(0, first, None)),
                   threading.Thread(target=run, args=(1, second, committing))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    return out


def test_two_admins_save_the_same_protocol_at_once(clinic: Clinic, other: Any) -> None:
    c = clinic
    ng = accounts.login(other, "ng", NG_PASSWORD)
    opened = c.protocols["crps-low-dose"]
    values = opened.values.to_dict()
    got = race(
        c.app,
        lambda: protocols.save_protocol(c.app, c.admin, {**values, "max_rate_mg_per_kg_h": 2.0},
                                        key=opened.key, reason="A", expected_version=1),
        lambda: protocols.save_protocol(other, ng, {**values, "planned_duration_min": 90},
                                        key=opened.key, reason="B", expected_version=1),
    )
    assert got[0] == ("ok", "")
    assert got[1][0] == "ConflictError", got
    assert got[1][1] == (f"Protocol '{opened.name}' was changed on another workstation at "
                         "15:00 +01:00 by admin (max rate 1 → 2); reopen it.")
    live = [p for p in protocols.list_protocols(c.app, include_inactive=True)
            if p.key == opened.key]
    assert sorted((p.version, p.active) for p in live) == [(1, False), (2, True)]
    assert {p.version: p.values.max_rate_mg_per_kg_h for p in live}[2] == 2.0


def test_two_admins_change_settings_and_accounts_at_once(clinic: Clinic, other: Any) -> None:
    c = clinic
    ng = accounts.login(other, "ng", NG_PASSWORD)
    v = accounts.get_clinic(c.app).version
    got = race(c.app,
               lambda: accounts.update_clinic(c.app, c.admin, expected_version=v,
                                              idle_lock_minutes=8),
               lambda: accounts.update_clinic(other, ng, expected_version=v,
                                              late_entry_minutes=20))
    assert got[0] == ("ok", "") and got[1][0] == "ConflictError", got
    assert "by admin (idle lock 5 → 8)" in got[1][1]
    assert accounts.get_clinic(c.app).late_entry_minutes == 10

    u = accounts.get_user(c.app, c.nurse2.id)
    got = race(c.app,
               lambda: accounts.set_role(c.app, c.admin, u.id, "physician",
                                         expected_version=u.version),
               lambda: accounts.set_active(other, ng, u.id, False, "left",
                                           expected_version=u.version))
    assert got[0] == ("ok", "") and got[1][0] == "ConflictError", got
    assert "The account 'omar' was changed on another workstation" in got[1][1]
    now = accounts.get_user(c.app, u.id)
    assert now.role.value == "physician" and now.active

    chair = c.chairs[0]
    got = race(c.app,
               lambda: protocols.set_chair_active(c.app, c.admin, chair.id, False,
                                                  expected_version=chair.version),
               lambda: protocols.set_chair_active(other, ng, chair.id, False,
                                                  expected_version=chair.version))
    assert got[0] == ("ok", "") and got[1][0] == "ConflictError", got
    assert got[1][1].startswith("Chair 1 was changed on another workstation")


def test_two_nurses_at_the_same_chair_and_patient_record(clinic: Clinic, other: Any) -> None:
    c = clinic
    omar = accounts.login(other, "omar", PASSWORDS["omar"])
    proto = c.protocols["crps-low-dose"].id
    got = race(c.app,
               lambda: sessions.start_session(c.app, c.nurse, patient_id=c.patient.id,
                                              chair_id=c.chairs[2].id, protocol_id=proto,
                                              weight_kg=70),
               lambda: sessions.start_session(other, omar, patient_id=c.patient2.id,
                                              chair_id=c.chairs[2].id, protocol_id=proto,
                                              weight_kg=71))
    assert got[0] == ("ok", "") and got[1][0] == "ValidationError", got
    sid = views.list_sessions(c.app)[0].id
    assert f"Chair 3 is in use (session {sid}, started 2026-03-02 15:00 +01:00)" in got[1][1]

    p = patients.get_patient(c.app, c.patient2.id)
    got = race(c.app,
               lambda: patients.update_patient(c.app, c.nurse, p.id, p.version, "a",
                                               allergies="latex"),
               lambda: patients.update_patient(other, omar, p.id, p.version, "b",
                                               notes="prefers the window chair"))
    assert got[0] == ("ok", "") and got[1][0] == "ConflictError", got
    assert got[1][1].startswith("Patient M002 was changed on another workstation at "
                                "15:00 +01:00 by nina (allergies")


def test_two_vitals_sets_at_the_same_instant_are_both_kept(clinic: Clinic, other: Any) -> None:
    c = clinic
    omar = accounts.login(other, "omar", PASSWORDS["omar"])
    s = sessions.start_session(c.app, c.nurse, patient_id=c.patient.id, chair_id=c.chairs[0].id,
                               protocol_id=c.protocols["crps-low-dose"].id, weight_kg=70)
    at = c.app.now()
    got = race(c.app,
               lambda: charting.record_vitals(c.app, c.nurse, s.id, VITALS, charted_at=at,
                                              expected_version=s.version),
               lambda: charting.record_vitals(other, omar, s.id, {**VITALS, "hr": 75},
                                              charted_at=at, expected_version=s.version))
    assert got == [("ok", ""), ("ok", "")]
    hrs = sorted(e.data["hr"] for e in views.get_session(c.app, s.id).active_entries()
                 if e.kind.value == "vitals")
    assert hrs == [72, 75]
