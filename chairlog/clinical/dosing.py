"""Dose arithmetic: rate conversions and the cumulative dose of a session.

Rates are entered in mg/kg/h, mg/h or mL/h. The other two are derived from the weight
measured for the session and the bag's concentration. The cumulative dose is the sum of the
boluses plus the exact integral of a piecewise-constant infusion rate over time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from chairlog.clinical.checks import finite
from chairlog.errors import ValidationError
from chairlog.words import words


class RateUnit(StrEnum):
    MG_PER_KG_H = "mg/kg/h"
    MG_PER_H = "mg/h"
    ML_PER_H = "mL/h"


class DoseAction(StrEnum):
    BOLUS = "bolus"
    START = "start"
    RATE_CHANGE = "rate_change"
    PAUSE = "pause"
    RESUME = "resume"
    STOP = "stop"


@dataclass(frozen=True)
class Rates:
    """One infusion rate in all three units."""

    mg_per_kg_h: float
    mg_per_h: float
    ml_per_h: float


def _check_positive(field: str, value: float, label: str) -> None:
    if not isinstance(value, int | float) or not finite(value) or value <= 0:
        raise ValidationError(field, value, words("a number greater than 0"), label)


def convert_rate(
    value: float, unit: RateUnit, weight_kg: float, concentration_mg_per_ml: float
) -> Rates:
    """Express a rate given in ``unit`` in mg/kg/h, mg/h and mL/h.

    A rate of 0 is allowed (an infusion started paused); negatives and non-numbers are not.
    """
    _check_positive("weight_kg", weight_kg, "weight (kg)")
    _check_positive("concentration_mg_per_ml", concentration_mg_per_ml, "concentration (mg/mL)")
    if not isinstance(value, int | float) or not finite(value) or value < 0:
        raise ValidationError("rate", value, words("a rate of 0 or more in {unit}",
                                                   unit=unit.value), words("rate"))
    if unit is RateUnit.MG_PER_KG_H:
        mg_per_h = value * weight_kg
    elif unit is RateUnit.MG_PER_H:
        mg_per_h = value
    else:
        mg_per_h = value * concentration_mg_per_ml
    return Rates(
        mg_per_kg_h=mg_per_h / weight_kg,
        mg_per_h=mg_per_h,
        ml_per_h=mg_per_h / concentration_mg_per_ml,
    )


@dataclass(frozen=True)
class DoseEvent:
    """A dose event as the arithmetic sees it: a time, an action, a rate or a bolus."""

    at: datetime
    action: DoseAction
    rate_mg_per_h: float | None = None
    bolus_mg: float | None = None
    # the order in which the events were first charted: it breaks ties between events charted
    # for the same instant (a start and a stop in the same second), and a corrected event
    # keeps its original's place (the services pass the id of the first entry of the chain)
    seq: int = 0
    #: charted with an override of a protocol maximum (reason and a second clinician's check)
    override: bool = False


@dataclass(frozen=True)
class InfusionPeriod:
    """A stretch of constant, non-zero rate between two dose events."""

    start: datetime
    end: datetime | None  # None: still running
    rate_mg_per_h: float

    def mg_until(self, at: datetime) -> float:
        end = self.end if self.end is not None and self.end < at else at
        if end <= self.start:
            return 0.0
        return self.rate_mg_per_h * (end - self.start).total_seconds() / 3600.0


def infusion_periods(events: Iterable[DoseEvent]) -> list[InfusionPeriod]:
    """The periods of constant rate described by the events, in time order.

    start/rate_change set the rate; pause sets it to 0 and remembers it; resume restores the
    remembered rate (or the rate it carries); stop sets it to 0. Boluses do not change the rate.
    """
    ordered = sorted(events, key=lambda e: (e.at, e.seq))
    periods: list[InfusionPeriod] = []
    current: float = 0.0
    remembered: float = 0.0
    since: datetime | None = None

    def close(at: datetime) -> None:
        nonlocal since
        if since is not None and current > 0:
            periods.append(InfusionPeriod(since, at, current))
        since = None

    for ev in ordered:
        if ev.action is DoseAction.BOLUS:
            continue
        close(ev.at)
        if ev.action in (DoseAction.START, DoseAction.RATE_CHANGE):
            current = ev.rate_mg_per_h or 0.0
            remembered = current
        elif ev.action is DoseAction.PAUSE:
            current = 0.0
        elif ev.action is DoseAction.RESUME:
            current = ev.rate_mg_per_h if ev.rate_mg_per_h is not None else remembered
            remembered = current
        elif ev.action is DoseAction.STOP:
            current = 0.0
        since = ev.at
    if since is not None and current > 0:
        periods.append(InfusionPeriod(since, None, current))
    return periods


def cumulative_mg(events: Sequence[DoseEvent], at: datetime) -> float:
    """Total mg given up to the instant ``at``: boluses at or before it plus the infused amount."""
    bolus = sum(e.bolus_mg or 0.0 for e in events if e.action is DoseAction.BOLUS and e.at <= at)
    infused = sum(p.mg_until(at) for p in infusion_periods(events))
    return bolus + infused


def current_rate_mg_per_h(events: Sequence[DoseEvent], at: datetime) -> float:
    """The rate running at ``at`` (0 when paused, stopped or not started)."""
    for p in infusion_periods(events):
        if p.start <= at and (p.end is None or at < p.end):
            return p.rate_mg_per_h
    return 0.0


def infusion_running_time(events: Sequence[DoseEvent], at: datetime) -> timedelta:
    """Time with a non-zero rate up to ``at`` (excludes pauses)."""
    total = timedelta()
    for p in infusion_periods(events):
        end = p.end if p.end is not None and p.end < at else at
        if end > p.start:
            total += end - p.start
    return total


@dataclass(frozen=True)
class LimitCheck:
    """What a proposed dose would do against the protocol's maximums."""

    rate_over_max: bool
    total_over_max: bool
    message: str

    @property
    def needs_override(self) -> bool:
        return self.rate_over_max or self.total_over_max


def check_limits(
    *,
    rate_mg_per_kg_h: float,
    max_rate_mg_per_kg_h: float | None,
    cumulative_mg_per_kg: float,
    max_total_mg_per_kg: float | None,
) -> LimitCheck:
    """Compare a rate and a cumulative dose (both per kg) with the protocol's maximums."""
    rate_over = max_rate_mg_per_kg_h is not None and rate_mg_per_kg_h > max_rate_mg_per_kg_h + 1e-9
    total_over = (
        max_total_mg_per_kg is not None and cumulative_mg_per_kg > max_total_mg_per_kg + 1e-9
    )
    parts = []
    if rate_over:
        parts.append(
            f"rate {rate_mg_per_kg_h:.3g} mg/kg/h is above the protocol maximum "
            f"{max_rate_mg_per_kg_h:.3g} mg/kg/h"
        )
    if total_over:
        parts.append(
            f"total {cumulative_mg_per_kg:.3g} mg/kg is above the protocol maximum "
            f"{max_total_mg_per_kg:.3g} mg/kg"
        )
    return LimitCheck(rate_over, total_over, "; ".join(parts))


def time_to_reach_mg(
    events: Sequence[DoseEvent], target_mg: float, now: datetime
) -> timedelta | None:
    """At the rate running now, how long until the cumulative dose reaches ``target_mg``.

    None when nothing is running. Zero when already reached.
    """
    given = cumulative_mg(events, now)
    if given >= target_mg:
        return timedelta(0)
    rate = current_rate_mg_per_h(events, now)
    if rate <= 0:
        return None
    return timedelta(hours=(target_mg - given) / rate)
