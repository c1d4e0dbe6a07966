"""Time: the session clock (computed from stored timestamps) and a jump-proof "now".

The session timer is always recomputed from stored UTC timestamps, so a restart or a crash
loses nothing. Within one running program, ``SteadyClock`` advances "now" by the monotonic
clock from an anchor, so an NTP step or a manual clock change does not make the timer jump
or entries reorder; the jump is reported (``drift``) so the service layer can audit it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC)


class SteadyClock:
    """UTC "now" = wall time at the anchor + monotonic time since the anchor."""

    def __init__(
        self,
        wall: Callable[[], float] = time.time,
        mono: Callable[[], float] = time.monotonic,
    ) -> None:
        self._wall = wall
        self._mono = mono
        self._anchor_wall = wall()
        self._anchor_mono = mono()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self._anchor_wall + (self._mono() - self._anchor_mono), UTC)

    def drift(self) -> timedelta:
        """Wall clock minus steady clock: negative after the wall clock jumped backwards."""
        return timedelta(
            seconds=self._wall() - (self._anchor_wall + (self._mono() - self._anchor_mono))
        )

    def reanchor(self) -> timedelta:
        """Accept the wall clock as it is now (after a jump has been noted); returns the jump."""
        jump = self.drift()
        self._anchor_wall = self._wall()
        self._anchor_mono = self._mono()
        return jump


class FixedClock:
    """A clock for tests and demos: set or advance by hand."""

    def __init__(self, at: datetime) -> None:
        self._now = at

    def now(self) -> datetime:
        return self._now

    def advance(self, **kw: float) -> datetime:
        self._now += timedelta(**kw)
        return self._now

    def set(self, at: datetime) -> None:
        self._now = at

    def drift(self) -> timedelta:
        return timedelta(0)

    def reanchor(self) -> timedelta:
        return timedelta(0)


@dataclass(frozen=True)
class SessionTimes:
    infusion_started_at: datetime | None
    infusion_stopped_at: datetime | None
    planned_duration_min: float
    min_monitoring_min: float
    vitals_interval_min: float
    vitals_interval_after_min: float
    last_vitals_at: datetime | None
    reference_at: datetime | None = None  # when monitoring began if no infusion (check-in)
    #: time spent in pauses that have ended, and the start of the pause running now (if any):
    #: the planned remaining time stands still while paused
    paused_before: timedelta = timedelta(0)
    paused_since: datetime | None = None
    #: an alert's acknowledgement asked for the vitals again by this time, and no set has been
    #: charted since: the next set is due by then if that is sooner than the interval's time
    recheck_at: datetime | None = None


@dataclass(frozen=True)
class ClockReading:
    since_start: timedelta | None
    planned_remaining: timedelta | None
    since_stop: timedelta | None
    monitoring_remaining: timedelta | None
    next_vitals_due_at: datetime | None
    next_vitals_in: timedelta | None  # negative when overdue
    paused_for: timedelta | None = None  # how long the pause running now has lasted


def read_clock(t: SessionTimes, now: datetime) -> ClockReading:
    """All the timer figures the board and the session view show, at ``now``.

    Next vitals are due one interval after the last set; during the infusion, one interval
    after its start if the last set was taken before it (baseline); after the stop, one
    post-infusion interval after the later of the stop and the last set."""
    since_start = planned_remaining = since_stop = monitoring_remaining = None
    paused_for = (max(now - t.paused_since, timedelta(0))
                  if t.paused_since is not None and t.infusion_stopped_at is None else None)
    if t.infusion_started_at is not None:
        end = t.infusion_stopped_at or now
        since_start = max(end - t.infusion_started_at, timedelta(0))
        if t.infusion_stopped_at is None:
            running = since_start - t.paused_before - (paused_for or timedelta(0))
            planned_remaining = timedelta(minutes=t.planned_duration_min) - running
    if t.infusion_stopped_at is not None:
        since_stop = max(now - t.infusion_stopped_at, timedelta(0))
        monitoring_remaining = timedelta(minutes=t.min_monitoring_min) - since_stop
    last = t.last_vitals_at
    if last is not None and t.infusion_started_at is not None and last < t.infusion_started_at:
        last = None  # baseline vitals: the first set during the infusion is due from its start
    if t.infusion_stopped_at is not None:
        interval = t.vitals_interval_after_min
        anchor = max(last or t.infusion_stopped_at, t.infusion_stopped_at)
    else:
        interval = t.vitals_interval_min
        anchor = last or t.infusion_started_at or t.reference_at  # type: ignore[assignment]
    due = anchor + timedelta(minutes=interval) if anchor is not None and interval > 0 else None
    if due is not None and t.recheck_at is not None and t.recheck_at < due:
        due = t.recheck_at  # "repeat in 5 min" moves the countdown forward, never back
    return ClockReading(
        since_start=since_start,
        planned_remaining=planned_remaining,
        since_stop=since_stop,
        monitoring_remaining=monitoring_remaining,
        next_vitals_due_at=due,
        next_vitals_in=(due - now) if due is not None else None,
        paused_for=paused_for,
    )
