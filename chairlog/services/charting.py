"""Charting at the chair: checklist, vitals, assessments, side effects, medications, notes,
alerts and discharge. Every call is one transaction with its audit row."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from chairlog.clinical.policy import DOSE_UNITS, ROUTES
from chairlog.clinical.scales import Scale, validate_score
from chairlog.clinical.states import SessionState
from chairlog.clinical.vitals import (
    Finding,
    Vitals,
    evaluate_vitals,
    moaas_finding,
    refuse_unknown_keys,
    validate_vitals,
)
from chairlog.db.models import Alert, ChartEntry, InfusionSession, User
from chairlog.domain import AlertView, UserInfo
from chairlog.domain.describe import ACTIONS, SEVERITIES, SIDE_EFFECTS
from chairlog.errors import NotFound, StateError, ValidationError
from chairlog.services.context import (
    CHART_ROLES,
    Chairlog,
    charted_time,
    choice_field,
    number_field,
    protocol_of,
    record,
    require_user,
    text_field,
    use_case,
)
from chairlog.services.results import ChartResult, _result
from chairlog.services.sessions import add_entry, session_for_write
from chairlog.services.views import load_view
from chairlog.words import words

PHASES = ("baseline", "during", "after", "discharge")
#: the smallest medication dose accepted (mg, mL, mcg…): anything smaller is a typing error
MIN_DOSE = 0.001


def _raise_alerts(
    app: Chairlog,
    s: Session,
    user: User,
    sess: InfusionSession,
    entry: ChartEntry,
    findings: Sequence[Finding],
) -> list[int]:
    ids = []
    for f in findings:
        a = Alert(
            session_id=sess.id,
            entry_id=entry.id,
            code=f.code,
            message=str(f.message),
            raised_at=app.now(),
        )
        s.add(a)
        s.flush()
        record(
            app,
            s,
            user,
            "alert.raise",
            "alert",
            a.id,
            session_id=sess.id,
            patient_id=sess.patient_id,
            after={"code": f.code, "message": str(f.message)},
        )
        ids.append(a.id)
    return ids


_BASELINE = (  # built once: it runs inside every vitals save's write transaction
    select(*(getattr(ChartEntry, f) for f in Vitals.__dataclass_fields__))
    .where(
        ChartEntry.session_id == bindparam("session_id"),
        ChartEntry.kind == "vitals",
        ChartEntry.status == "active",
        ChartEntry.is_baseline.is_(True),
    )
    .order_by(ChartEntry.charted_at)
    .limit(1)
)


def _baseline(s: Session, session_id: int) -> Vitals | None:
    row = s.execute(_BASELINE, {"session_id": session_id}).first()
    return None if row is None else Vitals(*row)


def vitals_columns(v: Vitals) -> dict[str, Any]:
    return {
        "hr": v.hr,
        "sbp": v.sbp,
        "dbp": v.dbp,
        "spo2": v.spo2,
        "rr": v.rr,
        "etco2": v.etco2,
        "temp_c": v.temp_c,
        "rhythm": v.rhythm,
    }


@use_case
def record_vitals(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    values: Mapping[str, Any],
    *,
    charted_at: datetime | None = None,
    baseline: bool | None = None,
    expected_version: int | None = None,
    source: str = "",
    within: Callable[[Session, User, ChartEntry], None] | None = None,
) -> ChartResult:
    """One vitals set. Implausible values are refused (ValidationError naming the field);
    values beyond the protocol's thresholds are saved and raise alerts to acknowledge.
    ``baseline`` defaults to True before the infusion starts. A key that is not a vital sign
    is refused, naming it.

    ``source`` says where the numbers came from when a person did not type them (a validated
    monitor set: "monitor <device>, control id <id>"); it is kept in the entry's text and shown
    on the timeline, the PDF and the audit row. ``within`` runs inside the same transaction
    after the entry is written (the monitor validation marks its pending set there, so the
    entry and the validation commit together or not at all)."""
    refuse_unknown_keys(values)
    v = validate_vitals(values)
    origin = text_field("source", source, max_chars=500)
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("chart vitals"))
        sess = session_for_write(s, session_id, expected_version, append=True)
        pre = SessionState(sess.state) in (SessionState.CHECKED_IN, SessionState.PRE_INFUSION)
        is_baseline = pre if baseline is None else bool(baseline)
        base = _baseline(s, sess.id)
        extra = {"text": origin} if origin else {}
        e = add_entry(
            app, s, user, sess, "vitals", charted_at, is_baseline=is_baseline,
            **vitals_columns(v), **extra,
        )
        proto = protocol_of(sess.protocol_snapshot)
        findings = evaluate_vitals(v, proto.thresholds, None if is_baseline else base, pre_dose=pre)
        ids = _raise_alerts(app, s, user, sess, e, findings)
        if within is not None:
            within(s, user, e)
        result = _result(s, sess, e.id, ids)
    app.notify("session", session_id)
    return result


@use_case
def record_assessment(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    scale: Scale | str,
    score: Any = None,
    *,
    items: Sequence[Any] | None = None,
    phase: str | None = None,
    note: str = "",
    charted_at: datetime | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    sc, total, item_scores = validate_score(scale, score, items)
    if phase is not None:
        choice_field("phase", phase, PHASES)
    text = text_field("note", note, max_chars=1000)
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("chart assessments"))
        sess = session_for_write(s, session_id, expected_version, append=True)
        if phase is None:
            st = SessionState(sess.state)
            phase = (
                "baseline"
                if st in (SessionState.CHECKED_IN, SessionState.PRE_INFUSION)
                else "during"
                if st in (SessionState.INFUSING, SessionState.PAUSED)
                else "after"
            )
        e = add_entry(
            app,
            s,
            user,
            sess,
            "assessment",
            charted_at,
            scale=sc.value,
            score=total,
            items_json=list(item_scores) if item_scores else None,
            phase=phase,
            text=text or None,
        )
        ids: list[int] = []
        proto = protocol_of(sess.protocol_snapshot)
        limit = proto.thresholds.moaas_min
        if sc is Scale.MOAAS and limit is not None and total < limit:
            ids = _raise_alerts(
                app,
                s,
                user,
                sess,
                e,
                [moaas_finding(total, limit)],
            )
        result = _result(s, sess, e.id, ids)
    app.notify("session", session_id)
    return result


@use_case
def complete_checklist_item(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    item_key: str,
    *,
    done: bool = True,
    skip_reason: str = "",
    charted_at: datetime | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    """Tick a pre-infusion checklist item, or skip it with a reason."""
    why = text_field(
        "skip_reason", skip_reason, required=not done, max_chars=500, label=words("reason for "
                                                                                  "skipping")
    )
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("complete the checklist"))
        sess = session_for_write(s, session_id, expected_version, append=True)
        proto = protocol_of(sess.protocol_snapshot)
        item = next((c for c in proto.checklist if c.key == item_key), None)
        if item is None:
            raise ValidationError(
                "item_key",
                item_key,
                words("one of {choices}", choices=", ".join(c.key for c in proto.checklist)),
                words("checklist item"),
            )
        e = add_entry(
            app,
            s,
            user,
            sess,
            "checklist",
            charted_at,
            item_key=item.key,
            label=item.label,
            done=bool(done),
            text=why or None,
        )
        result = _result(s, sess, e.id)
    app.notify("session", session_id)
    return result


@use_case
def record_side_effect(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    effect_type: str,
    severity: str,
    action_taken: str = "none",
    *,
    note: str = "",
    charted_at: datetime | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    choice_field("effect_type", effect_type, SIDE_EFFECTS, "side effect")
    choice_field("severity", severity, SEVERITIES)
    choice_field("action_taken", action_taken, ACTIONS, "action taken")
    text = text_field("note", note, max_chars=1000)
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("chart side effects"))
        sess = session_for_write(s, session_id, expected_version, append=True)
        e = add_entry(
            app,
            s,
            user,
            sess,
            "side_effect",
            charted_at,
            effect_type=effect_type,
            severity=severity,
            action_taken=action_taken,
            text=text or None,
        )
        result = _result(s, sess, e.id)
    app.notify("session", session_id)
    return result


@use_case
def resolve_side_effect(
    app: Chairlog,
    actor: UserInfo,
    entry_id: int,
    *,
    resolved_at: datetime | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("chart side effects"))
        e = s.get(ChartEntry, entry_id)
        if e is None or e.kind != "side_effect":
            raise NotFound(words("No side effect {entry_id}.", entry_id=entry_id))
        if e.status != "active" or e.resolved_at is not None:
            raise StateError(words("This side effect is already resolved or was corrected."))
        sess = session_for_write(s, e.session_id, expected_version)
        when = charted_time(app, resolved_at, earliest=e.charted_at, name="resolved_at")
        e.resolved_at = when
        e.resolved_by_id = user.id
        record(
            app,
            s,
            user,
            "entry.resolve",
            "entry",
            e.id,
            session_id=sess.id,
            patient_id=sess.patient_id,
            before={"resolved_at": None},
            after={"resolved_at": when},
        )
        result = _result(s, sess, e.id)
    app.notify("session", e.session_id)
    return result


@use_case
def record_medication(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    drug: str,
    dose_amount: Any,
    dose_unit: str,
    route: str,
    *,
    treats_entry_id: int | None = None,
    note: str = "",
    charted_at: datetime | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    """Another medication (e.g. a rescue medication), optionally linked to a side effect."""
    name = text_field("drug", drug, required=True, max_chars=80)
    amount = number_field(
        "dose_amount", dose_amount, low=MIN_DOSE, high=10_000, label=words("dose")
    )
    choice_field("dose_unit", dose_unit, DOSE_UNITS, "dose unit")
    choice_field("route", route, ROUTES)
    text = text_field("note", note, max_chars=1000)
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("chart medications"))
        sess = session_for_write(s, session_id, expected_version, append=True)
        if treats_entry_id is not None:
            target = s.get(ChartEntry, treats_entry_id)
            if target is None or target.session_id != session_id or target.kind != "side_effect":
                raise ValidationError(
                    "treats_entry_id", treats_entry_id, words("a side effect of this session"),
                    words("treats")
                )
        e = add_entry(
            app,
            s,
            user,
            sess,
            "medication",
            charted_at,
            drug=name,
            dose_amount=amount,
            dose_unit=dose_unit,
            route=route,
            treats_entry_id=treats_entry_id,
            text=text or None,
        )
        result = _result(s, sess, e.id)
    app.notify("session", session_id)
    return result


@use_case
def add_note(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    text: str,
    *,
    charted_at: datetime | None = None,
    expected_version: int | None = None,
) -> ChartResult:
    body = text_field("text", text, required=True, max_chars=4000, label=words("note"))
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("write notes"))
        sess = session_for_write(s, session_id, expected_version, append=True)
        e = add_entry(app, s, user, sess, "note", charted_at, text=body)
        result = _result(s, sess, e.id)
    app.notify("session", session_id)
    return result


@use_case
def acknowledge_alert(
    app: Chairlog,
    actor: UserInfo,
    alert_id: int,
    action_taken: str,
    expected_version: int | None = None,
    *,
    recheck_in_min: int | None = None,
) -> AlertView:
    """An alert stays on screen until someone acknowledges it, saying what was done.
    ``recheck_in_min`` (1–60 whole minutes): the nurse will repeat the vitals that soon; the
    session's vitals countdown then runs to that time if it is sooner than the interval's,
    until the next set is charted."""
    what = text_field(
        "action_taken", action_taken, required=True, max_chars=1000, label=words("what was done")
    )
    if recheck_in_min is not None and (
            isinstance(recheck_in_min, bool) or not isinstance(recheck_in_min, int)
            or not 1 <= recheck_in_min <= 60):
        raise ValidationError("recheck_in_min", recheck_in_min,
                              words("a whole number of minutes from 1 to 60, or none"),
                              words("repeat vitals in"))
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("acknowledge alerts"))
        a = s.get(Alert, alert_id)
        if a is None:
            raise NotFound(words("No alert {alert_id}.", alert_id=alert_id))
        if a.acknowledged_at is not None:
            raise StateError(words("This alert was already acknowledged."))
        if expected_version is not None and a.version != expected_version:
            from chairlog.errors import ConflictError

            raise ConflictError(words("This alert"))
        sess = session_for_write(s, a.session_id, None)
        a.acknowledged_at = app.now()
        a.acknowledged_by_id = user.id
        a.action_taken = what
        if recheck_in_min is not None:
            a.recheck_at = a.acknowledged_at + timedelta(minutes=recheck_in_min)
        record(
            app,
            s,
            user,
            "alert.acknowledge",
            "alert",
            a.id,
            session_id=a.session_id,
            patient_id=sess.patient_id,
            after={"action_taken": what} | ({"recheck_in_min": recheck_in_min}
                                             if recheck_in_min is not None else {}),
        )
        s.flush()
        view = next(x for x in load_view(s, sess).alerts if x.id == alert_id)
    app.notify("session", view.session_id)
    return view


# discharge lives in its own module; these names stay importable from here
from chairlog.services.discharge import DISCHARGE_CRITERIA, discharge  # noqa: E402

__all__ = [
    "DISCHARGE_CRITERIA", "ChartResult", "acknowledge_alert", "add_note",
    "complete_checklist_item", "discharge", "record_assessment", "record_medication",
    "record_side_effect", "record_vitals", "resolve_side_effect", "vitals_columns",
]
