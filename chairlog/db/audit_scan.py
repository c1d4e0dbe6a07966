"""The content hashes of every bound row, read in id chunks: in this process, or in a helper
process while this one walks the audit chain.

Decisions:
- On SQLite the rows are read raw from the driver (``chairlog.db.audit_text`` turns them into
  the reference text); on PostgreSQL through SQLAlchemy's typed rows.
- A chunk's result is compact: the ids (``array('q')``) and their SHA-256 digests, 32 bytes
  each, concatenated; the caller compares them with what the chain bound.
- A helper process (``concurrent.futures.ProcessPoolExecutor``, ``spawn``: never ``fork`` a
  process that may hold Qt threads) opens the file read-only with its own connection, so it
  reads a later snapshot than the caller if a workstation commits meanwhile. That cannot
  make a changed row pass: the rows it reads must equal what the caller's (verified) chain
  bound; a row written meanwhile only differs, and the caller then re-checks everything in
  its own snapshot.
"""

from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections.abc import Iterator, Sequence
from typing import Any

from chairlog.db.audit_text import row_text_for

CHUNK = 200_000


def _digests(rows: Iterator[Sequence[Any]], pk: int, text: Any) -> tuple[array[int], bytes]:
    ids: array[int] = array("q")
    out: list[bytes] = []
    sha = hashlib.sha256
    for row in rows:
        ids.append(row[pk])
        out.append(sha(text(row).encode()).digest())
    return ids, b"".join(out)


def sqlite_chunk(con: sqlite3.Connection, table: str, cols: list[tuple[str, str]], lo: int,
                 hi: int) -> tuple[array[int], bytes]:
    """Digests of the rows of ``table`` with lo < id <= hi, read raw from SQLite."""
    names = ", ".join(f'"{n}"' for n, _ in cols)
    cur = con.execute(f'SELECT {names} FROM "{table}" WHERE id > ? AND id <= ? ORDER BY id',
                      (lo, hi))
    pk = [n for n, _ in cols].index("id")
    from chairlog.db.binding import BOUND_TABLES

    return _digests(iter(cur), pk, row_text_for(cols, raw=True, table=BOUND_TABLES[table]))


def worker_chunk(path: str, table: str, cols: list[tuple[str, str]], lo: int, hi: int
                 ) -> tuple[str, array[int], bytes]:
    """One chunk in a helper process: the file opened read-only."""
    con = _open(path)
    return table, *sqlite_chunk(con, table, cols, lo, hi)


_CON: dict[str, sqlite3.Connection] = {}


def _open(path: str) -> sqlite3.Connection:
    con = _CON.get(path)
    if con is None:
        from pathlib import Path

        con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                              check_same_thread=False)
        _CON[path] = con
    return con


def bounds(con: Any, table: str) -> tuple[int, int]:
    """(min id - 1, max id) of a table, through a DB-API or SQLAlchemy connection."""
    from sqlalchemy import text

    q = f'SELECT min(id), max(id) FROM "{table}"'
    # a DB-API connection (sqlite3, or sqlcipher3's fork of it) takes SQL text; SQLAlchemy's
    # connection takes a text() clause
    from sqlalchemy.engine import Connection

    row = con.execute(text(q) if isinstance(con, Connection) else q).fetchone()
    if row is None or row[0] is None:
        return 0, 0
    return int(row[0]) - 1, int(row[1])


def ranges(lo: int, hi: int, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    while lo < hi:
        yield lo, min(lo + size, hi)
        lo += size
