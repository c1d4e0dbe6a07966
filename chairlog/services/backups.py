"""Backups, rotation, restore and the health check ("nothing lost").

Decisions:
- A backup is made with SQLite's online backup API (never a file copy), checked with
  ``PRAGMA integrity_check``, fsynced and renamed into place (``chairlog.db.backup``).
- Next to each backup a sidecar ``<backup>.json`` records when it was made, its kind, the
  database it came from, its SHA-256, the schema revision and the audit chain head it
  contains. The same head is stored in the live database (``backups`` table); the chain
  verifier checks those anchors, so cutting records off the live chain shows.
- Automatic backups go to ``<data dir>/backups/chairlog-YYYYmmddTHHMMSSZ-<kind>.sqlite3``:
  after each discharge (``session_end``) and on the first write of each clinic day
  (``daily``), once :func:`install` was called (the GUI does; tests and the CLI do not).
  A failed automatic backup never undoes or hides the charting that triggered it: it is
  logged and audited (``backup.failed``) when possible.
- Rotation (automatic folder only, backups of this database only): keep every backup from
  the last 14 days, then the newest of each ISO week for 12 more weeks, then the newest of
  each calendar month, for ever. Manual backups to a chosen file are never rotated.
- Restore (``restore_backup.py``) and the health check (:func:`check`) live next door.
PostgreSQL databases are backed up on the server (pg_dump); these functions refuse them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, text

from chairlog import paths
from chairlog.db.audit import GENESIS
from chairlog.db.backup import fsync_dir, online_backup
from chairlog.db.migrate import readonly_uri, sqlite_path
from chairlog.db.models import BackupRecord, Clinic
from chairlog.errors import ChairlogError, StorageError, ValidationError
from chairlog.services.context import Chairlog, record
from chairlog.services.results import SESSION_DISCHARGED
from chairlog.words import words

log = logging.getLogger(__name__)

KINDS = ("manual", "session_end", "daily")
KEEP_ALL_DAYS = 14
KEEP_WEEKLY_WEEKS = 12
SIDECAR_FORMAT = 1


@dataclass(frozen=True)
class BackupInfo:
    """A verified backup: where it is and the audit chain head it contains."""

    path: Path
    sidecar: Path
    created_at: datetime
    kind: str
    size_bytes: int
    sha256: str
    audit_head_seq: int
    audit_head_hash: str
    schema_revision: str
    rotated_away: tuple[Path, ...] = ()


@dataclass(frozen=True)
class CheckReport:
    """The result of ``chairlog check``: ok, or one line per problem."""

    ok: bool
    problems: tuple[str, ...]
    integrity: str
    audit_rows: int
    audit_head_seq: int
    last_backup_at: datetime | None
    #: what kind of trouble: ``ok``, ``damaged`` (the file), ``disk_full``, ``tampering`` (the
    #: chart or its audit trail changed outside chairlog), ``missing`` or ``cannot_open``
    verdict: str = "ok"

    @property
    def verdict_line(self) -> str:
        return VERDICTS[self.verdict]


VERDICTS = {
    "ok": "verdict: sound",
    "damaged": "verdict: the database file is damaged: restore the latest verified backup "
               "(chairlog restore keeps the damaged file aside)",
    "disk_full": "verdict: the disk is full (the database itself is not damaged): free some "
                 "space, then run chairlog check again",
    "tampering": "verdict: tampering: the chart or its audit trail was changed outside "
                 "chairlog; keep this file as evidence and do not restore over it",
    "missing": "verdict: there is no database here",
    "cannot_open": "verdict: the database cannot be opened (see the problem above)",
}
#: below this much free space a failure to open is put down to a full disk
MIN_FREE_BYTES = 1 << 20


# ---- files --------------------------------------------------------------------------------


def backups_dir() -> Path:
    return paths.data_dir() / "backups"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sidecar_of(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def read_file_facts(path: Path) -> tuple[int, str, str]:
    """(audit head seq, audit head hash, schema revision) of a database file, read-only."""
    from chairlog.db import cipher

    con = cipher.connect(readonly_uri(path), uri=True)
    try:
        row = con.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        rev = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    seq, head = (int(row[0]), str(row[1])) if row else (0, GENESIS)
    return seq, head, str(rev[0]) if rev else ""


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def read_sidecar(path: Path) -> dict[str, Any] | None:
    side = sidecar_of(path)
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _source(app: Chairlog) -> Path:
    path = sqlite_path(app.db.url)
    if path is None:
        raise StorageError(
            words("Backups of a PostgreSQL database are made with pg_dump on the server; "
                  "chairlog backs up only its SQLite file.")
        )
    return path.resolve()


def _target(dest: Path | str | None, kind: str, at: datetime) -> tuple[Path, bool]:
    """Where the backup goes, and whether it is in the automatic (rotated) folder."""
    name = f"chairlog-{at.strftime('%Y%m%dT%H%M%SZ')}-{kind}.sqlite3"
    automatic = dest is None
    folder = backups_dir() if dest is None else Path(dest).expanduser()
    if dest is not None and not folder.is_dir():
        target = folder.resolve()
        if target.exists():
            raise ValidationError(
                "dest",
                str(dest),
                words("a file name not already used (a backup never overwrites a file)"),
                words("backup file"),
            )
        return target, False
    if automatic:
        from chairlog.db.workstation import private_folder

        private_folder(folder)  # the automatic folder is the owner's alone (0700)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder.resolve() / name
    n = 2
    while target.exists() or sidecar_of(target).exists():
        target = target.with_name(f"{name.removesuffix('.sqlite3')}-{n}.sqlite3")
        n += 1
    return target, automatic


# ---- making a backup ----------------------------------------------------------------------


def backup_now(app: Chairlog, dest: Path | str | None = None, kind: str = "manual") -> BackupInfo:
    """Make a verified online backup now (safe while others write) and record it.

    ``dest``: None for the automatic folder, a folder, or a new file name."""
    if kind not in KINDS:
        raise ValidationError("kind", kind, words("one of {choices}", choices=", ".join(KINDS)),
                              words("backup kind"))
    source = _source(app)
    at = app.now()
    target, automatic = _target(dest, kind, at)
    online_backup(app.db, target)
    seq, head, revision = read_file_facts(target)
    digest = sha256_file(target)
    size = target.stat().st_size
    _write_json(
        sidecar_of(target),
        {
            "format": SIDECAR_FORMAT,
            "created_at": at.isoformat(),
            "kind": kind,
            "source": str(source),
            "file": target.name,
            "size_bytes": size,
            "sha256": digest,
            "schema_revision": revision,
            "audit_head": {"seq": seq, "hash": head},
        },
    )
    with app.db.write() as s:
        rec = BackupRecord(
            path=str(target),
            created_at=at,
            size_bytes=size,
            audit_head_seq=seq,
            audit_head_hash=head,
            kind=kind,
        )
        s.add(rec)
        s.flush()
        record(
            app,
            s,
            None,
            "backup.create",
            "backup",
            rec.id,
            username="system",
            after={"path": str(target), "kind": kind, "sha256": digest, "audit_head_seq": seq},
        )
        rec_id = rec.id
    log.info("backup made: %s (%s, %d bytes, audit head %s)", target, kind, size, seq)
    removed = rotate(app, target.parent, now=at) if automatic else ()
    app.notify("backup", rec_id)
    return BackupInfo(
        target, sidecar_of(target), at, kind, size, digest, seq, head, revision, removed
    )


def last_backup_at(app: Chairlog) -> datetime | None:
    with app.db.read() as s:
        return s.scalar(
            select(BackupRecord.created_at).order_by(BackupRecord.created_at.desc()).limit(1)
        )


def _clinic_zone(app: Chairlog) -> ZoneInfo:
    with app.db.read() as s:
        tz = s.scalar(select(Clinic.timezone).limit(1))
    try:
        return ZoneInfo(tz or "UTC")
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


def maybe_backup(app: Chairlog, kind: str) -> BackupInfo | None:
    """An automatic backup: ``session_end`` always, ``daily`` unless one was made today (clinic
    time). Never raises for a storage problem: the charting that triggered it is already safe;
    the failure is logged and, if the database still takes writes, audited."""
    if sqlite_path(app.db.url) is None:
        return None
    try:
        if kind == "daily":
            zone = _clinic_zone(app)
            last = last_backup_at(app)
            today = app.now().astimezone(zone).date()
            if last is not None and last.astimezone(zone).date() == today:
                return None
        return backup_now(app, kind=kind)
    except (StorageError, OSError, sqlite3.Error) as exc:
        log.warning("automatic %s backup failed: %s", kind, exc)
        try:
            with app.db.write() as s:
                record(
                    app,
                    s,
                    None,
                    "backup.failed",
                    "backup",
                    "",
                    username="system",
                    after={"kind": kind},
                    reason=str(exc)[:500],
                )
        except ChairlogError as again:
            log.error("the failed %s backup could not be audited either: %s", kind, again)
        return None


class AutoBackup:
    """The app listener that makes the daily backup on the first write of a clinic day, and a
    backup after each discharge (it subscribes to the ``SESSION_DISCHARGED`` notification that
    ``discharge`` sends once its transaction committed).
    ``run`` decides where a backup runs (the GUI hands it to its background task runner)."""

    def __init__(self, app: Chairlog, run: Callable[[Callable[[], object]], object]) -> None:
        self.app = app
        self.run = run
        self._day: object = None
        self._zone: ZoneInfo | None = None

    def __call__(self, entity: str, entity_id: int | None) -> None:
        if entity == SESSION_DISCHARGED:
            self.session_ended()
            return
        if entity == "backup":
            return
        if self._zone is None or entity == "clinic":
            self._zone = _clinic_zone(self.app)
        day = self.app.now().astimezone(self._zone).date()
        if day == self._day:
            return
        self._day = day
        self.run(lambda: maybe_backup(self.app, "daily"))

    def session_ended(self) -> None:
        self.run(lambda: maybe_backup(self.app, "session_end"))


Runner = Callable[[Callable[[], object]], object]


def install(app: Chairlog, run: Runner | None = None) -> AutoBackup:
    """Turn on automatic backups for this app (daily + after each discharge)."""
    for fn in app.listeners:
        if isinstance(fn, AutoBackup):
            return fn
    hook = AutoBackup(app, run or (lambda job: job()))
    app.listeners.append(hook)
    return hook


# ---- rotation -----------------------------------------------------------------------------


def rotation_keep(stamps: Iterable[datetime], now: datetime) -> set[datetime]:
    """Which backup times to keep: all from the last 14 days; then the newest per ISO week for
    12 weeks; then the newest per calendar month."""
    keep: set[datetime] = set()
    newest: dict[tuple[str, int, int], datetime] = {}
    recent = timedelta(days=KEEP_ALL_DAYS)
    weekly = recent + timedelta(weeks=KEEP_WEEKLY_WEEKS)
    for t in stamps:
        age = now - t
        if age < recent:
            keep.add(t)
            continue
        if age < weekly:
            iso = t.isocalendar()
            bucket = ("w", iso.year, iso.week)
        else:
            bucket = ("m", t.year, t.month)
        if bucket not in newest or t > newest[bucket]:
            newest[bucket] = t
    return keep | set(newest.values())


def rotate(app: Chairlog, folder: Path, *, now: datetime | None = None) -> tuple[Path, ...]:
    """Apply the rotation policy to this database's backups in ``folder``; audited."""
    source = str(_source(app))
    found: dict[Path, datetime] = {}
    for path in folder.glob("chairlog-*.sqlite3"):
        meta = read_sidecar(path)
        if not meta or meta.get("source") != source:
            continue
        try:
            found[path] = datetime.fromisoformat(str(meta["created_at"]))
        except (KeyError, ValueError):
            continue
    keep = rotation_keep(found.values(), now or app.now())
    removed = tuple(sorted(p for p, t in found.items() if t not in keep))
    for p in removed:
        p.unlink(missing_ok=True)
        sidecar_of(p).unlink(missing_ok=True)
    if removed:
        with app.db.write() as s:
            record(
                app,
                s,
                None,
                "backup.rotate",
                "backup",
                "",
                username="system",
                after={"removed": [p.name for p in removed]},
            )
    return removed


# ---- the health check ---------------------------------------------------------------------


def check(app: Chairlog) -> CheckReport:
    """Integrity (SQLite), then the whole audit trail with every anchor it can reach
    (``audit_log.verify_audit``); one line per problem and a verdict: a damaged file, or
    tampering."""
    from chairlog.services.audit_log import verify_audit

    problems: list[str] = []
    integrity = "not checked (PostgreSQL: the server checks its pages)"
    with app.db.read() as s:
        if app.db.dialect == "sqlite":
            rows = [str(r[0]) for r in s.execute(text("PRAGMA integrity_check"))]
            integrity = "ok" if rows == ["ok"] else "; ".join(rows[:5])
            problems += [f"database integrity: {r}" for r in rows[:5] if rows != ["ok"]]
        last = s.scalar(
            select(BackupRecord.created_at).order_by(BackupRecord.created_at.desc()).limit(1)
        )
    if problems:
        return CheckReport(False, tuple(problems), integrity, 0, 0, last, "damaged")
    chain = verify_audit(app)
    problems += [f"audit trail: {p}" for p in chain.problems[:20]]
    return CheckReport(not problems, tuple(problems), integrity, chain.rows, chain.head_seq, last,
                       "tampering" if problems else "ok")


def _disk_full(path: Path, exc: BaseException) -> bool:
    from chairlog.db.backup import disk_full

    if disk_full(exc) or "disk is full" in str(exc).lower():
        return True
    try:
        return shutil.disk_usage(path.parent).free < MIN_FREE_BYTES
    except OSError:
        return False


def check_url(url: str | None) -> CheckReport:
    """:func:`check` for a database that may not open: a refusal to open is the problem, told
    apart as a damaged file, a full disk, or another reason."""
    from chairlog.errors import CorruptDatabase
    from chairlog.services import open_app

    resolved = paths.resolve_db_url(url)
    path = sqlite_path(resolved)
    if path is not None and not path.exists():
        return CheckReport(False, (f"there is no database at {path}",), "missing", 0, 0, None,
                           "missing")
    try:
        app = open_app(resolved)
    except StorageError as exc:
        if path is not None and _disk_full(path, exc):
            return CheckReport(False, (f"the disk holding {path.parent} is full: the database "
                                       "cannot be opened",), "not checked", 0, 0, None,
                               "disk_full")
        verdict = "damaged" if isinstance(exc, CorruptDatabase) else "cannot_open"
        return CheckReport(False, (str(exc),), "not checked", 0, 0, None, verdict)
    try:
        return check(app)
    finally:
        app.close()
