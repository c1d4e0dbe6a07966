"""Restoring a verified backup (``chairlog restore``), keeping the current file aside.

Decisions:
- The backup is verified before anything is touched: it must be an SQLite file that passes
  ``PRAGMA integrity_check``, with a schema this program knows, whose audit chain verifies
  (with its anchors), and, when its sidecar JSON is there, whose SHA-256 and chain head match
  the sidecar. Anything else is refused with a ``StorageError`` naming the reason (the command
  line exits 2) and nothing changes.
- The backup is first copied (SQLite backup API) to ``<name>.restoring`` next to the database,
  checked and fsynced. Only then is the current file moved aside, with its ``-wal``, ``-shm``
  and ``-journal`` as one set, to ``<name>.damaged-<stamp>`` when it fails its own checks or
  ``<name>.replaced-<stamp>`` when it was sound. It is never deleted.
- The restored file is then opened normally (migrated if the backup is older) and the restore
  is audited in it (``backup.restore``: source, backup head, what was moved aside).
- Close chairlog on this computer first. A sound database that another program holds a write
  lock on is refused rather than moved away under it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from chairlog.clinical.clock import SteadyClock
from chairlog.db import cipher
from chairlog.db.audit import ChainReport, current_head, verify_chain
from chairlog.db.backup import copy_checked, fsync_dir, integrity_ok
from chairlog.db.migrate import (
    SQLITE_MAGIC,
    known_revisions,
    open_database,
    probe_write_lock,
    readonly_uri,
    sqlite_path,
)
from chairlog.errors import StorageError
from chairlog.paths import data_dir, resolve_db_url
from chairlog.services.backups import backups_dir, read_file_facts, read_sidecar, sha256_file
from chairlog.services.context import Chairlog, Clock, record
from chairlog.words import words


@dataclass(frozen=True)
class BackupVerdict:
    ok: bool
    problem: str | None
    audit_head_seq: int = 0
    audit_head_hash: str = ""
    schema_revision: str = ""


@dataclass(frozen=True)
class RestoreInfo:
    restored_from: Path
    database: Path
    previous: str  # damaged | replaced | missing
    moved_aside: tuple[Path, ...]
    backup_head_seq: int
    audit_head_seq: int


def verify_file_chain(path: Path) -> ChainReport:
    """Walk the audit chain of a database file through a read-only connection."""
    engine = create_engine(
        "sqlite://",
        poolclass=NullPool,
        creator=lambda: cipher.connect(readonly_uri(path), uri=True),
    )
    try:
        with Session(engine) as s:
            return verify_chain(s)
    finally:
        engine.dispose()


def verify_backup(src: Path) -> BackupVerdict:
    """Everything a backup must pass before it may replace the database."""
    if not src.is_file():
        return BackupVerdict(False, f"{src} does not exist or is not a file")
    with src.open("rb") as fh:
        if fh.read(16) != SQLITE_MAGIC and not (cipher.is_encrypted(src)
                                                  and cipher.database_key(data_dir())):
            return BackupVerdict(False, f"{src} is not an SQLite database")
    ok, detail = integrity_ok(src)
    if not ok:
        return BackupVerdict(False, f"it fails the integrity check ({detail})")
    try:
        seq, head, revision = read_file_facts(src)
        chain = verify_file_chain(src)
    except cipher.errors(SQLAlchemyError, StorageError, ValueError) as exc:
        return BackupVerdict(False, f"it is not a readable chairlog database ({exc})")
    known, _ = known_revisions()
    if revision not in known:
        return BackupVerdict(
            False,
            f"its schema {revision or '(none)'} is unknown to this "
            "chairlog (made by a newer version, or not a chairlog database)",
        )
    if not chain.ok:
        return BackupVerdict(False, f"its audit trail does not verify: {chain.problem}")
    meta = read_sidecar(src)
    if meta is not None:
        if meta.get("sha256") != sha256_file(src):
            return BackupVerdict(
                False,
                "the file does not match the SHA-256 in its sidecar "
                "(changed after the backup was made)",
            )
        side_head = meta.get("audit_head") or {}
        if (side_head.get("seq"), side_head.get("hash")) != (seq, head):
            return BackupVerdict(
                False, "its audit chain head differs from the one recorded in its sidecar"
            )
    return BackupVerdict(True, None, seq, head, revision)


def assess_current(path: Path) -> str:
    """``missing``, ``damaged`` (fails integrity or its audit chain) or ``replaced`` (sound)."""
    if not path.exists():
        return "missing"
    try:
        with path.open("rb") as fh:
            if fh.read(16) != SQLITE_MAGIC and not cipher.is_encrypted(path):
                return "damaged"
        ok, _ = integrity_ok(path)
        if not ok or not verify_file_chain(path).ok:
            return "damaged"
    except Exception:  # any failure to read it (sqlite3, ORM, bad rows) means damaged
        return "damaged"
    return "replaced"


def _refuse_if_in_use(path: Path) -> None:
    try:
        probe_write_lock(path, timeout=2)
    except StorageError as exc:
        raise StorageError(
            words("{path} is in use by another program (close chairlog on this computer first). "
                  "Nothing was changed.", path=path)
        ) from exc


def _copy_in(src: Path, tmp: Path) -> None:
    reader = cipher.connect(readonly_uri(src), uri=True)
    try:
        copy_checked(reader, tmp, "The copy of the backup failed its integrity check "
                                  "({detail}); nothing was changed.",
                     encrypted=cipher.is_encrypted(src))
    finally:
        reader.close()


def _move_aside(path: Path, state: str, stamp: str) -> tuple[Path, ...]:
    base = path.with_name(f"{path.name}.{state}-{stamp}")
    n = 2
    while any(Path(str(base) + sfx).exists() for sfx in ("", "-wal", "-shm", "-journal")):
        base = path.with_name(f"{path.name}.{state}-{stamp}-{n}")
        n += 1
    moved = []
    for sfx in ("", "-wal", "-shm", "-journal"):
        f = Path(str(path) + sfx)
        if f.exists():
            target = Path(str(base) + sfx)
            os.replace(f, target)
            moved.append(target)
    fsync_dir(path.parent)
    return tuple(moved)


def restore(app_url: str | None, src: Path | str, *, clock: Clock | None = None) -> RestoreInfo:
    """Replace the database at ``app_url`` by the verified backup ``src``."""
    url = resolve_db_url(app_url)
    path = sqlite_path(url)
    if path is None:
        raise StorageError(words("A PostgreSQL database is restored on the server (pg_restore)."))
    path = path.resolve()
    source = Path(src).expanduser().resolve()
    if source == path:
        raise StorageError(words("The backup to restore is the database itself."))
    verdict = verify_backup(source)
    if not verdict.ok:
        raise StorageError(
            words("The backup {source} cannot be restored: {problem}. Nothing was changed.",
                  source=source, problem=verdict.problem)
        )
    if not path.parent.is_dir():
        raise StorageError(words("The folder {parent} does not exist.", parent=path.parent))
    state = assess_current(path)
    if state == "replaced":
        _refuse_if_in_use(path)
    clk: Clock = clock or SteadyClock()
    stamp = clk.now().strftime("%Y%m%dT%H%M%SZ")
    tmp = path.with_name(path.name + ".restoring")
    _copy_in(source, tmp)
    moved = _move_aside(path, state, stamp) if state != "missing" else ()
    os.replace(tmp, path)
    fsync_dir(path.parent)
    db = open_database(url)
    app = Chairlog(db=db, clock=clk)
    try:
        with db.write() as s:
            record(
                app,
                s,
                None,
                "backup.restore",
                "database",
                "",
                username="restore",
                after={
                    "source": str(source),
                    "backup_head_seq": verdict.audit_head_seq,
                    "backup_head_hash": verdict.audit_head_hash,
                    "previous": state,
                    "moved_aside": [m.name for m in moved],
                },
            )
        with db.read() as s:
            head_seq, _ = current_head(s)
    finally:
        app.close()
    return RestoreInfo(source, path, state, moved, verdict.audit_head_seq, head_seq)


def latest_verified_backup(app_url: str | None = None, folder: Path | None = None) -> Path | None:
    """The newest backup of this database in the automatic folder that passes every check."""
    path = sqlite_path(resolve_db_url(app_url))
    if path is None:
        return None
    source = str(path.resolve())
    found: list[tuple[datetime, Path]] = []
    for f in (folder or backups_dir()).glob("chairlog-*.sqlite3"):
        meta = read_sidecar(f)
        if not meta or meta.get("source") != source:
            continue
        try:
            found.append((datetime.fromisoformat(str(meta["created_at"])), f))
        except (KeyError, ValueError):
            continue
    for _, f in sorted(found, reverse=True):
        if verify_backup(f).ok:
            return f
    return None
