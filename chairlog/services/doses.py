"""Dose events: infusion start, rate changes, pause, resume, stop, and boluses.

Rates can be entered in mg/kg/h, mg/h or mL/h; all three are stored. A rate above the
protocol's maximum, or a dose that takes the cumulative total (given, or projected to the
planned end at this rate) above the protocol's maximum, needs an override reason.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.clinical.dosing import (
    DoseAction,
    DoseEvent,
    RateUnit,
    check_limits,
    convert_rate,
    cumulative_mg,
)
from chairlog.clinical.protocol import ProtocolValues
from chairlog.clinical.states import SessionState
from chairlog.db.models import ChartEntry, InfusionSession, User
from chairlog.errors import LimitExceeded, StateError, ValidationError
from chairlog.services.charting import ChartResult, _result
from chairlog.services.context import (
    CHART_ROLES,
    Chairlog,
    charted_time,
    number_field,
    require_user,
    text_field,
)
from chairlog.services.domain import UserInfo
from chairlog.services.sessions import add_entry, session_for_write, transition

MAX_RATE_ENTRY = 10_000.0


def dose_events(s: Session, session_id: int) -> list[DoseEvent]:
    """The session's active dose events, in the order the arithmetic needs (time, then the
    order first charted; see ``DoseEvent.seq``)."""
    rows = s.execute(
        select(ChartEntry.id, ChartEntry.supersedes_id, ChartEntry.status, ChartEntry.charted_at,
               ChartEntry.dose_action, ChartEntry.rate_mg_per_h, ChartEntry.bolus_mg)
        .where(ChartEntry.session_id == session_id, ChartEntry.kind == "dose")
    ).all()
    parent = {r.id: r.supersedes_id for r in rows}

    def first_of_chain(entry_id: int) -> int:
        while parent.get(entry_id) is not None:
            entry_id = parent[entry_id]  # type: ignore[assignment]
        return entry_id

    events = [
        DoseEvent(r.charted_at, DoseAction(str(r.dose_action)), r.rate_mg_per_h, r.bolus_mg,
                  first_of_chain(r.id))
        for r in rows
        if r.status == "active"
    ]
    return sorted(events, key=lambda d: (d.at, d.seq))


def missing_before_start(s: Session, sess: InfusionSession) -> list[str]:
    """Required pre-infusion items not yet done (checklist, baseline vitals, baseline pain)."""
    proto = ProtocolValues.from_dict(sess.protocol_snapshot)
    rows = list(
        s.scalars(
            select(ChartEntry).where(
                ChartEntry.session_id == sess.id,
                ChartEntry.status == "active",
                ChartEntry.kind.in_(["checklist", "vitals", "assessment"]),
            )
        )
    )
    ticked = {e.item_key for e in rows if e.kind == "checklist"}
    missing = [c.label for c in proto.checklist if c.required and c.key not in ticked]
    if not any(e.kind == "vitals" and e.is_baseline for e in rows):
        missing.append("Baseline vitals")
    if not any(e.kind == "assessment" and e.scale == "pain_nrs" for e in rows):
        missing.append("Baseline pain score")
    return missing


def _rate(value: Any, unit: RateUnit | str, sess: InfusionSession) -> tuple[RateUnit, Any]:
    try:
        u = RateUnit(unit)
    except ValueError:
        raise ValidationError("unit", unit, "mg/kg/h, mg/h or mL/h", "rate unit") from None
    v = number_field("rate", value, low=0, high=MAX_RATE_ENTRY, unit=u.value, label="rate")
    proto = ProtocolValues.from_dict(sess.protocol_snapshot)
    return u, convert_rate(v, u, sess.weight_kg, proto.concentration_mg_per_ml)


def _check(
    sess: InfusionSession,
    events: list[DoseEvent],
    at: datetime,
    *,
    rate_mg_per_kg_h: float,
    extra_mg: float,
    override_reason: str,
) -> None:
    proto = ProtocolValues.from_dict(sess.protocol_snapshot)
    given = cumulative_mg(events, at) + extra_mg
    started = sess.infusion_started_at or at
    planned_end = started + timedelta(minutes=proto.planned_duration_min)
    remaining_h = max((planned_end - at).total_seconds(), 0) / 3600
    projected = given + rate_mg_per_kg_h * sess.weight_kg * remaining_h
    check = check_limits(
        rate_mg_per_kg_h=rate_mg_per_kg_h,
        max_rate_mg_per_kg_h=proto.max_rate_mg_per_kg_h,
        cumulative_mg_per_kg=projected / sess.weight_kg,
        max_total_mg_per_kg=proto.max_total_mg_per_kg,
    )
    if check.needs_override and not override_reason:
        field = "rate" if check.rate_over_max else "total"
        raise LimitExceeded(field, round(rate_mg_per_kg_h, 4), check.message)


def _dose(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    action: DoseAction,
    *,
    rate: Any = None,
    unit: RateUnit | str = RateUnit.MG_PER_KG_H,
    bolus_mg: Any = None,
    override_reason: str = "",
    note: str = "",
    charted_at: datetime | None = None,
    expected_version: int | None = None,
    skip_reason: str = "",
) -> ChartResult:
    override = text_field(
        "override_reason", override_reason, max_chars=1000, label="override reason"
    )
    text = text_field("note", note, max_chars=1000)
    skip = text_field("skip_reason", skip_reason, max_chars=1000, label="reason for skipping")
    with app.db.write() as s:
        user: User = require_user(s, actor, CHART_ROLES, "chart doses")
        sess = session_for_write(s, session_id, expected_version)
        state = SessionState(sess.state)
        when = charted_time(app, charted_at, earliest=sess.checked_in_at)
        events = dose_events(s, session_id)
        if events and when < events[-1].at:
            raise ValidationError(
                "charted_at",
                when.isoformat(timespec="minutes"),
                "a time after the previous dose event "
                f"({events[-1].at.isoformat(timespec='minutes')})",
                "time",
            )
        cols: dict[str, Any] = {
            "dose_action": action.value,
            "override_reason": override or None,
            "text": text or None,
        }
        rates = None
        if action in (DoseAction.START, DoseAction.RATE_CHANGE) or (
            action is DoseAction.RESUME and rate is not None
        ):
            u, rates = _rate(rate, unit, sess)
            cols |= {
                "rate_mg_per_kg_h": rates.mg_per_kg_h,
                "rate_mg_per_h": rates.mg_per_h,
                "rate_ml_per_h": rates.ml_per_h,
                "entered_unit": u.value,
            }
        if action is DoseAction.START:
            if state is not SessionState.PRE_INFUSION:
                raise StateError(
                    f"The infusion cannot start: the session is {state.label.lower()}."
                )
            missing = missing_before_start(s, sess)
            if missing and not skip:
                raise ValidationError(
                    "checklist",
                    f"{len(missing)} item(s) not done",
                    "every required item done, or a reason for skipping. "
                    f"Missing: {'; '.join(missing)}",
                    "pre-infusion",
                )
            if missing:
                cols["text"] = "; ".join(
                    filter(None, [text, f"Started without: {', '.join(missing)} — {skip}"])
                )
        elif action is DoseAction.RATE_CHANGE:
            if state not in (SessionState.INFUSING, SessionState.PAUSED):
                raise StateError("The rate can only change while the infusion runs or is paused.")
        elif action is DoseAction.PAUSE:
            if state is not SessionState.INFUSING:
                raise StateError("Only a running infusion can be paused.")
            if not text:
                raise ValidationError("note", text, "a reason for the pause", "pause reason")
        elif action is DoseAction.RESUME:
            if state is not SessionState.PAUSED:
                raise StateError("Only a paused infusion can be resumed.")
        elif action is DoseAction.STOP:
            if state not in (SessionState.INFUSING, SessionState.PAUSED):
                raise StateError("Only a running or paused infusion can be stopped.")
        elif action is DoseAction.BOLUS:
            if state not in (SessionState.PRE_INFUSION, SessionState.INFUSING, SessionState.PAUSED):
                raise StateError(f"No bolus while the session is {state.label.lower()}.")
            mg = number_field(
                "bolus_mg",
                bolus_mg,
                low=0,
                high=1000,
                allow_low=False,
                unit="mg",
                label="bolus (mg)",
            )
            cols["bolus_mg"] = mg
            proto = ProtocolValues.from_dict(sess.protocol_snapshot)
            cap = proto.max_bolus_mg_per_kg
            if cap is not None and mg / sess.weight_kg > cap + 1e-9 and not override:
                raise LimitExceeded(
                    "bolus_mg",
                    mg,
                    f"bolus {mg / sess.weight_kg:.3g} mg/kg is "
                    f"above the protocol maximum {cap:.3g} mg/kg",
                )
        if rates is not None or action is DoseAction.BOLUS:
            running = rates.mg_per_kg_h if rates is not None else 0.0
            if action is DoseAction.BOLUS and state is SessionState.INFUSING:
                from chairlog.clinical.dosing import current_rate_mg_per_h

                running = current_rate_mg_per_h(events, when) / sess.weight_kg
            _check(
                sess,
                events,
                when,
                rate_mg_per_kg_h=running,
                extra_mg=cols.get("bolus_mg") or 0.0,
                override_reason=override,
            )
        e = add_entry(app, s, user, sess, "dose", when, **cols)
        if action is DoseAction.START:
            transition(app, s, user, sess, SessionState.INFUSING)
            sess.infusion_started_at = when
        elif action is DoseAction.PAUSE:
            transition(app, s, user, sess, SessionState.PAUSED, text)
        elif action is DoseAction.RESUME:
            transition(app, s, user, sess, SessionState.INFUSING)
        elif action is DoseAction.STOP:
            transition(app, s, user, sess, SessionState.MONITORING, text or None)
            sess.infusion_stopped_at = when
        s.flush()
        result = _result(s, sess, e.id)
    app.notify("session", session_id)
    return result


def start_infusion(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    rate: Any,
    unit: RateUnit | str = RateUnit.MG_PER_KG_H,
    **kw: Any,
) -> ChartResult:
    """Start at a rate in ``unit``. Refused until the required pre-infusion items are done,
    unless ``skip_reason`` explains why."""
    return _dose(app, actor, session_id, DoseAction.START, rate=rate, unit=unit, **kw)


def change_rate(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    rate: Any,
    unit: RateUnit | str = RateUnit.MG_PER_KG_H,
    **kw: Any,
) -> ChartResult:
    return _dose(app, actor, session_id, DoseAction.RATE_CHANGE, rate=rate, unit=unit, **kw)


def pause_infusion(
    app: Chairlog, actor: UserInfo, session_id: int, reason: str, **kw: Any
) -> ChartResult:
    return _dose(app, actor, session_id, DoseAction.PAUSE, note=reason, **kw)


def resume_infusion(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    rate: Any = None,
    unit: RateUnit | str = RateUnit.MG_PER_KG_H,
    **kw: Any,
) -> ChartResult:
    """Resume at the rate before the pause, or at a new ``rate``."""
    return _dose(app, actor, session_id, DoseAction.RESUME, rate=rate, unit=unit, **kw)


def stop_infusion(
    app: Chairlog, actor: UserInfo, session_id: int, reason: str = "", **kw: Any
) -> ChartResult:
    """Stop the infusion; post-infusion monitoring begins. ``reason`` for an early stop."""
    return _dose(app, actor, session_id, DoseAction.STOP, note=reason, **kw)


def give_bolus(
    app: Chairlog, actor: UserInfo, session_id: int, bolus_mg: Any, **kw: Any
) -> ChartResult:
    return _dose(app, actor, session_id, DoseAction.BOLUS, bolus_mg=bolus_mg, **kw)
