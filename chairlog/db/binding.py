"""Clinical rows bound to the audit trail: the ONE place a row's content hash is computed.

Every audit record carries, in ``rows_json``, the content hash of each clinical row its
transaction created, changed or deleted (``null`` for a deleted row). The verifier walks each
bound table and compares every row with the hash written by the newest record that touched it
(the last writer wins: an entry marked corrected later is bound to the correcting record).

Decisions:
- Bound tables are declared here (:data:`BOUND_TABLES`); a new service gets binding for free:
  the session tracks every ORM insert, update and delete of a bound table (``track``) and the
  audit writer binds them (``chairlog.db.audit``). A write that bypasses the ORM (a bulk
  ``UPDATE``) is not tracked and is reported by the verifier as changed outside chairlog.
- A row's hash covers every column of its table except those whose value is NULL, so adding a
  nullable column later does not invalidate old bindings (setting a value to NULL in place
  still changes the hash: the key disappears). A migration that fills a new column for
  existing rows must re-bind them.
- The hash is computed from the row as read back from the database (a Core select in the
  writing transaction), never from the Python values assigned, so the verifier hashes exactly
  the same text: canonical JSON (sorted keys), UTC ISO times, bytes as their SHA-256.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session, UOWTransaction

from chairlog.db.models import (
    Alert,
    BackupRecord,
    Base,
    Chair,
    ChartEntry,
    Clinic,
    InfusionSession,
    Patient,
    Protocol,
    RecordReturn,
    SignedRecord,
    SigningKey,
    StateTransition,
    User,
)

#: every table whose rows must be accounted for by an audit record
BOUND_MODELS: tuple[type[Base], ...] = (
    Clinic,
    User,
    SigningKey,
    Patient,
    Protocol,
    Chair,
    InfusionSession,
    StateTransition,
    ChartEntry,
    Alert,
    SignedRecord,
    BackupRecord,
    RecordReturn,
)
BOUND_TABLES: dict[str, Table] = {
    m.__tablename__: m.__table__ for m in BOUND_MODELS  # type: ignore[misc]
}
TOUCHED = "chairlog_touched"
#: one statement per table, built once (the write path binds on every save)
_BY_IDS = {name: select(t).where(t.c.id.in_(bindparam("ids", expanding=True)))
           for name, t in BOUND_TABLES.items()}
BATCH = 2000


def _value(v: Any) -> Any:
    if isinstance(v, datetime):
        return (v if v.tzinfo else v.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bytes | bytearray | memoryview):
        return hashlib.sha256(bytes(v)).hexdigest()
    return v


def content_hash(row: Mapping[Any, Any]) -> str:
    """SHA-256 of a row's canonical columns (NULLs left out), as read from the database:
    canonical JSON of {column: value}, sorted keys, times as UTC ISO text, bytes as their
    SHA-256. :func:`iter_table` computes the same text faster, column kinds known."""
    data = {k: _value(v) for k, v in row.items() if v is not None}
    return _digest(data, sort=True)


def _digest(data: dict[str, Any], *, sort: bool) -> str:
    text = json.dumps(data, sort_keys=sort, separators=(",", ":"), ensure_ascii=False,
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _converters(t: Table) -> list[tuple[str, bool]]:
    """(column, needs _value) in sorted column order: only times, dates and bytes do."""
    from sqlalchemy import Date, DateTime, LargeBinary

    out = []
    for c in sorted(t.columns, key=lambda c: c.name):
        impl = getattr(c.type, "impl", c.type)
        out.append((c.name, isinstance(impl, DateTime | Date | LargeBinary)))
    return out


def track(session: Session, _flush: UOWTransaction) -> None:
    """``after_flush`` listener: remember every bound row written since the last audit record."""
    touched: dict[tuple[str, int], None] = session.info.setdefault(TOUCHED, {})
    # a "dirty" object whose attributes were set to the values they had (a failed-attempts
    # counter reset to 0 again) wrote nothing: it is not a change to account for
    dirty = [o for o in session.dirty if session.is_modified(o, include_collections=False)]
    for obj in (*session.new, *dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table in BOUND_TABLES:
            pk = getattr(obj, "id", None)
            if isinstance(pk, int):
                touched[(table, pk)] = None


def take_touched(s: Session) -> list[tuple[str, int]]:
    touched: dict[tuple[str, int], None] = s.info.pop(TOUCHED, {})
    return list(touched)


def bind(s: Session, keys: Iterable[tuple[str, int]]) -> dict[str, dict[str, str | None]]:
    """{table: {id: content hash, or None if the row is gone}} for the given rows, read now."""
    by_table: dict[str, list[int]] = {}
    for table, pk in keys:
        by_table.setdefault(table, []).append(pk)
    out: dict[str, dict[str, str | None]] = {}
    for name, pks in sorted(by_table.items()):
        stmt = _BY_IDS[name]
        found: dict[str, str | None] = {str(pk): None for pk in pks}
        for i in range(0, len(pks), 500):
            chunk = pks[i : i + 500]
            for m in s.execute(stmt, {"ids": chunk}).mappings():
                found[str(m["id"])] = content_hash(m)
        out[name] = found
    return out


def iter_table(s: Session, name: str) -> Iterator[tuple[int, str]]:
    """(id, content hash) of every row of a bound table, in id order, memory kept flat."""
    t = BOUND_TABLES[name]
    conv = _converters(t)
    cols = [t.c[n] for n, _ in conv]
    pk = [n for n, _ in conv].index("id")
    last = 0
    while True:
        rows = s.execute(select(*cols).where(t.c.id > last).order_by(t.c.id).limit(BATCH)).all()
        if not rows:
            return
        for row in rows:
            data = {n: (_value(v) if slow else v)
                    for (n, slow), v in zip(conv, row, strict=True) if v is not None}
            yield int(row[pk]), _digest(data, sort=True)  # nested JSON keys sorted too
        last = int(rows[-1][pk])


def all_rows(s: Session) -> dict[str, dict[str, str | None]]:
    """A binding of every row of every bound table (the baseline of a pre-0005 database)."""
    return {name: {str(pk): h for pk, h in iter_table(s, name)} for name in BOUND_TABLES}


def session_problems(s: Session, session_id: int) -> list[str]:
    """The rows of one session (the session, its transitions, entries and alerts) that differ
    from what their newest audit record wrote: checked before a record is signed, so that a
    value changed in place is never signed as if it had been charted."""
    from sqlalchemy import or_

    from chairlog.db.models import AuditLog

    names = ("sessions", "state_transitions", "chart_entries", "alerts")
    newest: dict[tuple[str, int], tuple[str | None, int]] = {}
    q = (select(AuditLog.seq, AuditLog.rows_json)
         .where(or_(AuditLog.session_id == session_id,
                    (AuditLog.entity == "session") & (AuditLog.entity_id == str(session_id)),
                    AuditLog.action == "workstation.register"),  # a baseline binds all rows
                AuditLog.rows_json.is_not(None))
         .order_by(AuditLog.seq))
    for seq, rows_json in s.execute(q):
        for table, entries in json.loads(rows_json or "{}").items():
            if table in names and isinstance(entries, dict):
                for pk, h in entries.items():
                    newest[(table, int(pk))] = (h, seq)
    problems: list[str] = []
    for name in names:
        t = BOUND_TABLES[name]
        key = t.c.id if name == "sessions" else t.c.session_id
        for m in s.execute(select(t).where(key == session_id)).mappings():
            bound = newest.pop((name, int(m["id"])), None)
            if bound is None or bound[0] is None:
                problems.append(f"{name} row {m['id']} has no audit record")
            elif bound[0] != content_hash(m):
                problems.append(f"{name} row {m['id']} differs from what audit record "
                                f"{bound[1]} wrote")
    problems += [f"{t} row {pk}, written by audit record {seq}, is missing"
                 for (t, pk), (h, seq) in sorted(newest.items()) if h is not None]
    return problems
