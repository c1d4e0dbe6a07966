"""The hashed texts of audit records and bound rows, built straight from driver rows.

The reference encodings are ``chairlog.db.audit.canonical`` (an audit record's payload) and
``chairlog.db.binding.content_hash`` (a clinical row): canonical JSON through ``json.dumps``
of a dict built from ORM-typed values. The verifier has to recompute both for every record
and every row of a ten-year database (5.35 M records, as many rows), where building those
dicts and ``json.dumps`` were most of the time. This module writes the *same bytes* directly:
the keys are known and sorted once, and each value is escaped with the ``json`` module's own
C string encoder (``json.encoder.encode_basestring``), integers and floats with the ``repr``
``json`` uses. ``tests/db/test_audit_fast.py`` checks byte-identity with the reference on
every bound table and on hostile strings (hypothesis).

Decisions:
- Nothing in the stored format changes: old and new databases verify alike, and the writer
  keeps the reference encodings. A value of a type the fast path does not know is handed to
  ``json.dumps`` (identical output, only slower).
- SQLite rows are read raw (no SQLAlchemy result processing): ``UTCDateTime`` text
  ``YYYY-MM-DD HH:MM:SS.ffffff`` is rewritten to the ISO text the reference hashes by slicing
  (any other shape goes through ``datetime.fromisoformat``), booleans stored as 0/1 become
  ``true``/``false``, JSON columns are parsed and re-encoded canonically, bytes become their
  SHA-256. On PostgreSQL the driver already returns typed values (:func:`typed_row_text`).
- The slicing is injective on the texts it accepts, so a changed stored time can never hash
  like the original one.
- A JSON column's canonical text is remembered per stored text (at most :data:`JSON_MEMO`
  of them, then forgotten at once): a pure function of the stored text, and the protocol
  snapshot copied into every session is one of a few texts (sessions cost 78 µs per row
  before, 15 % of the whole table pass on the 100-day database).
- Per item the verifier's cost is Python calls, so the hot texts are single f-strings with
  the slicing inline: an audit record in one call (:func:`sqlite_chain_hash`, 10 % less
  than the nested calls and a ``"".join``), a time column inside the generated row encoder
  (:func:`_unrolled`, 160 ns less each). Measured on 2026-12-03, not kept: the same texts
  with ``%`` formatting or built by SQLite (slower, see ``chairlog.db.audit_fast``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, date, datetime
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, LargeBinary, String, Table

#: audit columns read by the chain check, in this order (``chain_text`` indexes them)
AUDIT_COLUMNS = ("seq", "at", "user_id", "username", "action", "entity", "entity_id",
                 "session_id", "patient_id", "before_json", "after_json", "reason",
                 "prev_hash", "hash", "rows_json", "key_id", "signature")


def _dumps(v: Any) -> str:
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str)


def _float(v: float) -> str:
    if v != v:
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    return float.__repr__(v)


_ENCODERS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda v: "true" if v else "false",
    type(None): lambda v: "null",
}


def value_text(v: Any) -> str:
    """``json.dumps(v)`` as the canonical encodings write it, faster for plain values."""
    enc = _ENCODERS.get(type(v))
    return enc(v) if enc is not None else _dumps(v)


def sqlite_time(raw: Any) -> str:
    """The ISO text (``...T...+00:00``) of a ``UTCDateTime`` as SQLite stores it."""
    if type(raw) is str and len(raw) == 26 and raw[10] == " " and raw[19] == ".":
        frac = raw[19:]
        return raw[:10] + "T" + raw[11:19] + ("" if frac == ".000000" else frac) + "+00:00"
    return typed_time(datetime.fromisoformat(raw) if isinstance(raw, str) else raw)


def typed_time(v: datetime) -> str:
    return (v if v.tzinfo else v.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def chain_text(r: Sequence[Any], prev_signature: str | None, time_text: Callable[[Any], str]
               ) -> str:
    """The text ``audit.row_hash`` hashes, from a row of :data:`AUDIT_COLUMNS`."""
    try:
        return _chain_text_plain(r, prev_signature, time_text)
    except TypeError:  # a value of an unexpected type: the general encoder
        return _chain_text(r, prev_signature, time_text, value_text)


def _chain_text_plain(r: Sequence[Any], prev_signature: str | None,
                      time_text: Callable[[Any], str]) -> str:
    """Strings and integers where the schema has them (raises ``TypeError`` otherwise)."""
    eb, ir = encode_basestring, int.__repr__
    lead = r[12] if prev_signature is None else r[12] + "\n" + prev_signature
    b, a, why, k, rows = r[9], r[10], r[11], r[15], r[14]
    u, sid, pid = r[2], r[7], r[8]
    return "".join((
        lead, '\n{"action":', eb(r[4]), ',"after":', "null" if a is None else eb(a),
        ',"at":"', time_text(r[1]), '","before":', "null" if b is None else eb(b),
        ',"entity":', eb(r[5]), ',"entity_id":', eb(r[6]),
        "" if k is None else ',"key":' + eb(k),
        ',"patient_id":', "null" if pid is None else ir(pid),
        ',"reason":', "null" if why is None else eb(why),
        "" if rows is None else ',"rows":' + eb(rows),
        ',"seq":', ir(r[0]), ',"session_id":', "null" if sid is None else ir(sid),
        ',"user_id":', "null" if u is None else ir(u), ',"username":', eb(r[3]), "}"))


def _chain_text(r: Sequence[Any], prev_signature: str | None, time_text: Callable[[Any], str],
                s: Callable[[Any], str]) -> str:
    lead = r[12] if prev_signature is None else r[12] + "\n" + prev_signature
    parts = [lead, '\n{"action":', s(r[4]), ',"after":', s(r[10]), ',"at":"', time_text(r[1]),
             '","before":', s(r[9]), ',"entity":', s(r[5]), ',"entity_id":', s(r[6])]
    if r[15] is not None:
        parts += [',"key":', s(r[15])]
    parts += [',"patient_id":', s(r[8]), ',"reason":', s(r[11])]
    if r[14] is not None:
        parts += [',"rows":', s(r[14])]
    parts += [',"seq":', s(r[0]), ',"session_id":', s(r[7]), ',"user_id":', s(r[2]),
              ',"username":', s(r[3]), "}"]
    return "".join(parts)


def chain_hash(r: Sequence[Any], prev_signature: str | None,
               time_text: Callable[[Any], str] = sqlite_time) -> str:
    return hashlib.sha256(chain_text(r, prev_signature, time_text).encode()).hexdigest()


_NL, _KEY, _ROWS = "\n", ',"key":', ',"rows":'


def sqlite_chain_hash(r: Sequence[Any], prev_signature: str | None) -> str:
    """:func:`chain_hash` of a raw SQLite row in one call and one f-string: the time slicing
    and the plain encoders inline (the walk's four nested calls per record and the
    ``"".join`` of 33 parts were 15 % of the hashing). Anything else (a time in another
    shape, a value of an unexpected type) goes to :func:`chain_hash`."""
    (seq, at, u, name, action, entity, eid, sid, pid, b, a, why, lead, _, rows, k, _s) = r
    if type(at) is not str or len(at) != 26 or at[10] != " " or at[19] != "." \
            or type(lead) is not str:
        return chain_hash(r, prev_signature, sqlite_time)
    eb, ir = encode_basestring, int.__repr__
    try:  # each encoder raises TypeError on a value of another type
        text = (
            f'{lead if prev_signature is None else lead + _NL + prev_signature}\n'
            f'{{"action":{eb(action)},"after":{"null" if a is None else eb(a)},"at":"'
            f'{at[:10]}T{at[11:19] if at[19:] == ".000000" else at[11:]}+00:00","before":'
            f'{"null" if b is None else eb(b)},"entity":{eb(entity)},"entity_id":{eb(eid)}'
            f'{"" if k is None else _KEY + eb(k)},"patient_id":'
            f'{"null" if pid is None else ir(pid)},"reason":{"null" if why is None else eb(why)}'
            f'{"" if rows is None else _ROWS + eb(rows)},"seq":{ir(seq)},"session_id":'
            f'{"null" if sid is None else ir(sid)},"user_id":{"null" if u is None else ir(u)}'
            f',"username":{eb(name)}}}')
    except TypeError:
        return chain_hash(r, prev_signature, sqlite_time)
    return hashlib.sha256(text.encode()).hexdigest()


# ---- bound rows ------------------------------------------------------------------------

def _kind(col: Any) -> str:
    impl = getattr(col.type, "impl", col.type)
    if isinstance(impl, DateTime):
        return "time"
    if isinstance(impl, Date):
        return "date"
    if isinstance(impl, LargeBinary):
        return "bytes"
    if isinstance(impl, Boolean):
        return "bool"
    if isinstance(impl, JSON):
        return "json"
    return "plain"


def columns(t: Table) -> list[tuple[str, str]]:
    """(name, kind) of a bound table's columns in sorted order: the order both the query and
    the encoder use."""
    return [(c.name, _kind(c)) for c in sorted(t.columns, key=lambda c: c.name)]


#: JSON texts remembered per encoder (a session's protocol snapshot, 2.4 kB, is one of a few
#: texts repeated on every session: 70 µs each to parse and re-encode)
JSON_MEMO = 4096
_MISSING = object()


def _raw_converters() -> dict[str, Callable[[Any], str | None]]:
    seen: dict[Any, str | None] = {}

    def as_json(raw: Any) -> str | None:
        if type(raw) is str:  # the same stored text is the same canonical text
            out = seen.get(raw, _MISSING)
            if out is _MISSING:
                if len(seen) >= JSON_MEMO:
                    seen.clear()
                v = json.loads(raw)
                out = seen[raw] = None if v is None else _dumps(v)
            return out  # type: ignore[return-value]
        v = json.loads(raw) if isinstance(raw, bytes) else raw
        return None if v is None else _dumps(v)

    def as_bytes(raw: Any) -> str:
        return '"' + hashlib.sha256(bytes(raw)).hexdigest() + '"'

    def as_date(raw: Any) -> str:
        d = date.fromisoformat(raw) if isinstance(raw, str) else raw
        return '"' + d.isoformat() + '"'

    def as_time(raw: Any) -> str:
        if type(raw) is str and len(raw) == 26 and raw[10] == " " and raw[19] == ".":
            frac = raw[19:]
            return ('"' + raw[:10] + "T" + raw[11:19] + ("" if frac == ".000000" else frac)
                    + '+00:00"')
        return '"' + sqlite_time(raw) + '"'

    return {
        "time": as_time,
        "date": as_date,
        "bytes": as_bytes,
        "bool": lambda raw: "true" if raw else "false",
        "json": as_json,
    }


def _typed_converters() -> dict[str, Callable[[Any], str | None]]:
    def as_bytes(v: Any) -> str:
        return '"' + hashlib.sha256(bytes(v)).hexdigest() + '"'

    return {
        "time": lambda v: '"' + typed_time(v) + '"',
        "date": lambda v: '"' + v.isoformat() + '"',
        "bytes": as_bytes,
        "bool": lambda v: "true" if v else "false",
        "json": lambda v: _dumps(v),
    }


RowText = Callable[[Sequence[Any]], str]


def _plain_encoder(col_type: Any) -> Callable[[Any], str]:
    """The encoder for a column of plain values on SQLite: a C function where the schema
    says what the driver returns (it raises ``TypeError`` on anything else)."""
    impl = getattr(col_type, "impl", col_type)
    if isinstance(impl, Integer):
        return int.__repr__
    if isinstance(impl, Float):
        return _float
    if isinstance(impl, String):
        return encode_basestring
    return value_text


_ROW_TEXTS: dict[tuple[tuple[tuple[str, str], ...], bool, Table | None, int], RowText] = {}


def row_text_for(cols: list[tuple[str, str]], *, raw: bool, table: Table | None = None,
                 extra: int = 0) -> RowText:
    """A function from a row (values in ``cols`` order) to the text ``content_hash`` hashes.
    ``raw``: values as SQLite's driver returns them; else as SQLAlchemy's typed rows.
    ``table`` (with ``raw``): its column types choose faster encoders for plain values.
    ``extra``: the number of values after those of ``cols`` in each row (ignored).

    Decision: built once per (columns, kind of row, table, extra) in a process and reused by
    every chunk of every verification (building one compiles the unrolled function: about
    1 ms for a chart entry, paid per chunk and kind, and per small table at every ``audit
    verify`` — a fifth of the time of the tests that verify after every step). The function
    is pure; its JSON memo is bounded (:data:`JSON_MEMO`)."""
    key = (tuple(cols), raw, table, extra)
    fn = _ROW_TEXTS.get(key)
    if fn is None:
        fn = _ROW_TEXTS[key] = _build_row_text(cols, raw=raw, table=table, extra=extra)
    return fn


def _build_row_text(cols: list[tuple[str, str]], *, raw: bool, table: Table | None,
                    extra: int) -> RowText:
    conv = _raw_converters() if raw else _typed_converters()
    plan = [(i, '"' + name + '":', conv.get(kind)) for i, (name, kind) in enumerate(cols)]
    s = value_text

    def general(row: Sequence[Any]) -> str:
        parts = []
        for i, prefix, c in plan:
            v = row[i]
            if v is None:
                continue
            if c is None:
                parts.append(prefix + s(v))
            else:
                out = c(v)
                if out is not None:
                    parts.append(prefix + out)
        return "{" + ",".join(parts) + "}"

    if not raw or table is None:
        return general
    encoders: list[Callable[[Any], Any]] = [
        c if c is not None else _plain_encoder(table.c[name].type)
        for (_, _, c), (name, _) in zip(plan, cols, strict=True)]
    unrolled = _unrolled([prefix for _, prefix, _ in plan], encoders,
                         {i for i, (name, kind) in enumerate(cols)
                          if kind == "time" and name.isidentifier()}, extra)

    def fast(row: Sequence[Any]) -> str:
        try:  # a JSON null (None) or a value of another type: TypeError, the general path
            return unrolled(row)
        except TypeError:
            return general(row)

    return fast


def _unrolled(prefixes: list[str], encoders: list[Callable[[Any], Any]],
              times: Collection[int] = (), extra: int = 0) -> RowText:
    """One function per table with a line per column (no loop, no ``zip``): ``if v is not
    None: parts.append(prefix + encoder(v))``, the row unpacked at once. About 30 % faster
    than a comprehension over the columns on the 51 columns of a chart entry, most of them
    NULL. The source is built only from ``repr`` of the column prefixes and indexes into
    ``encoders``; it raises what the encoders raise (``TypeError`` on an unexpected type).
    A column in ``times`` (``UTCDateTime``, its prefix a plain name) has the time slicing
    inline in one f-string when the stored text has the usual shape (160 ns less per time
    than calling the converter, which takes any other shape). The row may carry ``extra``
    values after the columns' (unpacked, not used)."""
    n = len(prefixes)
    names = [f"v{i}" for i in range(n)] + [f"x{i}" for i in range(extra)]
    lines = ["def row_text(row):", f"    ({', '.join(names)},) = row", "    parts = []",
             "    add = parts.append"]
    for i in range(n):
        if i not in times:
            lines.append(f"    if v{i} is not None: add({prefixes[i]!r} + e{i}(v{i}))")
            continue
        v = f"v{i}"
        lines += [
            f"    if {v} is not None:",
            f"        if type({v}) is str and len({v}) == 26 and {v}[10] == ' ' and "
            f"{v}[19] == '.':",
            f"""            add(f'{prefixes[i]}"{{{v}[:10]}}T{{{v}[11:19] if {v}[19:] == """
            f"""".000000" else {v}[11:]}}+00:00"')""",
            f"        else: add({prefixes[i]!r} + e{i}({v}))"]
    lines.append("    return '{' + ','.join(parts) + '}'")
    scope: dict[str, Any] = {f"e{i}": e for i, e in enumerate(encoders)}
    exec("\n".join(lines), scope)  # the source: repr() of the prefixes, indexes only
    fn: RowText = scope["row_text"]
    return fn


def row_digest(text: RowText, row: Sequence[Any]) -> str:
    return hashlib.sha256(text(row).encode()).hexdigest()
