"""Chart entries read per kind (``audit_scan._by_kind``): the same digests as the general
reader for every kind of a real clinic's chart, for a row with a value outside its kind's
columns and for a kind nobody knows; a tampered row of either sort is still caught."""

from __future__ import annotations

import sqlite3
from array import array
from typing import Any

import pytest
from sqlalchemy import create_engine, insert, select

from chairlog.db import audit, audit_fast, audit_scan, audit_text, binding
from chairlog.db.models import Base
from chairlog.domain.describe import ENTRY_FIELDS
from tests import template_steps
from tests.audit_attacker import sql
from tests.conftest import Clinic
from tests.db.test_audit_fast import _charted, _paired

TABLE = binding.BOUND_TABLES["chart_entries"]
COLS = audit_text.columns(TABLE)


#: the clinic after test_audit_fast's ``_charted`` (the same per-process template)
charted = template_steps.fixture("charted", _charted)


def _general(con: sqlite3.Connection) -> dict[int, bytes]:
    names = ", ".join(f'"{n}"' for n, _ in COLS)
    rows = con.execute(f"SELECT {names} FROM chart_entries")
    ids, digests = audit_scan._digests(iter(rows), [n for n, _ in COLS].index("id"),
                                       audit_text.row_text_for(COLS, raw=True, table=TABLE))
    return _paired(ids, digests)


def _copy(clinic: Clinic) -> tuple[sqlite3.Connection, list[dict[str, Any]]]:
    """The clinic's chart entries in a SQLite file of their own (SQLite or PostgreSQL
    clinic alike), through SQLAlchemy's typed values as the writer stores them."""
    with clinic.app.db.read() as s:
        rows = [dict(r._mapping) for r in s.execute(select(TABLE).order_by(TABLE.c.id))]
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine, tables=[TABLE])
    raw = engine.raw_connection()
    with engine.begin() as c:
        c.execute(insert(TABLE), rows)
    driver = raw.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    driver.execute("PRAGMA foreign_keys = OFF")
    return driver, rows


def test_every_kind_of_a_real_chart_reads_as_the_general_reader(clinic: Clinic,
                                                                charted: None) -> None:
    con, rows = _copy(clinic)
    kinds = {r["kind"] for r in rows}
    assert kinds >= {"checklist", "dose", "vitals", "side_effect", "medication", "assessment",
                     "discharge"}
    # besides: a row of every kind with a value outside its columns, and an unknown kind
    top = max(r["id"] for r in rows)
    for kind, fields in ENTRY_FIELDS.items():
        outside = next(n for n, _ in COLS if n in {"drug", "hr"} and n not in fields)
        top += 1
        con.execute(f'INSERT INTO chart_entries (id, session_id, kind, charted_at, recorded_at, '
                    f'user_id, record_version, status, version, "{outside}") SELECT ?, '
                    f"session_id, ?, charted_at, recorded_at, user_id, 1, 'active', 1, 7 "
                    "FROM chart_entries WHERE id = 1", (top, kind))
    for kind in ("mystery", "VITALS"):
        top += 1
        con.execute("INSERT INTO chart_entries (id, session_id, kind, charted_at, recorded_at, "
                    "user_id, record_version, status, version, hr) SELECT ?, session_id, ?, "
                    "charted_at, recorded_at, user_id, 1, 'active', 1, 80 FROM chart_entries "
                    "WHERE id = 1", (top, kind))
    general = _general(con)
    assert len(general) == len(rows) + len(ENTRY_FIELDS) + 2
    for lo, hi in [(0, top), (0, 3), (3, top - 4), (top - 4, top)]:  # whole and in chunks
        ids, digests = audit_scan.sqlite_chunk(con, "chart_entries", COLS, lo, hi)
        assert len(ids) == len(set(ids)) == sum(1 for pk in general if lo < pk <= hi)
        assert _paired(ids, digests) == {pk: d for pk, d in general.items() if lo < pk <= hi}
    # and the general reader is the reference: binding.content_hash of each row
    with clinic.app.db.read() as s:
        for r in s.execute(select(TABLE)):
            assert general[r.id].hex() == binding.content_hash(r._mapping)


def test_rows_outside_their_kind_are_read_with_every_column(
        clinic: Clinic, monkeypatch: pytest.MonkeyPatch, charted: None) -> None:
    """More of them than one ``IN (...)`` query takes."""
    con, rows = _copy(clinic)
    monkeypatch.setattr(audit_scan, "ODD_BATCH", 3)
    con.execute("UPDATE chart_entries SET drug = 'x' WHERE kind != 'medication'")
    ids, digests = audit_scan.sqlite_chunk(con, "chart_entries", COLS, 0, 10**6)
    assert isinstance(ids, array) and len(ids) == len(rows)
    assert _paired(ids, digests) == _general(con)


@pytest.mark.parametrize("change", [
    "UPDATE chart_entries SET drug = 'ketamine' WHERE id = (SELECT max(id) FROM chart_entries "
    "WHERE kind = 'vitals')",  # a value outside the kind's columns
    "UPDATE chart_entries SET kind = 'mystery' WHERE id = (SELECT max(id) FROM chart_entries "
    "WHERE kind = 'dose')",  # a kind nobody knows
    "UPDATE chart_entries SET kind = 'note' WHERE id = (SELECT max(id) FROM chart_entries "
    "WHERE kind = 'checklist')",  # another kind: its columns are outside
    "UPDATE chart_entries SET escort_name = 'Eve' WHERE kind = 'discharge'",  # its own column
])
@pytest.mark.parametrize("helper", [False, True])
def test_a_tampered_entry_is_caught(clinic: Clinic, monkeypatch: pytest.MonkeyPatch,
                                    change: str, helper: bool, charted: None) -> None:
    if helper:
        monkeypatch.setattr(audit_fast, "PARALLEL_ROWS", 0)
    with clinic.app.db.read() as s:
        assert audit.verify_chain(s).ok
    sql(clinic.app, change)
    with clinic.app.db.read() as s:
        assert audit_fast.verify(s, external=(), full=False, require_anchored_keys=False,
                                 pinned_keys=(), progress=None) is None
        report = audit.verify_chain(s)
    assert not report.ok
