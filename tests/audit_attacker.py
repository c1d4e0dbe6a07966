"""What someone with the database file (SQLite) or owner rights (PostgreSQL) can do to the
audit trail behind chairlog's back: switch the guard triggers off and edit rows with raw SQL.
The tamper-detection tests use these to prove ``chairlog audit verify`` notices."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text

from chairlog.db.audit import row_hash
from chairlog.db.models import AuditLog

COLUMNS = (
    "seq, at, user_id, username, action, entity, entity_id, session_id, patient_id, "
    "before_json, after_json, reason, prev_hash, hash"
)


def sql(app: Any, statement: str, **params: Any) -> Any:
    with app.db.engine.begin() as c:
        result = c.execute(text(statement), params)
        return result.all() if result.returns_rows else None


def head(app: Any) -> tuple[int, str]:
    row = sql(app, "SELECT seq, hash FROM audit_head WHERE id = 1")[0]
    return int(row[0]), str(row[1])


def drop_guards(app: Any) -> None:
    """Remove the append-only triggers (the first thing an attacker does)."""
    if app.db.dialect == "sqlite":
        names = sql(
            app,
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name IN ('audit_log', 'audit_head')",
        )
        assert names, "no guard triggers found"
        for (name,) in names:
            sql(app, f'DROP TRIGGER "{name}"')
    else:
        sql(app, "ALTER TABLE audit_log DISABLE TRIGGER USER")
        sql(app, "ALTER TABLE audit_head DISABLE TRIGGER USER")


def shift_seqs(app: Any, after: int, by: int) -> None:
    """Renumber every row after ``after`` by ``by`` (via negatives: seq is the primary key)."""
    sql(app, "UPDATE audit_log SET seq = -(seq + :by) WHERE seq > :after", by=by, after=after)
    sql(app, "UPDATE audit_log SET seq = -seq WHERE seq < 0")


def forge_after(app: Any, seq: int, *, reason: str = "forged") -> None:
    """Insert a well-formed row right after ``seq`` (renumbering the rest), hashed correctly
    as if it had been there all along."""
    with app.db.read() as s:
        row = s.get(AuditLog, seq)
        assert row is not None
        at_value, prev, prev_sig = row.at, row.hash, row.signature  # as chairlog reads them
    shift_seqs(app, seq, 1)
    fake = AuditLog(
        seq=seq + 1,
        at=at_value,
        user_id=None,
        username="intruder",
        action="note",
        entity="entry",
        entity_id="1",
        session_id=None,
        patient_id=None,
        before_json=None,
        after_json='{"text":"all fine"}',
        reason=reason,
        prev_hash=prev,
        hash="",
    )
    fake.hash = row_hash(prev, fake, prev_sig)
    with app.db.engine.begin() as c:
        c.execute(
            AuditLog.__table__.insert().values(
                seq=fake.seq,
                at=fake.at,
                user_id=None,
                username=fake.username,
                action=fake.action,
                entity=fake.entity,
                entity_id=fake.entity_id,
                session_id=None,
                patient_id=None,
                before_json=None,
                after_json=fake.after_json,
                reason=fake.reason,
                prev_hash=fake.prev_hash,
                hash=fake.hash,
            )
        )


def rehash_from(app: Any, seq: int) -> None:
    """Recompute every hash from ``seq`` on and move the head: a self-consistent rewrite that
    only the anchors (signed records, backups) can reveal."""
    with app.db.read() as s:
        rows = list(s.query(AuditLog).filter(AuditLog.seq >= seq).order_by(AuditLog.seq))
        before = s.get(AuditLog, seq - 1) if seq > 1 else None
        prev = before.hash if before is not None else "0" * 64
        prev_sig = before.signature if before is not None else None
        updates = []
        for r in rows:
            r.prev_hash = prev
            r.hash = row_hash(prev, r, prev_sig)
            updates.append((r.seq, r.prev_hash, r.hash))
            prev, prev_sig = r.hash, r.signature
        s.expunge_all()
    for n, p, h in updates:
        sql(app, "UPDATE audit_log SET prev_hash = :p, hash = :h WHERE seq = :n", p=p, h=h, n=n)
    sql(
        app,
        "UPDATE audit_head SET seq = :n, hash = :h WHERE id = 1",
        n=updates[-1][0],
        h=updates[-1][2],
    )


def truncate_to(app: Any, keep: int) -> None:
    """Cut every record after ``keep`` together with the clinical rows they created, and
    rewind the head: a self-consistent shorter database (only outside anchors show it)."""
    import json

    with app.db.read() as s:
        cut = list(s.scalars(select(AuditLog).where(AuditLog.seq > keep)
                             .order_by(AuditLog.seq.desc())))
        prev = s.get(AuditLog, keep)
        assert prev is not None
        new_head = prev.hash
        kept = set()
        for (rows_json,) in s.execute(select(AuditLog.rows_json).where(AuditLog.seq <= keep)):
            for table, rows in json.loads(rows_json or "{}").items():
                kept |= {(table, pk) for pk in rows} if isinstance(rows, dict) else set()
    for r in cut:  # the rows these records created (those they only re-bound stay)
        for table, rows in json.loads(r.rows_json or "{}").items():
            if not isinstance(rows, dict):
                continue
            for pk in rows:
                if (table, pk) not in kept:
                    sql(app, f"DELETE FROM {table} WHERE id = :i", i=int(pk))
    sql(app, "DELETE FROM audit_log WHERE seq > :k", k=keep)
    sql(app, "UPDATE audit_head SET seq = :n, hash = :h WHERE id = 1", n=keep, h=new_head)


def update_db_anchors(app: Any) -> None:
    """After a rewrite, make the heads stored in the database agree with the new chain."""
    for table in ("signed_records", "backups"):
        for rid, seq in sql(app, f"SELECT id, audit_head_seq FROM {table}"):
            h = sql(app, "SELECT hash FROM audit_log WHERE seq = :s", s=seq)[0][0]
            sql(app, f"UPDATE {table} SET audit_head_hash = :h WHERE id = :i", h=h, i=rid)


def resign_from(app: Any, seq: int) -> None:
    """The attacker who holds the workstation's OS account (and so its audit key): from
    ``seq`` on, every record is re-bound to the rows as they are now, rehashed and re-signed,
    and the head moved. Only anchors held elsewhere can reveal it."""
    import json

    from chairlog.db import binding
    from chairlog.db.audit import canonical, signed_message

    key = app.db.workstation
    with app.db.read() as s:
        rows = list(s.scalars(select(AuditLog).where(AuditLog.seq >= seq).order_by(AuditLog.seq)))
        before = s.get(AuditLog, seq - 1) if seq > 1 else None
        prev = before.hash if before is not None else "0" * 64
        prev_sig = before.signature if before is not None else None
        updates = []
        for r in rows:
            if r.rows_json:
                bound = json.loads(r.rows_json)
                keys = [(t, int(pk)) for t, entries in bound.items() if isinstance(entries, dict)
                        for pk in entries]
                r.rows_json = canonical(binding.bind(s, keys))
            r.prev_hash = prev
            r.hash = row_hash(prev, r, prev_sig)
            r.signature = key.sign(signed_message(r.hash))
            updates.append((r.seq, r.rows_json, r.prev_hash, r.hash, r.signature))
            prev, prev_sig = r.hash, r.signature
        s.expunge_all()
    for n, rj, p, h, sig in updates:
        sql(app, "UPDATE audit_log SET rows_json = :rj, prev_hash = :p, hash = :h, "
                 "signature = :g WHERE seq = :n", rj=rj, p=p, h=h, g=sig, n=n)
    sql(app, "UPDATE audit_head SET seq = :n, hash = :h WHERE id = 1", n=updates[-1][0],
        h=updates[-1][3])
