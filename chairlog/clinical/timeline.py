"""The one timeline rule: every dose event — charted live, charted late, corrected (time, rate,
unit) or marked in error — is judged against the whole timeline that would result.

Decisions:
- **Legal order.** Before the start only boluses; the start comes once; while running: rate
  changes, pauses, the stop, boluses; while paused: the resume, the stop, boluses; after the
  stop nothing. A rate change while paused is refused: the nurse resumes at the new rate
  (the resume carries it). So no drug is ever delivered while paused or after the stop, and
  the display, the dose and the PDF agree because they all read the same periods.
- **Rates are greater than 0.** A start, rate change or resume at 0 is refused: holding the
  infusion is a pause, which needs a reason.
- **Inside the session.** Every event lies between check-in and the session's end (discharge
  or early stop) and not in the future.
- **Limits on the result.** A change is judged by what it makes of the timeline: the rate it
  sets, the bolus it gives, the total given by the horizon (now, or the last event) and the
  total projected to the planned end at the rate then running. Above a protocol maximum it
  needs an override (a reason and a second clinician's check); above the hard ceiling nothing
  passes. A change that makes no figure worse (a rate reduced, a stop, a bolus marked in
  error) is never refused for a limit, whatever the record already holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from chairlog.clinical.dosing import DoseAction, DoseEvent, cumulative_mg, current_rate_mg_per_h
from chairlog.clinical.protocol import ProtocolValues
from chairlog.errors import ValidationError
from chairlog.words import words

EPS = 1e-9

_A = DoseAction
#: in each phase of the infusion, the actions that may come next, and the phase they lead to
_NEXT: dict[str, dict[DoseAction, str]] = {
    "before": {_A.BOLUS: "before", _A.START: "running"},
    "running": {_A.BOLUS: "running", _A.RATE_CHANGE: "running", _A.PAUSE: "paused",
                _A.STOP: "stopped"},
    "paused": {_A.BOLUS: "paused", _A.RESUME: "running", _A.STOP: "stopped"},
    "stopped": {},
}
_WHY: dict[tuple[str, DoseAction], str] = {
    ("paused", _A.RATE_CHANGE): words("the infusion is paused then: resume it at the new rate"),
    ("before", _A.RATE_CHANGE): words("the infusion has not started by then"),
    ("before", _A.PAUSE): words("the infusion has not started by then"),
    ("before", _A.RESUME): words("the infusion has not started by then"),
    ("before", _A.STOP): words("the infusion has not started by then"),
    ("running", _A.START): words("the infusion has already started"),
    ("paused", _A.START): words("the infusion has already started"),
    ("running", _A.RESUME): words("the infusion is not paused then"),
    ("paused", _A.PAUSE): words("the infusion is already paused then"),
}
LABELS = {
    _A.BOLUS: words("bolus"), _A.START: words("start"), _A.RATE_CHANGE: words("rate change"),
    _A.PAUSE: words("pause"), _A.RESUME: words("resume"), _A.STOP: words("stop"),
}


def ordered(events: Sequence[DoseEvent]) -> list[DoseEvent]:
    return sorted(events, key=lambda e: (e.at, e.seq))


def _hm(at: datetime) -> str:
    return at.isoformat(timespec="minutes")


def check_order(
    events: Sequence[DoseEvent], *, earliest: datetime, latest: datetime
) -> str:
    """Refuse a timeline whose events are out of their legal order or outside
    [earliest, latest]; return the phase it ends in (before, running, paused, stopped)."""
    phase = "before"
    previous: DoseEvent | None = None
    for ev in ordered(events):
        if ev.at < earliest or ev.at > latest:
            raise ValidationError(
                "charted_at", _hm(ev.at),
                words("a time for the {action} between {earliest} and {latest}",
                      action=LABELS[ev.action], earliest=_hm(earliest), latest=_hm(latest)),
                words("time"),
            )
        if ev.action in (_A.START, _A.RATE_CHANGE, _A.RESUME) and ev.rate_mg_per_h is not None \
                and ev.rate_mg_per_h <= 0:
            raise ValidationError(
                "rate", 0, words("a rate greater than 0 (to hold the infusion, pause it)"),
                words("rate"))
        following = _NEXT[phase]
        if ev.action not in following:
            why = _WHY.get((phase, ev.action), words("the infusion was stopped before"))
            after = (words(" after the {action} at {time}", action=LABELS[previous.action],
                           time=_hm(previous.at))
                     if previous is not None else "")
            raise ValidationError(
                "charted_at", _hm(ev.at),
                words("a time at which a {action} can be charted{after} ({why})",
                      action=LABELS[ev.action], after=after, why=why),
                words("time"),
            )
        phase = following[ev.action]
        previous = ev
    return phase


@dataclass(frozen=True)
class DoseLimits:
    """A protocol's maximums (an override may pass them) and hard ceilings (nothing passes),
    per kg of the session's weight."""

    max_rate_mg_per_kg_h: float
    max_bolus_mg_per_kg: float | None
    max_total_mg_per_kg: float
    ceiling_rate_mg_per_kg_h: float
    ceiling_bolus_mg_per_kg: float | None
    ceiling_total_mg_per_kg: float

    @classmethod
    def of(cls, p: ProtocolValues) -> DoseLimits:
        return cls(
            max_rate_mg_per_kg_h=p.max_rate_mg_per_kg_h,
            max_bolus_mg_per_kg=p.max_bolus_mg_per_kg,
            max_total_mg_per_kg=p.max_total_mg_per_kg,
            ceiling_rate_mg_per_kg_h=p.ceiling_rate,
            ceiling_bolus_mg_per_kg=p.ceiling_bolus,
            ceiling_total_mg_per_kg=p.ceiling_total,
        )


@dataclass(frozen=True)
class Totals:
    """The total given by the horizon and the total projected to the planned end (mg)."""

    given_mg: float
    projected_mg: float


def totals(
    events: Sequence[DoseEvent], *, horizon: datetime, planned_duration_min: float
) -> Totals:
    """The figures a change is judged by. "Given" is counted up to the later of the last event
    and ``horizon`` (now) — but not past the planned end unless an event lies there, so a
    session charted afterwards (imported from paper) is judged as it ran, not as if its
    infusion had gone on until now. "Projected" adds the rate then running until the planned
    end."""
    evs = ordered(events)
    start = next((e.at for e in evs if e.action is _A.START), None)
    last = max((e.at for e in evs), default=horizon)
    if start is None:
        at = max(horizon, last)
        given = cumulative_mg(evs, at)
        return Totals(given, given)
    end = start + timedelta(minutes=planned_duration_min)
    at = max(last, min(horizon, end))
    given = cumulative_mg(evs, at)
    rate = current_rate_mg_per_h(evs, at)
    if rate <= 0:
        return Totals(given, given)
    remaining_h = max((end - at).total_seconds(), 0.0) / 3600
    return Totals(given, given + rate * remaining_h)


@dataclass(frozen=True)
class Breach:
    """One figure over a limit. ``field`` is rate (value in mg/kg/h), bolus_mg or total (mg);
    ``limit`` in the same unit; ``hard`` when over the ceiling (nothing passes); ``room`` for a
    total: how much more this change could have added; ``which`` for a total: given or
    projected (to the planned end)."""

    field: str
    value: float
    limit: float
    hard: bool
    which: str = ""
    room: float = 0.0


def judge(
    before: Sequence[DoseEvent],
    after: Sequence[DoseEvent],
    changed: DoseEvent | None,
    *,
    limits: DoseLimits,
    weight_kg: float,
    horizon: datetime,
    planned_duration_min: float,
    previous: DoseEvent | None = None,
) -> list[Breach]:
    """What a change (``before`` → ``after``; ``changed`` is the event it adds or corrects,
    ``previous`` its value before a correction) does to the limits. Hard breaches first.

    A corrected value that is no higher than an overridden original needs no new override."""
    out: list[Breach] = []
    w = weight_kg
    if changed is not None and changed.action in (_A.START, _A.RATE_CHANGE, _A.RESUME) \
            and changed.rate_mg_per_h is not None:
        rate = changed.rate_mg_per_h / w
        was = (previous.rate_mg_per_h / w if previous is not None
               and previous.rate_mg_per_h is not None and previous.override else None)
        if rate > limits.ceiling_rate_mg_per_kg_h + EPS:
            out.append(Breach("rate", rate, limits.ceiling_rate_mg_per_kg_h, True))
        elif rate > limits.max_rate_mg_per_kg_h + EPS and not (
                was is not None and rate <= was + EPS):
            out.append(Breach("rate", rate, limits.max_rate_mg_per_kg_h, False))
    if changed is not None and changed.action is _A.BOLUS and changed.bolus_mg is not None:
        mg = changed.bolus_mg
        was_mg = previous.bolus_mg if previous is not None and previous.override else None
        ceil, cap = limits.ceiling_bolus_mg_per_kg, limits.max_bolus_mg_per_kg
        if ceil is not None and mg > ceil * w + EPS:
            out.append(Breach("bolus_mg", mg, ceil * w, True))
        elif cap is not None and mg > cap * w + EPS and not (
                was_mg is not None and mg <= was_mg + EPS):
            out.append(Breach("bolus_mg", mg, cap * w, False))
    t0 = totals(before, horizon=horizon, planned_duration_min=planned_duration_min)
    t1 = totals(after, horizon=horizon, planned_duration_min=planned_duration_min)
    for which, old, new in (("given", t0.given_mg, t1.given_mg),
                            ("projected", t0.projected_mg, t1.projected_mg)):
        if new <= old + 1e-6:
            continue  # this change makes the total no worse
        for hard, per_kg in ((True, limits.ceiling_total_mg_per_kg),
                             (False, limits.max_total_mg_per_kg)):
            limit = per_kg * w
            if new > limit + 1e-6:
                out.append(Breach("total", new, limit, hard, which, max(limit - old, 0.0)))
                break
    return sorted(out, key=lambda b: not b.hard)
