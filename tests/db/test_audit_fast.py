"""The fast verification path: byte-identical texts, the same report as the reference walk
on an intact trail, and a refusal (``None``, so the reference names the break) on tampering,
in this process and with the table pass in a helper process."""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text as sql_text

from chairlog.db import audit, audit_fast, audit_text, binding
from chairlog.db.audit_verify import reference_verify
from chairlog.services import signoff
from tests import template_steps
from tests.audit_attacker import drop_guards, forge_after, head, sql
from tests.conftest import PASSWORDS, Clinic
from tests.record_helpers import discharged_session


def _charted(clinic: Clinic) -> None:
    sid = discharged_session(clinic)
    clinic.clock.advance(hours=1)
    signoff.sign_session(clinic.app, clinic.physician, sid, PASSWORDS["drlee"])


#: the clinic after ``_charted``, copied from a template made once per process
charted = template_steps.fixture("charted", _charted)


def _fast(app: Any) -> Any:
    with app.db.read() as s:
        return audit_fast.verify(s, external=(), full=False, require_anchored_keys=False,
                                 pinned_keys=(), progress=None)


#: the helper process reads SQLite files only: on PostgreSQL the table pass runs here
WHERE = ["here"] if os.environ.get("CHAIRLOG_TEST_PG_URL") else ["here", "helper"]


@pytest.fixture(params=WHERE)
def where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The variant, then one line per helper process started."""
    started = [str(request.param)]
    if request.param == "helper":
        class Counted(ProcessPoolExecutor):
            def __init__(self, *a: Any, **kw: Any) -> None:
                started.append("started")
                super().__init__(*a, **kw)

        monkeypatch.setattr(audit_fast, "PARALLEL_ROWS", 0)
        monkeypatch.setattr(audit_fast, "ProcessPoolExecutor", Counted)
    return started


def test_fast_report_equals_the_reference(clinic: Clinic, where: list[str],
                                          charted: None) -> None:
    fast = _fast(clinic.app)
    assert where[1:] == (["started"] if where[0] == "helper" else [])
    with clinic.app.db.read() as s:
        ref = reference_verify(s)
    assert fast is not None and ref.ok
    for field in ("rows", "head_seq", "head_hash", "signatures_checked", "unsigned_legacy",
                  "keys", "bound_rows", "anchors"):
        assert getattr(fast, field) == getattr(ref, field), field
    assert dict(fast.bound_rows)["chart_entries"] > 20


def test_row_texts_are_byte_identical(clinic: Clinic, charted: None) -> None:
    with clinic.app.db.read() as s:
        raw = s.connection().connection.driver_connection
        for name, table in binding.BOUND_TABLES.items():
            reference = dict(binding.iter_table(s, name))
            cols = audit_text.columns(table)
            sqlite = clinic.app.db.dialect == "sqlite"
            if sqlite:
                from chairlog.db.audit_scan import sqlite_chunk

                ids, digests = sqlite_chunk(raw, name, cols, 0, 10**9)
            else:
                ids, digests = audit_fast._Tables(s, None, None)._typed_chunk(name, 0, 10**9)
            fast = {pk: digests[32 * i:32 * i + 32].hex() for i, pk in enumerate(ids)}
            assert fast == reference, name


_text = st.text(st.characters(codec="utf-8"), max_size=40)


@pytest.mark.sqlite_only
@settings(max_examples=300, deadline=None)
@given(v=st.one_of(_text, st.integers(), st.floats(), st.booleans(), st.none(),
                   st.lists(st.integers(), max_size=3)))
def test_value_text_is_json_dumps(v: Any) -> None:
    assert audit_text.value_text(v) == json.dumps(
        v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@pytest.mark.sqlite_only
@settings(max_examples=200, deadline=None)
@given(strings=st.lists(_text, min_size=6, max_size=6),
       ints=st.lists(st.one_of(st.none(), st.integers(0, 2**40)), min_size=3, max_size=3),
       micro=st.sampled_from([0, 1, 999_999]), rows=st.booleans(), sig=st.booleans())
def test_chain_text_is_the_writers(strings: list[str], ints: list[int | None], micro: int,
                                   rows: bool, sig: bool) -> None:
    at = datetime(2026, 3, 2, 14, 5, 7, micro, tzinfo=UTC)
    values = dict(seq=7, at=at, user_id=ints[0], username=strings[0], action=strings[1],
                  entity=strings[2], entity_id=strings[3], session_id=ints[1],
                  patient_id=ints[2], before_json=strings[4], after_json=None,
                  reason=strings[5], prev_hash="ab" * 32, hash="",
                  rows_json='{"t":{"1":"x\\"y"}}' if rows else None,
                  key_id="k1" if rows else None, signature=None)
    prev_sig = "c2lnbmF0dXJl" if sig else None
    expected = audit.row_hash("ab" * 32, SimpleNamespace(**values), prev_sig)
    stored = {**values, "at": at.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")}
    r = [stored[c] for c in audit_text.AUDIT_COLUMNS]
    assert audit_text.chain_hash(r, prev_sig) == expected
    assert audit_text.sqlite_chain_hash(r, prev_sig) == expected  # the walk's one-call form
    assert audit_text.chain_hash([values[c] for c in audit_text.AUDIT_COLUMNS], prev_sig,
                                 audit_text.typed_time) == expected


def _edit_value(app: Any) -> None:
    sql(app, "UPDATE chart_entries SET hr = hr + 1 WHERE id = "
             "(SELECT max(id) FROM chart_entries WHERE hr IS NOT NULL)")


def _delete_entry(app: Any) -> None:
    sql(app, "DELETE FROM chart_entries WHERE id = (SELECT max(id) FROM chart_entries)")


def _edit_record(app: Any) -> None:
    drop_guards(app)
    sql(app, "UPDATE audit_log SET reason = 'edited' WHERE seq = 5")


def _forge(app: Any) -> None:
    drop_guards(app)
    forge_after(app, head(app)[0] - 3)


def _insert_patient(app: Any) -> None:
    sql(app, "INSERT INTO patients (id, mrn, family_name, given_name, search_name, sex, "
             "allergies, notes, created_at, version) SELECT max(id) + 1, 'X-1', 'Intruder', "
             "'Eve', 'intruder eve', 'female', '', '', max(created_at), 1 FROM patients")


def _rewind_head(app: Any) -> None:
    drop_guards(app)
    sql(app, "UPDATE audit_head SET seq = seq - 1")


@pytest.mark.parametrize("attack", [_edit_value, _delete_entry, _edit_record, _forge,
                                    _insert_patient, _rewind_head])
def test_fast_path_hands_tampering_to_the_reference(
    clinic: Clinic, where: list[str], attack: Callable[[Any], None], charted: None
) -> None:
    assert _fast(clinic.app) is not None
    attack(clinic.app)
    assert _fast(clinic.app) is None
    with clinic.app.db.read() as s:
        assert not audit.verify_chain(s).ok


def _paired(ids: array[int], digests: bytes) -> dict[int, bytes]:
    return {pk: digests[32 * i:32 * i + 32] for i, pk in enumerate(ids)}


def _walk_bindings(rows: list[str | None], n: int, bound: dict[str, dict[str, Any]]
                   ) -> bool:
    """Records 1..n read as the walk reads them."""
    return all(audit_fast._bind(r, bound) for r in rows[:n] if r is not None)


def _h(c: str) -> str:
    return c * 64


HA, HB = _h("a"), _h("b")


def _tables() -> dict[str, dict[str, Any]]:
    return {t: {} for t in binding.BOUND_TABLES}


def _loads_bindings(rows: list[str | None], n: int) -> dict[str, dict[str, Any]]:
    """What ``json.loads`` reads (the reference walk's reading)."""
    bound = _tables()
    for r in rows[:n]:
        parsed = json.loads(r) if r is not None else None
        if type(parsed) is dict:
            for table, entries in parsed.items():
                if table in bound and type(entries) is dict:
                    bound[table].update(entries)
    return bound


@pytest.mark.sqlite_only
def test_the_walk_reads_the_bindings_as_json_loads_does() -> None:
    rows = ['{"chart_entries":{"1":"aa","2":"bb"},"sessions":{"7":"cc"}}', None,
            '{"chart_entries":{"2":null,"3":"dd"},"not_bound":{"1":"x"}}',
            '{"chart_entries":["a","b"],"patients":"x"}', '["chart_entries"]', '7',
            '{"chart_entries":{"1":"ee","1":"ff"}}',  # an id twice in one object: the last
            '{"chart_entries":{"9":"late"}}']
    for n in (len(rows) - 1, len(rows)):  # only records 1..n: the walk's verified ones
        bound = _tables()
        assert _walk_bindings(rows, n, bound)
        assert bound == _loads_bindings(rows, n)
    assert bound["chart_entries"] == {"1": "ff", "2": None, "3": "dd", "9": "late"}


@pytest.mark.parametrize("odd", [
    '{"chart_entries":{"\\u0031":"aa"}}',  # an escape: read as json.loads reads it
    '{"chart_entries":{"5":"aa"},"chart_entries":{"6":"bb"}}',  # json.loads keeps the last
    '{"chart_entries":{"5":"aa"} ,\n "chart_entries":{"6":"bb"}}',
    '{"chart_entries":{"5":"aa"},"sessions":{},"chart_entries":{"6":"bb"}}',
    '{"chart_entries":{"7":"' + "A" * 64 + '"}}',  # not lowercase hex: json.loads reads it
    '{"chart_entries":{"7":"' + "a" * 63 + '"}}',
    '{"chart_entries":{"07":"' + "a" * 64 + '"}}',
    '{"chart_entries":{"7":"' + "a" * 64 + '"} }',
    '{"x":{"7":"' + "a" * 64 + '"}}',  # no bound table
    '{"chart_entries":{"7":"' + "a" * 30 + '","8":"' + "b" * 29 + '"}}',  # 64 characters
])
@pytest.mark.sqlite_only
def test_unusual_bindings_are_read_as_json_loads_reads_them(odd: str) -> None:
    rows = ['{"chart_entries":{"1":"aa","5":"cc"}}', odd, '{"sessions":{"1":"bb"}}']
    bound = _tables()
    assert _walk_bindings(rows, 3, bound)
    assert bound == _loads_bindings(rows, 3)


@pytest.mark.parametrize("odd", [
    '{"chart_entries":{"1":"aa"},"!prev_signature_bad":4}',  # the walk refuses this one
    '{"chart_entries":{"1":"aa"}',  # unreadable
    '{"chart_entries":{"1":"' + "a" * 64 + '"}',
])
@pytest.mark.sqlite_only
def test_a_flag_or_an_unreadable_binding_is_left_to_the_reference(odd: str) -> None:
    rows = ['{"chart_entries":{"1":"aa"}}', odd, '{"sessions":{"1":"bb"}}']
    assert not _walk_bindings(rows, 3, _tables())
    # a later record (not yet verified by the walk) is not read at all
    assert _walk_bindings(rows[:1] + rows[2:] + [odd], 2, _tables())


@pytest.mark.sqlite_only
@given(st.from_regex(audit_fast._ONE, fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_every_usual_binding_is_what_json_loads_reads(text: str) -> None:
    m = audit_fast._ONE.fullmatch(text)
    assert m is not None
    table, pk, h = m.groups()
    assert json.loads(text) == {table: {pk: h}}
    bound = {table: {}}
    assert audit_fast._bind(text, bound)
    assert bound == {table: {pk: h}}


@pytest.mark.sqlite_only
def test_a_top_level_key_twice_where_only_the_last_is_an_object_reads_alike() -> None:
    rows = ['{"chart_entries":5,"chart_entries":{"6":"bb"}}', '{"sessions":[1],"sessions":{}}']
    bound = _tables()
    assert _walk_bindings(rows, 2, bound)
    assert bound == _loads_bindings(rows, 2)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("entry", ['"01":"' + HA + '"', '"x":"' + HA + '"', '"01":null',
                                   '" 1":null', '"1":"abc"', '"1":7', '"1":{"a":1}',
                                   '"1":["' + HA + '"]'])
def test_an_odd_id_or_hash_is_refused_by_the_comparison(entry: str) -> None:
    """An id not written as str(int) writes it (the reference reads "01" as row 1, the
    comparison looks up "1"), or a hash that is not a 64-character text: refused even when
    the row 1 is there and matches its earlier binding."""
    rows = ['{"chart_entries":{"1":"' + HA + '"}}', '{"chart_entries":{' + entry + '}}']
    bound = _tables()
    assert _walk_bindings(rows, 2, bound)
    intact = iter([(array("q", [1]), bytes.fromhex(HA))])
    assert audit_fast._compare(intact, bound["chart_entries"]) is None


@pytest.mark.sqlite_only
def test_the_comparison_accounts_for_every_row() -> None:
    bound = {"1": HA, "2": None, "3": _h("c")}
    ids = array("q", [1, 3])
    ok = bytes.fromhex(HA + _h("c"))
    assert audit_fast._compare(iter([(ids, ok)]), dict(bound)) == 2
    assert audit_fast._compare(iter([(ids, bytes.fromhex(HA + _h("d")))]), dict(bound)) is None
    # row 2 was deleted by its binding and is there again; row 4 has no binding at all
    for extra in (2, 4):
        more = array("q", [1, extra, 3])
        digests = bytes.fromhex(HA + HB + _h("c"))
        assert audit_fast._compare(iter([(more, digests)]), dict(bound)) is None
    assert audit_fast._compare(iter([(array("q", [1]), bytes.fromhex(HA))]), dict(bound)) is None


_ENTRY = binding.BOUND_TABLES["chart_entries"]
_COLS = audit_text.columns(_ENTRY)
_RAW_VALUE = {
    "time": st.one_of(st.none(), st.sampled_from(["2026-03-02 14:05:07.000000",
                                                  "2026-03-02 14:05:07.123456",
                                                  "2026-03-02T14:05:07+00:00"])),
    "bool": st.one_of(st.none(), st.sampled_from([0, 1])),
    "json": st.one_of(st.none(), st.sampled_from(["null", '{"b":1,"a":[2.5,"x"]}', "[]"])),
    "plain": st.one_of(st.none(), _text, st.integers(), st.floats(allow_nan=False)),
}


@pytest.mark.sqlite_only
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_unrolled_row_text_is_the_general_one(data: st.DataObject) -> None:
    """The generated one-line-per-column encoder writes what the column loop writes, for
    values of the expected and of unexpected types (the general path takes those)."""
    row = [data.draw(_RAW_VALUE.get(kind, st.none()), label=name) for name, kind in _COLS]
    fast = audit_text.row_text_for(_COLS, raw=True, table=_ENTRY)
    general = audit_text.row_text_for(_COLS, raw=True)
    assert fast(row) == general(row)


@pytest.mark.sqlite_only
def test_a_row_encoder_is_built_once_per_table_and_kind_of_row() -> None:
    """Every chunk of every verification reuses the encoder (building one compiles it)."""
    assert audit_text.row_text_for(list(_COLS), raw=True, table=_ENTRY) is \
        audit_text.row_text_for(list(_COLS), raw=True, table=_ENTRY)
    assert audit_text.row_text_for(_COLS, raw=True) is not \
        audit_text.row_text_for(_COLS, raw=True, table=_ENTRY)
    assert audit_text.row_text_for(_COLS, raw=False) is not audit_text.row_text_for(_COLS, raw=True)


def test_chunks_the_helper_has_not_started_are_hashed_here(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch, charted: None
) -> None:
    """Once the walk is done this process takes over, newest first, every chunk the helper
    has not started; together the chunks are the same as one pass over each table."""
    monkeypatch.setattr(audit_fast, "PARALLEL_ROWS", 0)
    monkeypatch.setattr(audit_fast, "HELPER_CHUNK", 3)
    with clinic.app.db.read() as s:
        sqlite = clinic.app.db.dialect == "sqlite"
        raw = s.connection().connection.driver_connection if sqlite else None
        tables = audit_fast._Tables(s, raw, clinic.app.db.engine.url.database)
        try:
            if not sqlite:  # no helper process on PostgreSQL: nothing to take over
                assert not tables.jobs
                return
            shown: list[int] = []
            tables.steal(shown.append)
            # the helper is still starting: it holds at most two chunks it cannot give back
            assert len(tables.stolen) >= len(tables.jobs) - 2 > 10
            assert shown == sorted(shown) and shown[-1] > 0
            assert tables.jobs[-1][3].cancelled()
            from chairlog.db.audit_scan import sqlite_chunk

            for name in binding.BOUND_TABLES:
                ids, digests = array("q"), b""
                for i, d in tables.chunks(name):
                    ids.extend(i)
                    digests += d
                whole = sqlite_chunk(raw, name, tables.plans[name], 0, 10**9)  # type: ignore[arg-type]
                # the same rows, each id with its digest (a chunk's order is the reader's)
                assert len(ids) == len(whole[0]) and _paired(ids, digests) == _paired(*whole)
        finally:
            tables.close()


def test_a_row_changed_in_a_chunk_hashed_here_is_named(
    clinic: Clinic, where: list[str], monkeypatch: pytest.MonkeyPatch, charted: None
) -> None:
    monkeypatch.setattr(audit_fast, "HELPER_CHUNK", 3)
    with clinic.app.db.read() as s:
        entry = s.scalar(sql_text("SELECT max(id) FROM chart_entries WHERE hr IS NOT NULL"))
    _edit_value(clinic.app)
    assert _fast(clinic.app) is None
    with clinic.app.db.read() as s:
        report = audit.verify_chain(s)
    assert not report.ok
    assert report.problem is not None
    assert report.problem.startswith(f"chart_entries row {entry} was changed outside chairlog")


@pytest.mark.parametrize("change", [
    (1, "2026-03-02T14:05:07+00:00"),  # a time in another shape: the general path
    (1, "2026-03-02 14:05:07.1234567"), (1, "2026-03-02 14:05:07"),
    (8, "22"), (0, 7.0), (3, 5), (12, 5), (14, 3),  # values of another type
])
@pytest.mark.sqlite_only
def test_the_walks_hash_of_odd_values_is_the_general_one(change: tuple[int, Any]) -> None:
    r = ["7", "2026-03-02 14:05:07.000000", 2, "ana", "entry", "entry", "1", 3, 4, None,
         '{"a":1}', None, "ab" * 32, "", '{"t":{"1":"x"}}', "k1", None]
    r[0] = 7
    i, v = change
    r[i] = v
    try:
        general = audit_text.chain_hash(r, "c2ln")
    except (TypeError, ValueError) as e:  # what the reference walk raises too
        with pytest.raises(type(e)):
            audit_text.sqlite_chain_hash(r, "c2ln")
    else:
        assert audit_text.sqlite_chain_hash(r, "c2ln") == general


@pytest.mark.sqlite_only
def test_a_json_column_remembered_is_encoded_as_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The JSON texts remembered per encoder give the canonical text of *that* stored text,
    also once the memo is full and forgotten, and a JSON null stays absent."""
    monkeypatch.setattr(audit_text, "JSON_MEMO", 2)
    table = binding.BOUND_TABLES["sessions"]
    cols = audit_text.columns(table)
    at = [n for n, _ in cols].index("protocol_snapshot")
    encode = audit_text.row_text_for(cols, raw=True, table=table)
    texts = ['{"b": 1, "a": [2.5, "x"]}', '{"a": 2}', '{"b": 1, "a": [2.5, "x"]}', "null",
             '{"a": 3}', '{"a": 2}', '{"b": 1, "a": [2.5, "y"]}']
    for raw in texts:
        row: list[Any] = [None] * len(cols)
        row[at] = raw
        v = json.loads(raw)
        expected = "{}" if v is None else '{"protocol_snapshot":' + json.dumps(
            v, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "}"
        assert encode(row) == expected, raw
