"""Clock jumps: the session timer and the order of the timeline never depend on the computer's
wall clock staying put; jumps are audited; charting in the future is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from chairlog.clinical.clock import SessionTimes, SteadyClock, read_clock
from chairlog.db.models import AuditLog
from chairlog.errors import ValidationError
from chairlog.services import charting, doses, open_app, views
from chairlog.services.clockwatch import check_clock
from tests.reliability.helpers.dbs import VITALS, audit_ok, fresh_url, ready_session, set_up_clinic

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC).timestamp()


@dataclass
class FakeTime:
    """The computer's wall clock and monotonic clock, moved by the test."""

    wall: float = T0
    mono: float = 1000.0

    def tick(self, seconds: float) -> None:  # time passes normally
        self.wall += seconds
        self.mono += seconds


def timer(view: Any, now: datetime) -> timedelta | None:
    p = view.protocol
    return read_clock(SessionTimes(view.infusion_started_at, view.infusion_stopped_at,
                                   p.planned_duration_min, p.min_monitoring_min,
                                   p.vitals_interval_min, p.vitals_interval_after_min,
                                   None), now).since_start


def jumps(app: Any) -> list[AuditLog]:
    with app.db.read() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action == "clock.jump")
                              .order_by(AuditLog.seq)))


@pytest.fixture
def running(tmp_path: Path) -> Any:
    t = FakeTime()
    with fresh_url(tmp_path) as url:
        app = open_app(url, clock=SteadyClock(wall=lambda: t.wall, mono=lambda: t.mono))
        st = set_up_clinic(app)
        s = ready_session(st, st.patients[0], st.chairs[0])
        doses.start_infusion(app, st.nurse, s.id, 0.5)
        yield app, st, s.id, t
        app.close()


def timeline_in_order(app: Any, session_id: int) -> list[str]:
    v = views.get_session(app, session_id)
    times = [e.charted_at for e in v.entries]
    assert times == sorted(times, reverse=True)  # newest first, and that is charting order
    return [e.summary for e in reversed(v.entries)]


def test_backwards_jump_changes_neither_timer_nor_order(running: Any) -> None:
    app, st, sid, t = running
    started = views.get_session(app, sid).infusion_started_at
    t.tick(600)
    charting.record_vitals(app, st.nurse, sid, VITALS)
    t.wall -= 3600  # the wall clock is set back an hour; monotonic time goes on
    t.tick(300)
    charting.add_note(app, st.nurse, sid, "after the jump")
    v = views.get_session(app, sid)
    assert v.infusion_started_at == started
    assert timer(v, app.now()) == timedelta(minutes=15)
    assert timeline_in_order(app, sid)[-2:] == [
        "Vitals: HR 72, BP 120/78, SpO2 98%, RR 14", "Note: after the jump"]

    jump = check_clock(app, st.nurse)
    assert jump is not None and timedelta(minutes=-61) < jump < timedelta(minutes=-59)
    [row] = jumps(app)
    assert "backwards by 1:00:00" in (row.reason or "") and row.username == "nina"
    assert check_clock(app, st.nurse) is None  # noted once, not every minute
    assert len(jumps(app)) == 1
    t.tick(60)  # chairlog keeps its own time: a pause is still accepted, and sorts last
    doses.pause_infusion(app, st.nurse, sid, "nausea")
    assert timeline_in_order(app, sid)[-1].startswith("Infusion paused")
    assert timer(views.get_session(app, sid), app.now()) == timedelta(minutes=16)

    t.tick(2 * 3600)  # a quiet period longer than the jump: the wall clock passes it
    assert check_clock(app, st.nurse) is not None
    assert app.now() == datetime.fromtimestamp(t.wall, UTC)
    assert "re-synchronised" in (jumps(app)[-1].reason or "")
    doses.resume_infusion(app, st.nurse, sid)
    timeline_in_order(app, sid)
    assert views.get_session(app, sid).infusion_started_at == started
    assert audit_ok(app)[0]


def test_forwards_jump_after_sleep_is_audited_and_followed(running: Any) -> None:
    app, st, sid, t = running
    started = views.get_session(app, sid).infusion_started_at
    t.tick(300)
    before = app.now()
    t.wall += 3 * 3600  # the laptop slept for three hours: the monotonic clock stood still
    assert app.now() == before  # nothing moves until the jump is noticed
    assert timer(views.get_session(app, sid), app.now()) == timedelta(minutes=5)
    jump = check_clock(app, None)
    assert jump is not None and abs(jump - timedelta(hours=3)) < timedelta(seconds=1)
    [row] = jumps(app)
    assert "forwards by 3:00:00" in (row.reason or "") and row.username == "system"
    assert app.now() == datetime.fromtimestamp(t.wall, UTC)
    assert timer(views.get_session(app, sid), app.now()) == timedelta(hours=3, minutes=5)
    charting.record_vitals(app, st.nurse, sid, VITALS)
    timeline_in_order(app, sid)
    assert views.get_session(app, sid).infusion_started_at == started
    assert check_clock(app, None) is None


def test_small_drift_is_not_a_jump(running: Any) -> None:
    app, _st, _sid, t = running
    t.wall += 90
    assert check_clock(app, None) is None
    assert jumps(app) == []


def test_charted_time_in_the_future_is_refused(running: Any) -> None:
    app, st, sid, t = running
    t.tick(30 * 60)  # half an hour into the session
    now = app.now()
    with pytest.raises(ValidationError) as e:
        charting.record_vitals(app, st.nurse, sid, VITALS, charted_at=now + timedelta(minutes=5))
    assert e.value.field == "charted_at" and "not in the future" in str(e.value)
    with pytest.raises(ValidationError) as e:
        doses.change_rate(app, st.nurse, sid, 0.7, charted_at=now + timedelta(hours=1))
    assert e.value.field == "charted_at"
    with pytest.raises(ValidationError) as e:  # 60 s ahead: beyond any clock skew
        charting.record_vitals(app, st.nurse, sid, VITALS, charted_at=now + timedelta(seconds=60))
    assert e.value.field == "charted_at"
    r = charting.record_vitals(app, st.nurse, sid, VITALS, charted_at=now + timedelta(seconds=4))
    assert r.entry.charted_at == now + timedelta(seconds=4)  # within the 5 s skew tolerance
    r = charting.add_note(app, st.nurse, sid, "late entry",
                          charted_at=now - timedelta(minutes=20))
    assert r.entry.is_late
