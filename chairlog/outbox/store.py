"""The outbox file: entries charted on this workstation while the server could not be reached.

One SQLite file in the data folder (``outbox.sqlite3``), shared by every database this
workstation uses (each entry names its database by a label, never a password).

Decisions:
- The same durability as the main database: WAL, ``synchronous=FULL``, one committed
  transaction per change, so an acknowledged entry survives kill -9 and a power cut. The file
  is created 0600 (SQLite gives its -wal and -shm files the same mode): it holds patient data.
- Entries are never deleted. States: ``pending`` (waiting for the server), ``done`` (on the
  server; ``server_version`` is the session's version after it), ``conflict`` (the server
  refused it on replay; ``problem`` is its message), ``discarded`` and ``recharted`` (a nurse
  resolved the conflict; who, when and why are kept).
- Python's own ``sqlite3``: the outbox is one table read and written by this workstation
  only; it needs no ORM and no migrations framework (the schema carries ``user_version``).
  Version 2 adds ``offline_fingerprint``: the fingerprint of the password verifier an entry
  charted under an offline sign-in was signed in with (``outbox.offline``; None for an entry
  charted by a nurse signed in on the server). A version-1 file gains the column on opening.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 2
FILE_NAME = "outbox.sqlite3"
STATES = ("pending", "done", "conflict", "discarded", "recharted")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_key TEXT NOT NULL UNIQUE,
    database TEXT NOT NULL,
    use_case TEXT NOT NULL,
    arguments TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    username TEXT NOT NULL,
    session_id INTEGER,
    seen_version INTEGER,
    charted_at TEXT,
    queued_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    problem TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    version_before INTEGER,
    server_version INTEGER,
    server_entry_id INTEGER,
    finished_at TEXT,
    resolved_by TEXT,
    resolution TEXT,
    offline_fingerprint TEXT
);
CREATE INDEX IF NOT EXISTS ix_entries_db_state ON entries (database, state, seq);
CREATE INDEX IF NOT EXISTS ix_entries_session ON entries (database, session_id, seq);
"""


@dataclass(frozen=True)
class Entry:
    """One queued entry as stored."""

    seq: int
    entry_key: str
    database: str
    use_case: str
    arguments: dict[str, Any]
    user_id: int
    username: str
    session_id: int | None
    seen_version: int | None
    charted_at: str | None
    queued_at: str
    state: str
    problem: str | None
    attempts: int
    version_before: int | None
    server_version: int | None
    server_entry_id: int | None
    finished_at: str | None
    resolved_by: str | None
    resolution: str | None
    #: set for an entry charted under an offline sign-in (replayed only if it still matches)
    offline_fingerprint: str | None = None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _entry(row: sqlite3.Row) -> Entry:
    d = dict(row)
    d["arguments"] = json.loads(d["arguments"])
    return Entry(**d)


def open_durable(path: Path) -> sqlite3.Connection:
    """A workstation file opened the outbox's way: created 0600, WAL, ``synchronous=FULL``,
    autocommit (callers use ``BEGIN IMMEDIATE`` … ``COMMIT``), usable from several threads
    under the caller's lock. The credential cache (``outbox.credentials``) opens its own so."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)
    con = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5.0)
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA busy_timeout=5000")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    return con


class OutboxStore:
    """The outbox file, opened once per process; safe to use from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._con = open_durable(path)
        self._con.executescript(_SCHEMA)
        columns = {r["name"] for r in self._con.execute("PRAGMA table_info(entries)")}
        if "offline_fingerprint" not in columns:  # a version-1 file
            self._con.execute("ALTER TABLE entries ADD COLUMN offline_fingerprint TEXT")
        self._con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                yield self._con
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
            self._con.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._con.close()

    # ---- writing ------------------------------------------------------------------------

    def add(self, *, entry_key: str, database: str, use_case: str, arguments: str,
            user_id: int, username: str, session_id: int | None, seen_version: int | None,
            charted_at: str | None, queued_at: str,
            offline_fingerprint: str | None = None) -> int:
        """Queue one entry (``arguments`` already JSON); committed and fsynced on return."""
        with self._tx() as c:
            cur = c.execute(
                "INSERT INTO entries (entry_key, database, use_case, arguments, user_id, "
                "username, session_id, seen_version, charted_at, queued_at, "
                "offline_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry_key, database, use_case, arguments, user_id, username, session_id,
                 seen_version, charted_at, queued_at, offline_fingerprint))
            return int(cur.lastrowid or 0)

    def mark_done(self, entry_key: str, *, at: str, server_version: int | None,
                  server_entry_id: int | None, note: str | None = None,
                  version_before: int | None = None) -> None:
        with self._tx() as c:
            c.execute("UPDATE entries SET state='done', finished_at=?, version_before=?, "
                      "server_version=?, server_entry_id=?, problem=?, attempts=attempts+1 "
                      "WHERE entry_key=? AND state IN ('pending', 'conflict')",
                      (at, version_before, server_version, server_entry_id, note, entry_key))

    def mark_conflict(self, entry_key: str, problem: str, *, at: str) -> None:
        with self._tx() as c:
            c.execute("UPDATE entries SET state='conflict', problem=?, finished_at=?, "
                      "attempts=attempts+1 WHERE entry_key=? AND state='pending'",
                      (problem, at, entry_key))

    def mark_resolved(self, entry_key: str, state: str, *, by: str, resolution: str,
                      at: str) -> None:
        if state not in ("discarded", "recharted"):
            raise ValueError(state)
        with self._tx() as c:
            c.execute("UPDATE entries SET state=?, resolved_by=?, resolution=?, finished_at=? "
                      "WHERE entry_key=? AND state='conflict'",
                      (state, by, resolution, at, entry_key))

    # ---- reading ------------------------------------------------------------------------

    def _select(self, where: str, args: tuple[Any, ...]) -> list[Entry]:
        with self._lock:
            rows = self._con.execute(f"SELECT * FROM entries WHERE {where} ORDER BY seq",
                                     args).fetchall()
        return [_entry(r) for r in rows]

    def get(self, entry_key: str) -> Entry | None:
        found = self._select("entry_key=?", (entry_key,))
        return found[0] if found else None

    def entries(self, database: str, states: tuple[str, ...] = STATES,
                session_id: int | None = None) -> list[Entry]:
        marks = ", ".join("?" for _ in states)
        where = f"database=? AND state IN ({marks})"
        args: tuple[Any, ...] = (database, *states)
        if session_id is not None:
            where += " AND session_id=?"
            args += (session_id,)
        return self._select(where, args)

    def count(self, database: str, state: str = "pending") -> int:
        with self._lock:
            row = self._con.execute(
                "SELECT count(*) FROM entries WHERE database=? AND state=?",
                (database, state)).fetchone()
        return int(row[0])

    def has_pending(self, database: str, session_id: int | None) -> bool:
        with self._lock:
            row = self._con.execute(
                "SELECT 1 FROM entries WHERE database=? AND state='pending' AND "
                "session_id IS ? LIMIT 1", (database, session_id)).fetchone()
        return row is not None

    def chained_version(self, database: str, session_id: int | None, seen_version: int | None,
                        before_seq: int) -> int | None:
        """What a guarded replay expects: the version the nurse saw, carried over the entries
        of the same offline streak (same session, same version seen) this workstation already
        replayed, as long as each of them was written over the version the one before left
        (nobody else wrote in between). None once the chain is broken."""
        with self._lock:
            rows = self._con.execute(
                "SELECT version_before, server_version FROM entries WHERE database=? AND "
                "session_id IS ? AND seen_version IS ? AND seq < ? AND state='done' "
                "ORDER BY seq", (database, session_id, seen_version, before_seq)).fetchall()
        chain = seen_version
        for before, after in rows:
            if before is None or after is None or before != chain:
                return None
            chain = after
        return chain
