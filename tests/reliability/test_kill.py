"""Crash safety: a charting process SIGKILLed at random moments loses nothing it acknowledged.

The child (``helpers/charter.py``) charts as fast as it can and writes each entry id to an
acknowledgement file only after the service call returned. After every kill the database must
hold every acknowledged entry with its values, pass ``PRAGMA integrity_check`` (SQLite), have an
audit row for every entry and a chain that verifies, and the session timer, recomputed from the
stored timestamps, must carry on from the same infusion start.

``CHAIRLOG_KILLS`` (default 25) sets the number of kills, ``CHAIRLOG_KILL_SEED`` the seed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from chairlog.clinical.clock import SessionTimes, read_clock
from chairlog.db.models import AuditLog, ChartEntry
from chairlog.services import doses, open_app, views
from tests.reliability.helpers.dbs import (
    PASSWORD,
    PG_URL,
    audit_ok,
    fresh_url,
    integrity,
    ready_session,
    set_up_clinic,
)

HELPERS = Path(__file__).resolve().parent / "helpers"
ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("CHAIRLOG_KILLS", "25"))
WINDOW_KILLS = int(os.environ.get("CHAIRLOG_WINDOW_KILLS", "8"))
SEED = int(os.environ.get("CHAIRLOG_KILL_SEED", "20260302"))


def read_acks(path: Path) -> list[tuple[int, str, str]]:
    """Complete acknowledgement lines (a line cut by the kill has no newline: not counted)."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.endswith("\n"):
            entry_id, kind, value = line.rstrip("\n").split(" ", 2)
            out.append((int(entry_id), kind, value))
    return out


def wait_for(cond: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the child process")
        time.sleep(0.01)


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, CHAIRLOG_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("CHAIRLOG_DB", None)
    return env


def value_of(e: ChartEntry, kind: str) -> str:
    if kind == "vitals":
        return str(e.hr)
    if kind == "note":
        return str(e.text)
    if kind == "assessment":
        return str(e.score)
    return str(round(e.rate_mg_per_kg_h or 0.0, 6))


def check_after_kill(url: str, acks: list[tuple[int, str, str]], session_id: int,
                     started: Any, last_elapsed: Any) -> Any:
    """Everything acknowledged is there, whole; returns the timer reading."""
    if not PG_URL:
        path = Path(url.removeprefix("sqlite:///"))
        assert integrity(path) == ["ok"]
    app = open_app(url)
    try:
        ids = [a[0] for a in acks]
        with app.db.read() as s:
            rows = {e.id: e for e in s.scalars(select(ChartEntry).where(ChartEntry.id.in_(ids)))}
            missing = [i for i in ids if i not in rows]
            assert not missing, f"acknowledged entries lost: {missing[:10]}"
            for entry_id, kind, value in acks:
                e = rows[entry_id]
                assert e.kind == kind and e.session_id == session_id
                expected = str(round(float(value), 6)) if kind == "dose" else value
                assert value_of(e, kind) == expected, (entry_id, kind, value)
            all_entries = set(s.scalars(select(ChartEntry.id)))
            audited = {int(x) for x in s.scalars(select(AuditLog.entity_id).where(
                AuditLog.action.like("entry.create.%")))}
            assert all_entries == audited, "an entry without its audit row, or the reverse"
        ok, problem = audit_ok(app)
        assert ok, problem
        view = views.get_session(app, session_id)
        assert view.state.value == "infusing"
        assert view.infusion_started_at == started
        now = app.now()
        reading = read_clock(SessionTimes(view.infusion_started_at, view.infusion_stopped_at,
                                          view.protocol.planned_duration_min,
                                          view.protocol.min_monitoring_min,
                                          view.protocol.vitals_interval_min,
                                          view.protocol.vitals_interval_after_min,
                                          view.latest_vitals.charted_at
                                          if view.latest_vitals else None), now)
        assert reading.since_start == now - started
        assert reading.since_start is not None and reading.since_start >= last_elapsed
        return reading.since_start
    finally:
        app.close()


def kill_repeatedly(script: str, url: str, ack: Path, home: Path, kills: int,
                    rng: random.Random, session_id: int, started: Any,
                    startup_wait: float = 1.5) -> int:
    """Start ``helpers/<script>`` and SIGKILL it, ``kills`` times: one time in five at a random
    moment (start-up and opening the database included), else shortly after it acknowledged
    something. Checks everything after each kill; returns how many kills hit start-up."""
    elapsed = started - started
    during_startup = 0
    for _ in range(kills):
        before = len(read_acks(ack))
        proc = subprocess.Popen([sys.executable, str(HELPERS / script), url, str(ack)],
                                env=child_env(home), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        try:
            if rng.random() < 0.2:  # anywhere, including start-up and opening the database
                during_startup += 1
                time.sleep(rng.uniform(0.0, startup_wait))
            else:  # while charting
                wait_for(lambda b=before, p=proc: len(read_acks(ack)) > b
                         or p.poll() is not None)
                time.sleep(rng.uniform(0.0, 0.4))
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait()
            if proc.stderr:
                proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        elapsed = check_after_kill(url, read_acks(ack), session_id, started, elapsed)
    return during_startup


def infusing_clinic(url: str) -> tuple[int, Any]:
    app = open_app(url)
    try:
        st = set_up_clinic(app, chairs=1, patients=1)
        s = ready_session(st, st.patients[0], st.chairs[0])
        doses.start_infusion(app, st.nurse, s.id, 0.5)
        return s.id, views.get_session(app, s.id).infusion_started_at
    finally:
        app.close()


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(SEED)
    home = tmp_path / "home"
    home.mkdir()
    # one workstation: the set-up, the children and the checks share its data folder (its
    # audit key and anchor journal)
    monkeypatch.setenv("CHAIRLOG_HOME", str(home))
    with fresh_url(tmp_path) as url:
        sid, started = infusing_clinic(url)
        ack = tmp_path / "acks.txt"
        during_startup = kill_repeatedly("charter.py", url, ack, home, KILLS, rng, sid, started)
        acked = len(read_acks(ack))
    assert acked > KILLS
    with capsys.disabled():
        print(f"\n[kill test] {KILLS} SIGKILLs survived ({during_startup} at random moments "
              f"incl. start-up), {acked} acknowledged entries all present, integrity and "
              f"audit chain verified after each kill (seed {SEED})")


@pytest.mark.slow
@pytest.mark.gui
def test_window_killed_mid_session_restarts_with_everything_saved(
        tmp_path: Path, ui_context: Any, qtbot: Any, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The real main window (offscreen), typing vitals into the form, SIGKILLed again and
    again; then the window is opened again on the same database: the running session is back
    on the board with its timer, and every set the window had shown as saved is in it."""
    from chairlog.ui.app import build_main_window

    rng = random.Random(SEED + 1)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("CHAIRLOG_HOME", str(home))  # one workstation (see above)
    with fresh_url(tmp_path) as url:
        sid, started = infusing_clinic(url)
        ack = tmp_path / "acks.txt"
        kill_repeatedly("window_charter.py", url, ack, home, WINDOW_KILLS, rng, sid, started,
                        startup_wait=4.0)
        acks = read_acks(ack)
        assert len(acks) >= WINDOW_KILLS
        app = open_app(url)
        ctx = ui_context(app)
        try:
            from chairlog.services import accounts

            ctx.set_user(accounts.login(app, "nina", PASSWORD))
            window = build_main_window(ctx)
            qtbot.addWidget(window)
            window.show()
            tile = next(iter(window.board.tiles.values()))
            qtbot.waitUntil(lambda: tile.view is not None and tile.view.id == sid)
            assert "infusing" in tile.state_label.text().lower()
            page = window.open_session(sid)
            assert page is not None
            shown = {e.id: e.data["hr"] for e in page.view.vitals}
            assert all(shown.get(i) == int(hr) for i, _k, hr in acks), "a saved set is missing"
            assert page.view.infusion_started_at == started
            window.shutdown()
        finally:
            ctx.shutdown()  # before its database closes
            app.close()
    with capsys.disabled():
        print(f"\n[kill test, window] {WINDOW_KILLS} SIGKILLs of the main window survived, "
              f"{len(acks)} vitals sets shown as saved all present after restart")
