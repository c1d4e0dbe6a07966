"""The audit chain: every change appends a row carrying the hash of the row before it.

hash = SHA-256(prev_hash ‖ canonical JSON of the row's fields). Editing, deleting, swapping or
inserting a row breaks the chain; cutting off the newest rows no longer matches ``audit_head``
(updated in the same transaction) nor the heads recorded in signed records and backups.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from chairlog.db.models import AuditHead, AuditLog, BackupRecord, SignedRecord

GENESIS = "0" * 64
PG_AUDIT_LOCK_KEY = 72430011


def _default(o: Any) -> Any:
    if isinstance(o, datetime | date):
        return o.isoformat()
    if isinstance(o, bytes):
        return hashlib.sha256(o).hexdigest()
    return str(o)


def canonical(obj: Any) -> str:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8 kept."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    )


def _row_payload(row: AuditLog) -> dict[str, Any]:
    return {
        "seq": row.seq,
        "at": row.at.isoformat(),
        "user_id": row.user_id,
        "username": row.username,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "session_id": row.session_id,
        "patient_id": row.patient_id,
        "before": row.before_json,
        "after": row.after_json,
        "reason": row.reason,
    }


def row_hash(prev_hash: str, row: AuditLog) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical(_row_payload(row))).encode()).hexdigest()


def _lock_chain(s: Session) -> None:
    bind = s.get_bind()
    if bind.dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_AUDIT_LOCK_KEY})


def append(
    s: Session,
    *,
    at: datetime,
    user_id: int | None,
    username: str,
    action: str,
    entity: str,
    entity_id: Any = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str | None = None,
    session_id: int | None = None,
    patient_id: int | None = None,
) -> AuditLog:
    """Append one audit row in the caller's transaction (commits with the change it records).

    ``at`` is stored and hashed in UTC: a clock that hands out another offset would otherwise
    hash a different text than the one read back, and every later verification would fail."""
    if at.tzinfo is None:
        raise ValueError("naive datetime refused: audit times are timezone-aware")
    _lock_chain(s)
    # hash what will be read back: storage gives UTC, so a non-UTC zone would break the hash
    at = at.astimezone(UTC)
    head = s.get(AuditHead, 1, with_for_update=True)
    prev_seq, prev_hash = (head.seq, head.hash) if head is not None else (0, GENESIS)
    row = AuditLog(
        seq=prev_seq + 1,
        at=at,
        user_id=user_id,
        username=username,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        session_id=session_id,
        patient_id=patient_id,
        before_json=canonical(before) if before is not None else None,
        after_json=canonical(after) if after is not None else None,
        reason=reason,
        prev_hash=prev_hash,
        hash="",
    )
    row.hash = row_hash(prev_hash, row)
    s.add(row)
    if head is None:
        s.add(AuditHead(id=1, seq=row.seq, hash=row.hash))
    else:
        head.seq, head.hash = row.seq, row.hash
    s.flush()
    return row


def current_head(s: Session) -> tuple[int, str]:
    head = s.get(AuditHead, 1)
    return (head.seq, head.hash) if head is not None else (0, GENESIS)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    head_seq: int
    head_hash: str
    problem: str | None = None
    first_bad_seq: int | None = None


def _iter_rows(s: Session, batch: int = 2000) -> Iterator[AuditLog]:
    last = 0
    while True:
        rows = s.scalars(
            select(AuditLog).where(AuditLog.seq > last).order_by(AuditLog.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        s.expunge_all()


def verify_chain(s: Session) -> ChainReport:
    """Walk the whole chain; name the first broken record.

    Checks, in order: every seq present (no gaps), each row's ``prev_hash`` equal to the hash of
    the row before (nothing removed, reordered or inserted), each row's own hash (nothing
    edited), the end of the chain equal to ``audit_head`` (newest rows neither cut off nor
    added behind chairlog's back), and every anchored head (signed records, backups) present
    with the same hash. Memory stays flat: only the anchored seqs are held, not every hash."""
    anchors: dict[int, list[tuple[str, str]]] = {}
    for what, seq, h in _anchors(s):
        anchors.setdefault(seq, []).append((what, h))
    anchor_problem: tuple[str, int] | None = None
    prev_hash, expected_seq, n = GENESIS, 1, 0
    for row in _iter_rows(s):
        n += 1
        if row.seq != expected_seq:
            return ChainReport(
                False,
                n,
                row.seq,
                row.hash,
                f"record {expected_seq} is missing (found {row.seq} next)",
                expected_seq,
            )
        if row.prev_hash != prev_hash:
            return ChainReport(
                False,
                n,
                row.seq,
                row.hash,
                f"record {row.seq} does not follow record {row.seq - 1} "
                "(removed, reordered or inserted)",
                row.seq,
            )
        if row_hash(prev_hash, row) != row.hash:
            return ChainReport(
                False,
                n,
                row.seq,
                row.hash,
                f"record {row.seq} was altered after it was written",
                row.seq,
            )
        for what, h in anchors.pop(row.seq, ()):
            if h != row.hash and anchor_problem is None:
                anchor_problem = (
                    f"record {row.seq}, anchored in {what}, was changed (the chain was rewritten)",
                    row.seq,
                )
        prev_hash, expected_seq = row.hash, row.seq + 1
    last_seq = expected_seq - 1
    head_seq, head_hash = current_head(s)
    if last_seq and s.get(AuditHead, 1) is None:
        return ChainReport(
            False,
            n,
            last_seq,
            prev_hash,
            "the chain's recorded head was deleted outside chairlog",
            last_seq,
        )
    if last_seq < head_seq:
        return ChainReport(
            False,
            n,
            last_seq,
            prev_hash,
            f"the newest records were removed: the chain ends at {last_seq}, "
            f"its recorded head is {head_seq}",
            last_seq + 1,
        )
    if last_seq > head_seq:
        return ChainReport(
            False,
            n,
            last_seq,
            prev_hash,
            f"records {head_seq + 1}–{last_seq} were added outside chairlog "
            f"(the recorded head is {head_seq})",
            head_seq + 1,
        )
    if head_hash != prev_hash:
        return ChainReport(
            False,
            n,
            last_seq,
            prev_hash,
            f"record {last_seq} does not match the recorded head (the chain was rewritten)",
            last_seq,
        )
    if anchor_problem is not None:
        return ChainReport(False, n, last_seq, prev_hash, anchor_problem[0], anchor_problem[1])
    if anchors:
        seq = min(anchors)
        what = anchors[seq][0][0]
        return ChainReport(
            False, n, last_seq, prev_hash, f"record {seq}, anchored in {what}, is missing", seq
        )
    return ChainReport(True, n, last_seq, prev_hash)


def _anchors(s: Session) -> Iterator[tuple[str, int, str]]:
    for sr in s.execute(
        select(
            SignedRecord.id,
            SignedRecord.session_id,
            SignedRecord.record_version,
            SignedRecord.audit_head_seq,
            SignedRecord.audit_head_hash,
        )
    ):
        yield (
            f"signed record {sr.session_id} v{sr.record_version}",
            sr.audit_head_seq,
            sr.audit_head_hash,
        )
    for b in s.execute(
        select(BackupRecord.path, BackupRecord.audit_head_seq, BackupRecord.audit_head_hash)
    ):
        yield (f"backup {b.path}", b.audit_head_seq, b.audit_head_hash)
