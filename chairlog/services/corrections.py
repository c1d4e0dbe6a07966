"""Corrections: an entry is never erased or overwritten.

A correction is a new entry that supersedes the original (same kind, the corrected values);
the original keeps its values and is marked ``corrected``. "Entered in error" marks the
original only. Both need a reason and are attributed and audited; the PDF and the timeline
show the original struck through.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.clinical.dosing import DoseEvent, RateUnit, convert_rate
from chairlog.clinical.policy import DOSE_UNITS, ROUTES
from chairlog.clinical.protocol import ProtocolValues
from chairlog.clinical.scales import validate_score
from chairlog.clinical.vitals import validate_vitals
from chairlog.db.models import ChartEntry, InfusionSession
from chairlog.domain import UserInfo
from chairlog.domain.describe import ACTIONS, ENTRY_FIELDS, SEVERITIES, SIDE_EFFECTS, kind_word
from chairlog.errors import CeilingExceeded, NotFound, StateError, ValidationError
from chairlog.services.charting import MIN_DOSE, vitals_columns
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
from chairlog.services.cosign import check_cosigner
from chairlog.services.dose_rules import (
    enforce,
    record_ceiling_refusal,
    require_in_window,
    timeline,
    with_change,
)
from chairlog.services.doses import CHECKERS
from chairlog.services.results import ChartResult, _result
from chairlog.services.sessions import session_for_write
from chairlog.words import words

STATE_CHANGING_DOSES = ("start", "pause", "resume", "stop")


def _validated(
    kind: str, old: dict[str, Any], changes: dict[str, Any], weight_kg: float, proto: ProtocolValues
) -> dict[str, Any]:
    """Merge the changes into the old values and validate them like a new entry."""
    allowed = set(ENTRY_FIELDS[kind]) - {
        "resolved_at",
        "resolved_by_id",
        "is_baseline",
        "dose_action",
        "rate_mg_per_h",
        "rate_ml_per_h",
        "rate_mg_per_kg_h",
        "entered_unit",
        "item_key",
        "label",
        "criteria_json",
        "items_json",
        "treats_entry_id",
    }
    if kind == "dose":
        allowed |= {"rate", "unit"}
    if kind == "vitals":
        allowed -= {"text"}  # where a validated monitor set came from is not corrected
    if kind == "discharge":
        allowed -= {"override_reason"}  # an authorisation is the physician's, never corrected
    if kind == "assessment":
        allowed |= {"items"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            sorted(unknown)[0],
            changes[sorted(unknown)[0]],
            words("a correctable field: {choices}", choices=", ".join(sorted(allowed))),
        )
    new = dict(old) | {k: v for k, v in changes.items() if k in ENTRY_FIELDS[kind]}
    if kind == "vitals":
        new |= vitals_columns(validate_vitals(new))
    elif kind == "dose":
        if "unit" in changes and "rate" not in changes:
            raise ValidationError("unit", changes["unit"], words("a unit given with the "
                                                                 "corrected rate"))
        if "rate" in changes:
            if old["dose_action"] not in ("start", "rate_change", "resume"):
                raise ValidationError(
                    "rate", changes["rate"], words("a rate only on a start, rate change or resume")
                )
            try:
                unit = RateUnit(changes.get("unit", RateUnit.MG_PER_KG_H))
            except ValueError:
                raise ValidationError(
                    "unit", changes.get("unit"), words("mg/kg/h, mg/h or mL/h"), words("rate unit")
                ) from None
            value = number_field("rate", changes["rate"], low=0, high=10_000, label=words("rate"),
                                 allow_low=False)
            r = convert_rate(value, unit, weight_kg, proto.concentration_mg_per_ml)
            new |= {
                "rate_mg_per_kg_h": r.mg_per_kg_h,
                "rate_mg_per_h": r.mg_per_h,
                "rate_ml_per_h": r.ml_per_h,
                "entered_unit": unit.value,
            }
        if "bolus_mg" in changes:
            if old["dose_action"] != "bolus":
                raise ValidationError("bolus_mg", changes["bolus_mg"], words("only on a bolus"))
            new["bolus_mg"] = number_field(
                "bolus_mg",
                changes["bolus_mg"],
                low=0,
                high=1000,
                allow_low=False,
                unit="mg",
                label=words("bolus (mg)"),
            )
        for k in ("override_reason", "text"):
            if k in changes:
                new[k] = text_field(k, changes[k], max_chars=1000) or None
    elif kind == "medication":
        new["drug"] = text_field("drug", new["drug"], required=True, max_chars=80)
        new["dose_amount"] = number_field(
            "dose_amount", new["dose_amount"], low=MIN_DOSE, high=10_000, label=words("dose")
        )
        choice_field("dose_unit", new["dose_unit"], DOSE_UNITS, "dose unit")
        choice_field("route", new["route"], ROUTES)
        new["text"] = text_field("text", new.get("text"), max_chars=1000) or None
    elif kind == "side_effect":
        choice_field("effect_type", new["effect_type"], SIDE_EFFECTS, "side effect")
        choice_field("severity", new["severity"], SEVERITIES)
        choice_field("action_taken", new["action_taken"], ACTIONS, "action taken")
        new["text"] = text_field("text", new.get("text"), max_chars=1000) or None
    elif kind == "assessment":
        _, total, items = validate_score(
            new["scale"],
            changes.get("score", old["score"]) if "items" not in changes else None,
            changes.get("items"),
        )
        new["score"] = total
        new["items_json"] = list(items) if items else old.get("items_json")
        new.pop("items", None)
        new["text"] = text_field("text", new.get("text"), max_chars=1000) or None
    elif kind == "note":
        new["text"] = text_field("text", new["text"], required=True, max_chars=4000,
                                 label=words("note"))
    elif kind == "checklist":
        new["done"] = bool(new["done"])
        new["text"] = (
            text_field("text", new.get("text"), required=not new["done"], max_chars=500) or None
        )
    elif kind == "discharge":
        new["escort_name"] = text_field(
            "escort_name", new["escort_name"], required=True, max_chars=120, label=words("escort "
                                                                                         "name")
        )
        new["text"] = text_field("text", new.get("text"), max_chars=2000) or None
    new.pop("rate", None)
    new.pop("unit", None)
    return new


def correct_entry(
    app: Chairlog,
    actor: UserInfo,
    entry_id: int,
    reason: str,
    *,
    charted_at: datetime | str | None = None,
    expected_version: int | None = None,
    checked_by: Any = None,
    **changes: Any,
) -> ChartResult:
    """Supersede an entry with corrected values. The original stays, marked corrected.

    A dose event's correction (time, rate, unit, bolus) is judged by the same timeline rule
    as live charting, against the whole timeline it would leave; above a protocol maximum it
    needs ``override_reason`` among the changes and a second clinician's ``checked_by``
    (unless the corrected value is no higher than an original that was already overridden).
    A corrected time stays inside the session (check-in to its end)."""
    why = text_field("reason", reason, required=True, max_chars=1000, label=words("reason"))
    checker_id = check_cosigner(app, actor, checked_by, CHECKERS, words("the dose override"))
    try:
        return _correct(app, actor, entry_id, why, charted_at, expected_version, checker_id,
                        changes)
    except CeilingExceeded as err:
        with app.db.read() as s:
            e = s.get(ChartEntry, entry_id)
            sid = e.session_id if e is not None else None
        if sid is not None:
            record_ceiling_refusal(app, actor.id, sid, err, "correction")
        raise


def _correct(
    app: Chairlog,
    actor: UserInfo,
    entry_id: int,
    why: str,
    charted_at: datetime | str | None,
    expected_version: int | None,
    checker_id: int | None,
    changes: dict[str, Any],
) -> ChartResult:
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("correct entries"))
        old = s.get(ChartEntry, entry_id)
        if old is None:
            raise NotFound(words("No entry {entry_id}.", entry_id=entry_id))
        sess = session_for_write(s, old.session_id, None)
        if expected_version is not None and old.version != expected_version:
            from chairlog.errors import ConflictError

            raise ConflictError(words("This entry"))
        if old.status != "active":
            raise StateError(words("This entry was already corrected or marked entered in error."))
        if not changes and charted_at is None:
            raise ValidationError("changes", {}, words("at least one corrected value"))
        proto = protocol_of(sess.protocol_snapshot)
        old_values = {f: getattr(old, f) for f in ENTRY_FIELDS[old.kind]}
        new_values = _validated(old.kind, old_values, dict(changes), sess.weight_kg, proto)
        when = (
            charted_time(app, charted_at, earliest=sess.checked_in_at)
            if charted_at is not None
            else old.charted_at
        )
        checker_user = None
        if old.kind == "dose":
            events = timeline(s, sess.id)
            previous = events[old.id]
            changed = DoseEvent(when, previous.action, new_values.get("rate_mg_per_h"),
                                new_values.get("bolus_mg"), previous.seq,
                                bool(new_values.get("override_reason")))
            checker_user = enforce(
                app, s, sess, list(events.values()), with_change(events, old.id, changed),
                changed, previous=previous,
                override_reason=str(changes.get("override_reason") or ""),
                checker_id=checker_id)
        elif old.kind == "discharge":
            _check_discharge_time(app, s, sess, old, when)
        elif old.kind != "note" and when != old.charted_at:
            require_in_window(app, sess, when, kind_word(old.kind))
        new = ChartEntry(
            session_id=sess.id,
            kind=old.kind,
            charted_at=when,
            recorded_at=app.now(),
            user_id=user.id,
            record_version=sess.record_version,
            status="active",
            supersedes_id=old.id,
            item_key=old.item_key,
            label=old.label,
            is_baseline=old.is_baseline,
            dose_action=old.dose_action,
            criteria_json=old.criteria_json,
            items_json=new_values.get("items_json", old.items_json),
            treats_entry_id=old.treats_entry_id,
            resolved_at=old.resolved_at,
            resolved_by_id=old.resolved_by_id,
            checked_by_id=checker_user.id if checker_user is not None else old.checked_by_id,
            **{
                k: v
                for k, v in new_values.items()
                if k
                not in (
                    "dose_action",
                    "item_key",
                    "label",
                    "is_baseline",
                    "resolved_at",
                    "resolved_by_id",
                    "treats_entry_id",
                    "criteria_json",
                    "items_json",
                )
            },
        )
        s.add(new)
        old.status = "corrected"
        old.invalidated_at = app.now()
        old.invalidated_by_id = user.id
        old.invalidation_reason = why
        s.flush()
        if old.kind == "dose" and old.dose_action == "start":
            sess.infusion_started_at = when
        if old.kind == "dose" and old.dose_action == "stop":
            sess.infusion_stopped_at = when
        if old.kind == "discharge":
            sess.discharged_at = when
        record(
            app,
            s,
            user,
            "entry.correct",
            "entry",
            old.id,
            session_id=sess.id,
            patient_id=sess.patient_id,
            reason=why,
            before={"charted_at": old.charted_at, **old_values},
            after={"charted_at": when, "superseded_by": new.id, **new_values,
                   **({"checked_by": checker_user.username} if checker_user else {})},
        )
        result = _result(s, sess, new.id)
    app.notify("session", result.session.id)
    return result


def _check_discharge_time(
    app: Chairlog, s: Session, sess: InfusionSession, old: ChartEntry, when: datetime
) -> None:
    """A discharge moved in time still follows every entry, and still meets the protocol's
    minimum monitoring unless a physician authorised it."""
    last = s.scalar(
        select(ChartEntry.charted_at)
        .where(ChartEntry.session_id == sess.id, ChartEntry.status == "active",
               ChartEntry.kind.not_in(["note", "discharge"]))
        .order_by(ChartEntry.charted_at.desc()).limit(1))
    if last is not None and when < last:
        raise ValidationError("charted_at", when.isoformat(timespec="minutes"),
                              words("a discharge time after the last entry ({last})",
                                    last=last.isoformat(timespec='minutes')), words("time"))
    proto = protocol_of(sess.protocol_snapshot)
    stopped = sess.infusion_stopped_at
    if stopped is not None and old.checked_by_id is None:
        minimum = stopped + timedelta(minutes=proto.min_monitoring_min)
        if when < minimum:
            raise ValidationError(
                "charted_at", when.isoformat(timespec="minutes"),
                words("a discharge time at or after {minimum} (the protocol's minimum monitoring "
                      "after the stop); this discharge was not authorised early by a physician",
                      minimum=minimum.isoformat(timespec='minutes')), words("time"))


@use_case
def mark_entered_in_error(
    app: Chairlog,
    actor: UserInfo,
    entry_id: int,
    reason: str,
    *,
    expected_version: int | None = None,
) -> ChartResult:
    """The entry should never have been charted (wrong patient, duplicate…). It stays visible,
    struck through, with the reason."""
    why = text_field("reason", reason, required=True, max_chars=1000, label=words("reason"))
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("correct entries"))
        e = s.get(ChartEntry, entry_id)
        if e is None:
            raise NotFound(words("No entry {entry_id}.", entry_id=entry_id))
        sess = session_for_write(s, e.session_id, None)
        if expected_version is not None and e.version != expected_version:
            from chairlog.errors import ConflictError

            raise ConflictError(words("This entry"))
        if e.status != "active":
            raise StateError(words("This entry was already corrected or marked entered in error."))
        if (e.kind == "dose" and e.dose_action in STATE_CHANGING_DOSES) or e.kind == "discharge":
            raise StateError(
                words("This entry changed the session's state: correct its time or rate instead, "
                      "or chart the opposite action (e.g. resume after a pause).")
            )
        if e.kind == "dose":
            events = timeline(s, sess.id)
            enforce(app, s, sess, list(events.values()), with_change(events, e.id, None), None)
        e.status = "entered_in_error"
        e.invalidated_at = app.now()
        e.invalidated_by_id = user.id
        e.invalidation_reason = why
        record(
            app,
            s,
            user,
            "entry.entered_in_error",
            "entry",
            e.id,
            session_id=sess.id,
            patient_id=sess.patient_id,
            reason=why,
            before={"status": "active"},
            after={"status": "entered_in_error"},
        )
        s.flush()
        result = _result(s, sess, e.id)
    app.notify("session", result.session.id)
    return result
