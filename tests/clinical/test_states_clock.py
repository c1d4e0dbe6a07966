"""The session state machine and the session clock."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chairlog.clinical.clock import SessionTimes, SteadyClock, read_clock
from chairlog.clinical.states import (
    ACTIVE_STATES,
    CHARTABLE_STATES,
    TRANSITIONS,
    SessionState,
    can_transition,
    require_transition,
)
from chairlog.errors import StateError

S = SessionState


def test_happy_path() -> None:
    path = [
        S.CHECKED_IN,
        S.PRE_INFUSION,
        S.INFUSING,
        S.PAUSED,
        S.INFUSING,
        S.MONITORING,
        S.DISCHARGED,
        S.SIGNED,
        S.AMENDING,
        S.SIGNED,
    ]
    for a, b in itertools.pairwise(path):
        require_transition(a, b)


def test_forbidden() -> None:
    with pytest.raises(StateError):
        require_transition(S.SIGNED, S.INFUSING)
    assert not can_transition(S.MONITORING, S.INFUSING)
    assert not can_transition(S.PRE_INFUSION, S.MONITORING)


@given(st.lists(st.sampled_from(list(SessionState)), max_size=30))
def test_random_walk_only_follows_transitions(targets: list[SessionState]) -> None:
    state = S.CHECKED_IN
    seen_signed = False
    for t in targets:
        if can_transition(state, t):
            state = t
        else:
            with pytest.raises(StateError):
                require_transition(state, t)
        seen_signed = seen_signed or state is S.SIGNED
        if seen_signed:
            assert state in (S.SIGNED, S.AMENDING)
    assert state in TRANSITIONS


def test_signed_is_not_chartable() -> None:
    assert S.SIGNED not in CHARTABLE_STATES and S.AMENDING in CHARTABLE_STATES
    assert S.DISCHARGED not in ACTIVE_STATES


T = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def times(**kw: object) -> SessionTimes:
    base: dict[str, object] = dict(
        infusion_started_at=T,
        infusion_stopped_at=None,
        planned_duration_min=240,
        min_monitoring_min=60,
        vitals_interval_min=15,
        vitals_interval_after_min=30,
        last_vitals_at=None,
    )
    base.update(kw)
    return SessionTimes(**base)  # type: ignore[arg-type]


def test_clock_during_infusion() -> None:
    r = read_clock(times(last_vitals_at=T + timedelta(minutes=40)), T + timedelta(minutes=50))
    assert r.since_start == timedelta(minutes=50)
    assert r.planned_remaining == timedelta(minutes=190)
    assert r.next_vitals_in == timedelta(minutes=5)


def test_clock_overdue_and_after_stop() -> None:
    r = read_clock(times(last_vitals_at=T), T + timedelta(minutes=20))
    assert r.next_vitals_in == timedelta(minutes=-5)
    stop = T + timedelta(minutes=240)
    r = read_clock(
        times(infusion_stopped_at=stop, last_vitals_at=stop - timedelta(minutes=5)),
        stop + timedelta(minutes=10),
    )
    assert r.since_start == timedelta(minutes=240) and r.planned_remaining is None
    assert r.since_stop == timedelta(minutes=10)
    assert r.monitoring_remaining == timedelta(minutes=50)
    assert r.next_vitals_due_at == stop + timedelta(minutes=30)


def test_steady_clock_ignores_wall_jumps() -> None:
    wall = [1_000_000.0]
    mono = [50.0]
    c = SteadyClock(wall=lambda: wall[0], mono=lambda: mono[0])
    t1 = c.now()
    wall[0] += 10 - 3600  # 10 s pass, and NTP steps the wall clock back an hour
    mono[0] += 10
    assert c.now() - t1 == timedelta(seconds=10)
    assert c.drift() == timedelta(seconds=-3600)
    assert c.reanchor() == timedelta(seconds=-3600)
    assert c.drift() == timedelta(0)


def test_baseline_vitals_do_not_count_towards_the_next_set_during_the_infusion() -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    t = SessionTimes(start, None, 240, 60, 15, 30, start - timedelta(minutes=20))
    r = read_clock(t, start + timedelta(minutes=5))
    assert r.next_vitals_due_at == start + timedelta(minutes=15)
