"""The audit chain: every change appends a row carrying the hash of the row before it.

hash = SHA-256(prev_hash ‖ the previous row's signature ‖ canonical JSON of the row's fields,
including the content hashes of the clinical rows it wrote and the id of the key that signs
it). Each row is signed (Ed25519) with the writing workstation's key, kept outside the
database (``chairlog.db.workstation``). Editing, deleting, swapping or inserting a row breaks
the chain; a forged row has no valid signature; cutting off the newest rows no longer matches
``audit_head`` (updated in the same transaction) nor the heads anchored in signed records,
backups and the anchor journal outside the database (``chairlog.db.anchors``). The verifier
is ``chairlog.db.audit_verify``.

Decisions:
- The chain is locked once per transaction, at its commit, and only for writing its
  records: the records a transaction appends (a vitals set and the alerts it raised) are
  bound to their rows as they are appended, outside the lock, and written together at the
  commit (``seal``), in the order appended. What is hashed is unchanged.
- On PostgreSQL the chain's lock is the head row's lock (``SELECT … FOR UPDATE``), read in
  the same statement as the newest record's chain columns; the advisory lock is taken only
  for a chain that has no head row yet. The new records and the head's move are one
  statement (an ``INSERT`` in a ``WITH`` of the head's ``UPDATE``); then the commit. Three
  round trips hold the lock (four after waiting for it: the newest record is then read
  again, in a snapshot that sees it).
"""

from __future__ import annotations

import hashlib
import json
import socket
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from chairlog.db import anchors, binding, workstation
from chairlog.db.models import AuditHead, AuditLog, BackupRecord, SignedRecord
from chairlog.db.workstation import WorkstationKey

GENESIS = "0" * 64
PG_AUDIT_LOCK_KEY = 72430011
REGISTER = "workstation.register"
#: reserved key in ``rows_json``: the record before this one did not verify when it was written
PREV_BAD = "!prev_signature_bad"
#: ``Session.info`` keys: the Database (its workstation key), the anchor due, the newest row
DB_INFO = "chairlog_db"
ANCHOR_INFO = "chairlog_anchor"
LAST_INFO = "chairlog_last_audit"
PENDING_INFO = "chairlog_pending_audit"
#: records appended and bound, to be written under the chain's lock at the commit
QUEUED_INFO = "chairlog_queued_audit"
VOUCH_INFO = "chairlog_vouch"
KEYS_INFO = "chairlog_keys"


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


def _row_payload(row: Any) -> dict[str, Any]:
    """The hashed fields of an ``AuditLog`` (or a row read with the same column names)."""
    payload = {
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
    # migration 0005: absent (NULL) on older records, so their hashes stay as they were
    if row.rows_json is not None:
        payload["rows"] = row.rows_json
    if row.key_id is not None:
        payload["key"] = row.key_id
    return payload


def row_hash(prev_hash: str, row: Any, prev_signature: str | None = None) -> str:
    """SHA-256 over the previous hash, the previous record's signature (so the chain commits
    to every signature but the newest) and the canonical JSON of this record."""
    lead = prev_hash if prev_signature is None else prev_hash + "\n" + prev_signature
    return hashlib.sha256((lead + "\n" + canonical(_row_payload(row))).encode()).hexdigest()


def signed_message(row_hash_hex: str) -> bytes:
    return ("chairlog-audit-v1:" + row_hash_hex).encode()


def _lock_chain(s: Session) -> None:
    """The chain's lock for a chain with no head row yet (PostgreSQL): once the head exists,
    its row lock (``SELECT … FOR UPDATE``, :func:`_read_head`) is the chain's lock."""
    bind = s.get_bind()
    if bind.dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_AUDIT_LOCK_KEY})


_PREV = AuditLog.__table__.alias("prev")
#: the head, row-locked, with the newest record's chain columns: one round trip. A transaction
#: that waited for the lock reads the head as committed by the one it waited for (the lock's
#: re-check), but the newest record in its own (older) snapshot: then ``prev_seq`` is not
#: the head's seq and the record is read again in a new statement
_HEAD_AND_PREV = (
    select(
        AuditHead.seq,
        AuditHead.hash,
        *(select(c).where(_PREV.c.seq == AuditHead.seq).scalar_subquery().label(f"prev_{n}")
          for n, c in (("seq", _PREV.c.seq), ("action", _PREV.c.action),
                       ("hash", _PREV.c.hash), ("key_id", _PREV.c.key_id),
                       ("signature", _PREV.c.signature))),
    )
    .where(AuditHead.id == 1)
    .with_for_update(of=AuditHead)  # type: ignore[arg-type]
)


@dataclass(frozen=True)
class _Prev:
    seq: int
    action: str
    hash: str
    key_id: str | None
    signature: str | None


def _read_head(s: Session) -> tuple[int, str, _Prev | None] | None:
    """(seq, hash, the newest record's chain columns) of the head, locked; None: no head."""
    r = s.execute(_HEAD_AND_PREV).one_or_none()
    if r is None:
        return None
    if r.seq == 0:
        return (0, r.hash, None)
    if r.prev_seq == r.seq:
        return (r.seq, r.hash, _Prev(r.prev_seq, r.prev_action, r.prev_hash, r.prev_key_id,
                                     r.prev_signature))
    prev = s.execute(
        select(AuditLog.seq, AuditLog.action, AuditLog.hash, AuditLog.key_id,
               AuditLog.signature).where(AuditLog.seq == r.seq)
    ).one_or_none()
    return (r.seq, r.hash, None if prev is None else _Prev(*prev))


def registered_key(s: Session, key_id: str) -> str | None:
    """The public key (base64) that ``workstation.register`` recorded for ``key_id`` (cached
    per ``Database`` once committed: a registration is never legitimately removed)."""
    found = _registration(s, key_id)
    return None if found is None else found[0]


def registration_seq(s: Session, key_id: str) -> int | None:
    """The seq of the record that registered ``key_id`` (cached like :func:`registered_key`)."""
    found = _registration(s, key_id)
    return None if found is None else found[1]


def _registration(s: Session, key_id: str) -> tuple[str, int] | None:
    db = s.info.get(DB_INFO)
    if db is not None and key_id in db.known_keys:
        return cast(tuple[str, int], db.known_keys[key_id])
    mine: dict[str, tuple[str, int]] = s.info.get(KEYS_INFO, {})
    if key_id in mine:
        return mine[key_id]
    row = s.execute(
        select(AuditLog.after_json, AuditLog.seq)
        .where(AuditLog.entity == "workstation", AuditLog.entity_id == key_id,
               AuditLog.action == REGISTER)
        .order_by(AuditLog.seq)
        .limit(1)
    ).first()
    value = None if row is None else public_key_of(row.after_json)
    if row is None or value is None:
        return None
    s.info.setdefault(KEYS_INFO, {})[key_id] = (value, row.seq)  # cached once committed
    return (value, row.seq)


def public_key_of(after_json: str | None) -> str | None:
    """The public key a ``workstation.register`` record's ``after_json`` names, if any."""
    try:
        value = json.loads(after_json or "").get("public_key")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


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
) -> None:
    """Append one audit row in the caller's transaction (commits with the change it records).

    The row binds every clinical row written in this transaction since the previous audit
    row, and the rows written after it until the next one or the commit
    (``chairlog.db.binding``): it is held back (pending) until then, and is written, hashed
    and signed with the workstation's key when the next row is appended or the transaction
    commits (:func:`seal`). ``s.info`` carries the ``Database`` and so the key; a session
    without one writes unsigned rows, which the verifier refuses after the first signed one.
    The first row a workstation writes to a database is preceded by its
    ``workstation.register`` row.

    ``at`` is stored and hashed in UTC: a clock that hands out another offset would otherwise
    hash a different text than the one read back, and every later verification would fail."""
    if at.tzinfo is None:
        raise ValueError("naive datetime refused: audit times are timezone-aware")
    # hash what will be read back: storage gives UTC, so a non-UTC zone would break the hash
    at = at.astimezone(UTC)
    s.flush()
    _close_pending(s)
    s.info[PENDING_INFO] = (
        dict(at=at, user_id=user_id, username=username, action=action, entity=entity,
             entity_id=str(entity_id), session_id=session_id, patient_id=patient_id,
             before_json=canonical(before) if before is not None else None,
             after_json=canonical(after) if after is not None else None, reason=reason),
        binding.take_touched(s),
    )
    why = anchors.ANCHOR_ACTIONS.get(action)
    if why is None and action == "session.state" and (after or {}).get("state") == "discharged":
        why = "discharge"
    if why is not None:
        s.info[ANCHOR_INFO] = why


def _close_pending(s: Session) -> None:
    """Bind the pending row to the rows it was given and those written since, and queue it
    for the commit (:func:`_write_queued`)."""
    pending = s.info.pop(PENDING_INFO, None)
    if pending is None:
        return
    fields, touched = pending
    touched = list(dict.fromkeys([*touched, *binding.take_touched(s)]))
    # the bound rows are read and hashed now, before the chain is locked: they are this
    # transaction's own (inserted, or updated under their row locks, both flushed), and a
    # row written again later is bound again by a later record (the newest binding wins)
    rows = binding.bind(s, touched) if touched else None
    s.info.setdefault(QUEUED_INFO, []).append((fields, rows, touched))


def _write_queued(s: Session) -> None:
    """Write every queued row of this transaction, under the chain's lock.

    The chain is locked only from here (reading the head) to the commit, once per
    transaction: a transaction holds it while it writes its audit rows, never while it
    validates, charts, raises alerts or reads its view back — also when it appends several
    records (a vitals set and the alerts it raised), which are all written here, in order."""
    queued: list[tuple[dict[str, Any], dict[str, Any] | None, list[tuple[str, int]]]] = \
        s.info.pop(QUEUED_INFO, [])
    if not queued:
        return
    db = s.info.get(DB_INFO)
    key: WorkstationKey | None = db.workstation if db is not None else None
    if db is not None:
        db.learn_keys(s)  # once: the other workstations' keys, before the lock, not in it
    head = _read_head(s)
    if head is None:
        _lock_chain(s)  # no head row to lock yet: the first records of a chain
        head = _read_head(s)
    chain = _Chain(head)
    if key is not None and registered_key(s, key.key_id) is None:
        mine = [t for _, _, touched in queued for t in touched]
        _register(s, chain, key, queued[0][0]["at"], mine)
    for fields, rows, _ in queued:
        _write_row(s, chain, key, rows=rows, **fields)
    chain.store(s)
    binding.take_touched(s)


class _Chain:
    """The head as read under the lock, and the records this transaction appends to it."""

    def __init__(self, head: tuple[int, str, _Prev | None] | None) -> None:
        self.existed = head is not None
        self.seq, self.hash, self.prev = head if head is not None else (0, GENESIS, None)
        self.rows: list[dict[str, Any]] = []

    def store(self, s: Session) -> None:
        """Insert the new records and move the head: one statement on PostgreSQL."""
        if not self.rows:
            return
        head = {"head_seq": self.seq, "head_hash": self.hash}
        if self.existed and s.get_bind().dialect.name == "postgresql":
            # the chain's trigger checks each record against the newest one written before
            # its statement: the last record goes with the head's move, any others before it
            *first, last = self.rows
            if first:
                s.execute(insert(_AUDIT_TABLE), first)
            params = {f"{c}_0": v for c, v in last.items()}
            s.execute(_WRITTEN_AND_MOVED, params | head)
        else:
            s.execute(insert(_AUDIT_TABLE), self.rows)
            s.execute(_MOVE_HEAD if self.existed else _FIRST_HEAD, head)
        held = s.identity_map.get(identity_key(AuditHead, 1))
        if held is not None:  # a head read earlier in this transaction: as committed now
            set_committed_value(held, "seq", self.seq)
            set_committed_value(held, "hash", self.hash)
        self.rows = []
        self.existed = True


_AUDIT_TABLE = cast(Table, AuditLog.__table__)
_HEAD_VALUES: dict[str, Any] = {"seq": bindparam("head_seq"), "hash": bindparam("head_hash")}
_MOVE_HEAD = update(AuditHead).where(AuditHead.id == 1).values(**_HEAD_VALUES)
_FIRST_HEAD = insert(AuditHead).values(id=1, **_HEAD_VALUES)


#: one record inserted and the head moved, in one statement (PostgreSQL), with bound
#: parameters: compiled once, not inside the lock on every save
_WRITTEN_AND_MOVED = _MOVE_HEAD.add_cte(insert(AuditLog).values(
    {c: bindparam(f"{c}_0", type_=_AUDIT_TABLE.c[c].type) for c in _AUDIT_TABLE.c.keys()}  # noqa: SIM118
).cte("written"))


def _register(s: Session, chain: _Chain, key: WorkstationKey, at: datetime,
              touched: list[tuple[str, int]]) -> None:
    """The workstation's key enters the chain, signed by itself. In a database no key has
    signed yet (one written before migration 0005), it also binds every row already there
    (the baseline), except those this transaction writes (its own record binds them)."""
    baseline: dict[str, dict[str, str | None]] = {}
    if s.scalar(select(AuditLog.seq).where(AuditLog.key_id.is_not(None)).limit(1)) is None:
        mine = {(t, str(pk)) for t, pk in touched}
        for table, entries in binding.all_rows(s).items():
            kept = {pk: h for pk, h in entries.items() if (table, pk) not in mine}
            if kept:
                baseline[table] = kept
    _write_row(s, chain, key, at=at, user_id=None, username="system", action=REGISTER,
               entity="workstation", entity_id=key.key_id, session_id=None, patient_id=None,
               before_json=None,
               after_json=canonical({"key_id": key.key_id, "public_key": key.public_b64,
                                     "host": socket.gethostname(),
                                     "baseline": bool(baseline)}),
               reason=None, rows=baseline or None)
    # what registered_key would read back once committed: not looked up under the next lock
    s.info.setdefault(KEYS_INFO, {})[key.key_id] = (key.public_b64, chain.seq)
    s.info[ANCHOR_INFO] = "register"


def _prev_signature_ok(s: Session, prev: _Prev) -> bool:
    """``prev``: the previous record's seq, action, hash, key_id and signature."""
    if prev.key_id is None:
        # unsigned: only the records written before the first workstation key may be
        return prev.action != REGISTER and s.scalar(
            select(AuditLog.seq).where(AuditLog.key_id.is_not(None), AuditLog.seq < prev.seq)
            .limit(1)) is None
    public = registered_key(s, prev.key_id)
    return public is not None and workstation.verify(
        public, prev.signature, signed_message(prev.hash))


def _write_row(s: Session, chain: _Chain, key: WorkstationKey | None, *, at: datetime,
               rows: dict[str, Any] | None, **fields: Any) -> None:
    prev_seq, prev_hash = chain.seq, chain.hash
    db = s.info.get(DB_INFO)
    mine = s.info.get(LAST_INFO) or (db.last_written if db is not None else None)
    prev: _Prev | None
    if mine is not None and mine[0] == prev_seq and mine[1] == prev_hash:
        # the newest record is the one this workstation just wrote (and signed): no need to
        # check its signature
        prev_sig, prev = mine[3], None
        prev_key = key.key_id if key is not None else None
    else:
        prev = chain.prev if prev_seq else None
        prev_sig = prev.signature if prev is not None else None
        prev_key = prev.key_id if prev is not None else None
    if prev is not None and key is not None and not _prev_signature_ok(s, prev):
        # never block charting, but say so inside this signed record: the verifier reports it
        rows = {**(rows or {}), PREV_BAD: prev.seq}
    elif (key is not None and db is not None and prev_key not in (None, key.key_id)
          and prev_key not in db.vouched and s.get_bind().dialect.name == "postgresql"
          and (registration_seq(s, prev_key) or prev_seq) > db.anchored_upto):
        # another workstation's key on the shared server: anchor now, so that this
        # workstation's journal covers that key's registration and its verification accepts
        # it. One anchor covers every key registered at or before its seq (the verifier's
        # rule): a key registered before a line this workstation already wrote needs none
        # (20 workstations starting together anchor once each, not once per other key).
        # Never on SQLite: a file has one workstation, another key there needs the
        # journal of the workstation that wrote it (--journal).
        s.info.setdefault(ANCHOR_INFO, "key seen")
        s.info[VOUCH_INFO] = prev_key
    row = AuditLog(seq=prev_seq + 1, at=at, prev_hash=prev_hash, hash="",
                   rows_json=canonical(rows) if rows else None,
                   key_id=key.key_id if key is not None else None, **fields)
    row.hash = row_hash(prev_hash, row, prev_sig)
    row.signature = key.sign(signed_message(row.hash)) if key is not None else None
    chain.rows.append({c: getattr(row, c) for c in _COLUMNS})
    chain.seq, chain.hash = row.seq, row.hash
    chain.prev = _Prev(row.seq, row.action, row.hash, row.key_id, row.signature)
    s.info[LAST_INFO] = (row.seq, row.hash, row.at, row.signature)


_COLUMNS = tuple(c.key for c in AuditLog.__table__.c)


def seal(s: Session) -> None:
    """``before_commit``: write the pending row with every row written since it; rows written
    in a transaction that appended no audit row get a ``rows.write`` record of their own, so
    that no clinical row is ever committed unbound."""
    s.flush()
    if PENDING_INFO not in s.info and s.info.get(binding.TOUCHED):
        at = datetime.now(UTC)
        s.info[PENDING_INFO] = (
            dict(at=at, user_id=None, username="system", action="rows.write", entity="rows",
                 entity_id="", session_id=None, patient_id=None, before_json=None,
                 after_json=None, reason=None),
            [],
        )
    _close_pending(s)
    _write_queued(s)


def current_head(s: Session) -> tuple[int, str]:
    head = s.get(AuditHead, 1)
    return (head.seq, head.hash) if head is not None else (0, GENESIS)


@dataclass(frozen=True)
class ChainReport:
    """What the verifier checked, and the first break it found (``problem``)."""

    ok: bool
    rows: int
    head_seq: int
    head_hash: str
    problem: str | None = None
    first_bad_seq: int | None = None
    #: signatures verified, and records written before the first workstation key (unsigned)
    signatures_checked: int = 0
    unsigned_legacy: int = 0
    #: workstation keys accepted: (key id, host, record that registered it)
    keys: tuple[tuple[str, str, int], ...] = ()
    #: clinical rows compared with their audit records, per table
    bound_rows: tuple[tuple[str, int], ...] = ()
    #: anchors compared, per kind (in the database, the journal, backups' sidecars, PDFs)
    anchors: tuple[tuple[str, int], ...] = ()
    #: every problem found (``problem`` is the first)
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def verify_chain(s: Session, **kw: Any) -> ChainReport:
    """Check the chain, its signatures, its anchors and every bound row (``audit_verify``)."""
    from chairlog.db.audit_verify import verify

    return verify(s, **kw)


def db_anchors(s: Session) -> Iterator[tuple[str, int, str]]:
    for sr in s.execute(  # in-database anchors: signed records and backups
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
