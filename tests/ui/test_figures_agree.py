"""The same figure reads the same on the board, in the session view and in the record PDF
(one formatting rule, ``present.numbers``): never scientific notation."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from chairlog.present.numbers import fmt
from chairlog.present.times import clock_text, duration_text, timer_text
from chairlog.services import charting, doses, records, views
from chairlog.ui.session.timer_panel import timer_figures
from chairlog.ui.tile_figures import compute_figures
from tests.conftest import Clinic, ready_to_infuse
from tests.record_helpers import pdf_text


def test_a_rate_and_a_dose_read_the_same_everywhere(clinic: Clinic, tmp_path: Path) -> None:
    s = ready_to_infuse(clinic)  # 80 kg
    app, n = clinic.app, clinic.nurse
    doses.start_infusion(app, n, s.id, 90, "mg/h")  # 1.125 mg/kg/h
    clinic.clock.advance(minutes=37)
    now = clinic.clock.now()
    v = views.get_session(app, s.id)
    board = compute_figures(v, now)
    session = timer_figures(v, now, ZoneInfo("Europe/Berlin"))
    assert "1.13 mg/kg/h" in board.rate
    assert session.rate.big == "1.13 mg/kg/h"
    mg = fmt(v.cumulative_mg(now))
    assert mg == "55.5"
    assert board.dose.startswith(f"{mg} mg") and session.dose.big == f"{mg} mg"
    text = pdf_text(records.export_draft(app, s.id), tmp_path)
    assert "1.13" in text and "1.125" not in text
    assert not re.search(r"\d\.\d+e[+-]\d", text)


def test_the_rule_by_size() -> None:
    assert [fmt(x) for x in (3150.0, 297.3, 52.45, 1.125, 0.35, 0.1333, 0.0, None)] == [
        "3150", "297", "52.5", "1.13", "0.35", "0.133", "0", "—"]
    assert fmt(12.0, 0) == "12"


def test_durations_read_the_same_on_the_board_and_in_the_session_view(clinic: Clinic) -> None:
    """Big timers H:MM:SS, every other clock figure M:SS under an hour (``present.times``):
    the same planned, left, overdue and to-go figures on the tile and in the session view."""
    s = ready_to_infuse(clinic, protocol="trd-0.5-over-40")  # 40 min, vitals every 10
    app, n, tz = clinic.app, clinic.nurse, ZoneInfo("Europe/Berlin")
    doses.start_infusion(app, n, s.id, 0.5)
    clinic.clock.advance(minutes=12, seconds=30)
    now = clinic.clock.now()
    v = views.get_session(app, s.id)
    board, session = compute_figures(v, now), timer_figures(v, now, tz)
    assert board.timer == session.main.big == "0:12:30"
    assert _clocks(board.timer_detail) == _clocks(session.main.sub) == ["40:00", "27:30"]
    assert _clocks(board.due_text) == ["2:30"] and session.vitals.big == "+2:30"  # overdue by
    charting.record_vitals(app, n, s.id, {"hr": 70, "sbp": 118, "dbp": 76, "spo2": 98, "rr": 14})
    clinic.clock.advance(minutes=27, seconds=30)
    doses.stop_infusion(app, n, s.id)
    clinic.clock.advance(minutes=4)
    now = clinic.clock.now()
    v = views.get_session(app, s.id)
    board, session = compute_figures(v, now), timer_figures(v, now, tz)
    assert board.timer == session.main.big == "0:04:00"
    minimum = clock_text(timedelta(minutes=v.protocol.min_monitoring_min))
    to_go = clock_text(timedelta(minutes=v.protocol.min_monitoring_min - 4))
    assert _clocks(board.timer_detail) == [minimum, to_go] == _clocks(session.main.sub)[:2]
    assert board.due_text.rsplit(" ", 1)[-1] == session.vitals.big  # next vitals in


def _clocks(text: str) -> list[str]:
    return re.findall(r"\d+:\d\d(?::\d\d)?", text)


def test_how_long_ago_reads_as_the_handover_says_it() -> None:
    from chairlog.ui.widgets import ago

    for seconds in (60, 89, 90, 150, 3599, 3600, 3690, 7530):
        td = timedelta(seconds=seconds)
        assert ago(td) == f"{duration_text(td)} ago"
    assert ago(timedelta(seconds=20)) == "just now"
    assert clock_text(timedelta(minutes=-3)) == "0:00"
    assert [timer_text(timedelta(seconds=x)) for x in (0, 59, 3723, -300)] == [
        "0:00:00", "0:00:59", "1:02:03", "-0:05:00"]
    assert timer_text(None) == "—"
    assert [clock_text(timedelta(seconds=x)) for x in (59, 600, 3599, 3600, 14400)] == [
        "0:59", "10:00", "59:59", "1:00:00", "4:00:00"]


def test_dose_limit_near_is_said_in_the_session_view_as_on_the_board(clinic: Clinic) -> None:
    """The protocol's dose-near share of its maximum: the tile's alert line, the same words
    on the session view's dose figure, in amber."""
    s = ready_to_infuse(clinic)  # 80 kg; max 6 mg/kg, dose near at the protocol's share
    app, n, tz = clinic.app, clinic.nurse, ZoneInfo("Europe/Berlin")
    v = views.get_session(app, s.id)
    share = v.protocol.dose_near_pct / 100 * v.protocol.max_total_mg_per_kg
    doses.start_infusion(app, n, s.id, 1.4)  # mg/kg/h: 5.6 of the 6 mg/kg in 4 h
    clinic.clock.advance(minutes=10)
    now = clinic.clock.now()
    v = views.get_session(app, s.id)
    assert v.cumulative_mg(now) / 80 < share
    board, session = compute_figures(v, now), timer_figures(v, now, tz)
    assert not board.dose_near_limit and session.dose.tone == ""
    hours = (share * 80 - v.cumulative_mg(now)) / (1.4 * 80) + 0.01
    clinic.clock.advance(minutes=60 * hours)
    now = clinic.clock.now()
    v = views.get_session(app, s.id)
    board, session = compute_figures(v, now), timer_figures(v, now, tz)
    assert board.dose_near_limit and session.dose.tone == "warn"
    assert session.dose.sub in board.alerts
