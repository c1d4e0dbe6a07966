"""Dose arithmetic: conversions, cumulative dose (incl. properties), limits."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chairlog.clinical.dosing import (
    DoseAction,
    DoseEvent,
    RateUnit,
    check_limits,
    convert_rate,
    cumulative_mg,
    current_rate_mg_per_h,
    infusion_running_time,
    time_to_reach_mg,
)
from chairlog.errors import ValidationError

T = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T + timedelta(minutes=minutes)


def test_convert_each_unit() -> None:
    r = convert_rate(0.5, RateUnit.MG_PER_KG_H, 80, 1.0)
    assert (r.mg_per_kg_h, r.mg_per_h, r.ml_per_h) == (0.5, 40.0, 40.0)
    r = convert_rate(40, RateUnit.MG_PER_H, 80, 2.0)
    assert r.mg_per_kg_h == pytest.approx(0.5) and r.ml_per_h == pytest.approx(20)
    r = convert_rate(20, RateUnit.ML_PER_H, 80, 2.0)
    assert r.mg_per_h == pytest.approx(40) and r.mg_per_kg_h == pytest.approx(0.5)


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf, "x", None])
def test_convert_refuses_bad_rate(bad: object) -> None:
    with pytest.raises(ValidationError) as e:
        convert_rate(bad, RateUnit.MG_PER_KG_H, 80, 1)  # type: ignore[arg-type]
    assert e.value.field == "rate"


def test_convert_refuses_bad_weight() -> None:
    with pytest.raises(ValidationError) as e:
        convert_rate(1, RateUnit.MG_PER_KG_H, 0, 1)
    assert e.value.field == "weight_kg"


@given(
    value=st.floats(0, 1000),
    weight=st.floats(2, 400),
    conc=st.floats(0.1, 100),
    unit=st.sampled_from(list(RateUnit)),
)
def test_conversion_round_trips(value: float, weight: float, conc: float, unit: RateUnit) -> None:
    r = convert_rate(value, unit, weight, conc)
    for u, v in (
        (RateUnit.MG_PER_KG_H, r.mg_per_kg_h),
        (RateUnit.MG_PER_H, r.mg_per_h),
        (RateUnit.ML_PER_H, r.ml_per_h),
    ):
        back = convert_rate(v, u, weight, conc)
        assert back.mg_per_h == pytest.approx(r.mg_per_h, rel=1e-9, abs=1e-9)


def test_cumulative_with_pause_and_bolus() -> None:
    ev = [
        DoseEvent(at(0), DoseAction.BOLUS, bolus_mg=20),
        DoseEvent(at(0), DoseAction.START, rate_mg_per_h=60),
        DoseEvent(at(30), DoseAction.RATE_CHANGE, rate_mg_per_h=120),
        DoseEvent(at(60), DoseAction.PAUSE),
        DoseEvent(at(90), DoseAction.RESUME),  # back to 120 mg/h
        DoseEvent(at(120), DoseAction.STOP),
    ]
    assert cumulative_mg(ev, at(0)) == 20
    assert cumulative_mg(ev, at(30)) == pytest.approx(20 + 30)
    assert cumulative_mg(ev, at(60)) == pytest.approx(20 + 30 + 60)
    assert cumulative_mg(ev, at(75)) == pytest.approx(110)  # paused: no change
    assert cumulative_mg(ev, at(120)) == pytest.approx(110 + 60)
    assert cumulative_mg(ev, at(500)) == pytest.approx(170)
    assert current_rate_mg_per_h(ev, at(70)) == 0
    assert current_rate_mg_per_h(ev, at(100)) == 120
    assert infusion_running_time(ev, at(500)) == timedelta(minutes=90)


def test_time_to_reach() -> None:
    ev = [DoseEvent(at(0), DoseAction.START, rate_mg_per_h=60)]
    assert time_to_reach_mg(ev, 90, at(30)) == timedelta(minutes=60)
    assert time_to_reach_mg([], 90, at(30)) is None


def _recompute(events: list[DoseEvent], t: datetime, step_s: int = 1) -> float:
    """Independent recomputation: sum over one-second steps of the rate in force."""
    ordered = sorted(events, key=lambda e: e.at)
    total = sum(e.bolus_mg or 0 for e in ordered if e.action is DoseAction.BOLUS and e.at <= t)
    rate, last = 0.0, 0.0
    cursor = ordered[0].at if ordered else t
    idx = 0
    while cursor < t:
        while idx < len(ordered) and ordered[idx].at <= cursor:
            e = ordered[idx]
            if e.action in (DoseAction.START, DoseAction.RATE_CHANGE):
                rate = last = e.rate_mg_per_h or 0
            elif e.action is DoseAction.PAUSE or e.action is DoseAction.STOP:
                rate = 0
            elif e.action is DoseAction.RESUME:
                rate = last = e.rate_mg_per_h if e.rate_mg_per_h is not None else last
            idx += 1
        total += rate * step_s / 3600
        cursor += timedelta(seconds=step_s)
    return total


actions = st.sampled_from(
    [DoseAction.RATE_CHANGE, DoseAction.PAUSE, DoseAction.RESUME, DoseAction.BOLUS, DoseAction.STOP]
)


# no deadline: the independent recomputation steps second by second (up to 24,000 steps), whose
# time depends on the machine's load, not on the code under test
@settings(deadline=None)
@given(
    steps=st.lists(st.tuples(st.integers(1, 40), actions, st.integers(0, 200)), max_size=8),
    query=st.integers(0, 400),
)
def test_cumulative_matches_independent_recomputation(
    steps: list[tuple[int, DoseAction, int]], query: int
) -> None:
    events = [DoseEvent(T, DoseAction.START, rate_mg_per_h=60)]
    minute = 0
    for gap, action, amount in steps:
        minute += gap
        events.append(
            DoseEvent(
                at(minute),
                action,
                rate_mg_per_h=float(amount) if action is DoseAction.RATE_CHANGE else None,
                bolus_mg=float(amount) if action is DoseAction.BOLUS else None,
            )
        )
    q = at(query)
    assert cumulative_mg(events, q) == pytest.approx(_recompute(events, q), rel=1e-6, abs=1e-6)


@given(
    steps=st.lists(st.tuples(st.integers(1, 40), actions, st.integers(0, 200)), max_size=8),
    a=st.integers(0, 300),
    b=st.integers(0, 300),
)
def test_cumulative_never_decreases(
    steps: list[tuple[int, DoseAction, int]], a: int, b: int
) -> None:
    events = [DoseEvent(T, DoseAction.START, rate_mg_per_h=30)]
    minute = 0
    for gap, action, amount in steps:
        minute += gap
        events.append(
            DoseEvent(at(minute), action, rate_mg_per_h=float(amount), bolus_mg=float(amount))
        )
    lo, hi = sorted((a, b))
    assert cumulative_mg(events, at(lo)) <= cumulative_mg(events, at(hi)) + 1e-9


def test_limits() -> None:
    ok = check_limits(
        rate_mg_per_kg_h=1, max_rate_mg_per_kg_h=2, cumulative_mg_per_kg=1, max_total_mg_per_kg=4
    )
    assert not ok.needs_override
    over = check_limits(
        rate_mg_per_kg_h=2.5, max_rate_mg_per_kg_h=2, cumulative_mg_per_kg=5, max_total_mg_per_kg=4
    )
    assert over.rate_over_max and over.total_over_max and "2.5" in over.message


def test_start_and_stop_charted_for_the_same_instant_give_nothing() -> None:
    """Ties are broken by the order first charted (seq), whatever order the events come in:
    a start and a stop in the same second leave no infusion running."""
    events = [DoseEvent(at(0), DoseAction.STOP, seq=2),
              DoseEvent(at(0), DoseAction.START, rate_mg_per_h=60, seq=1)]
    assert cumulative_mg(events, at(120)) == 0
    assert current_rate_mg_per_h(events, at(120)) == 0
