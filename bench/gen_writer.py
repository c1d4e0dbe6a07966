"""Turns planned events into table rows and a valid audit hash chain, and bulk-inserts them.

Decisions:
- Rows are inserted with raw ``sqlite3`` ``executemany`` in large transactions (one per
  ≈ 200 000 rows, synchronous=OFF while generating): the ORM would take hours for 10 M rows.
- The audit chain is written in bulk with the same hash function the app verifies with
  (``chairlog.db.audit.row_hash`` over the same canonical JSON), continuing from the head the
  services left after setting up the clinic, so ``verify_chain`` accepts the result.
- Ids are assigned in the order things were recorded, as the services would have.
- Each audit row binds the rows created since the previous one (their content hash, as
  ``chairlog.db.binding`` computes it from the values read back) and is signed with this
  workstation's key (``CHAIRLOG_HOME``), as ``chairlog.db.audit`` does. Rows are generated
  with their final values (a session row already holds its final state), so a row touched
  again later binds the same hash: what the verifier compares is the same as in a real
  database, the intermediate states are not modelled.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, LargeBinary

from chairlog.db import binding
from chairlog.db.audit import canonical, row_hash, signed_message
from chairlog.db.models import (
    Alert,
    AuditLog,
    ChartEntry,
    InfusionSession,
    Patient,
    SignedRecord,
    StateTransition,
)
from chairlog.db.workstation import WorkstationKey
from chairlog.domain.describe import ENTRY_FIELDS

EPOCH = datetime(1970, 1, 1)
JSON_COLUMNS = ("items_json", "criteria_json")
MEANING = "Reviewed and approved"


@lru_cache(maxsize=8192)
def ts(at: int) -> str:
    """The text SQLAlchemy stores for a UTC datetime on SQLite."""
    return (EPOCH + timedelta(seconds=at)).isoformat(" ", "microseconds")


@lru_cache(maxsize=8192)
def iso(at: int) -> str:
    """What ``canonical`` writes for an aware UTC datetime."""
    return aware(at).isoformat()


@lru_cache(maxsize=8192)
def aware(at: int) -> datetime:
    return datetime.fromtimestamp(at, UTC)


class AuditRow:
    """The attributes ``row_hash`` reads from an ``AuditLog`` row (no ORM overhead)."""

    __slots__ = ("action", "after_json", "at", "before_json", "entity", "entity_id", "key_id",
                 "patient_id", "reason", "rows_json", "seq", "session_id", "user_id",
                 "username")

    def __init__(self, **kw: Any) -> None:
        for k, v in kw.items():
            setattr(self, k, v)


def _columns(model: Any) -> list[str]:
    return [c.name for c in model.__table__.columns]


TABLES: dict[str, list[str]] = {
    "patients": _columns(Patient),
    "sessions": _columns(InfusionSession),
    "state_transitions": _columns(StateTransition),
    "chart_entries": _columns(ChartEntry),
    "alerts": _columns(Alert),
    "signed_records": _columns(SignedRecord),
    "audit_log": _columns(AuditLog),  # the tuples below follow the model's column order
}
def _kind(col: Any) -> str:
    t = col.type
    impl = getattr(t, "impl", t)
    for cls, name in ((Boolean, "bool"), (DateTime, "datetime"), (Date, "date"),
                      (Float, "float"), (Integer, "int"), (JSON, "json"),
                      (LargeBinary, "bytes")):
        if isinstance(impl, cls) or isinstance(t, cls):
            return name
    return "text"


KINDS: dict[str, dict[str, str]] = {
    name: {c.name: _kind(c) for c in table.columns} for name, table in binding.BOUND_TABLES.items()
}


def _readback(kind: str, v: Any) -> Any:
    """The value SQLAlchemy reads back from what this writer inserts (for the content hash)."""
    if v is None:
        return None
    if kind == "datetime":
        return datetime.fromisoformat(v).replace(tzinfo=UTC) if isinstance(v, str) else v
    if kind == "float":
        return float(v)
    if kind == "int":
        return int(v)
    if kind == "bool":
        return bool(v)
    if kind == "json":
        return json.loads(v) if isinstance(v, str) else v
    if kind == "date" and isinstance(v, str):
        return date.fromisoformat(v)
    return v


def row_content_hash(table: str, row: dict[str, Any]) -> str:
    kinds = KINDS[table]
    if table == "chart_entries":  # inserted with the kind's columns only, the rest NULL
        cols: Any = ENTRY_COMMON + ENTRY_FIELDS[row["kind"]]
    else:
        cols = kinds
    return binding.content_hash({c: _readback(kinds[c], row.get(c)) for c in cols})


ENTRY_BASE: dict[str, Any] = dict.fromkeys(TABLES["chart_entries"])
ENTRY_BASE.update(record_version=1, status="active", version=1)
#: chart entries are inserted per kind with only the columns that kind uses (the others are
#: NULL): a third of the parameter binding of a full 50-column row
ENTRY_COMMON = ("id", "session_id", "kind", "charted_at", "recorded_at", "user_id",
                "record_version", "status", "supersedes_id", "invalidated_at",
                "invalidated_by_id", "invalidation_reason", "version")


def placeholder_pdf(session_id: int) -> bytes:
    """A small valid one-page PDF standing in for the signed record (see README: real signed
    PDFs are not generated, they would add ≈ 100 kB per session)."""
    text = f"chairlog benchmark record, session {session_id}".encode()
    content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


class Writer:
    """Receives events in time order; assigns ids, builds rows and audit rows, inserts."""

    def __init__(self, con: sqlite3.Connection, head: tuple[int, str], next_ids: dict[str, int],
                 home: Path, flush_rows: int = 200_000) -> None:
        self.con = con
        self.seq, self.prev = head
        self.next = dict(next_ids)
        self.buf: dict[str, list[Any]] = {t: [] for t in TABLES}
        self.flush_rows = flush_rows
        self.pending = 0
        self.counts: Counter[str] = Counter()
        self.key = WorkstationKey.load_or_create(home)
        last = con.execute("SELECT signature, key_id FROM audit_log WHERE seq = ?",
                           (self.seq,)).fetchone()
        assert last is not None and last[1] == self.key.key_id, \
            "the clinic was set up with another workstation key (CHAIRLOG_HOME)"
        self.prev_sig: str | None = last[0]
        self.touched: list[tuple[str, dict[str, Any]]] = []

    # ---- audit -------------------------------------------------------------------------
    def audit(self, at: int, user: Any, action: str, entity: str, entity_id: Any, *,
              session_id: int | None = None, patient_id: int | None = None,
              before: Any = None, after: Any = None, reason: str | None = None) -> tuple[int, str]:
        self.seq += 1
        bound: dict[str, dict[str, str]] = {}
        for table, row in self.touched:
            bound.setdefault(table, {})[str(row["id"])] = row_content_hash(table, row)
        self.touched.clear()
        r = AuditRow(seq=self.seq, at=aware(at), user_id=user.id,
                     username=user.username, action=action, entity=entity,
                     entity_id=str(entity_id), session_id=session_id, patient_id=patient_id,
                     before_json=canonical(before) if before is not None else None,
                     after_json=canonical(after) if after is not None else None, reason=reason,
                     rows_json=canonical(bound) if bound else None, key_id=self.key.key_id)
        h = row_hash(self.prev, r, self.prev_sig)
        sig = self.key.sign(signed_message(h))
        self.buf["audit_log"].append(
            (r.seq, ts(at), r.user_id, r.username, action, entity, r.entity_id, session_id,
             patient_id, r.before_json, r.after_json, reason, self.prev, h, r.rows_json,
             r.key_id, sig))
        self.prev, self.prev_sig = h, sig
        self.pending += 1
        return r.seq, h

    def _id(self, table: str) -> int:
        self.next[table] += 1
        return self.next[table]

    def _row(self, table: str, row: dict[str, Any]) -> None:
        self.buf[table].append(row)
        self.touched.append((table, row))
        self.pending += 1

    # ---- events ------------------------------------------------------------------------
    def emit(self, at: int, kind: str, payload: Any) -> None:
        getattr(self, "_ev_" + kind)(at, payload)
        self.counts[kind] += 1

    def _ev_patient(self, at: int, payload: Any) -> None:
        row, user = payload
        self._row("patients", row)
        self.audit(at, user, "patient.create", "patient", row["id"], patient_id=row["id"],
                   after={"mrn": row["mrn"], "family_name": row["family_name"],
                          "given_name": row["given_name"], "date_of_birth": row["date_of_birth"],
                          "sex": row["sex"], "allergies": row["allergies"]})

    def _transition(self, at: int, plan: Any, frm: str | None, to: str, user: Any,
                    reason: str | None) -> None:
        self._row("state_transitions", {"id": self._id("state_transitions"), "session_id": plan.sid,
                                        "from_state": frm, "to_state": to, "at": ts(at),
                                        "user_id": user.id, "reason": reason})

    def _ev_create(self, at: int, plan: Any) -> None:
        self._row("sessions", plan.row)
        self._transition(at, plan, None, "checked_in", plan.nurse, None)
        self.audit(at, plan.nurse, "session.create", "session", plan.sid, session_id=plan.sid,
                   patient_id=plan.patient_id,
                   after={"patient_id": plan.patient_id, "chair": plan.chair_name,
                          "protocol": plan.proto.name, "protocol_version": plan.proto.version,
                          "weight_kg": plan.weight})

    def _ev_state(self, at: int, payload: Any) -> None:
        plan, frm, to, user, reason = payload
        self._transition(at, plan, frm, to, user, reason)
        self.audit(at, user, "session.state", "session", plan.sid, session_id=plan.sid,
                   patient_id=plan.patient_id, before={"state": frm}, after={"state": to},
                   reason=reason)

    def _entry_row(self, e: dict[str, Any]) -> None:
        row = dict(ENTRY_BASE)
        row.update(e)
        for c in JSON_COLUMNS:
            if row[c] is not None:
                row[c] = json.dumps(row[c])
        self._row("chart_entries", row)
        self.counts["entry." + e["kind"]] += 1

    def _ev_entry(self, at: int, payload: Any) -> None:
        plan, e, user, charted, values = payload
        e["id"] = self._id("chart_entries")
        if isinstance(e.get("treats_entry_id"), dict):
            e["treats_entry_id"] = e["treats_entry_id"]["id"]
            values = {**values, "treats_entry_id": e["treats_entry_id"]}
        self._entry_row(e)
        self.audit(at, user, "entry.create." + e["kind"], "entry", e["id"], session_id=plan.sid,
                   patient_id=plan.patient_id,
                   after={"kind": e["kind"], "charted_at": iso(charted), **values})

    def _ev_alert(self, at: int, payload: Any) -> None:
        plan, a, user = payload
        a["id"] = self._id("alerts")
        a["entry_id"] = a["entry_id"]["id"]
        self._row("alerts", a)
        self.audit(at, user, "alert.raise", "alert", a["id"], session_id=plan.sid,
                   patient_id=plan.patient_id, after={"code": a["code"], "message": a["message"]})

    def _ev_ack(self, at: int, payload: Any) -> None:
        plan, a, user = payload
        self.audit(at, user, "alert.acknowledge", "alert", a["id"], session_id=plan.sid,
                   patient_id=plan.patient_id, after={"action_taken": a["action_taken"]})

    def _ev_resolve(self, at: int, payload: Any) -> None:
        plan, se, user, when = payload
        self.audit(at, user, "entry.resolve", "entry", se["id"], session_id=plan.sid,
                   patient_id=plan.patient_id, before={"resolved_at": None},
                   after={"resolved_at": iso(when)})

    def _ev_correct(self, at: int, payload: Any) -> None:
        plan, old, fixed, reason, user, charted = payload
        fields = ENTRY_FIELDS[old["kind"]]
        old_values = {f: old.get(f) for f in fields}
        new_values = {**old_values, **fixed}
        new = {"id": self._id("chart_entries"), "session_id": plan.sid, "kind": old["kind"],
               "charted_at": old["charted_at"], "recorded_at": ts(at), "user_id": user.id,
               "supersedes_id": old["id"], **new_values}
        self._entry_row(new)
        self.audit(at, user, "entry.correct", "entry", old["id"], session_id=plan.sid,
                   patient_id=plan.patient_id, reason=reason,
                   before={"charted_at": iso(charted), **old_values},
                   after={"charted_at": iso(charted), "superseded_by": new["id"], **new_values})

    def _ev_in_error(self, at: int, payload: Any) -> None:
        plan, e, reason, user = payload
        self.audit(at, user, "entry.entered_in_error", "entry", e["id"], session_id=plan.sid,
                   patient_id=plan.patient_id, reason=reason, before={"status": "active"},
                   after={"status": "entered_in_error"})

    def _ev_sign(self, at: int, payload: Any) -> None:
        """As ``signoff.sign_session``: the stored record anchors the chain head it saw."""
        plan, frm, doctor, when = payload
        head_seq, head_hash = self.seq, self.prev
        pdf = placeholder_pdf(plan.sid)
        sha = hashlib.sha256(pdf).hexdigest()
        self._row("signed_records", {
            "id": self._id("signed_records"), "session_id": plan.sid, "record_version": 1,
            "pdf_bytes": pdf, "sha256": sha, "signer_id": doctor.id, "meaning": MEANING,
            "comment": "", "signed_at": ts(when), "supersedes_version": None,
            "addendum_reason": None, "audit_head_seq": head_seq, "audit_head_hash": head_hash})
        self._transition(at, plan, frm, "signed", doctor, MEANING)
        self.audit(at, doctor, "session.state", "session", plan.sid, session_id=plan.sid,
                   patient_id=plan.patient_id, before={"state": frm}, after={"state": "signed"},
                   reason=MEANING)
        self.audit(at, doctor, "record.sign", "session", plan.sid, session_id=plan.sid,
                   patient_id=plan.patient_id,
                   before={"state": frm, "version": plan.row["version"] - 1, "record_version": 1},
                   after={"record_version": 1, "sha256": sha, "meaning": MEANING, "comment": "",
                          "audit_head_seq": head_seq, "audit_head_hash": head_hash,
                          "bytes": len(pdf)})

    # ---- storage -----------------------------------------------------------------------
    def maybe_flush(self) -> None:
        if self.pending >= self.flush_rows:
            self.flush()

    @staticmethod
    def _insert_entries(cur: sqlite3.Cursor, rows: list[dict[str, Any]]) -> None:
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            by_kind.setdefault(r["kind"], []).append(r)
        for kind, group in by_kind.items():
            cols = ENTRY_COMMON + ENTRY_FIELDS[kind]
            cur.executemany(f"INSERT INTO chart_entries ({', '.join(cols)}) "
                            f"VALUES ({', '.join('?' * len(cols))})", map(itemgetter(*cols), group))

    def flush(self) -> None:
        cur = self.con.cursor()
        cur.execute("BEGIN")
        for table, cols in TABLES.items():
            rows = self.buf[table]
            if not rows:
                continue
            sql = (f"INSERT INTO {table} ({', '.join(cols)}) "
                   f"VALUES ({', '.join('?' * len(cols))})")
            if table == "audit_log":
                cur.executemany(sql, rows)
            elif table == "chart_entries":
                self._insert_entries(cur, rows)
            else:
                cur.executemany(sql, map(itemgetter(*cols), rows))
            self.counts["rows." + table] += len(rows)
            rows.clear()
        cur.execute("INSERT OR REPLACE INTO audit_head (id, seq, hash) VALUES (1, ?, ?)",
                    (self.seq, self.prev))
        cur.execute("COMMIT")
        self.pending = 0
