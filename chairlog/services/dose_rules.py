"""The one timeline rule at work: live dose charting, corrections and entries marked in error
all end here, judged against the whole timeline they would leave (``clinical.timeline``).

Also the session's time window (entries lie between check-in and the session's end) and the
record of hard-ceiling refusals (an audit row of its own, written after the refused change was
rolled back, so the physician sees the attempt among the deviations).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.clinical.dosing import DoseAction, DoseEvent
from chairlog.clinical.timeline import Breach, DoseLimits, check_order, judge
from chairlog.db.models import ChartEntry, InfusionSession, User
from chairlog.errors import CeilingExceeded, LimitExceeded, ValidationError
from chairlog.present.numbers import fmt
from chairlog.services.context import FUTURE_TOLERANCE, Chairlog, protocol_of, record
from chairlog.services.cosign import still_active
from chairlog.words import Words, term, words

#: a new event's place among events charted for the same instant: after all of them
NEW_SEQ = 2**62


def timeline(s: Session, session_id: int) -> dict[int, DoseEvent]:
    """The session's active dose events by entry id; each event's ``seq`` is the id of the
    first entry of its correction chain, so a corrected event keeps its place."""
    rows = s.execute(
        select(ChartEntry.id, ChartEntry.supersedes_id, ChartEntry.status, ChartEntry.charted_at,
               ChartEntry.dose_action, ChartEntry.rate_mg_per_h, ChartEntry.bolus_mg,
               ChartEntry.override_reason)
        .where(ChartEntry.session_id == session_id, ChartEntry.kind == "dose")
    ).all()
    parent = {r.id: r.supersedes_id for r in rows}

    def first_of_chain(entry_id: int) -> int:
        while parent.get(entry_id) is not None:
            entry_id = parent[entry_id]  # type: ignore[assignment]
        return entry_id

    return {
        r.id: DoseEvent(r.charted_at, DoseAction(str(r.dose_action)), r.rate_mg_per_h,
                        r.bolus_mg, first_of_chain(r.id), bool(r.override_reason))
        for r in rows
        if r.status == "active"
    }


def session_end(sess: InfusionSession) -> datetime | None:
    """When the session ended (discharge or early stop); None while it runs."""
    return sess.discharged_at or sess.stopped_early_at


def window(app: Chairlog, sess: InfusionSession) -> tuple[datetime, datetime]:
    """The times an entry of this session may carry: from check-in to the session's end (or
    now, give or take the clock-skew tolerance, while it runs)."""
    end = session_end(sess)
    return sess.checked_in_at, end if end is not None else app.now() + FUTURE_TOLERANCE


def require_in_window(app: Chairlog, sess: InfusionSession, at: datetime, what: str) -> None:
    earliest, latest = window(app, sess)
    if at < earliest or at > latest:
        end = session_end(sess)
        until = (words("the end of the session ({end})",
                       end=latest.isoformat(timespec="minutes"))
                 if end is not None else words("now"))
        raise ValidationError(
            "charted_at", at.isoformat(timespec="minutes"),
            words("a time for the {what} between check-in ({earliest}) and {until}",
                  what=term(what), earliest=earliest.isoformat(timespec='minutes'), until=until),
            words("time"),
        )


def describe(b: Breach, weight_kg: float) -> tuple[Words, Words]:
    """What a breach says (the message) and what would be allowed."""
    w = weight_kg
    word = words("hard ceiling") if b.hard else words("protocol maximum")
    if b.field == "rate":
        allowed = words("at most {limit} mg/kg/h ({limit_mg_h} mg/h)", limit=fmt(b.limit),
                        limit_mg_h=fmt(b.limit * w))
        return words("rate {value} mg/kg/h ({value_mg_h} mg/h) is above the {word} {limit} "
                     "mg/kg/h; allowed: {allowed}", value=fmt(b.value),
                     value_mg_h=fmt(b.value * w), word=word, limit=fmt(b.limit),
                     allowed=allowed), allowed
    if b.field == "bolus_mg":
        allowed = words("a bolus of at most {limit} mg ({limit_mg_kg} mg/kg)",
                        limit=fmt(b.limit), limit_mg_kg=fmt(b.limit / w))
        return words("bolus {value} mg ({value_mg_kg} mg/kg) is above the {word} {limit} mg "
                     "({limit_mg_kg} mg/kg); allowed: {allowed}", value=fmt(b.value),
                     value_mg_kg=fmt(b.value / w), word=word, limit=fmt(b.limit),
                     limit_mg_kg=fmt(b.limit / w), allowed=allowed), allowed
    which = words("given") if b.which == "given" else words("projected to the planned end")
    allowed = words("this change may add at most {room} mg", room=fmt(b.room))
    return words("total {which} {value} mg ({value_mg_kg} mg/kg) would be above the {word} "
                 "{limit} mg ({limit_mg_kg} mg/kg); {allowed}", which=which,
                 value=fmt(b.value), value_mg_kg=fmt(b.value / w), word=word,
                 limit=fmt(b.limit), limit_mg_kg=fmt(b.limit / w), allowed=allowed), allowed


def enforce(
    app: Chairlog,
    s: Session,
    sess: InfusionSession,
    before: Sequence[DoseEvent],
    after: Sequence[DoseEvent],
    changed: DoseEvent | None,
    *,
    previous: DoseEvent | None = None,
    override_reason: str = "",
    checker_id: int | None = None,
) -> User | None:
    """Judge a change: legal order inside the session's window, then the limits. Returns the
    second clinician who checked an override (None when none was needed)."""
    earliest, latest = window(app, sess)
    check_order(after, earliest=earliest, latest=latest)
    proto = protocol_of(sess.protocol_snapshot)
    breaches = judge(before, after, changed, limits=DoseLimits.of(proto),
                     weight_kg=sess.weight_kg, horizon=app.now(),
                     planned_duration_min=proto.planned_duration_min, previous=previous)
    if not breaches:
        return None
    first = breaches[0]
    message, allowed = describe(first, sess.weight_kg)
    value = round(first.value, 4)
    if first.hard:
        raise CeilingExceeded(first.field, value, message, limit=first.limit, allowed=allowed)
    if not override_reason:
        raise LimitExceeded(first.field, value, message, limit=first.limit, allowed=allowed)
    if checker_id is None:
        raise ValidationError(
            "checked_by", None,
            words("a second nurse's or a physician's own username and password: {message}",
                  message=message),
            words("second clinician's check"),
        )
    return still_active(s, checker_id)


def with_change(events: dict[int, DoseEvent], entry_id: int | None,
                new: DoseEvent | None) -> list[DoseEvent]:
    """The timeline with the event of ``entry_id`` replaced by ``new`` (removed for None), or
    ``new`` added when ``entry_id`` is None."""
    out = [ev for eid, ev in events.items() if eid != entry_id]
    if new is not None:
        out.append(new)
    return out


def record_ceiling_refusal(app: Chairlog, actor_id: int, session_id: int,
                           err: CeilingExceeded, action: str) -> None:
    """The refused change wrote nothing; the attempt itself is kept in the audit trail (in a
    transaction of its own) so that the record's deviations list shows it."""
    from chairlog.errors import ChairlogError

    try:
        with app.db.write() as s:
            user = s.get(User, actor_id)
            sess = s.get(InfusionSession, session_id)
            if user is None or sess is None:
                return
            record(app, s, user, "dose.ceiling_refused", "session", session_id,
                   session_id=session_id, patient_id=sess.patient_id,
                   after={"action": action, "field": err.field, "value": err.value,
                          "limit": err.limit, "message": err.message})
    except ChairlogError:
        return  # the refusal stands whether or not its note could be written
