"""Issue 10: someone with a copy of the database (the guard triggers dropped first) edits,
deletes, inserts, swaps, truncates or rewrites; ``audit verify`` (and ``check``) name it.

Runs on SQLite and, with CHAIRLOG_TEST_PG_URL, on PostgreSQL."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chairlog.db import audit as chain
from chairlog.db.engine import Database
from chairlog.db.models import AuditLog
from chairlog.db.workstation import key_id_of
from chairlog.errors import StateError
from chairlog.services import audit_log, charting, corrections, doses, signoff
from chairlog.services.context import Chairlog
from tests import template_steps
from tests.audit_attacker import (
    drop_guards,
    forge_after,
    head,
    rehash_from,
    resign_from,
    sql,
    truncate_to,
    update_db_anchors,
)
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse
from tests.record_helpers import discharged_session

VITALS = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}


def verify(app: Any) -> Any:
    return audit_log.verify_audit(app)


def intact(app: Any) -> Any:
    report = verify(app)
    assert report.ok, report.problems
    return report


def _sign_one(clinic: Clinic) -> tuple[int, int]:
    """A signed record (its PDF carries the head it saw), then more charting; returns the
    session id and the head the PDF carries."""
    sid = discharged_session(clinic, extras=False)
    clinic.clock.advance(hours=1)
    signoff.sign_session(clinic.app, clinic.physician, sid, PASSWORDS["drlee"])
    with clinic.app.db.read() as s:
        pdf_head = s.scalar(sql_head_of_signed())
    return sid, int(pdf_head)


def sql_head_of_signed() -> Any:
    from sqlalchemy import select

    from chairlog.db.models import SignedRecord

    return select(SignedRecord.audit_head_seq).limit(1)


#: the clinic after ``_sign_one``, copied from a template made once per process
signed = template_steps.fixture("signed", _sign_one)


def _last_entry_id(app: Any) -> int:
    return int(sql(app, "SELECT MAX(id) FROM chart_entries")[0][0])


# ---- clinical rows bound to their records -----------------------------------------------


def test_intact_trail_checks_every_table(clinic: Clinic) -> None:
    ready_to_infuse(clinic)
    report = intact(clinic.app)
    tables = dict(report.bound_rows)
    assert tables["chart_entries"] > 0 and tables["patients"] == 2 and tables["users"] == 4
    assert tables["sessions"] == 1 and tables["state_transitions"] >= 1
    assert report.signatures_checked >= 2 and len(report.keys) == 1
    assert dict(report.anchors)["journal lines"] >= 1


def test_chart_value_changed_in_place(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    entry = int(sql(clinic.app, "SELECT id FROM chart_entries WHERE kind = 'dose'")[0][0])
    intact(clinic.app)
    drop_guards(clinic.app)
    sql(clinic.app, "UPDATE chart_entries SET rate_mg_per_kg_h = rate_mg_per_kg_h * 3 "
                    "WHERE id = :i", i=entry)
    report = verify(clinic.app)
    assert not report.ok
    assert report.problem is not None and report.problem.startswith(
        f"chart_entries row {entry} was changed outside chairlog (it differs from what record ")


def test_chart_entry_deleted(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS)
    entry = _last_entry_id(clinic.app)
    sql(clinic.app, "DELETE FROM chart_entries WHERE id = :i", i=entry)
    report = verify(clinic.app)
    assert not report.ok
    assert f"chart_entries row {entry}, written by record" in str(report.problem)
    assert "is missing: it was deleted outside chairlog" in str(report.problem)


def test_session_state_changed_in_place(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    sql(clinic.app, "UPDATE sessions SET state = 'discharged' WHERE id = :i", i=s.id)
    report = verify(clinic.app)
    assert not report.ok and f"sessions row {s.id} was changed outside chairlog" in str(
        report.problem)


def test_ca_row_replaced(clinic: Clinic) -> None:
    sql(clinic.app, "UPDATE clinic SET ca_cert_pem = :p", p=b"-----BEGIN CERTIFICATE-----x")
    report = verify(clinic.app)
    assert not report.ok and "clinic row 1 was changed outside chairlog" in str(report.problem)


def test_row_inserted_without_its_record(clinic: Clinic) -> None:
    sql(clinic.app, "INSERT INTO patients (mrn, family_name, given_name, search_name, sex, "
                    "allergies, notes, created_at, version) VALUES ('X9', 'Ghost', 'G', "
                    "'ghost g', '', '', '', '2026-03-02 14:00:00', 1)")
    pid = int(sql(clinic.app, "SELECT id FROM patients WHERE mrn = 'X9'")[0][0])
    report = verify(clinic.app)
    assert not report.ok and report.problem == (
        f"patients row {pid} has no audit record: it was inserted outside chairlog")


def test_last_writer_wins_and_later_change_is_caught(clinic: Clinic) -> None:
    """An entry corrected later is bound to the correcting record: intact; then its
    status put back in place is caught."""
    s = ready_to_infuse(clinic)
    v = charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS)
    corrections.correct_entry(clinic.app, clinic.nurse, v.entry.id, "Typo", hr=75)
    intact(clinic.app)
    sql(clinic.app, "UPDATE chart_entries SET status = 'active' WHERE id = :i", i=v.entry.id)
    report = verify(clinic.app)
    assert not report.ok and f"chart_entries row {v.entry.id} was changed" in str(report.problem)


# ---- the chain, its signatures and its anchors ------------------------------------------


def test_audit_row_edited_deleted_swapped(clinic: Clinic) -> None:
    app = clinic.app
    drop_guards(app)
    sql(app, "UPDATE audit_log SET reason = 'nothing' WHERE seq = 5")
    assert verify(app).problem == "record 5 was altered after it was written"
    sql(app, "UPDATE audit_log SET reason = NULL WHERE seq = 5")
    intact(app)
    sql(app, "UPDATE audit_log SET seq = -1 WHERE seq = 5")
    sql(app, "UPDATE audit_log SET seq = 5 WHERE seq = 6")
    sql(app, "UPDATE audit_log SET seq = 6 WHERE seq = -1")
    assert verify(app).problem == "record 5 does not follow record 4 (removed, reordered or " \
                                  "inserted)"


def test_forged_row_appended_with_recomputed_hash(clinic: Clinic) -> None:
    app = clinic.app
    n, _ = head(app)
    drop_guards(app)
    forge_after(app, n)  # a well-hashed row n + 1, unsigned
    with app.db.read() as s:
        forged = s.get(AuditLog, n + 1)
        assert forged is not None
        fh = forged.hash
    sql(app, "UPDATE audit_head SET seq = :n, hash = :h", n=n + 1, h=fh)
    report = verify(app)
    assert not report.ok and report.first_bad_seq == n + 1
    assert report.problem == (f"record {n + 1} is not signed by any workstation: it was added "
                              "outside chairlog")


def test_forged_row_signed_with_a_key_of_its_own(clinic: Clinic, tmp_path: Path) -> None:
    """The attacker registers a key of their own in the chain: no anchor outside the
    database covers it."""
    app = clinic.app
    n, _ = head(app)
    drop_guards(app)
    intruder = Database(app.db.url, home=tmp_path / "intruder")
    fake = Chairlog(db=intruder, clock=clinic.clock)
    try:
        with intruder.write() as s:
            chain.append(s, at=clinic.clock.now(), user_id=None, username="x", action="note",
                         entity="entry")
        # the intruder has no journal in the clinic's data folder
    finally:
        fake.close()
    report = verify(app)
    assert not report.ok
    assert f"registered in record {n + 1}, is not covered by any anchor outside the database" \
        in str(report.problem)


def test_truncated_with_entries_and_head_rewound(clinic: Clinic) -> None:
    app = clinic.app
    s = ready_to_infuse(clinic)
    keep, _ = head(app)
    clinic.clock.advance(minutes=16)  # the journal is written at least every 15 minutes
    for _ in range(3):
        charting.record_vitals(app, clinic.nurse, s.id, VITALS)
    drop_guards(app)
    truncate_to(app, keep)
    sql(app, "DELETE FROM backups")
    report = verify(app)
    assert not report.ok and report.first_bad_seq == keep + 1
    assert report.problem is not None and report.problem.startswith(
        f"the newest records were removed: record {keep + 1}, anchored in the journal at ")
    assert report.problem.endswith(f"is missing (the chain ends at {keep})")


def test_old_row_rewritten_chain_rehashed_db_anchors_updated(
    clinic: Clinic, signed: tuple[int, int]
) -> None:
    """Caught by the head inside the signed PDF even with the journal gone, and named."""
    app = clinic.app
    _, pdf_head = signed
    app.db.journal.unlink()
    drop_guards(app)
    sql(app, "UPDATE audit_log SET reason = 'rewritten' WHERE seq = 3")
    rehash_from(app, 3)
    update_db_anchors(app)
    report = verify(app)
    assert not report.ok
    assert any(p.startswith(f"record {pdf_head}, anchored in the PDF of signed record ")
               and p.endswith("was changed (the chain was rewritten)") for p in report.problems)
    # and the newest record's signature no longer fits its rewritten hash
    assert any("signature does not verify" in p for p in report.problems)


def test_signed_pdf_head_is_checked(clinic: Clinic, signed: tuple[int, int]) -> None:
    report = intact(clinic.app)
    assert dict(report.anchors)["signed PDFs"] == 1


def test_two_workstations_each_sign_with_their_own_key(clinic: Clinic, tmp_path: Path) -> None:
    """Another workstation on the same database registers its key; both verify, each from
    its own journal."""
    other = Database(clinic.app.db.url, home=tmp_path / "ws2")
    app2 = Chairlog(db=other, clock=clinic.clock)
    try:
        s = ready_to_infuse(Clinic(app2, *list(clinic.__dict__.values())[1:]))
        charting.record_vitals(app2, clinic.nurse, s.id, VITALS)
        report = audit_log.verify_audit(app2)
        assert report.ok, report.problems
        assert len(report.keys) == 2
        # workstation 1 does not know workstation 2's key until its own journal covers it
        assert not verify(clinic.app).ok
        charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS)
        if clinic.app.db.dialect == "postgresql":
            # on the shared server its first record on top of workstation 2's anchors at once
            with open(clinic.app.db.journal, encoding="utf-8") as fh:
                assert json.loads(fh.readlines()[-1])["why"] == "key seen"
            intact(clinic.app)
        else:
            # a file has one workstation: the other's records need its journal
            assert not verify(clinic.app).ok
            report = audit_log.verify_audit(clinic.app, journals=[other.journal])
            assert report.ok, report.problems
    finally:
        app2.close()


def _whys(app: Chairlog) -> list[str]:
    with open(app.db.journal, encoding="utf-8") as fh:
        return [json.loads(line)["why"] for line in fh]


def test_one_anchor_covers_every_key_registered_before_it(clinic: Clinic,
                                                          tmp_path: Path) -> None:
    """Workstations 2 and 3 register; workstation 1's first record on top of theirs anchors
    once ("key seen"), which covers both registrations: records on top of either later
    anchor nothing more; a key registered after that anchor gets one of its own. Each journal
    still lets its workstation verify the whole chain."""
    app = clinic.app
    others = [Chairlog(db=Database(app.db.url, home=tmp_path / f"ws{n}"), clock=clinic.clock)
              for n in (2, 3, 4)]
    try:
        s = ready_to_infuse(clinic)
        for other in others[:2]:
            charting.record_vitals(other, clinic.nurse, s.id, VITALS)
        before = len(_whys(app))
        charting.record_vitals(app, clinic.nurse, s.id, VITALS)
        for other in others[:2]:  # on top of 2, then on top of 3: both covered already
            charting.record_vitals(other, clinic.nurse, s.id, VITALS)
            charting.record_vitals(app, clinic.nurse, s.id, VITALS)
        charting.record_vitals(others[2], clinic.nurse, s.id, VITALS)  # registers after it
        charting.record_vitals(app, clinic.nurse, s.id, VITALS)
        added = _whys(app)[before:]
        if app.db.dialect == "postgresql":
            assert added == ["key seen", "key seen"]
            report = intact(app)
            assert len(report.keys) == 4
        else:  # a file has one workstation: never vouched for from here
            assert "key seen" not in added
            assert not verify(app).ok
    finally:
        for other in others:
            other.close()


def test_other_keys_are_learnt_before_the_chain_is_locked(clinic: Clinic,
                                                          tmp_path: Path) -> None:
    """A workstation's first record on top of another's checks that record's signature with
    the other key, learnt before the head is read (locked), and its own key, registered by
    its first record, is not looked up again: after the head's read come only the writes.
    The chain verifies as before."""
    from sqlalchemy import event

    s = ready_to_infuse(clinic)
    charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS)
    other = Chairlog(db=Database(clinic.app.db.url, home=tmp_path / "ws2"), clock=clinic.clock)
    statements: list[str] = []
    event.listen(other.db.engine, "before_cursor_execute",
                 lambda _c, _k, stmt, *_a: statements.append(" ".join(stmt.split())))
    try:
        charting.record_vitals(other, clinic.nurse, s.id, VITALS)  # registers its key
        assert clinic.app.db.workstation.key_id in other.db.known_keys
        statements.clear()
        charting.record_vitals(clinic.app, clinic.nurse, s.id, VITALS)
        charting.record_vitals(other, clinic.nurse, s.id, VITALS)  # on top of the first's
        locked = next(i for i, t in enumerate(statements) if "FROM audit_head" in t)
        assert all(t.startswith(("INSERT", "UPDATE", "WITH")) for t in statements[locked + 1:])
        report = audit_log.verify_audit(other, journals=[clinic.app.db.journal])
        assert report.ok, report.problems
    finally:
        other.close()


def test_workstation_key_file_is_private(clinic: Clinic) -> None:
    import os
    import stat

    key = clinic.app.db.home / "keys" / "audit-ed25519.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(clinic.app.db.journal.stat().st_mode) == 0o600
    pem = serialization.load_pem_private_key(key.read_bytes(), password=None)
    assert isinstance(pem, Ed25519PrivateKey)
    raw = pem.public_key().public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw)
    with clinic.app.db.read() as s:
        reg = s.get(AuditLog, 1)
        assert reg is not None and reg.action == "workstation.register"
        assert json.loads(reg.after_json or "")["public_key"] == base64.b64encode(raw).decode()
        assert reg.key_id == key_id_of(raw)
    # the key is not in the database
    assert os.fsencode(key.read_text().splitlines()[1]) not in repr(
        sql(clinic.app, "SELECT * FROM audit_log")).encode()


def test_a_value_changed_in_place_is_never_signed(clinic: Clinic) -> None:
    """The start rate ×3 on a discharged record: signing is refused, nothing signed."""
    sid = discharged_session(clinic, extras=False)
    sql(clinic.app, "UPDATE chart_entries SET rate_mg_per_kg_h = rate_mg_per_kg_h * 3 "
                    "WHERE session_id = :s AND kind = 'dose' AND dose_action = 'start'", s=sid)
    clinic.clock.advance(hours=1)
    with pytest.raises(StateError, match=r"^This record cannot be signed: its chart was "
                                         r"changed outside chairlog \(chart_entries row \d+ "
                                         r"differs from what audit record \d+ wrote\)"):
        signoff.sign_session(clinic.app, clinic.physician, sid, PASSWORDS["drlee"])
    assert sql(clinic.app, "SELECT count(*) FROM signed_records")[0][0] == 0


def test_os_account_attacker_is_caught_only_by_a_pdf_kept_elsewhere(
    clinic: Clinic, signed: tuple[int, int], tmp_path: Path
) -> None:
    """Someone with the OS account (the audit key, the journal) rewrites an old record,
    deletes the stored signed record, re-binds and re-signs everything: the database alone
    verifies; the signed PDF the physician gave out does not agree."""
    app = clinic.app
    sid, pdf_head = signed
    kept = tmp_path / "record.pdf"
    kept.write_bytes(signoff_pdf(app, sid))
    app.db.journal.unlink()
    drop_guards(app)
    sql(app, "DELETE FROM signed_records")
    sql(app, "UPDATE audit_log SET reason = 'rewritten' WHERE seq = 3")
    resign_from(app, 3)
    app.db.anchor(*head(app), clinic.clock.now(), "periodic")  # a new journal, too
    intact(app)  # the stated limit: nothing inside this workstation can tell
    report = audit_log.verify_audit(app, pdfs=[kept])
    assert not report.ok and report.problem == (
        f"record {pdf_head}, anchored in the signed PDF record.pdf, was changed (the chain was "
        "rewritten)")


def signoff_pdf(app: Any, session_id: int) -> bytes:
    from chairlog.services import records

    return records.export_record(app, session_id)


def test_forged_record_in_the_middle_is_flagged_by_the_next_writer(clinic: Clinic) -> None:
    """A forged record carrying the workstation's key id but a made-up signature, then the
    clinic charts on top of it: the next record says so inside its own signed bytes, and the
    default check (which does not verify every signature) reports it."""
    app = clinic.app
    s = ready_to_infuse(clinic)
    n, _ = head(app)
    drop_guards(app)
    with app.db.read() as sess:
        last = sess.get(AuditLog, n)
        assert last is not None
        fake = AuditLog(seq=n + 1, at=last.at, user_id=None, username="intruder", action="note",
                        entity="entry", entity_id="1", session_id=None, patient_id=None,
                        before_json=None, after_json=None, reason=None, prev_hash=last.hash,
                        hash="", rows_json=None, key_id=last.key_id,
                        signature=base64.b64encode(b"\0" * 64).decode())
        fake.hash = chain.row_hash(last.hash, fake, last.signature)
        sess.expunge_all()
    with app.db.engine.begin() as c:
        c.execute(AuditLog.__table__.insert().values(  # type: ignore[attr-defined]
            {col: getattr(fake, col) for col in (
                "seq", "at", "user_id", "username", "action", "entity", "entity_id",
                "session_id", "patient_id", "before_json", "after_json", "reason", "prev_hash",
                "hash", "rows_json", "key_id", "signature")}))
    sql(app, "UPDATE audit_head SET seq = :n, hash = :h", n=n + 1, h=fake.hash)
    charting.record_vitals(app, clinic.nurse, s.id, VITALS)
    report = verify(app)
    assert not report.ok and report.first_bad_seq == n + 1
    assert report.problem == (f"record {n + 1} was not signed by a registered workstation "
                              f"(found when record {n + 2} was written): it was forged or "
                              "altered")
