"""The outbox gateway on the test database (SQLite, or PostgreSQL with CHAIRLOG_TEST_PG_URL):
an unreachable server queues, the count is right, a replay charts in order as the nurse at the
charted time, a refused replay is a conflict that a nurse resolves (audited), nothing twice."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from chairlog.errors import ValidationError
from chairlog.outbox import QUEUED_WORDS, NotQueueable, Outbox
from chairlog.services import audit_log, charting, doses, replay
from tests.conftest import Clinic, ready_to_infuse
from tests.outbox.helpers import entries, refused, server_down

VITALS = {"hr": 80, "sbp": 125, "dbp": 80, "spo2": 97, "rr": 14}


@pytest.fixture
def box(clinic: Clinic, tmp_path: Path) -> Any:
    b = Outbox(clinic.app, folder=tmp_path)
    yield b
    b.close()


def infusing(c: Clinic) -> Any:
    s = ready_to_infuse(c)
    return doses.start_infusion(c.app, c.nurse, s.id, 0.5).session


def test_server_up_saves_directly(clinic: Clinic, box: Outbox) -> None:
    s = infusing(clinic)
    out = box.submit("record_vitals", {"session_id": s.id, "values": VITALS}, clinic.nurse)
    assert out.status == "saved" and out.result.entry.data["hr"] == 80
    assert box.waiting() == 0
    assert replay.already_charted(clinic.app, out.entry_key)  # the receipt went with it


def test_outage_queues_then_replays_in_order_as_charted(
        clinic: Clinic, box: Outbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    s = infusing(clinic)
    before = len(entries(clinic.app, s.id))
    t1 = clinic.clock.advance(minutes=5)
    with server_down(clinic.app, monkeypatch):
        a = box.call(charting.record_vitals, clinic.nurse, s.id, {**VITALS, "hr": 81},
                     expected_version=s.version)
        clinic.clock.advance(minutes=5)
        b = box.call(charting.add_note, clinic.nurse, s.id, "patient calm",
                     expected_version=s.version)
        clinic.clock.advance(minutes=5)
        c = box.call(doses.change_rate, clinic.nurse, s.id, 0.75, expected_version=s.version)
    assert (a.status, b.status, c.status) == ("queued",) * 3
    assert c.waiting == 3 and QUEUED_WORDS in c.message and "3 entries waiting" in c.message
    mode = stat.S_IMODE(os.stat(tmp_path / "outbox.sqlite3").st_mode)
    assert mode == 0o600
    clinic.clock.advance(minutes=30)  # the server is back half an hour later
    report = box.replay([clinic.nurse])
    assert len(report.done) == 3 and report.waiting == 0 and not report.conflicts
    new = entries(clinic.app, s.id)[before:]
    assert [e.kind for e in new] == ["vitals", "note", "dose"]
    assert [e.charted_at for e in new] == [t1, t1 + timedelta(minutes=5),
                                           t1 + timedelta(minutes=10)]
    assert {e.user_id for e in new} == {clinic.nurse.id}
    assert new[2].rate_mg_per_kg_h == 0.75
    assert all(e.recorded_at == clinic.clock.now() for e in new)  # late entries, by the rule
    assert box.replay([clinic.nurse]).done == []  # nothing twice


def test_a_new_entry_waits_behind_the_session_s_queue(
        clinic: Clinic, box: Outbox, monkeypatch: pytest.MonkeyPatch) -> None:
    s = infusing(clinic)
    with server_down(clinic.app, monkeypatch):
        box.submit("add_note", {"session_id": s.id, "text": "first"}, clinic.nurse)
    second = box.submit("add_note", {"session_id": s.id, "text": "second"}, clinic.nurse)
    assert second.queued  # the server answers again, but "first" has not reached it yet
    with pytest.raises(ValidationError, match=r"heart rate|hr"):  # still checked at once
        box.submit("record_vitals", {"session_id": s.id, "values": {**VITALS, "hr": 400}},
                   clinic.nurse)
    box.replay([clinic.nurse])
    assert [e.text for e in entries(clinic.app, s.id, "note")] == ["first", "second"]


def test_refusals_are_not_queued(clinic: Clinic, box: Outbox,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    s = infusing(clinic)
    with server_down(clinic.app, monkeypatch), pytest.raises(ValidationError):
        box.submit("record_vitals", {"session_id": s.id, "values": {**VITALS, "hr": 400}},
                   clinic.nurse)  # plausibility is checked before the server is needed
    with pytest.raises(ValidationError):
        box.submit("sign_record", {"session_id": s.id}, clinic.nurse)
    with server_down(clinic.app, monkeypatch), pytest.raises(NotQueueable):
        box.submit("give_bolus", {"session_id": s.id, "bolus_mg": 5, "override_reason": "x",
                                  "checked_by": ("omar", "nurse-pass-2")}, clinic.nurse)
    assert box.waiting() == 0


def test_a_lost_acknowledgement_is_not_charted_twice(
        clinic: Clinic, box: Outbox, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server committed, then the connection dropped before the answer: queued, and the
    replay finds the receipt instead of charting again."""
    s = infusing(clinic)
    import functools

    from chairlog.outbox import usecases

    real = charting.record_vitals

    @functools.wraps(real)
    def commit_then_drop(*a: Any, **k: Any) -> Any:
        real(*a, **k)
        raise refused()

    uc = usecases.USE_CASES["record_vitals"]
    monkeypatch.setitem(usecases.USE_CASES, "record_vitals",
                        usecases.UseCase(uc.name, commit_then_drop, uc.when))
    before = len(entries(clinic.app, s.id, "vitals"))
    out = box.submit("record_vitals", {"session_id": s.id, "values": VITALS}, clinic.nurse)
    assert out.queued
    monkeypatch.undo()
    report = box.replay([clinic.nurse])
    assert len(report.already) == 1 and not report.done
    assert len(entries(clinic.app, s.id, "vitals")) == before + 1


def test_conflict_shown_and_resolved(clinic: Clinic, box: Outbox,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Paused here while the server was down; another workstation stopped the infusion: the
    pause comes back as a conflict; the vitals charted after it still go in."""
    s = infusing(clinic)
    clinic.clock.advance(minutes=5)
    with server_down(clinic.app, monkeypatch):
        pause = box.submit("pause_infusion", {"session_id": s.id, "reason": "nausea",
                                              "expected_version": s.version}, clinic.nurse)
        vit = box.submit("record_vitals", {"session_id": s.id, "values": VITALS,
                                           "expected_version": s.version}, clinic.nurse)
    clinic.clock.advance(minutes=1)
    doses.stop_infusion(clinic.app, clinic.nurse2, s.id, "other workstation")
    report = box.replay([clinic.nurse])
    assert report.conflicts == [pause.entry_key] and report.done == [vit.entry_key]
    [c] = box.conflicts(s.id)
    assert "changed on another workstation" in (c.problem or "")
    assert c.arguments["reason"] == "nausea" and c.username == "nina"
    with pytest.raises(ValidationError):
        box.discard(c.entry_key, clinic.nurse, "")  # a reason is required
    box.discard(c.entry_key, clinic.nurse, "infusion was stopped by Omar meanwhile")
    assert box.conflicts(s.id) == []
    assert box.store.get(c.entry_key).state == "discarded"  # type: ignore[union-attr]
    rows = audit_log.list_audit(clinic.app, clinic.admin, session_id=s.id)
    assert any(r.action == "outbox.discarded" and "stopped by Omar" in (r.reason or "")
               for r in rows)


def test_conflict_charted_again_edited(clinic: Clinic, box: Outbox,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    s = infusing(clinic)
    with server_down(clinic.app, monkeypatch):
        rate = box.submit("change_rate", {"session_id": s.id, "rate": 0.8,
                                          "expected_version": s.version}, clinic.nurse)
    doses.change_rate(clinic.app, clinic.nurse2, s.id, 0.6)
    assert box.replay([clinic.nurse]).conflicts == [rate.entry_key]
    again = box.chart_again(rate.entry_key, clinic.nurse, {"rate": 0.7})
    assert again.status == "saved" and again.result.entry.data["rate_mg_per_kg_h"] == 0.7
    assert box.store.get(rate.entry_key).state == "recharted"  # type: ignore[union-attr]


def test_entries_of_a_nurse_not_signed_in_wait(clinic: Clinic, box: Outbox,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    s = infusing(clinic)
    with server_down(clinic.app, monkeypatch):
        box.submit("add_note", {"session_id": s.id, "text": "by omar"}, clinic.nurse2)
        box.submit("add_note", {"session_id": s.id, "text": "by nina"}, clinic.nurse)
    report = box.replay([clinic.nurse])
    assert report.done == [] and report.waiting == 2 and report.waiting_for == {"omar"}
    assert "for omar to sign in" in report.line()
    assert len(box.replay([clinic.nurse, clinic.nurse2]).done) == 2
    assert [e.text for e in entries(clinic.app, s.id, "note")] == ["by omar", "by nina"]


def test_replay_stops_while_the_server_is_still_down(
        clinic: Clinic, box: Outbox, monkeypatch: pytest.MonkeyPatch) -> None:
    s = infusing(clinic)
    with server_down(clinic.app, monkeypatch):
        box.submit("add_note", {"session_id": s.id, "text": "waiting"}, clinic.nurse)
        report = box.replay([clinic.nurse])
    assert report.unreachable and report.waiting == 1 and "cannot be reached" in report.line()


@pytest.mark.sqlite_only
def test_unreachable_is_a_connection_failure_only() -> None:
    import psycopg
    from sqlalchemy.exc import IntegrityError, OperationalError

    from chairlog.errors import ConflictError, StorageError

    assert replay.server_unreachable(refused())
    assert replay.server_unreachable(ConnectionRefusedError(111, "refused"))
    wrapped = StorageError("The clinic database server cannot be reached.")
    wrapped.__cause__ = refused()
    assert replay.server_unreachable(wrapped)
    assert not replay.server_unreachable(ConflictError())
    assert not replay.server_unreachable(ValidationError("hr", 400, "20–250"))
    assert not replay.server_unreachable(
        OperationalError("x", {}, Exception("database or disk is full")))  # SQLite
    serial = psycopg.errors.SerializationFailure("could not serialize access")
    assert not replay.server_unreachable(OperationalError("x", {}, serial))
    timeout = psycopg.errors.QueryCanceled("canceling statement due to statement timeout")
    assert replay.server_unreachable(OperationalError("x", {}, timeout))
    assert not replay.server_unreachable(IntegrityError("x", {}, Exception("unique")))


def test_a_call_that_cannot_wait_says_so(clinic: Clinic, box: Outbox,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    infusing(clinic)
    with server_down(clinic.app, monkeypatch), pytest.raises(NotQueueable, match="nothing"):
        box.call(charting.acknowledge_alert,
                 clinic.nurse, 1, "pause and notify")
    assert box.waiting() == 0


def test_an_outbox_that_cannot_keep_the_entry_says_not_saved(
        clinic: Clinic, box: Outbox, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from chairlog.errors import StorageError

    s = infusing(clinic)

    def full(**_k: Any) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(box.store, "add", full)
    with server_down(clinic.app, monkeypatch), pytest.raises(StorageError, match="NOT saved"):
        box.submit("add_note", {"session_id": s.id, "text": "x"}, clinic.nurse)
