"""Engine set-up and transactions.

SQLite (default): WAL, synchronous=FULL, foreign keys and a busy timeout on every connection;
write transactions start with BEGIN IMMEDIATE so they never fail half-way on a lock upgrade.
PostgreSQL: the same models; the audit chain is serialised with an advisory lock; every
connection carries libpq timeouts and TCP keepalives (``PG_CONNECT_ARGS``) so that no call
waits on a slow or vanished server without bound.
Database errors that a person can act on (disk full, read-only, locked, a conflicting edit on
another workstation) become ``StorageError`` / ``ConflictError`` with a clear message.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from chairlog.db import anchors, binding
from chairlog.errors import ConflictError, StorageError

if TYPE_CHECKING:
    from chairlog.db.workstation import WorkstationKey

log = logging.getLogger(__name__)

WRITE_OPTION = "chairlog_write"
ABANDONED = ("The database server answered too late: this change was already reported as not "
             "saved, so it was rolled back.")


def storage_message(exc: BaseException) -> str | None:
    """A person-readable explanation of a storage failure, or None if it is not one."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text or "disk full" in text or "no space left" in text:
        return (
            "The disk is full: this entry was NOT saved. What you typed is still in the form. "
            "Free some space (or call IT) and save again."
        )
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "The database is read-only: nothing can be saved. Check the file's permissions."
    if "database is locked" in text or "database table is locked" in text:
        return "The database is busy (locked by another program). Try again in a moment."
    if "not a database" in text or "malformed" in text:
        return "The database file is damaged or is not a chairlog database."
    if "unable to open database" in text:
        return "The database file cannot be opened: check that its folder exists and is writable."
    if "could not connect" in text or "connection refused" in text or "server closed" in text:
        return "The clinic database server cannot be reached. Entries cannot be saved right now."
    if "timeout expired" in text or "connection timed out" in text \
            or "consuming input failed" in text or "terminating connection" in text:
        return "The clinic database server cannot be reached (it did not answer in time)."
    if "statement timeout" in text:
        return ("The clinic database server is too slow to answer right now (over "
                f"{PG_STATEMENT_TIMEOUT_S:.0f} s): this was NOT saved. Try again in a moment.")
    if "lock timeout" in text:
        return ("Another workstation is holding this record open: this was NOT saved. "
                "Try again in a moment.")
    return None


#: libpq parameters set on every PostgreSQL connection (a URL's own query parameters win).
#:
#: Decisions (values for a clinic LAN, where a healthy server answers in milliseconds):
#: - ``connect_timeout`` 5 s: a server that does not finish the handshake in 5 s is treated as
#:   unreachable (libpq's minimum useful value is 2 s; 5 s covers a busy server's TLS start).
#: - ``statement_timeout`` 15 s: the slowest statement the window issues (a board read, one
#:   audit page) takes well under a second on the ten-year database; 15 s leaves room for a
#:   loaded server while bounding a save a nurse waits for. The command line's long jobs
#:   (``audit verify --full``, ``migrate-db``) may ``SET statement_timeout`` for themselves.
#: - ``lock_timeout`` 5 s: a row or advisory lock held longer than that by another workstation
#:   is a stuck transaction, not contention: the save fails with a clear message instead.
#: - ``idle_in_transaction_session_timeout`` 60 s: a workstation that vanished mid-transaction
#:   releases its locks after a minute.
#: - keepalives on, first probe after 10 s idle, then every 5 s, 3 probes: a dead server or a
#:   pulled cable is noticed in ≈ 25 s even on an idle pooled connection.
#: - ``tcp_user_timeout`` 20 s (Linux): data unacknowledged for 20 s closes the connection.
#: A server whose processes are stopped (SIGSTOP) still has its kernel acknowledging packets,
#: so none of these fire then: the window's operation runner bounds that case on its side
#: (``chairlog.ui.operations``).
PG_CONNECT_ARGS: dict[str, Any] = {
    "connect_timeout": 5,
    "options": "-c statement_timeout=15000 -c lock_timeout=5000"
               " -c idle_in_transaction_session_timeout=60000",
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 20000,
}
#: the statement timeout above, in seconds (the window's deadlines are derived from it)
PG_STATEMENT_TIMEOUT_S = 15.0


def pg_connect_args(url: str) -> dict[str, Any]:
    """``PG_CONNECT_ARGS`` minus any parameter the URL sets itself (``?connect_timeout=2``)."""
    from urllib.parse import parse_qs, urlsplit

    given = set(parse_qs(urlsplit(url).query))
    return {k: v for k, v in PG_CONNECT_ARGS.items() if k not in given}


def make_engine(url: str, *, sqlite_pragmas: dict[str, Any] | None = None,
                home: Path | None = None) -> Engine:
    if url.startswith("sqlite"):
        from chairlog.db import cipher
        from chairlog.paths import data_dir

        target: Any = url
        file = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
        if file and cipher.wants_encryption(Path(file), home or data_dir()):
            target = cipher.engine_url(Path(file), home or data_dir())
        engine = create_engine(target, connect_args={"timeout": 5.0})
        extra = dict(sqlite_pragmas or {})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _rec: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA busy_timeout=5000")
            cur.execute("PRAGMA foreign_keys=ON")
            mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()
            cur.execute("PRAGMA synchronous=FULL")
            for key, value in extra.items():
                cur.execute(f"PRAGMA {key}={int(value)}")
            cur.close()
            del mode

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            if conn.get_execution_options().get(WRITE_OPTION):
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.exec_driver_sql("BEGIN")

        return engine
    if url.startswith("postgresql"):
        return create_engine(url, pool_pre_ping=True, connect_args=pg_connect_args(url))
    return create_engine(url, pool_pre_ping=True)


#: the largest key a row can have: every key is a 32-bit ``integer`` on PostgreSQL, and SQLite
#: databases keep to the same range so that a database can move between the two
MAX_ROW_ID = 2**31 - 1


class ChairlogSession(Session):
    """``get`` by a record number that no row can have (not an int, < 1, or beyond
    ``MAX_ROW_ID``) finds nothing instead of failing in the driver (SQLite raises
    OverflowError for ints beyond 64 bits; PostgreSQL refuses text, or a number beyond its
    32-bit ``integer``, for an integer key). Every chairlog key is an
    integer, so callers treat such a number like any unknown one (NotFound)."""

    def get(self, entity: Any, ident: Any, **kw: Any) -> Any:
        if isinstance(ident, bool) or not isinstance(ident, int) or not 0 < ident <= MAX_ROW_ID:
            return None
        return super().get(entity, ident, **kw)


def _before_commit(s: Session) -> None:
    from chairlog.db import audit

    if s.info.get(audit.DB_INFO) is not None or audit.PENDING_INFO in s.info:
        audit.seal(s)


event.listen(ChairlogSession, "after_flush", binding.track)
event.listen(ChairlogSession, "before_commit", _before_commit)


class Database:
    """One database: a read and a write session factory sharing one engine.

    ``home`` is the workstation's data folder: its audit key (``workstation``) and the anchor
    journal of this database (``journal``) live there, never in the database."""

    def __init__(self, url: str, *, sqlite_pragmas: dict[str, Any] | None = None,
                 home: Path | None = None) -> None:
        from chairlog.paths import data_dir

        self.url = url
        self.home = home if home is not None else data_dir()
        self.encrypted = False
        self._key: WorkstationKey | None = None
        self._last_anchor_at: datetime | None = None
        #: other workstations' keys this one has anchored after seeing (PostgreSQL)
        self.vouched: set[str] = set()
        #: the newest seq this object anchored in the journal: every key registered at or
        #: before it is covered (``audit``'s "key seen" rule)
        self.anchored_upto = 0
        #: registered workstation keys read from committed records (key id → (public key,
        #: seq of its registration))
        self.known_keys: dict[str, tuple[str, int]] = {}
        self._keys_learnt = False
        #: (seq, hash, at, signature) of the newest record this object committed
        self.last_written: tuple[int, str, datetime, str | None] | None = None
        self.engine = make_engine(url, sqlite_pragmas=sqlite_pragmas, home=self.home)
        self.encrypted = self.engine.dialect.driver == "pysqlcipher"
        self._read = sessionmaker(self.engine, class_=ChairlogSession, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}),
            class_=ChairlogSession,
            expire_on_commit=False,
        )
        self.after_commit: list[Callable[[], None]] = []
        #: asked just before every commit; False rolls the transaction back instead
        #: (``StorageError``). The window sets it so that a save it already reported as failed
        #: (the server hung past the deadline) cannot commit later when the server resumes.
        self.commit_guard: Callable[[], bool] | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def workstation(self) -> WorkstationKey:
        """This workstation's audit signing key (created on first use, 0600)."""
        from chairlog.db.workstation import WorkstationKey

        if self._key is None:
            self._key = WorkstationKey.load_or_create(self.home)
        return self._key

    @property
    def journal(self) -> Path:
        return anchors.journal_path(self.home, self.url)

    def anchor(self, seq: int, head: str, at: datetime, why: str) -> None:
        """Append the head to this database's anchor journal (a failure is logged only)."""
        try:
            anchors.write(self.journal, self.workstation, seq=seq, head=head, at=at, why=why,
                          database=anchors.database_label(self.url))
            self._last_anchor_at = at
            self.anchored_upto = max(self.anchored_upto, seq)
        except OSError as exc:
            log.error("the anchor journal %s could not be written: %s", self.journal, exc)

    def learn_keys(self, s: Session) -> None:
        """Once per object, before its first write takes the audit chain's lock: every
        committed workstation registration into ``known_keys``. The writer checks the
        signature of the newest record, which on a shared server is mostly another
        workstation's: without this, its first record on top of each other key looked that
        key up while holding the chain's lock (20 workstations started together: ≈ 20 extra
        round trips under the lock each). A key registered later is looked up as before."""
        if self._keys_learnt:
            return
        from sqlalchemy import select

        from chairlog.db import audit
        from chairlog.db.models import AuditLog

        rows = s.execute(
            select(AuditLog.entity_id, AuditLog.after_json, AuditLog.seq)
            .where(AuditLog.entity == "workstation", AuditLog.action == audit.REGISTER)
            .order_by(AuditLog.seq))
        seen: set[str] = set()
        for key_id, after, seq in rows:
            if key_id in seen:  # a key's first registration is the one that counts
                continue
            seen.add(key_id)
            public = audit.public_key_of(after)
            if public is not None:  # (one that names none is looked up, and refused, later)
                self.known_keys.setdefault(key_id, (public, seq))
        self._keys_learnt = True

    def _after_commit(self, info: dict[str, Any]) -> None:
        from chairlog.db import audit

        self.known_keys.update(info.get(audit.KEYS_INFO, {}))
        last = info.get(audit.LAST_INFO)
        if last is None:
            return
        self.last_written = last
        seq, head, at, _sig = last
        why = info.get(audit.ANCHOR_INFO)
        if why is None:
            if self._last_anchor_at is None:
                self._last_anchor_at = anchors.last_time(self.journal)
            if self._last_anchor_at is None or at - self._last_anchor_at >= anchors.PERIODIC:
                why = "periodic"
        if why is not None:
            self.anchor(seq, head, at, why)
        seen = info.get(audit.VOUCH_INFO)
        if seen is not None:
            self.vouched.add(seen)

    @contextmanager
    def read(self) -> Iterator[Session]:
        s = self._read()
        try:
            yield s
        except DBAPIError as exc:
            msg = storage_message(exc)
            if msg:
                raise StorageError(msg) from exc
            raise
        finally:
            s.close()  # ends the read transaction; loaded objects stay usable (detached)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed (and fsynced) on success, rolled back on any error."""
        from chairlog.db import audit

        s = self._write()
        s.info[audit.DB_INFO] = self
        try:
            yield s
            if self.commit_guard is not None and not self.commit_guard():
                raise StorageError(ABANDONED)
            s.commit()
            self._after_commit(s.info)
        except StaleDataError as exc:
            s.rollback()
            raise ConflictError() from exc
        except (OperationalError, DBAPIError) as exc:
            s.rollback()
            msg = storage_message(exc)
            if msg:
                raise StorageError(msg) from exc
            if _is_serialization_failure(exc):
                raise ConflictError() from exc
            raise
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _is_serialization_failure(exc: DBAPIError) -> bool:
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code in ("40001", "40P01")
