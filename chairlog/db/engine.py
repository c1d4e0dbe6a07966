"""Engine set-up and transactions.

SQLite (default): WAL, synchronous=FULL, foreign keys and a busy timeout on every connection;
write transactions start with BEGIN IMMEDIATE so they never fail half-way on a lock upgrade.
PostgreSQL: the same models; the audit chain is serialised with an advisory lock.
Database errors that a person can act on (disk full, read-only, locked, a conflicting edit on
another workstation) become ``StorageError`` / ``ConflictError`` with a clear message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from chairlog.errors import ConflictError, StorageError

WRITE_OPTION = "chairlog_write"


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
    return None


def make_engine(url: str, *, sqlite_pragmas: dict[str, Any] | None = None) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 5.0})
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


class Database:
    """One database: a read and a write session factory sharing one engine."""

    def __init__(self, url: str, *, sqlite_pragmas: dict[str, Any] | None = None) -> None:
        self.url = url
        self.engine = make_engine(url, sqlite_pragmas=sqlite_pragmas)
        self._read = sessionmaker(self.engine, class_=ChairlogSession, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}),
            class_=ChairlogSession,
            expire_on_commit=False,
        )
        self.after_commit: list[Callable[[], None]] = []

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

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
        s = self._write()
        try:
            yield s
            s.commit()
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
