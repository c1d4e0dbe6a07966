"""Charting through a real PostgreSQL outage (issue 11.2), with workstations as processes:

- the server is stopped, a nurse charts five entries (queued, acknowledged), her workstation is
  killed -9; the server and a new workstation process start; the replay finds all five and
  charts them in order, in her name, at the times she charted them;
- a replay killed after the server's commit but before the outbox marked the entry done
  charts nothing twice;
- a replay the server refuses (another workstation stopped the infusion meanwhile) is a
  conflict, listed by ``chairlog outbox list`` and discarded with an audited reason.

The server is the test's own (``pgserver``), stopped and started by the test; runs with the
PostgreSQL suite (CHAIRLOG_TEST_PG_URL set, as in CI).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from chairlog.services import audit_log, doses, open_app, replay
from tests.outbox import pgserver
from tests.outbox.helpers import entries
from tests.outbox.workstation import PLAN
from tests.reliability.helpers.dbs import ready_session, set_up_clinic

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get("CHAIRLOG_TEST_PG_URL"),
                       reason="needs CHAIRLOG_TEST_PG_URL (a PostgreSQL server)"),
]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server() -> Iterator[pgserver.PgServer]:
    srv = pgserver.PgServer()
    srv.start()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def clinic_db(server: pgserver.PgServer, _isolated_home: Path) -> Iterator[tuple[str, int]]:
    """A fresh database on the test's server with a clinic and one running infusion."""
    if not _running(server):
        server.start()
    name = "o_" + uuid.uuid4().hex[:10]
    admin = sa.create_engine(server.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    url = server.url.replace("/postgres?", f"/{name}?")
    app = open_app(url)
    try:
        st = set_up_clinic(app)
        s = ready_session(st, st.patients[0], st.chairs[0])
        doses.start_infusion(app, st.nurse, s.id, 0.5)
    finally:
        app.close()
    yield url, s.id


def _running(server: pgserver.PgServer) -> bool:
    return (server.data / "postmaster.pid").exists()


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "CHAIRLOG_HOME": str(home), "CHAIRLOG_KEYRING": "file",
            "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def chart_while_down(server: pgserver.PgServer, url: str, session_id: int,
                     home: Path) -> list[str]:
    """A workstation charts PLAN while the server is stopped, then is killed -9: the keys."""
    child = subprocess.Popen([sys.executable, "-m", "tests.outbox.workstation", "chart", url,
                              str(session_id)], cwd=ROOT, env=_env(home), text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "ready"
        server.stop()
        child.stdin.write("go\n")
        child.stdin.flush()
        lines = [child.stdout.readline().split() for _ in PLAN]
        assert child.stdout.readline().strip() == "done"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    assert [ln[0] for ln in lines] == ["queued"] * len(PLAN)
    assert [int(ln[2]) for ln in lines] == list(range(1, len(PLAN) + 1))  # the count shown
    return [ln[1] for ln in lines]


def replay_in_new_process(url: str, session_id: int, home: Path,
                          *flags: str) -> tuple[int, dict[str, Any] | None]:
    done = subprocess.run([sys.executable, "-m", "tests.outbox.workstation", "replay", url,
                           str(session_id), *flags], cwd=ROOT, env=_env(home), text=True,
                          capture_output=True, timeout=300)
    out = done.stdout.strip().splitlines()
    return done.returncode, (json.loads(out[-1]) if out else None)


def outbox_rows(home: Path) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(home / "outbox.sqlite3")
    try:
        return [tuple(r) for r in con.execute(
            "SELECT entry_key, state, charted_at FROM entries ORDER BY seq")]
    finally:
        con.close()


def test_outage_kill_and_restart_of_server_and_app(
        server: pgserver.PgServer, clinic_db: tuple[str, int], tmp_path: Path) -> None:
    url, sid = clinic_db
    home = tmp_path / "ws1"
    keys = chart_while_down(server, url, sid, home)
    rows = outbox_rows(home)  # kill -9 lost nothing: every acknowledged entry is in the file
    assert [r[0] for r in rows] == keys and {r[1] for r in rows} == {"pending"}
    server.start()
    code, report = replay_in_new_process(url, sid, home)
    assert code == 0 and report is not None
    assert report["done"] == keys and report["waiting"] == 0 and not report["conflicts"]
    app = open_app(url)
    try:
        new = entries(app, sid)[-len(PLAN):]
        assert [e.kind for e in new] == ["vitals", "side_effect", "dose", "note", "vitals"]
        assert [e.charted_at for e in new] == [datetime.fromisoformat(r[2]) for r in rows]
        nina = {e.user_id for e in new}
        assert len(nina) == 1
        assert all(e.recorded_at > e.charted_at for e in new)  # charted then, recorded now
        assert new[2].rate_mg_per_kg_h == 0.6 and new[3].text == "feels warm, calm"
        rep = audit_log.verify_audit(app, journals=(home / "anchors").glob("*.jsonl"))
        assert rep.ok, rep.problem  # the other workstation's journal anchors its key
    finally:
        app.close()
    assert {r[1] for r in outbox_rows(home)} == {"done"}


def test_kill_between_server_commit_and_outbox_mark(
        server: pgserver.PgServer, clinic_db: tuple[str, int], tmp_path: Path) -> None:
    url, sid = clinic_db
    home = tmp_path / "ws2"
    app = open_app(url)
    try:
        before = len(entries(app, sid))
    finally:
        app.close()
    keys = chart_while_down(server, url, sid, home)
    server.start()
    code, _ = replay_in_new_process(url, sid, home, "--kill-after-commit")
    assert code == -signal.SIGKILL
    assert {r[1] for r in outbox_rows(home)} == {"pending"}  # never marked done
    app = open_app(url)
    try:
        assert set(replay.charted_keys(app, keys)) == {keys[0]}  # but the server has the first
    finally:
        app.close()
    code, report = replay_in_new_process(url, sid, home)
    assert code == 0 and report is not None
    assert report["already"] == [keys[0]] and report["done"] == keys[1:]
    app = open_app(url)
    try:
        assert len(entries(app, sid)) == before + len(PLAN)  # nothing charted twice
    finally:
        app.close()


def test_replay_conflict_listed_and_discarded(
        server: pgserver.PgServer, clinic_db: tuple[str, int], tmp_path: Path) -> None:
    url, sid = clinic_db
    home = tmp_path / "ws3"
    keys = chart_while_down(server, url, sid, home)
    server.start()
    from chairlog.outbox import Outbox
    from chairlog.services import accounts

    app = open_app(url)
    try:  # meanwhile another workstation stopped the infusion: the rate change is refused
        omar = accounts.login(app, "omar", "reliable-pass-1")
        doses.stop_infusion(app, omar, sid, "stopped at the other desk")
    finally:
        app.close()
    code, report = replay_in_new_process(url, sid, home)
    assert code == 0 and report is not None
    assert report["conflicts"] == [keys[2]]
    assert report["done"] == [keys[0], keys[1], keys[3], keys[4]]
    env = _env(home)
    listed = subprocess.run([sys.executable, "-m", "chairlog", "--db", url, "outbox", "list",
                             "--json"], cwd=ROOT, env=env, text=True, capture_output=True,
                            timeout=120)
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)
    assert row["entry_key"] == keys[2] and row["state"] == "conflict"
    assert row["use_case"] == "change_rate" and row["username"] == "nina"
    assert "changed on another workstation" in row["problem"]
    bad = subprocess.run([sys.executable, "-m", "chairlog", "--db", url, "outbox", "discard",
                          "no-such-entry", "--reason", "x", "--as", "nina",
                          "--password-stdin"], cwd=ROOT, env=env, text=True,
                         capture_output=True, input="reliable-pass-1\n", timeout=120)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    app = open_app(url)
    box = Outbox(app, folder=home)
    try:
        nina = accounts.login(app, "nina", "reliable-pass-1")
        box.discard(keys[2], nina, "infusion already stopped at the other desk")
        rows = audit_log.list_audit(app, nina, session_id=sid)
        assert any(r.action == "outbox.discarded" and r.after
                   and r.after["arguments"]["rate"] == 0.6 for r in rows)
        assert box.conflicts() == []
    finally:
        box.close()
        app.close()
