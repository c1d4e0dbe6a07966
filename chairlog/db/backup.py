"""Online backups of an SQLite database (the SQLite backup API, never a file copy).

A backup is written to a temporary name, checked with ``PRAGMA integrity_check``, fsynced,
then renamed into place, so a half-written backup never looks like a good one.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

from chairlog.db.engine import Database
from chairlog.errors import StorageError


def integrity_ok(path: Path) -> tuple[bool, str]:
    """``PRAGMA integrity_check`` through a read-only connection: (ok, first problems)."""
    from chairlog.db import cipher
    from chairlog.db.migrate import readonly_uri

    try:
        con = cipher.connect(readonly_uri(path), uri=True)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except cipher.errors(StorageError) as exc:
        return False, str(exc)
    result = [str(r[0]) for r in rows]
    return result == ["ok"], "; ".join(result[:3])


def copy_checked(src: sqlite3.Connection, tmp: Path, refusal: str, *,
                 encrypted: bool = False) -> None:
    """Copy ``src`` to the file ``tmp`` with SQLite's backup API (a consistent snapshot, while
    others may write), as a rollback-journal file, then check it with ``integrity_check``.
    A copy that fails is deleted and ``StorageError(refusal.format(detail=...))`` raised.
    ``encrypted``: the source is a SQLCipher database; the copy is encrypted with the same key
    (a page copy)."""
    from chairlog.db import cipher

    tmp.unlink(missing_ok=True)
    try:
        out = cipher.connect(tmp, encrypted=encrypted)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")
        finally:
            out.close()
        private_file(tmp)
    except cipher.errors(OSError) as exc:
        for leftover in (tmp, Path(str(tmp) + "-journal")):
            leftover.unlink(missing_ok=True)
        raise StorageError(copy_failure(exc, tmp.parent)) from exc
    ok, detail = integrity_ok(tmp)
    if not ok:
        tmp.unlink(missing_ok=True)
        raise StorageError(refusal.format(detail=detail))


def disk_full(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return getattr(exc, "errno", None) == errno.ENOSPC or "disk is full" in text \
        or "no space left" in text


def copy_failure(exc: BaseException, folder: Path) -> str:
    """One line for a copy that could not be written (nothing was changed)."""
    if disk_full(exc):
        return (f"The disk holding {folder} is full: the copy could not be written and was "
                "removed; nothing was changed. Free some space and try again.")
    return (f"The copy could not be written to {folder} ({exc}); it was removed and nothing "
            "was changed.")


def private_file(path: Path) -> None:
    """Owner read/write only (0600) on POSIX: databases, backups, journals and keys."""
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)


def online_backup(db: Database, dest: Path) -> Path:
    """Copy the live database to ``dest`` consistently, while others may be writing."""
    if db.dialect != "sqlite":
        raise StorageError("Backups of a PostgreSQL database are made with pg_dump on the server.")
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    raw = db.engine.raw_connection()
    try:
        src: Any = raw.driver_connection
        copy_checked(src, tmp, "The backup failed its integrity check ({detail}); it was "
                               "discarded.", encrypted=db.encrypted)
    finally:
        raw.close()
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    fsync_dir(dest.parent)
    return dest


def fsync_dir(folder: Path) -> None:
    """Make a rename durable: fsync the folder that holds the new name (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
