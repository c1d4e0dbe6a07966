"""Copying a whole chairlog database into an empty one (SQLite → PostgreSQL), row for row.

Decisions:
- Tables are copied in foreign-key order (the models' ``sorted_tables``) with SQLAlchemy Core:
  every row's values as read (ids included), so audit records, their content bindings and
  signed PDFs arrive exactly as they were; nothing is re-derived. The source is read in one
  read transaction (a consistent snapshot of the file); the target is written in one
  transaction, so a failure leaves it as empty as it was.
- The target must be at the current schema (``migrate.open_database`` has run Alembic on it)
  and hold no chairlog rows at all; anything else is refused before a row is written.
- PostgreSQL hands out ids from sequences, which inserting explicit ids does not advance:
  each table's sequence is set past its highest copied id afterwards.
- Large tables go in batches (:data:`BATCH` rows) to keep memory flat.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Table, func, insert, inspect, select, text

from chairlog.db.engine import Database
from chairlog.db.models import Base, SignedRecord
from chairlog.errors import ValidationError

BATCH = 1000
#: tables that exist in every chairlog database but are not the clinic's data
_NOT_DATA = {"alembic_version"}


@dataclass(frozen=True)
class CopyReport:
    #: (table, rows in the source, rows in the target) for every table, in copy order
    counts: tuple[tuple[str, int, int], ...]
    #: sequences advanced past the copied ids (PostgreSQL)
    sequences: int


def tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in _NOT_DATA]


def row_counts(conn: Connection) -> dict[str, int]:
    return {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
            for t in tables()}


def refuse_unless_empty(conn: Connection, where: str) -> None:
    """One line naming what is already there (the first tables that hold rows)."""
    names = set(inspect(conn).get_table_names())
    missing = [t.name for t in tables() if t.name not in names]
    if missing:
        raise ValidationError("--to", where, "a database at chairlog's schema (missing "
                              + ", ".join(missing[:3]) + ")", "target database")
    full = [f"{n} {c}" for n, c in row_counts(conn).items() if c]
    if full:
        raise ValidationError(
            "--to", where,
            "an empty database: this one already holds chairlog data (" + ", ".join(full[:4])
            + (" …" if len(full) > 4 else "") + "); migrate-db never merges or overwrites",
            "target database")


def copy_all(source: Database, target: Database, where: str,
             progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy every table of ``source`` into the empty ``target``; the counts of both after."""
    with source.engine.connect() as src, target.engine.begin() as dst:
        refuse_unless_empty(dst, where)
        before = row_counts(src)
        for table in tables():
            done = 0
            rows = src.execution_options(stream_results=True).execute(select(table))
            while batch := rows.fetchmany(BATCH):
                dst.execute(insert(table), [dict(r._mapping) for r in batch])
                done += len(batch)
            if progress is not None:
                progress(table.name, done)
        sequences = _advance_sequences(dst) if target.dialect == "postgresql" else 0
    with target.engine.connect() as dst:
        after = row_counts(dst)
    counts = tuple((t.name, before[t.name], after[t.name]) for t in tables())
    return CopyReport(counts, sequences)


def _advance_sequences(dst: Connection) -> int:
    """Set each table's id sequence past its highest copied id (``setval(…, max + 1, false)``:
    the next id handed out is max + 1; an empty table starts at 1)."""
    n = 0
    for table in tables():
        for col in table.primary_key.columns:
            if col.autoincrement is False or not _is_integer(col.type):
                continue
            seq = dst.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                             {"t": table.name, "c": col.name})
            if seq is None:
                continue
            dst.execute(text(f'SELECT setval(:s, COALESCE((SELECT MAX("{col.name}") FROM '
                             f'"{table.name}"), 0) + 1, false)'), {"s": seq})
            n += 1
    return n


def _is_integer(type_: object) -> bool:
    try:
        return getattr(type_, "python_type", None) is int
    except NotImplementedError:
        return False


def signed_digests(conn: Connection) -> dict[int, tuple[str, str]]:
    """Every signed record: id → (SHA-256 of the stored PDF bytes, the sha256 column)."""
    out: dict[int, tuple[str, str]] = {}
    t = SignedRecord.__table__
    rows = conn.execution_options(stream_results=True).execute(
        select(t.c.id, t.c.pdf_bytes, t.c.sha256).order_by(t.c.id))
    while batch := rows.fetchmany(200):
        for rid, pdf, stored in batch:
            out[int(rid)] = (hashlib.sha256(bytes(pdf)).hexdigest(), str(stored))
    return out
