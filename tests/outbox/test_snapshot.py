"""The board snapshot: the board's sessions written as JSON and read back into the same frozen
types (timers and alerts recomputed from it agree), 0600, rate-limited, a damaged file absent."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from chairlog.outbox import snapshot
from chairlog.services import charting, doses, views
from tests.conftest import Clinic, ready_to_infuse


def test_round_trip_of_the_board(clinic: Clinic, tmp_path: Path) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=10)
    charting.record_vitals(clinic.app, clinic.nurse, s.id,
                           {"hr": 130, "sbp": 120, "dbp": 80, "spo2": 97, "rr": 14})
    board = views.board(clinic.app)
    assert board and board[0].alerts  # an alert to carry over
    assert snapshot.remember(tmp_path, "db1", board, clinic.clock.now(),
                             timezone="Europe/Berlin", monotonic=1000.0)
    mode = stat.S_IMODE(os.stat(snapshot.path_for(tmp_path, "db1")).st_mode)
    assert mode == 0o600
    got = snapshot.last(tmp_path, "db1")
    assert got is not None
    sessions = got.sessions
    assert got.at == clinic.clock.now() and got.timezone == "Europe/Berlin"
    assert sessions == board  # every field, nested types included
    assert sessions[0].clock_inputs == board[0].clock_inputs
    assert sessions[0].latest_vitals is not None and sessions[0].latest_vitals.data["hr"] == 130


def test_rate_limited_and_damaged_is_absent(clinic: Clinic, tmp_path: Path) -> None:
    assert snapshot.remember(tmp_path, "db2", [], clinic.clock.now(), monotonic=5000.0)
    assert not snapshot.remember(tmp_path, "db2", [], clinic.clock.now(), monotonic=5010.0)
    assert snapshot.remember(tmp_path, "db2", [], clinic.clock.now(), monotonic=5031.0)
    snapshot.path_for(tmp_path, "db2").write_text("{not json", encoding="utf-8")
    assert snapshot.last(tmp_path, "db2") is None
    assert snapshot.last(tmp_path, "nothing-here") is None
