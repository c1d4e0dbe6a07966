"""Reading, checking and exporting the audit trail (the hash chain written by every change).

Decisions:
- Who may read: admins and physicians read the whole trail (compliance review, sign-off).
  A nurse may read the trail of one session at a time (``session_id`` given): who charted,
  corrected or acknowledged what on the session in front of them; the rest (sign-ins, user
  and settings changes, other patients) is refused. A deactivated account reads nothing.
- Verifying needs no account: it reveals no content, only whether the chain is intact. It is
  read-only (it works on a read-only copy) and writes no audit row.
- An export writes an ``audit.export`` row after the file is complete (who, how many rows, the
  date range), so taking the trail out of the clinic is itself on the trail. The command line
  (``actor=None``) is the local, trusted operator, like ``chairlog user add``.
- The CSV is streamed in seq order in batches (memory stays flat), up to the chain head read
  at the start (rows appended meanwhile belong to the next export), to ``<file>.partial``,
  fsynced, then renamed: a half-written file never has the final name. ``at_utc`` is the same
  ISO text the hash covers; ``before``/``after`` are the stored canonical JSON. A cell that
  a spreadsheet would run as a formula (leading ``= + - @``) gets a leading apostrophe.
- Dates typed by people (CLI ``--from/--to``, the viewer's date range) are days in the
  clinic's time zone: ``day_bounds`` turns them into a UTC half-open range [from, to + 1 day).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from chairlog.db import audit
from chairlog.db.models import AuditLog, User
from chairlog.domain import AuditExport, AuditReport, AuditRow, Role, UserInfo
from chairlog.errors import PermissionDenied, StorageError, ValidationError
from chairlog.services.context import Chairlog, clinic_row, record, require_user
from chairlog.words import words

READ_ALL_ROLES = frozenset({Role.ADMIN, Role.PHYSICIAN})
MAX_LIMIT = 5000
EXPORT_BATCH = 1000
CSV_HEADER = (
    "seq",
    "at_utc",
    "user",
    "action",
    "entity",
    "entity_id",
    "session_id",
    "patient_id",
    "before",
    "after",
    "reason",
    "prev_hash",
    "hash",
    "rows",
    "key_id",
    "signature",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def head_seq(app: Chairlog) -> int:
    """The audit chain's newest record number: one indexed row read. Every committed write on
    any workstation advances it, so a window polls this to see other workstations' changes."""
    with app.db.read() as s:
        return audit.current_head(s)[0]


def verify_audit(
    app: Chairlog,
    *,
    journals: Iterable[str | os.PathLike[str]] = (),
    backup_dirs: Iterable[str | os.PathLike[str]] = (),
    pdfs: Iterable[str | os.PathLike[str]] = (),
    full: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> AuditReport:
    """Check the whole trail: the chain, its signatures, every bound clinical row, and every
    anchor reachable (in the database, the journal, backups' sidecars, signed PDFs; plus the
    ``journals``, ``backup_dirs`` and signed ``pdfs`` files given). ``ok`` or the first
    break, named."""
    from chairlog.services.audit_anchors import reach

    reached = reach(app, journals=[Path(j) for j in journals],
                    backup_dirs=[Path(d) for d in backup_dirs], pdfs=[Path(p) for p in pdfs],
                    full=full)
    with app.db.read() as s:
        r = audit.verify_chain(s, external=reached.anchors, full=full,
                               require_anchored_keys=True, pinned_keys=reached.pinned_keys,
                               progress=progress)
    problems = (*r.problems, *reached.problems)
    notes = list(r.notes)
    if reached.superseded:
        notes.append(f"{reached.superseded} anchors describe the file a restore replaced "
                     "and were not held against this one")
    if reached.pdfs_skipped:
        notes.append(f"{reached.pdfs_skipped} older signed PDFs not opened (--full opens all)")
    first = r.problem if r.problem is not None else (problems[0] if problems else None)
    return AuditReport(
        ok=not problems,
        rows=r.rows,
        head_seq=r.head_seq,
        head_hash=r.head_hash,
        problem=first,
        first_bad_seq=r.first_bad_seq,
        signatures_checked=r.signatures_checked,
        unsigned_legacy=r.unsigned_legacy,
        keys=r.keys,
        bound_rows=r.bound_rows,
        anchors=r.anchors,
        problems=problems,
        notes=tuple(notes),
    )


def day_bounds(
    app: Chairlog, first: date | None, last: date | None
) -> tuple[datetime | None, datetime | None]:
    """Days in the clinic's time zone → a UTC range: [first 00:00, the day after last 00:00)."""
    if first is not None and last is not None and last < first:
        raise ValidationError(
            "until", last.isoformat(), words("a date on or after {first}",
                                             first=first.isoformat()), words("to")
        )
    with app.db.read() as s:
        zone = ZoneInfo(clinic_row(s).timezone)
    since = datetime.combine(first, time(0), zone).astimezone(UTC) if first else None
    until = (
        datetime.combine(last + timedelta(days=1), time(0), zone).astimezone(UTC) if last else None
    )
    return since, until


def _check_range(since: datetime | None, until: datetime | None) -> None:
    for name, value in (("since", since), ("until", until)):
        if value is not None and (not isinstance(value, datetime) or value.tzinfo is None):
            raise ValidationError(name, value, words("a date and time with a time zone"), name)
    if since is not None and until is not None and until < since:
        raise ValidationError(
            "until",
            until.isoformat(timespec="minutes"),
            words("a time after the start of the range"),
            words("to"),
        )


def _filtered(
    q: Select[Any],
    *,
    patient_id: int | None,
    session_id: int | None,
    user_id: int | None,
    since: datetime | None,
    until: datetime | None,
) -> Select[Any]:
    if patient_id is not None:
        q = q.where(AuditLog.patient_id == patient_id)
    if session_id is not None:
        q = q.where(AuditLog.session_id == session_id)
    if user_id is not None:
        q = q.where(AuditLog.user_id == user_id)
    if since is not None:
        q = q.where(AuditLog.at >= since)
    if until is not None:
        q = q.where(AuditLog.at < until)
    return q


def _json(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else {"value": value}


def _rows(s: Session, logs: list[AuditLog]) -> list[AuditRow]:
    ids = {r.user_id for r in logs if r.user_id is not None}
    names: dict[int, str] = {}
    if ids:
        names = {
            uid: name
            for uid, name in s.execute(select(User.id, User.full_name).where(User.id.in_(ids)))
        }
    return [
        AuditRow(
            seq=r.seq,
            at=r.at,
            user_id=r.user_id,
            username=r.username,
            user_name=names.get(r.user_id, r.username) if r.user_id else r.username,
            action=r.action,
            entity=r.entity,
            entity_id=r.entity_id,
            session_id=r.session_id,
            patient_id=r.patient_id,
            before=_json(r.before_json),
            after=_json(r.after_json),
            reason=r.reason,
            prev_hash=r.prev_hash,
            hash=r.hash,
        )
        for r in logs
    ]


def list_audit(
    app: Chairlog,
    actor: UserInfo,
    *,
    patient_id: int | None = None,
    session_id: int | None = None,
    user_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 500,
    before_seq: int | None = None,
) -> list[AuditRow]:
    """Audit rows matching every given filter, newest first (at most ``limit``).

    ``user_id`` is who acted; ``since``/``until`` a UTC range [since, until); ``before_seq``
    pages back (rows older than that seq)."""
    _check_range(since, until)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ValidationError("limit", limit, words("a whole number from 1 to {MAX_LIMIT}",
                                                    MAX_LIMIT=MAX_LIMIT))
    with app.db.read() as s:
        user = require_user(s, actor)
        if Role(user.role) not in READ_ALL_ROLES and session_id is None:
            raise PermissionDenied(
                words("A nurse may read the audit trail of one session at a time: give a session "
                      "number. The whole trail is for admins and physicians.")
            )
        q = _filtered(
            select(AuditLog),
            patient_id=patient_id,
            session_id=session_id,
            user_id=user_id,
            since=since,
            until=until,
        )
        if before_seq is not None:
            q = q.where(AuditLog.seq < before_seq)
        logs = list(s.scalars(q.order_by(AuditLog.seq.desc()).limit(limit)))
        return _rows(s, logs)


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _stream(app: Chairlog, since: datetime | None, until: datetime | None) -> Iterator[AuditLog]:
    with app.db.read() as s:
        head_seq, _ = audit.current_head(s)
        last = 0
        while True:
            q = _filtered(
                select(AuditLog),
                patient_id=None,
                session_id=None,
                user_id=None,
                since=since,
                until=until,
            )
            batch = list(
                s.scalars(
                    q.where(AuditLog.seq > last, AuditLog.seq <= head_seq)
                    .order_by(AuditLog.seq)
                    .limit(EXPORT_BATCH)
                )
            )
            if not batch:
                return
            yield from batch
            last = batch[-1].seq
            s.expunge_all()


def export_audit_csv(
    app: Chairlog,
    actor: UserInfo | None,
    path: str | os.PathLike[str],
    since: datetime | None = None,
    until: datetime | None = None,
) -> AuditExport:
    """Write the audit rows in [since, until) (UTC; None = open end) to a CSV file.

    ``actor`` None is the local command line. Returns the file, row count and seq range."""
    _check_range(since, until)
    if actor is not None:
        with app.db.read() as s:
            require_user(s, actor, READ_ALL_ROLES, words("export the audit trail"))
    dest = Path(path)
    if dest.is_dir():
        raise ValidationError("path", str(dest), words("a file name, not a folder"), words("file"))
    tmp = dest.with_name(dest.name + ".partial")
    rows, first, last = 0, None, None
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(CSV_HEADER)
            for r in _stream(app, since, until):
                w.writerow(
                    [
                        r.seq,
                        r.at.astimezone(UTC).isoformat(),
                        _cell(r.username),
                        _cell(r.action),
                        _cell(r.entity),
                        _cell(r.entity_id),
                        _cell(r.session_id),
                        _cell(r.patient_id),
                        _cell(r.before_json),
                        _cell(r.after_json),
                        _cell(r.reason),
                        r.prev_hash,
                        r.hash,
                        r.rows_json or "",
                        r.key_id or "",
                        r.signature or "",
                    ]
                )
                rows += 1
                first = r.seq if first is None else first
                last = r.seq
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(
            words("The audit export could not be written to {dest}: {problem}.",
                  dest=dest, problem=exc.strerror or exc)
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with app.db.write() as s:
        user = require_user(s, actor, READ_ALL_ROLES,
                            words("export the audit trail")) if actor else None
        record(
            app,
            s,
            user,
            "audit.export",
            "audit",
            "",
            username="cli",
            after={
                "rows": rows,
                "first_seq": first,
                "last_seq": last,
                "since": since,
                "until": until,
                "file": dest.name,
            },
        )
    app.notify("audit")
    return AuditExport(str(dest), rows, first, last)
