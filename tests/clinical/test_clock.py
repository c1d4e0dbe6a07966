"""The session clock while paused: the pause's length, and a planned remaining time that
stands still (issue 13, point 5)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chairlog.clinical.clock import SessionTimes, read_clock


def test_the_planned_remaining_time_stands_still_while_paused() -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    times = SessionTimes(start, None, 240, 60, 15, 15, None, start,
                         paused_before=timedelta(minutes=10),
                         paused_since=start + timedelta(minutes=60))
    a = read_clock(times, start + timedelta(minutes=70))
    b = read_clock(times, start + timedelta(minutes=95))
    assert a.paused_for == timedelta(minutes=10) and b.paused_for == timedelta(minutes=35)
    assert a.planned_remaining == b.planned_remaining == timedelta(minutes=240 - 50)
    running = read_clock(SessionTimes(start, None, 240, 60, 15, 15, None, start,
                                      paused_before=timedelta(minutes=10)),
                         start + timedelta(minutes=70))
    assert running.paused_for is None
    assert running.planned_remaining == timedelta(minutes=240 - 60)
