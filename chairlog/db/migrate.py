"""Opening a database: checks first, then migrations (after a backup of the existing file).

Nothing is overwritten when something is wrong: a missing folder, a read-only or locked file,
a file that is not a database, a damaged database, or one written by a newer chairlog all stop
the opening with a ``StorageError`` that says what to do. Every SQLite check runs through a
read-only connection *before* the engine opens the file, because the engine switches the file to
WAL mode (a header write) on connect.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, inspect, text

from chairlog.db.engine import Database, storage_message
from chairlog.errors import CorruptDatabase, StorageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"




def _alembic_config() -> Any:
    from alembic.config import Config  # imported only when opening a database

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"[\'\"]([^\'\"]+)[\'\"]")


def known_revisions() -> tuple[set[str], str]:
    """Every schema revision this program knows, and the newest (head)."""
    known, head = _known_revisions()
    return set(known), head


@lru_cache(maxsize=1)
def _known_revisions() -> tuple[frozenset[str], str]:
    """Read from the ``revision`` / ``down_revision`` lines of the migration files, without
    importing Alembic: opening a database at start-up must not pay for Alembic (≈ 0.1 s import
    and a parse of every migration script, three times). Anything unusual (no single head, a
    line the pattern does not understand) falls back to Alembic's own reading."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for f in sorted((MIGRATIONS / "versions").glob("*.py")):
        found: dict[str, str] = {
            m.group(1): m.group(2) for m in _REVISION_LINE.finditer(f.read_text(encoding="utf-8"))
        }
        rev = _QUOTED.findall(found.get("revision", ""))
        if len(rev) != 1 or "down_revision" not in found:
            return _known_revisions_alembic()
        revisions.add(rev[0])
        parents.update(_QUOTED.findall(found["down_revision"]))
    heads = revisions - parents
    if len(heads) != 1 or not parents <= revisions:
        return _known_revisions_alembic()
    return frozenset(revisions), heads.pop()


def _known_revisions_alembic() -> tuple[frozenset[str], str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    heads = script.get_heads()
    return frozenset(r.revision for r in script.walk_revisions()), heads[0]


def sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite"):
        return None
    raw = url.split(":///", 1)[1] if ":///" in url else ""
    if not raw or raw == ":memory:":
        return None
    return Path(raw)


def check_sqlite_file(path: Path) -> None:
    """Refuse, with a clear message, a file chairlog must not open."""
    if not path.parent.is_dir():
        raise StorageError(
            f"The folder {path.parent} does not exist. Create it or choose another "
            "database location (--db or CHAIRLOG_DB)."
        )
    if not path.exists():
        if not os.access(path.parent, os.W_OK):
            raise StorageError(f"The folder {path.parent} is read-only: cannot create a database.")
        return
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file.")
    if path.stat().st_size == 0:
        return
    from chairlog.db import cipher
    from chairlog.paths import data_dir

    encrypted = cipher.is_encrypted(path)
    if encrypted and cipher.database_key(data_dir()) is None:
        raise StorageError(
            f"{path} is not a chairlog database (not an SQLite file, or encrypted with a key "
            "this workstation does not hold). Nothing was changed."
        )
    if not os.access(path, os.W_OK):
        raise StorageError(
            f"The database {path} is read-only. Check its permissions; nothing was changed."
        )
    try:
        con = cipher.connect(readonly_uri(path), uri=True, timeout=5)
        try:
            rows = _page_check(con, path.stat().st_size)
        finally:
            con.close()
    except cipher.DB_ERRORS as exc:
        msg = storage_message(exc)
        if msg and ("locked" in msg or "busy" in msg):
            raise StorageError(msg) from exc
        if encrypted and "not a database" in str(exc):
            raise StorageError(
                f"{path} is not a chairlog database, or is encrypted with another key than "
                "this workstation's. Nothing was changed."
            ) from exc
        raise CorruptDatabase(path, str(exc)) from exc
    if [r[0] for r in rows] != ["ok"]:
        raise CorruptDatabase(path, "; ".join(str(r[0]) for r in rows[:3]))
    _refuse_foreign_or_newer(path)
    probe_write_lock(path)


#: Files up to this size get a full ``PRAGMA quick_check`` at every opening (≈ 0.1 s at
#: 64 MB). A bigger file (years of records: ≈ 4 GB after ten years) would make start-up grow
#: with its size (≈ 10 s at 4 GB), so it gets the structural checks only: header and schema
#: readable, a known revision, no write lock held. SQLite still refuses any damaged page it
#: reads (reported as a damaged database), and every backup (after each session, daily) and
#: ``chairlog check`` run the full ``PRAGMA integrity_check``.
FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024


def _page_check(con: sqlite3.Connection, size: int) -> list[Any]:
    if size <= FULL_CHECK_MAX_BYTES:
        return con.execute("PRAGMA quick_check").fetchall()
    con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return [("ok",)]


def readonly_uri(path: Path) -> str:
    """A read-only SQLite URI for ``path`` (quoted: '?', '#' and '%' in folder names are safe)."""
    return "file:" + quote(str(path.resolve())) + "?mode=ro"


def _refuse_foreign_or_newer(path: Path) -> None:
    """Read the schema revision through a read-only connection, before the engine opens the file:
    the engine sets WAL mode, which rewrites the header of a file in another journal mode."""
    from chairlog.db import cipher

    try:
        con = cipher.connect(readonly_uri(path), uri=True, timeout=5)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            rev = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                rev = row[0] if row else None
        finally:
            con.close()
    except cipher.DB_ERRORS as exc:
        raise StorageError(storage_message(exc) or str(exc)) from exc
    _check_revision(rev, bool(tables - {"alembic_version"}))


def _check_revision(rev: str | None, has_tables: bool) -> None:
    known, head = known_revisions()
    if rev is not None and rev not in known:
        raise StorageError(
            f"This database was written by a newer chairlog (schema {rev}); this program "
            f"knows up to {head}. Install the newer chairlog. Nothing was changed."
        )
    if rev is None and has_tables:
        raise StorageError(
            "This database has tables but no chairlog schema version: "
            "it is not a chairlog database. Nothing was changed."
        )


def probe_write_lock(path: Path, timeout: float = 5) -> None:
    """Refuse to open a database another program keeps locked for writing (in WAL mode a held
    write lock does not stop readers, so without this probe the program would open and then
    fail on every save)."""
    from chairlog.db import cipher

    try:
        con = cipher.connect(path, timeout=timeout, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
        finally:
            con.close()
    except cipher.DB_ERRORS as exc:
        msg = storage_message(exc)
        raise StorageError((msg or str(exc)) + " Nothing was changed.") from exc


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in ``alembic_version``, read directly (no Alembic import)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    if len(rows) > 1:  # several heads stamped: let Alembic report it
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()
    return str(rows[0]) if rows else None


def backup_before_migration(db: Database, path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    dest = path.with_name(f"{path.stem}.pre-migration-{revision}-{stamp}.sqlite3")
    from chairlog.db.backup import online_backup

    online_backup(db, dest)
    return dest


def _make_private(path: Path) -> None:
    """The database file (and its -wal / -shm, which SQLite creates with the file's mode) is
    the owner's alone: 0600 on POSIX."""
    from chairlog.db.backup import private_file

    if not path.exists():
        with sqlite3.connect(path):
            pass  # SQLite creates the file lazily; create it now so its mode can be set
    for sfx in ("", "-wal", "-shm"):
        private_file(Path(str(path) + sfx))


def open_database(
    url: str, *, sqlite_pragmas: dict[str, Any] | None = None, migrate: bool = True
) -> Database:
    """Check, open and bring a database to the current schema. Raises StorageError."""
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path)
    try:
        db = Database(url, sqlite_pragmas=sqlite_pragmas)
    except Exception as exc:  # a driver that is not installed, an address that is no URL
        from chairlog.db.connect_errors import connection_error

        refused = connection_error(exc, url)
        if refused is None:
            raise
        raise refused from exc
    try:
        with db.engine.connect() as conn:
            rev = current_revision(conn)
            has_tables = bool(inspect(conn).get_table_names())
        _check_revision(rev, has_tables)
        _, head = known_revisions()
        if rev != head and migrate:
            if path is not None and rev is not None:
                backup_before_migration(db, path, rev)
            upgrade(db)
        if path is not None:
            _make_private(path)
    except StorageError:
        db.dispose()
        raise
    except Exception as exc:
        db.dispose()
        from chairlog.db.connect_errors import connection_error

        refused = connection_error(exc, url)
        if refused is not None:
            raise refused from exc
        msg = storage_message(exc)
        if msg:
            raise StorageError(msg) from exc
        raise
    return db


def upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command

    cfg = _alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
