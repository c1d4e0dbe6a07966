"""The benchmarks stay runnable: one pass at a tiny scale (figures produced, not timed), and the
generated database is a valid chairlog database (schema by migrations, sound audit chain)."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from bench.common import Config
from bench.gen_db import generate
from bench.run import markdown, run_all, write_results

pytestmark = [pytest.mark.gui, pytest.mark.slow]

EXPECTED = {"query_name", "query_mrn", "query_history", "query_session", "query_family",
            "query_history_longest", "vitals_service",
            "vitals_service_p99", "cold_start", "start_tenyear", "memory", "pdf_export",
            "pdf_sign", "vitals_form"}


def test_generated_database_is_valid(tmp_path: Path) -> None:
    from chairlog.db.audit import verify_chain
    from chairlog.services import open_app, views

    out = tmp_path / "gen.sqlite3"
    stats = generate(out, days=3, seed=7, running=8, quiet=True)
    assert stats.counts["sessions"] >= 3 * 48
    assert stats.counts["rows.chart_entries"] > 30 * stats.counts["sessions"]
    con = sqlite3.connect(out)
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        non_ascii = con.execute("SELECT count(*) FROM patients WHERE family_name || given_name "
                                "GLOB '*[^ -~]*'").fetchone()[0]
        assert non_ascii > 0
    finally:
        con.close()
    app = open_app(f"sqlite:///{out}")
    try:
        with app.db.read() as s:
            report = verify_chain(s)
        assert report.ok, report.problem
        assert report.rows > stats.counts["rows.audit_log"]  # plus the set-up's own rows
        # every generated row is bound to its signed audit record, as the services bind them
        bound = dict(report.bound_rows)
        assert bound["chart_entries"] == stats.counts["rows.chart_entries"]
        assert bound["sessions"] == stats.counts["sessions"]
        board = views.board(app)
        assert len(board) == 8
        assert {v.state.value for v in board} >= {"pre_infusion", "infusing", "paused",
                                                  "monitoring"}
    finally:
        app.close()
    again = generate(tmp_path / "again.sqlite3", days=3, seed=7, running=8, quiet=True,
                     now=_now_of(stats.now))
    assert again.counts == stats.counts  # reproducible from the seed
    assert _digest(out) == _digest(tmp_path / "again.sqlite3")


def _digest(path: Path) -> str:
    """The generated clinical content (the set-up's keys and certificates are random)."""
    import hashlib

    h = hashlib.sha256()
    con = sqlite3.connect(path)
    try:
        for table in ("patients", "sessions", "chart_entries", "alerts", "state_transitions"):
            for row in con.execute(f"SELECT * FROM {table} ORDER BY id"):
                h.update(repr(row).encode())
    finally:
        con.close()
    return h.hexdigest()


def _now_of(text: str):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime.fromisoformat(text)


def test_benchmarks_produce_every_figure(tmp_path: Path) -> None:
    cfg = Config(scale=0.002, quick=True, workdir=tmp_path / "work", n_start=1, n_vitals=8,
                 n_form=2, n_query=2, n_sign=1, n_memory=1, memory_settle_s=0.2,
                 warmup=False)
    figures, meta = run_all(cfg, log=lambda _m: None)
    assert {f.key for f in figures} == EXPECTED
    for f in figures:
        assert f.status in ("measured", "unfinished"), (f.key, f.note)
        if f.status == "measured":
            assert f.value is not None and math.isfinite(f.value) and f.value > 0, f.key
            assert f.passed is not None
            if f.ratio_target is not None:
                assert f.baseline is not None and f.baseline > 0, f.key
        else:
            assert "does not exist yet" in f.note
    assert meta["tenyear"]["sessions"] > 0
    md = write_results(figures, meta, "smoke", folder=tmp_path / "results")
    text = md.read_text(encoding="utf-8")
    assert text == markdown(figures, meta)
    assert all(f.name in text for f in figures)
    assert (tmp_path / "results" / "smoke.json").stat().st_size > 0
