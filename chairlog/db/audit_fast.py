"""The fast path of ``audit verify``: the same checks as ``chairlog.db.audit_verify``, in one
pass over raw rows, the table pass in a helper process meanwhile.

``verify`` returns a report only when everything holds; at the first doubt it returns
``None`` and the caller runs the reference walk (``audit_verify``), which names every break
exactly as before. So the fast path must only ever be *stricter* than the reference: it
refuses anything unusual it does not model (an unreadable binding, a primary key written in
an unusual form, a legacy file without the 0005 columns) instead of judging it.

What it checks, per record: the seq follows, ``prev_hash`` is the previous record's hash,
the hash recomputed over the same bytes as ``audit.row_hash`` (``chairlog.db.audit_text``)
matches; unsigned records only before the first signed one; each signed record's key was
registered before it (a registration's own signature is verified, as are the newest
record's and, with ``full``, every record's); no record was flagged by its successor's
writer; every anchor matches; then every bound row's content hash equals the newest binding.

Decisions:
- The chain walk stays sequential in this process and in this transaction (its snapshot is
  the one the report describes); only the content hashes of the bound rows, which need no
  order, go to a helper process (``chairlog.db.audit_scan``) on a plain SQLite file with at
  least :data:`PARALLEL_ROWS` rows, in chunks of :data:`HELPER_CHUNK` rows submitted at
  once. When the walk ends, this process takes back, newest first, every chunk the helper
  has not started and hashes it itself (``_Tables.steal``: ``Future.cancel`` succeeds only
  for those), so on two CPUs the two processes finish about together whichever is cheaper
  per item; the wall time is then about half the CPU total, not the larger of the two.
- The newest binding of each row is kept as ``{table: {id text: hash}}`` (the record that
  wrote it is not kept: the reference walk finds it if a row differs). That is most of the
  memory. It is read during the walk, in seq order (the newest entry wins): the usual
  ``rows_json``, one row of one table, by one regular expression (:data:`_ONE`, whose every
  match ``json.loads`` reads as that one binding), any other by ``json.loads``
  (:func:`_bind_json`), as the reference reads it; :data:`PREV_BAD` hands the file to the
  reference walk. A binding left over after the comparison under an id not written as
  ``str(int)`` writes it is refused: the reference reads ``"01"`` as row 1, which the
  comparison (looking up ``"1"``) never takes out. (Until 2026-12-03 the bindings were read
  after the walk by SQLite's ``json_each``, with a query refusing every text it could read
  otherwise than ``json.loads``: 3.6 µs per record against about 1.2 µs now.)
- Tried and measured on the 100-day database, not kept: building the hashed texts in SQL
  (``json_quote`` and ``||``, a Python SHA-256 function called by SQLite) is slower than
  building them in Python (audit records 13.6 µs against 11.9 µs, chart entries 4.65 s
  against 4.33 s for 174 k rows), and so was reading chart entries per kind with only the
  columns that kind uses, after a planning query (10 % less, less than the planning query
  costs; kept since 2026-12-03 without one, ``audit_scan._by_kind``). On 2026-12-03:
  the time columns sliced by SQL's ``substr`` (2.3 µs more per chart entry in SQLite than
  the 1.8 µs it saves in Python); the bindings as one ``{"table:id": hash}`` dict filled by
  ``dict.update`` straight from the cursor, compared by ``map`` and one ``join`` per chunk
  (no faster: the key built in SQL costs what the Python loop did, and the comparison 0.67
  against 0.57 µs per row); the bindings in a temporary table keyed (table, id) with
  ``ON CONFLICT DO UPDATE`` (2.7 µs per record before any comparison); ``PRAGMA mmap_size``
  (no change: the rows come from the page cache either way); a chunk read with
  ``fetchall`` and hashed by ``map`` (6 % slower: the cyclic GC walks the live rows).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from types import SimpleNamespace
from typing import Any

from sqlalchemy import text

from chairlog.db import audit_scan, audit_text, binding
from chairlog.db.audit import GENESIS, PREV_BAD, REGISTER, ChainReport, current_head, db_anchors

#: fewer bound rows than this are hashed in this process (a helper costs about 0.5 s)
PARALLEL_ROWS = 300_000
BATCH = 5000
#: rows per chunk given to the helper: small, so that this process can take over those not
#: started when its walk ends (the helper holds at most two it cannot give back)
HELPER_CHUNK = 50_000


def _audit_rows(s: Any, raw: sqlite3.Connection | None) -> Iterator[Sequence[Any]]:
    cols = ", ".join(audit_text.AUDIT_COLUMNS)
    if raw is not None:
        yield from raw.execute(f"SELECT {cols} FROM audit_log ORDER BY seq")
        return
    last = 0
    while True:
        batch = s.execute(text(f"SELECT {cols} FROM audit_log WHERE seq > :last ORDER BY seq "
                               "LIMIT :n"), {"last": last, "n": BATCH}).all()
        if not batch:
            return
        yield from batch
        last = batch[-1][0]


def _ns(r: Sequence[Any]) -> SimpleNamespace:
    return SimpleNamespace(**dict(zip(audit_text.AUDIT_COLUMNS, r, strict=True)))


class _Tables:
    """The bound rows' digests: computed here, or by a helper process started at once."""

    def __init__(self, s: Any, raw: sqlite3.Connection | None, path: str | None) -> None:
        self.s, self.raw = s, raw
        self.plans = {n: audit_text.columns(t) for n, t in binding.BOUND_TABLES.items()}
        con = raw if raw is not None else s.connection()
        self.spans = {n: audit_scan.bounds(con, n) for n in self.plans}
        self.counts = {n: self._count(n) for n in self.plans}
        rows = self.rows = sum(self.counts.values())
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[str, list[Future[Any]]] = {}
        #: every helper chunk in the order it was submitted (the helper takes them in order)
        self.jobs: list[tuple[str, int, int, Future[Any]]] = []
        self.stolen: dict[int, tuple[Any, bytes]] = {}  # id(future) → the chunk hashed here
        if path is not None and raw is not None and rows >= PARALLEL_ROWS:
            import multiprocessing

            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            for name, (lo, hi) in self.spans.items():
                self.futures[name] = []
                for a, b in self._ranges(name, lo, hi, HELPER_CHUNK):
                    f = self.pool.submit(audit_scan.worker_chunk, path, name, self.plans[name],
                                         a, b)
                    self.futures[name].append(f)
                    self.jobs.append((name, a, b, f))

    def _count(self, name: str) -> int:
        q = f'SELECT count(*) FROM "{name}"'
        if self.raw is not None:
            return int(self.raw.execute(q).fetchone()[0])
        return int(self.s.execute(text(q)).scalar() or 0)

    def _ranges(self, name: str, lo: int, hi: int, size: int = audit_scan.CHUNK
                ) -> list[tuple[int, int]]:
        if hi - lo > 4 * self.counts[name] + size:  # sparse ids: one range
            return [(lo, hi)]
        return list(audit_scan.ranges(lo, hi, size))

    def steal(self, progress: Callable[[int], None] | None) -> None:
        """Once the walk is done: hash here, newest first, every chunk the helper has not
        started yet, until this process meets it (the two then finish about together).

        Decisions: only a suffix of the submitted chunks is ever cancelled. If the helper
        dies, Python 3.11's executor sets the error on its pending futures in submission
        order and stops at the first cancelled one (``InvalidStateError`` in its thread), so
        every future this process still waits for gets the error and nothing hangs."""
        assert self.raw is not None or not self.jobs
        done = 0
        for name, a, b, f in reversed(self.jobs):
            if not f.cancel():  # the helper runs it, or has it queued, or is past it
                return
            ids, digests = audit_scan.sqlite_chunk(self.raw, name, self.plans[name], a, b)  # type: ignore[arg-type]
            self.stolen[id(f)] = ids, digests
            done += len(ids)
            if progress is not None:
                progress(done)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def chunks(self, name: str) -> Iterator[tuple[Any, bytes]]:
        if name in self.futures:
            for f in self.futures[name]:
                here = self.stolen.get(id(f))
                if here is not None:
                    yield here
                else:
                    _, ids, digests = f.result()
                    yield ids, digests
            return
        lo, hi = self.spans[name]
        for a, b in self._ranges(name, lo, hi):
            if self.raw is not None:
                yield audit_scan.sqlite_chunk(self.raw, name, self.plans[name], a, b)
            else:
                yield self._typed_chunk(name, a, b)

    def _typed_chunk(self, name: str, lo: int, hi: int) -> tuple[Any, bytes]:
        from sqlalchemy import select

        t = binding.BOUND_TABLES[name]
        cols = [t.c[n] for n, _ in self.plans[name]]
        rows = self.s.execute(select(*cols).where(t.c.id > lo, t.c.id <= hi)
                              .order_by(t.c.id))
        pk = [n for n, _ in self.plans[name]].index("id")
        return audit_scan._digests(iter(rows), pk, audit_text.row_text_for(
            self.plans[name], raw=False))


def verify(s: Any, *, external: Iterable[Any], full: bool, require_anchored_keys: bool,
           pinned_keys: Iterable[str], progress: Any) -> ChainReport | None:
    """The report if everything holds, else ``None`` (see the module's docstring)."""
    from chairlog.db.audit_verify import _check_end, _Walk

    conn = s.connection()
    raw: sqlite3.Connection | None = None
    path: str | None = None
    time_text: Callable[[Any], str]
    if conn.dialect.name == "sqlite":
        from sqlalchemy import inspect

        present = {c["name"] for c in inspect(conn).get_columns("audit_log")}
        if not set(audit_text.AUDIT_COLUMNS) <= present:
            return None  # a file older than migration 0005: the reference walk knows it
        raw = conn.connection.driver_connection
        db = conn.engine.url.database
        if conn.dialect.driver == "pysqlite" and db and db != ":memory:" \
                and not db.startswith("file:"):
            path = db
        time_text = audit_text.sqlite_time
    else:
        time_text = audit_text.typed_time
    w = _Walk(s, full)
    anchors: dict[int, list[tuple[str, str]]] = {}
    kinds: dict[str, int] = {}
    for label, seq, h in db_anchors(s):
        anchors.setdefault(seq, []).append((label, h))
        kinds["in the database"] = kinds.get("in the database", 0) + 1
    external_seqs: set[int] = set()
    for a in external:
        anchors.setdefault(a.seq, []).append((a.label, a.hash))
        external_seqs.add(a.seq)
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    head_seq, head_hash = current_head(s)
    tables = _Tables(s, raw, path)
    try:
        return _walk(s, w, raw, time_text, tables, anchors, external_seqs, kinds, head_seq,
                     head_hash, require_anchored_keys, set(pinned_keys), progress, _check_end)
    finally:
        tables.close()


def _walk(s: Any, w: Any, raw: sqlite3.Connection | None, time_text: Any, tables: _Tables,
          anchors: dict[int, list[tuple[str, str]]], external_seqs: set[int],
          kinds: dict[str, int], head_seq: int, head_hash: str, require_anchored_keys: bool,
          pinned: set[str], progress: Any, check_end: Any) -> ChainReport | None:
    total = max(head_seq, 1) + tables.rows
    bound: dict[str, dict[str, str | None]] = {t: {} for t in binding.BOUND_TABLES}
    prev_hash, prev_sig, expected = GENESIS, None, 1
    last: Sequence[Any] | None = None
    anchored_upto = 0
    one, get = _ONE.fullmatch, bound.get
    chain_hash: Callable[[Sequence[Any], str | None], str]
    if time_text is audit_text.sqlite_time:
        chain_hash = audit_text.sqlite_chain_hash
    else:
        def chain_hash(r: Sequence[Any], prev: str | None) -> str:
            return audit_text.chain_hash(r, prev, time_text)
    # the cursor itself on SQLite (no generator between it and the loop)
    records: Iterable[Sequence[Any]] = (
        raw.execute(f"SELECT {', '.join(audit_text.AUDIT_COLUMNS)} FROM audit_log ORDER BY seq")
        if raw is not None else _audit_rows(s, None))
    for r in records:
        if r[0] != expected or r[12] != prev_hash or chain_hash(r, prev_sig) != r[13]:
            return None
        key_id = r[15]
        if key_id is None:
            if w.seen_signed:
                return None
            w.legacy += 1
        else:
            w.seen_signed = True
            if r[4] == REGISTER and r[5] == "workstation":
                w.register(_ns(r))
                if w.problems:
                    return None
            elif key_id not in w.keys or (w.full and not w.check_signature(_ns(r))):
                return None
        rj = r[14]
        if rj is not None:  # _bind, inlined
            m = one(rj) if type(rj) is str else None
            if m is not None:  # the usual record: one row of one table
                table, pk, h = m.groups()
                target = get(table)
                if target is not None:
                    target[pk] = h
            elif not _bind_json(rj, bound):
                return None
        if r[0] in anchors:
            if any(h != r[13] for _, h in anchors.pop(r[0])):
                return None
            if r[0] in external_seqs:
                anchored_upto = r[0]
        prev_hash, prev_sig, expected, last = r[13], r[16], expected + 1, r
        if progress is not None and expected % BATCH == 0:
            progress(expected - 1, total)
    w.rows = expected - 1
    check_end(s, w, _ns(last) if last is not None else None, w.rows, head_seq, head_hash,
              prev_hash)
    if w.problems or anchors:
        return None
    if require_anchored_keys and any(kid not in pinned and seq > anchored_upto
                                     for kid, (_, _, seq) in w.keys.items()):
        return None
    counts: list[tuple[str, int]] = []
    notes: list[str] = []
    if w.seen_signed:
        shown = [w.rows]  # the progress shown never goes back

        def show(done: int) -> None:
            if progress is not None and done > shown[0]:
                shown[0] = done
                progress(done, total)

        tables.steal(lambda n: show(w.rows + n))
        done = w.rows
        for table in binding.BOUND_TABLES:
            n = _compare(tables.chunks(table), bound[table])
            if n is None:
                return None
            counts.append((table, n))
            done += n
            show(done)
    else:
        notes.append("clinical rows not compared: no workstation has written to this database "
                     "since its upgrade to audit binding (the first write binds every row)")
    if progress is not None:
        progress(total, total)
    return ChainReport(
        ok=True, rows=w.rows, head_seq=w.rows, head_hash=prev_hash,
        signatures_checked=w.signatures, unsigned_legacy=w.legacy,
        keys=tuple((k, host, seq) for k, (_, host, seq) in w.keys.items()),
        bound_rows=tuple(counts), anchors=tuple(sorted(kinds.items())), notes=tuple(notes))


#: a ``rows_json`` binding one row of one table, the hash a lowercase SHA-256: exactly the
#: texts ``json.loads`` reads as ``{table: {id: hash}}`` (no escape, no space, one member
#: each), where the table's name cannot be :data:`PREV_BAD`
_ONE = re.compile(r'\{"([a-z_]{1,64})":\{"([0-9]{1,20})":"([0-9a-f]{64})"\}\}', re.ASCII)


def _bind(rows_json: Any, bound: dict[str, dict[str, Any]]) -> bool:
    """One record's ``rows_json`` into ``bound`` as the walk reads it (inlined there);
    ``False``: for the reference walk to judge."""
    m = _ONE.fullmatch(rows_json) if type(rows_json) is str else None
    if m is None:
        return _bind_json(rows_json, bound)
    table, pk, h = m.groups()
    target = bound.get(table)
    if target is not None:
        target[pk] = h
    return True


def _bind_json(rows_json: Any, bound: dict[str, dict[str, Any]]) -> bool:
    """Any other ``rows_json``: read as the reference walk reads it (``json.loads``, the
    newest entry wins) into ``bound``; ``False`` if it is unreadable or flags its
    predecessor (:data:`PREV_BAD`), for the reference walk to judge."""
    try:
        rows = json.loads(rows_json)
    except ValueError:
        return False
    if type(rows) is dict:
        if PREV_BAD in rows:
            return False
        for table, entries in rows.items():
            target = bound.get(table)
            if target is not None and type(entries) is dict:
                target.update(entries)
    return True


def _compare(chunks: Iterator[tuple[Any, bytes]], expected: dict[str, str | None]
             ) -> int | None:
    """The number of rows, or ``None`` if any differs from, or lacks, its binding, or a bound
    row is missing."""
    n = 0
    pop = expected.pop
    for ids, digests in chunks:
        hexes = digests.hex()
        for i, pk in enumerate(ids):
            if pop(str(pk), None) != hexes[64 * i:64 * i + 64]:
                return None
        n += len(ids)
    # what is left: deleted rows (None), or a bound row missing, or an id not written as
    # str(int) writes it (the reference reads "01" as row 1, a binding this loop never took)
    if any(h is not None or not _canonical(pk) for pk, h in expected.items()):
        return None
    return n


def _canonical(pk: str) -> bool:
    try:
        return str(int(pk)) == pk
    except ValueError:
        return False

