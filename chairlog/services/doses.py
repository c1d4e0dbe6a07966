"""Dose events: infusion start, rate changes, pause, resume, stop, and boluses.

Rates can be entered in mg/kg/h, mg/h or mL/h; all three are stored. Every event is judged by
the one timeline rule (``services.dose_rules``): legal order inside the session, no drug while
paused or after the stop, the protocol's maximums (passed only with an override reason and a
second clinician's check, ``checked_by``) and its hard ceilings (never passed).

Decisions: a rate change while paused is refused (resume at the new rate instead); a resume
stores the rate it resumes at, so a later correction of an earlier rate does not silently
change what the resume gave; a dose event may be charted late, between earlier events, when
the whole timeline stays legal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.clinical.dosing import DoseAction, DoseEvent, RateUnit, convert_rate
from chairlog.clinical.states import SessionState
from chairlog.db.models import ChartEntry, InfusionSession, User
from chairlog.domain import Role, UserInfo
from chairlog.errors import CeilingExceeded, StateError, ValidationError
from chairlog.services.context import (
    CHART_ROLES,
    Chairlog,
    charted_time,
    number_field,
    protocol_of,
    require_user,
    text_field,
    use_case,
)
from chairlog.services.cosign import check_cosigner
from chairlog.services.dose_rules import (
    NEW_SEQ,
    enforce,
    record_ceiling_refusal,
    timeline,
    with_change,
)
from chairlog.services.results import ChartResult, _result
from chairlog.services.sessions import add_entry, session_for_write, transition
from chairlog.words import term, words

MAX_RATE_ENTRY = 10_000.0
CHECKERS = (Role.NURSE, Role.PHYSICIAN)


def missing_before_start(s: Session, sess: InfusionSession) -> list[str]:
    """Required pre-infusion items not yet done (checklist, baseline vitals, baseline pain)."""
    proto = protocol_of(sess.protocol_snapshot)
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
        raise ValidationError("unit", unit, words("mg/kg/h, mg/h or mL/h"),
                              words("rate unit")) from None
    v = number_field("rate", value, low=0, high=MAX_RATE_ENTRY, unit=u.value, label=words("rate"),
                     allow_low=False)
    proto = protocol_of(sess.protocol_snapshot)
    return u, convert_rate(v, u, sess.weight_kg, proto.concentration_mg_per_ml)


_STATES = {
    DoseAction.START: ((SessionState.PRE_INFUSION,), words("The infusion can only start before "
                                                           "it has begun (pre-infusion)")),
    DoseAction.RATE_CHANGE: ((SessionState.INFUSING,), words("The rate can only change while the "
                                                             "infusion runs (when paused, resume "
                                                             "at the new rate)")),
    DoseAction.PAUSE: ((SessionState.INFUSING,), words("Only a running infusion can be paused")),
    DoseAction.RESUME: ((SessionState.PAUSED,), words("Only a paused infusion can be resumed")),
    DoseAction.STOP: ((SessionState.INFUSING, SessionState.PAUSED),
                      words("Only a running or paused infusion can be stopped")),
    DoseAction.BOLUS: ((SessionState.PRE_INFUSION, SessionState.INFUSING, SessionState.PAUSED),
                       words("A bolus can only be given before or during the infusion")),
}


def _resumed_rate(s: Session, events: dict[int, DoseEvent], when: datetime) -> ChartEntry:
    """The rate-setting entry running before the pause that ``when`` resumes."""
    setting = [(ev, eid) for eid, ev in events.items()
               if ev.action in (DoseAction.START, DoseAction.RATE_CHANGE, DoseAction.RESUME)
               and ev.rate_mg_per_h is not None and ev.at <= when]
    if not setting:
        raise StateError(words("There is no rate to resume at: give the rate."))
    _, eid = max(setting, key=lambda p: (p[0].at, p[0].seq))
    e = s.get(ChartEntry, eid)
    assert e is not None
    return e


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
    checked_by: Any = None,
    note: str = "",
    charted_at: datetime | str | None = None,
    expected_version: int | None = None,
    skip_reason: str = "",
) -> ChartResult:
    override = text_field(
        "override_reason", override_reason, max_chars=1000, label=words("override reason")
    )
    text = text_field("note", note, max_chars=1000)
    skip = text_field("skip_reason", skip_reason, max_chars=1000, label=words("reason for "
                                                                              "skipping"))
    checker_id = check_cosigner(app, actor, checked_by, CHECKERS, words("the dose override"))
    try:
        with app.db.write() as s:
            user: User = require_user(s, actor, CHART_ROLES, words("chart doses"))
            sess = session_for_write(s, session_id, expected_version)
            state = SessionState(sess.state)
            allowed, refusal = _STATES[action]
            if state not in allowed:
                raise StateError(words("{refusal}; the session is {label}.",
                                       refusal=refusal, label=term(state.label.lower())))
            when = charted_time(app, charted_at, earliest=sess.checked_in_at)
            events = timeline(s, session_id)
            cols: dict[str, Any] = {"dose_action": action.value, "text": text or None,
                                    "override_reason": override or None}
            if action in (DoseAction.START, DoseAction.RATE_CHANGE) or (
                action is DoseAction.RESUME and rate is not None
            ):
                u, rates = _rate(rate, unit, sess)
                cols |= {"rate_mg_per_kg_h": rates.mg_per_kg_h, "rate_mg_per_h": rates.mg_per_h,
                         "rate_ml_per_h": rates.ml_per_h, "entered_unit": u.value}
            elif action is DoseAction.RESUME:
                was = _resumed_rate(s, events, when)
                cols |= {"rate_mg_per_kg_h": was.rate_mg_per_kg_h,
                         "rate_mg_per_h": was.rate_mg_per_h,
                         "rate_ml_per_h": was.rate_ml_per_h, "entered_unit": was.entered_unit}
            if action is DoseAction.START:
                missing = missing_before_start(s, sess)
                if missing and not skip:
                    raise ValidationError(
                        "checklist",
                        f"{len(missing)} item(s) not done",
                        words("every required item done, or a reason for skipping. Missing: "
                              "{missing}", missing="; ".join(missing)),
                        words("pre-infusion"),
                    )
                if missing:
                    cols["text"] = "; ".join(
                        filter(None, [text, f"Started without: {', '.join(missing)} — {skip}"])
                    )
            elif action is DoseAction.PAUSE and not text:
                raise ValidationError("note", text, words("a reason for the pause"),
                                      words("pause reason"))
            elif action is DoseAction.BOLUS:
                cols["bolus_mg"] = number_field(
                    "bolus_mg", bolus_mg, low=0, high=1000, allow_low=False, unit="mg",
                    label=words("bolus (mg)"),
                )
            new = DoseEvent(when, action, cols.get("rate_mg_per_h"), cols.get("bolus_mg"),
                            NEW_SEQ, bool(override))
            checker = enforce(app, s, sess, list(events.values()),
                              with_change(events, None, new), new,
                              override_reason=override, checker_id=checker_id)
            if checker is not None:
                cols["checked_by_id"] = checker.id
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
    except CeilingExceeded as err:
        record_ceiling_refusal(app, actor.id, session_id, err, action.value)
        raise
    app.notify("session", session_id)
    return result


@use_case
def start_infusion(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    rate: Any,
    unit: RateUnit | str = RateUnit.MG_PER_KG_H,
    *,
    override_reason: str = "",
    checked_by: Any = None,
    note: str = "",
    charted_at: datetime | str | None = None,
    expected_version: int | None = None,
    skip_reason: str = "",
) -> ChartResult:
    """Start at a rate in ``unit`` (greater than 0). Refused until the required pre-infusion
    items are done, unless ``skip_reason`` explains why."""
    return _dose(app, actor, session_id, DoseAction.START, rate=rate, unit=unit,
                 override_reason=override_reason, checked_by=checked_by, note=note,
                 charted_at=charted_at, expected_version=expected_version,
                 skip_reason=skip_reason)


@use_case
def change_rate(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    rate: Any,
    unit: RateUnit | str = RateUnit.MG_PER_KG_H,
    *,
    override_reason: str = "",
    checked_by: Any = None,
    note: str = "",
    charted_at: datetime | str | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    """A new rate for the running infusion (refused while paused: resume at the new rate)."""
    return _dose(app, actor, session_id, DoseAction.RATE_CHANGE, rate=rate, unit=unit,
                 override_reason=override_reason, checked_by=checked_by, note=note,
                 charted_at=charted_at, expected_version=expected_version)


@use_case
def pause_infusion(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    reason: str,
    *,
    charted_at: datetime | str | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    return _dose(app, actor, session_id, DoseAction.PAUSE, note=reason, charted_at=charted_at,
                 expected_version=expected_version)


@use_case
def resume_infusion(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    rate: Any = None,
    unit: RateUnit | str = RateUnit.MG_PER_KG_H,
    *,
    override_reason: str = "",
    checked_by: Any = None,
    note: str = "",
    charted_at: datetime | str | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    """Resume at the rate before the pause (stored on the resume), or at a new ``rate``."""
    return _dose(app, actor, session_id, DoseAction.RESUME, rate=rate, unit=unit,
                 override_reason=override_reason, checked_by=checked_by, note=note,
                 charted_at=charted_at, expected_version=expected_version)


@use_case
def stop_infusion(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    reason: str = "",
    *,
    charted_at: datetime | str | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    """Stop the infusion; post-infusion monitoring begins. ``reason`` for an early stop."""
    return _dose(app, actor, session_id, DoseAction.STOP, note=reason, charted_at=charted_at,
                 expected_version=expected_version)


@use_case
def give_bolus(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    bolus_mg: Any,
    *,
    override_reason: str = "",
    checked_by: Any = None,
    note: str = "",
    charted_at: datetime | str | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    return _dose(app, actor, session_id, DoseAction.BOLUS, bolus_mg=bolus_mg,
                 override_reason=override_reason, checked_by=checked_by, note=note,
                 charted_at=charted_at, expected_version=expected_version)
