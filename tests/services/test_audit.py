"""The audit trail: every change writes its row in the same transaction; reading it is
limited by role; verification names the first broken record; exports are recorded."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from chairlog.db import audit as chain
from chairlog.db.models import BackupRecord
from chairlog.domain import AuditRow
from chairlog.errors import AuthenticationError, PermissionDenied, ValidationError
from chairlog.services import accounts, audit_log, charting, corrections, doses, views
from tests.audit_attacker import drop_guards, head, rehash_from, sql
from tests.conftest import PASSWORDS, T0, Clinic, ready_to_infuse

VITALS = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}


class Trail:
    """The rows written since the marker was set, oldest first."""

    def __init__(self, c: Clinic) -> None:
        self.c = c
        self.mark = head(c.app)[0]

    def new(self) -> list[AuditRow]:
        rows = audit_log.list_audit(self.c.app, self.c.admin, limit=100)
        fresh = sorted((r for r in rows if r.seq > self.mark), key=lambda r: r.seq)
        self.mark = head(self.c.app)[0]
        return fresh


@pytest.fixture
def trail(clinic: Clinic) -> Trail:
    return Trail(clinic)


def test_chart_entry_create_is_audited(clinic: Clinic, trail: Trail) -> None:
    s = ready_to_infuse(clinic)
    trail.new()
    r = charting.record_vitals(clinic.app, clinic.nurse, s.id, {**VITALS, "hr": 88})
    (row,) = trail.new()
    assert (row.action, row.entity, row.entity_id) == (
        "entry.create.vitals",
        "entry",
        str(r.entry.id),
    )
    assert (row.user_id, row.username, row.user_name) == (clinic.nurse.id, "nina", "Nina Nurse")
    assert (row.session_id, row.patient_id) == (s.id, clinic.patient.id)
    assert row.before is None and row.after is not None
    assert row.after["hr"] == 88 and row.after["kind"] == "vitals"
    assert row.at == T0


def test_correction_and_entered_in_error_keep_before_after_and_reason(
    clinic: Clinic, trail: Trail
) -> None:
    s = ready_to_infuse(clinic)
    v = charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS).entry
    trail.new()
    corrections.correct_entry(clinic.app, clinic.nurse2, v.id, "typo in heart rate", hr=78)
    (row,) = trail.new()
    assert (row.action, row.entity_id, row.reason) == (
        "entry.correct",
        str(v.id),
        "typo in heart rate",
    )
    assert row.before is not None and row.after is not None
    assert (row.before["hr"], row.after["hr"]) == (72, 78) and row.username == "omar"
    note = charting.add_note(clinic.app, clinic.nurse, s.id, "wrong patient!").entry
    trail.new()
    corrections.mark_entered_in_error(clinic.app, clinic.nurse, note.id, "charted on wrong chair")
    (row,) = trail.new()
    assert (row.action, row.before, row.after, row.reason) == (
        "entry.entered_in_error",
        {"status": "active"},
        {"status": "entered_in_error"},
        "charted on wrong chair",
    )


def test_state_change_is_audited(clinic: Clinic, trail: Trail) -> None:
    s = ready_to_infuse(clinic)
    trail.new()
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    rows = trail.new()
    assert [r.action for r in rows] == ["entry.create.dose", "session.state"]
    state = rows[1]
    assert (state.before, state.after, state.session_id) == (
        {"state": "pre_infusion"},
        {"state": "infusing"},
        s.id,
    )


def test_sign_in_settings_and_user_changes_are_audited(clinic: Clinic, trail: Trail) -> None:
    c = clinic
    accounts.login(c.app, "nina", PASSWORDS["nina"])
    with pytest.raises(AuthenticationError):
        accounts.login(c.app, "nina", "wrong-password")
    accounts.update_clinic(c.app, c.admin,
                           expected_version=accounts.get_clinic(c.app).version, idle_lock_minutes=9)
    accounts.set_active(c.app, c.admin, c.nurse2.id, False, "moved away",
                        expected_version=accounts.get_user(c.app, c.nurse2.id).version)
    accounts.reset_password(c.app, c.admin, c.nurse.id, "temporary-99",
                            expected_version=accounts.get_user(c.app, c.nurse.id).version)
    rows = trail.new()
    assert [r.action for r in rows] == [
        "login",
        "login.failed",
        "settings.change",
        "user.deactivate",
        "user.password_reset",
    ]
    login, failed, settings, deactivate, reset = rows
    assert (login.user_id, failed.user_id, failed.reason) == (c.nurse.id, None, "bad credentials")
    assert failed.username == "nina" and failed.entity_id == str(c.nurse.id)
    assert settings.before is not None and settings.after is not None
    assert (settings.before["idle_lock_minutes"], settings.after["idle_lock_minutes"]) == (5, 9)
    assert (deactivate.before, deactivate.after, deactivate.reason) == (
        {"active": True},
        {"active": False},
        "moved away",
    )
    assert deactivate.user_id == reset.user_id == c.admin.id
    assert all("temporary-99" not in str(r.after) for r in rows)  # no password in the trail
    assert audit_log.verify_audit(c.app).ok


def test_change_and_audit_row_share_one_transaction(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the audit row cannot be written, the change is not saved either, and vice versa."""
    c = clinic
    s = ready_to_infuse(c)
    n_entries = len(views.get_session(c.app, s.id).entries)
    rows = head(c.app)[0]
    real_append = chain.append

    def failing_append(*a: Any, **kw: Any) -> Any:
        raise RuntimeError("disk gone while writing the audit row")

    monkeypatch.setattr(chain, "append", failing_append)
    with pytest.raises(RuntimeError):
        charting.record_vitals(c.app, c.nurse, s.id, VITALS)
    with pytest.raises(RuntimeError):
        accounts.update_clinic(c.app, c.admin,
                               expected_version=accounts.get_clinic(c.app).version,
                               idle_lock_minutes=42)
    monkeypatch.setattr(chain, "append", real_append)
    assert len(views.get_session(c.app, s.id).entries) == n_entries
    assert accounts.get_clinic(c.app).idle_lock_minutes == 5
    # a change refused half-way (second setting invalid) leaves neither change nor row
    with pytest.raises(ValidationError):
        accounts.update_clinic(c.app, c.admin,
                               expected_version=accounts.get_clinic(c.app).version,
                               idle_lock_minutes=20, paper_size="A3")
    assert accounts.get_clinic(c.app).idle_lock_minutes == 5
    assert head(c.app)[0] == rows and audit_log.verify_audit(c.app).ok


# ---- reading ------------------------------------------------------------------------------


@pytest.fixture
def two_sessions(clinic: Clinic) -> tuple[Any, Any]:
    s1 = ready_to_infuse(clinic)
    clinic.clock.advance(hours=1)
    s2 = ready_to_infuse(clinic, patient=clinic.patient2, chair=1)
    charting.record_vitals(clinic.app, clinic.nurse2, s2.id, VITALS)
    return s1, s2


def test_filters(clinic: Clinic, two_sessions: tuple[Any, Any]) -> None:
    c = clinic
    s1, s2 = two_sessions
    by_session = audit_log.list_audit(c.app, c.admin, session_id=s2.id)
    assert by_session and all(r.session_id == s2.id for r in by_session)
    seqs = [r.seq for r in by_session]
    assert seqs == sorted(seqs, reverse=True)  # newest first
    by_patient = audit_log.list_audit(c.app, c.physician, patient_id=c.patient.id)
    assert {r.session_id for r in by_patient} - {None} == {s1.id}
    assert any(r.action == "patient.create" for r in by_patient)
    by_user = audit_log.list_audit(c.app, c.admin, user_id=c.nurse2.id)
    assert [r.action for r in by_user] == ["entry.create.vitals", "login"]
    later = audit_log.list_audit(c.app, c.admin, since=T0 + timedelta(minutes=30))
    assert later and all(r.at >= T0 + timedelta(minutes=30) for r in later)
    assert all(r.session_id == s2.id for r in later)
    earlier = audit_log.list_audit(c.app, c.admin, until=T0 + timedelta(minutes=30), limit=5)
    assert len(earlier) == 5 and all(r.at < T0 + timedelta(minutes=30) for r in earlier)
    page2 = audit_log.list_audit(c.app, c.admin, limit=5, before_seq=earlier[-1].seq)
    assert page2[0].seq == earlier[-1].seq - 1
    both = audit_log.list_audit(c.app, c.admin, session_id=s1.id, user_id=c.nurse2.id)
    assert both == []


def test_who_may_read_the_trail(clinic: Clinic, two_sessions: tuple[Any, Any]) -> None:
    c = clinic
    s1, _ = two_sessions
    with pytest.raises(PermissionDenied, match="one session at a time"):
        audit_log.list_audit(c.app, c.nurse)
    with pytest.raises(PermissionDenied):
        audit_log.list_audit(c.app, c.nurse, patient_id=c.patient.id)
    mine = audit_log.list_audit(c.app, c.nurse, session_id=s1.id)
    assert mine and {r.session_id for r in mine} == {s1.id}
    assert audit_log.list_audit(c.app, c.physician)
    accounts.set_active(c.app, c.admin, c.physician.id, False, "left",
                        expected_version=accounts.get_user(c.app, c.physician.id).version)
    with pytest.raises(PermissionDenied, match="deactivated"):
        audit_log.list_audit(c.app, c.physician)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"limit": 0}, "limit"),
        ({"limit": 10_000}, "limit"),
        ({"limit": True}, "limit"),
        ({"since": datetime(2026, 3, 2)}, "since"),
        ({"since": T0, "until": T0 - timedelta(days=1)}, "until"),
    ],
)
def test_bad_filters_refused(clinic: Clinic, kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as e:
        audit_log.list_audit(clinic.app, clinic.admin, **kwargs)
    assert e.value.field == field


def test_day_bounds_use_the_clinic_zone(clinic: Clinic) -> None:
    since, until = audit_log.day_bounds(clinic.app, date(2026, 7, 1), date(2026, 7, 2))
    assert since == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)  # Berlin summer time, UTC+2
    assert until == datetime(2026, 7, 2, 22, 0, tzinfo=UTC)
    assert audit_log.day_bounds(clinic.app, None, None) == (None, None)


# ---- export -------------------------------------------------------------------------------


def test_export_by_role_and_recorded(clinic: Clinic, tmp_path: Path) -> None:
    c = clinic
    out = tmp_path / "trail.csv"
    with pytest.raises(PermissionDenied):
        audit_log.export_audit_csv(c.app, c.nurse, out)
    assert not out.exists()
    charting_session = ready_to_infuse(c)
    charting.add_note(c.app, c.nurse, charting_session.id, '=HYPERLINK("http://x")')
    n = head(c.app)[0]
    result = audit_log.export_audit_csv(c.app, c.physician, out)
    assert (result.rows, result.first_seq, result.last_seq) == (n, 1, n)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n
    note = next(r for r in rows if r["action"] == "entry.create.note")
    assert note["after"].startswith("{") and "HYPERLINK" in note["after"]
    last = audit_log.list_audit(c.app, c.admin, limit=1)[0]
    assert (last.action, last.user_id, last.after) == (
        "audit.export",
        c.physician.id,
        {
            "rows": n,
            "first_seq": 1,
            "last_seq": n,
            "since": None,
            "until": None,
            "file": "trail.csv",
        },
    )


def test_export_neutralises_spreadsheet_formulas(clinic: Clinic, tmp_path: Path) -> None:
    c = clinic
    accounts.set_active(c.app, c.admin, c.nurse2.id, False, "=cmd|' /C calc'!A0",
                        expected_version=accounts.get_user(c.app, c.nurse2.id).version)
    out = audit_log.export_audit_csv(c.app, c.admin, tmp_path / "t.csv")
    with Path(out.path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[-1]["reason"] == "'=cmd|' /C calc'!A0"


def test_export_to_a_folder_refused(clinic: Clinic, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        audit_log.export_audit_csv(clinic.app, clinic.admin, tmp_path)


# ---- verification and anchors -------------------------------------------------------------


def _anchor_backup(c: Clinic) -> tuple[int, str]:
    seq, h = head(c.app)
    with c.app.db.write() as s:
        s.add(
            BackupRecord(
                path="daily-1.sqlite3",
                created_at=c.clock.now(),
                size_bytes=1,
                audit_head_seq=seq,
                audit_head_hash=h,
                kind="daily",
            )
        )
    return seq, h


def test_verify_reports_counts(clinic: Clinic) -> None:
    report = audit_log.verify_audit(clinic.app)
    seq, h = head(clinic.app)
    assert report.ok and (report.rows, report.head_seq, report.head_hash) == (seq, seq, h)
    assert report.summary == f"intact: {seq} records, head {seq} {h[:16]}"


def test_cut_off_rows_and_rewound_head_caught_by_anchor(clinic: Clinic) -> None:
    c = clinic
    anchored, _ = _anchor_backup(c)
    accounts.update_clinic(c.app, c.admin,
                           expected_version=accounts.get_clinic(c.app).version, idle_lock_minutes=7)
    drop_guards(c.app)
    # the attacker cuts the trail back to before the backup and makes the head agree
    sql(c.app, "DELETE FROM audit_log WHERE seq >= :s", s=anchored)
    prev = sql(c.app, "SELECT hash FROM audit_log WHERE seq = :s", s=anchored - 1)[0][0]
    sql(c.app, "UPDATE audit_head SET seq = :s, hash = :h", s=anchored - 1, h=prev)
    report = audit_log.verify_audit(c.app)
    assert not report.ok and report.first_bad_seq == anchored
    assert "anchored in backup daily-1.sqlite3, is missing" in str(report.problem)


def test_rewritten_chain_caught_by_anchor(clinic: Clinic) -> None:
    c = clinic
    anchored, _ = _anchor_backup(c)
    drop_guards(c.app)
    sql(c.app, "UPDATE audit_log SET reason = 'rewritten' WHERE seq = 3")
    rehash_from(c.app, 3)  # every hash recomputed, head moved: self-consistent
    report = audit_log.verify_audit(c.app)
    # the journal anchored record 3 when the workstation registered; the backup record 15
    assert not report.ok and report.first_bad_seq == 3
    assert report.problem is not None and report.problem.startswith(
        "record 3, anchored in the journal at 2026-03-02 14:00 UTC (register), was changed")
    assert f"record {anchored}, anchored in backup daily-1.sqlite3, was changed (the chain " \
        "was rewritten)" in report.problems


def test_rows_added_behind_the_head_are_caught(clinic: Clinic) -> None:
    c = clinic
    n, h = head(c.app)
    drop_guards(c.app)
    with c.app.db.write() as s:
        chain.append(s, at=c.clock.now(), user_id=None, username="x", action="note", entity="entry")
    sql(c.app, "UPDATE audit_head SET seq = :n, hash = :h", n=n, h=h)
    report = audit_log.verify_audit(c.app)
    assert (report.ok, report.first_bad_seq) == (False, n + 1)
    assert "added outside chairlog" in str(report.problem)


def _all_rows(c: Clinic) -> Iterator[AuditRow]:
    before: int | None = None
    while True:
        page = audit_log.list_audit(c.app, c.admin, limit=50, before_seq=before)
        if not page:
            return
        yield from page
        before = page[-1].seq


def test_every_row_names_its_author(clinic: Clinic) -> None:
    """Paging back through the whole trail: every change made in the app names who made it."""
    ready_to_infuse(clinic)
    rows = list(_all_rows(clinic))
    assert [r.seq for r in rows] == list(range(head(clinic.app)[0], 0, -1))
    assert all(r.username for r in rows)
    # only what the signing authority did (drlee's certificate: its holder need not have an
    # account) and the workstation's key registration have no user id; no write went
    # unaccounted (rows.write)
    assert all(r.user_id is not None for r in rows
               if r.username != "authority" and r.action != "workstation.register"), [
        (r.action, r.username) for r in rows if r.user_id is None]


def test_deleted_head_is_caught(clinic: Clinic) -> None:
    n, _ = head(clinic.app)
    drop_guards(clinic.app)
    sql(clinic.app, "DELETE FROM audit_head")
    report = audit_log.verify_audit(clinic.app)
    assert (report.ok, report.first_bad_seq) == (False, n)
    assert report.problem == "the chain's recorded head was deleted outside chairlog"
