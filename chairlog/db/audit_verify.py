"""Verifying the audit trail: the chain, its signatures, its anchors and every bound row.

One pass over the chain in seq order (memory: the newest binding of each clinical row), then
one pass over each bound table. Checks, in this order, and the first break is named:

1. the chain: every seq present, each ``prev_hash`` the hash of the record before, each hash
   recomputed (nothing edited, removed, reordered or inserted), the end equal to ``audit_head``;
2. signatures: every record after the first workstation key is signed by a registered key
   (a ``workstation.register`` record, self-signed). By default the verifier checks the
   signatures of every registration, of the newest record, and of any record that the
   writer of its successor found not verifying; the rest are covered by the chain, because
   each record's hash includes the signature of the record before it and every writer checks
   that signature before it appends (``chairlog.db.audit``): a forged record in the middle is
   flagged inside the next signed one, a forged newest record fails directly. ``full=True``
   checks every signature (about 75 µs each);
3. anchors: the heads stored in the database (signed records, backups) and the ``external``
   ones (the journal, backups' sidecars, the heads inside signed PDFs) must each match the
   record at their seq; an anchor beyond the end of the chain means records were cut off;
4. keys: with ``require_anchored_keys``, every key must be pinned in the journal or have its
   registration at or before a matching external anchor;
5. bound rows: every row of every bound table equals what its newest audit record wrote, no
   bound row is missing, and none exists without an audit record.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from chairlog.db import binding, workstation
from chairlog.db.audit import (
    GENESIS,
    PREV_BAD,
    REGISTER,
    ChainReport,
    current_head,
    db_anchors,
    row_hash,
    signed_message,
)
from chairlog.db.models import AuditHead, AuditLog

BATCH = 5000
_COLUMNS = [c for c in AuditLog.__table__.columns]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Anchor:
    """A chain head held somewhere: ``kind`` for the count, ``label`` for the message."""

    kind: str
    label: str
    seq: int
    hash: str


Progress = Callable[[int, int], None]


def _columns(s: Session) -> list[Any]:
    """The audit columns, NULL for those a file older than migration 0005 lacks (a backup
    made before the upgrade still verifies, as unsigned legacy records)."""
    from sqlalchemy import inspect, null

    present = {c["name"] for c in inspect(s.connection()).get_columns("audit_log")}
    return [c if c.name in present else null().label(c.name) for c in _COLUMNS]


def _rows(s: Session) -> Iterator[Row[Any]]:
    cols = _columns(s)
    last = 0
    while True:
        batch = s.execute(
            select(*cols).where(AuditLog.seq > last).order_by(AuditLog.seq).limit(BATCH)
        ).all()
        if not batch:
            return
        yield from batch
        last = batch[-1].seq


def _join(labels: Iterable[str]) -> str:
    return " and ".join(labels)


class _Walk:
    def __init__(self, s: Session, full: bool) -> None:
        self.s = s
        self.full = full
        self.keys: dict[str, tuple[str, str, int]] = {}  # key id → (public, host, seq)
        self.bound: dict[str, dict[int, tuple[str | None, int]]] = {
            t: {} for t in binding.BOUND_TABLES
        }
        self.problems: list[tuple[str, int | None]] = []
        self.signatures = 0
        self.legacy = 0
        self.rows = 0
        self.seen_signed = False

    def fail(self, text: str, seq: int | None) -> None:
        self.problems.append((text, seq))

    def check_signature(self, row: Any) -> bool:
        key = self.keys.get(row.key_id)
        self.signatures += 1
        return key is not None and workstation.verify(
            key[0], row.signature, signed_message(row.hash))

    def register(self, row: Any) -> None:
        try:
            after = json.loads(row.after_json or "{}")
            public, host = str(after["public_key"]), str(after.get("host", ""))
        except (ValueError, KeyError, TypeError):
            self.fail(f"record {row.seq} registers an unreadable workstation key", row.seq)
            return
        if workstation.key_id_of(base64.b64decode(public)) != row.entity_id:
            self.fail(f"record {row.seq} registers a key under another key's id", row.seq)
            return
        self.keys.setdefault(row.entity_id, (public, host, row.seq))
        if not self.check_signature(row):
            self.fail(f"record {row.seq} (a workstation key's registration) is not signed by "
                      "that key: it was forged", row.seq)

    def bind(self, row: Row[Any]) -> None:
        try:
            rows = json.loads(row.rows_json)
        except ValueError:
            self.fail(f"record {row.seq}'s row hashes are unreadable", row.seq)
            return
        if not isinstance(rows, dict):
            return
        bad = rows.get(PREV_BAD)
        if bad is not None:
            self.fail(f"record {bad} was not signed by a registered workstation (found when "
                      f"record {row.seq} was written): it was forged or altered", int(bad))
        for table, entries in rows.items():
            target = self.bound.get(table)
            if target is None or not isinstance(entries, dict):
                continue
            for pk, h in entries.items():
                target[int(pk)] = (h, row.seq)


def verify(
    s: Session,
    *,
    external: Iterable[Anchor] = (),
    full: bool = False,
    require_anchored_keys: bool = False,
    pinned_keys: Iterable[str] = (),
    progress: Progress | None = None,
) -> ChainReport:
    """Walk everything (see the module's docstring); every problem, the first one named.

    The fast path (``chairlog.db.audit_fast``) runs first; if anything there does not hold,
    this reference walk runs and names every break."""
    from chairlog.db import audit_fast

    external = list(external)
    pinned_keys = list(pinned_keys)
    fast = audit_fast.verify(s, external=external, full=full,
                             require_anchored_keys=require_anchored_keys,
                             pinned_keys=pinned_keys, progress=progress)
    if fast is not None:
        return fast
    return reference_verify(s, external=external, full=full,
                            require_anchored_keys=require_anchored_keys,
                            pinned_keys=pinned_keys, progress=progress)


def reference_verify(
    s: Session,
    *,
    external: Iterable[Anchor] = (),
    full: bool = False,
    require_anchored_keys: bool = False,
    pinned_keys: Iterable[str] = (),
    progress: Progress | None = None,
) -> ChainReport:
    """The reference walk: slower (ORM-typed rows, the writer's own encodings), and names
    every problem."""
    w = _Walk(s, full)
    anchors: dict[int, list[tuple[str, str]]] = {}
    kinds: dict[str, int] = {}
    for label, seq, h in db_anchors(s):
        anchors.setdefault(seq, []).append((label, h))
        kinds["in the database"] = kinds.get("in the database", 0) + 1
    external_seqs: dict[int, list[tuple[str, str]]] = {}
    for a in external:
        anchors.setdefault(a.seq, []).append((a.label, a.hash))
        external_seqs.setdefault(a.seq, []).append((a.label, a.hash))
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    head_seq, head_hash = current_head(s)
    total = max(head_seq, 1)
    prev_hash, prev_sig, expected = GENESIS, None, 1
    last_row: Row[Any] | None = None
    anchored_upto = 0
    chain_broken = False
    for row in _rows(s):
        w.rows += 1
        if progress is not None and w.rows % BATCH == 0:
            progress(w.rows, total)
        if row.seq != expected:
            w.fail(f"record {expected} is missing (found {row.seq} next)", expected)
            chain_broken = True
            break
        if row.prev_hash != prev_hash:
            w.fail(f"record {row.seq} does not follow record {row.seq - 1} "
                   "(removed, reordered or inserted)", row.seq)
            chain_broken = True
            break
        if row_hash(prev_hash, row, prev_sig) != row.hash:
            w.fail(f"record {row.seq} was altered after it was written", row.seq)
            chain_broken = True
            break
        if row.key_id is None:
            if w.seen_signed:
                w.fail(f"record {row.seq} is not signed by any workstation: it was added "
                       "outside chairlog", row.seq)
            else:
                w.legacy += 1
        else:
            w.seen_signed = True
            if row.action == REGISTER and row.entity == "workstation":
                w.register(row)
            elif row.key_id not in w.keys:
                w.fail(f"record {row.seq} is signed by an unknown workstation key "
                       f"{row.key_id}: it was added outside chairlog", row.seq)
            elif w.full and not w.check_signature(row):
                w.fail(f"record {row.seq}'s signature does not verify: it was forged or "
                       "altered", row.seq)
        if row.rows_json is not None:
            w.bind(row)
        here = anchors.pop(row.seq, ())
        changed = [label for label, h in here if h != row.hash]
        if changed:
            w.fail(f"record {row.seq}, anchored in {_join(changed)}, was changed (the chain "
                   "was rewritten)", row.seq)
        elif row.seq in external_seqs:
            anchored_upto = row.seq
        prev_hash, prev_sig, expected = row.hash, row.signature, row.seq + 1
        last_row = row
    last_seq = expected - 1
    if not chain_broken:
        _check_end(s, w, last_row, last_seq, head_seq, head_hash, prev_hash)
        for seq in sorted(anchors):  # every anchor beyond the end names the cut
            labels = _join(label for label, _ in anchors[seq])
            w.fail(f"the newest records were removed: record {seq}, anchored in {labels}, is "
                   f"missing (the chain ends at {last_seq})", last_seq + 1)
    pinned = set(pinned_keys)
    if require_anchored_keys:
        for kid, (_, host, seq) in sorted(w.keys.items(), key=lambda kv: kv[1][2]):
            if kid not in pinned and seq > anchored_upto:
                w.fail(f"the workstation key {kid} ({host or 'unknown host'}), registered in "
                       f"record {seq}, is not covered by any anchor outside the database: its "
                       "records cannot be told from forged ones", seq)
    counts: list[tuple[str, int]] = []
    notes: list[str] = []
    if not chain_broken and w.seen_signed:
        counts = _check_rows(s, w)
    elif not chain_broken:
        notes.append("clinical rows not compared: no workstation has written to this database "
                     "since its upgrade to audit binding (the first write binds every row)")
    if progress is not None:
        progress(total, total)
    problems = tuple(p for p, _ in w.problems)
    return ChainReport(
        ok=not w.problems,
        rows=w.rows,
        head_seq=last_seq,
        head_hash=prev_hash,
        problem=problems[0] if problems else None,
        first_bad_seq=w.problems[0][1] if w.problems else None,
        signatures_checked=w.signatures,
        unsigned_legacy=w.legacy,
        keys=tuple((k, host, seq) for k, (_, host, seq) in w.keys.items()),
        bound_rows=tuple(counts),
        anchors=tuple(sorted(kinds.items())),
        problems=problems,
        notes=tuple(notes),
    )


def _check_end(s: Session, w: _Walk, last_row: Any, last_seq: int, head_seq: int,
               head_hash: str, prev_hash: str) -> None:
    if last_seq and s.get(AuditHead, 1) is None:
        w.fail("the chain's recorded head was deleted outside chairlog", last_seq)
    elif last_seq < head_seq:
        w.fail(f"the newest records were removed: the chain ends at {last_seq}, its recorded "
               f"head is {head_seq}", last_seq + 1)
    elif last_seq > head_seq:
        w.fail(f"records {head_seq + 1}–{last_seq} were added outside chairlog (the recorded "
               f"head is {head_seq})", head_seq + 1)
    elif head_hash != prev_hash:
        w.fail(f"record {last_seq} does not match the recorded head (the chain was "
               "rewritten)", last_seq)
    if last_row is not None and last_row.key_id is not None and not w.full \
            and last_row.action != REGISTER and last_row.key_id in w.keys \
            and not w.check_signature(last_row):
        w.fail(f"record {last_seq}'s signature does not verify: it was forged or altered",
               last_seq)


def _check_rows(s: Session, w: _Walk) -> list[tuple[str, int]]:
    counts: list[tuple[str, int]] = []
    for table in binding.BOUND_TABLES:
        expected = w.bound[table]
        n = 0
        for pk, h in binding.iter_table(s, table):
            n += 1
            bound = expected.pop(pk, None)
            if bound is None or bound[0] is None:
                what = "has no audit record" if bound is None else \
                    f"was deleted by record {bound[1]} but is there again"
                w.fail(f"{table} row {pk} {what}: it was inserted outside chairlog", None)
            elif bound[0] != h:
                w.fail(f"{table} row {pk} was changed outside chairlog (it differs from what "
                       f"record {bound[1]} wrote)", bound[1])
        for pk, (gone, seq) in sorted(expected.items()):
            if gone is not None:
                w.fail(f"{table} row {pk}, written by record {seq}, is missing: it was "
                       "deleted outside chairlog", seq)
        counts.append((table, n))
    return counts
