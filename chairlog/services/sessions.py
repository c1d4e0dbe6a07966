"""Session lifecycle: check-in, state changes, discharge; shared helpers for charting."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from chairlog.clinical.protocol import ProtocolValues
from chairlog.clinical.states import (
    ACTIVE_STATES,
    SessionState,
    require_chartable,
    require_transition,
)
from chairlog.db.models import (
    Chair,
    ChartEntry,
    InfusionSession,
    Patient,
    Protocol,
    StateTransition,
    User,
)
from chairlog.domain import SessionView, UserInfo
from chairlog.domain.describe import kind_word
from chairlog.errors import ConflictError, NotFound, ValidationError
from chairlog.services.context import (
    CHART_ROLES,
    Chairlog,
    charted_time,
    number_field,
    record,
    require_user,
    text_field,
    use_case,
)
from chairlog.services.dose_rules import require_in_window
from chairlog.services.views import load_view
from chairlog.words import words

ACTIVE = [s.value for s in ACTIVE_STATES]


def session_for_write(
    s: Session, session_id: int, expected_version: int | None, *, chartable: bool = True,
    append: bool = False,
) -> InfusionSession:
    """Load a session to change it, its row locked until the commit (``SELECT … FOR UPDATE``
    on PostgreSQL; SQLite's write transactions are serialised already), so what is checked
    here is what is committed.

    Decisions, per kind of call:
    - A state change (dosing, stop, discharge, weight, sign-off, corrections): a stale
      ``expected_version`` (another workstation changed the session since this one showed
      it) is refused with a ConflictError, and the write bumps the version. Without one the
      change is judged against the session as committed — its state machine and the dose
      rules re-checked under the lock — and otherwise the last writer wins (documented on
      each call).
    - An append (``append=True``: vitals, scores, notes, side effects, rescue medications,
      checklist ticks) overwrites nothing, so it never conflicts: ``expected_version`` is
      not compared and the version is not bumped. Two vitals sets at the same instant from two
      workstations are both kept. The lock still orders it against a concurrent stop or
      discharge, which it then meets as the session's state."""
    sess = s.get(InfusionSession, session_id, with_for_update=True, populate_existing=True)
    if sess is None:
        raise NotFound(words("No session {session_id}.", session_id=session_id))
    if not append and expected_version is not None and sess.version != expected_version:
        raise ConflictError(words("This session"))
    if chartable:
        require_chartable(SessionState(sess.state))
    if not append:
        flag_modified(sess, "weight_kg")  # forces UPDATE … WHERE version = ?: optimistic lock
    return sess


def latest_entry_at(s: Session, session_id: int) -> datetime | None:
    """The charted time of the session's newest active entry other than a note."""
    return s.scalar(
        select(ChartEntry.charted_at)
        .where(ChartEntry.session_id == session_id, ChartEntry.status == "active",
               ChartEntry.kind != "note")
        .order_by(ChartEntry.charted_at.desc())
        .limit(1)
    )


def snapshot(sess: InfusionSession) -> dict[str, Any]:
    return {"state": sess.state, "version": sess.version, "record_version": sess.record_version}


def transition(
    app: Chairlog,
    s: Session,
    user: User,
    sess: InfusionSession,
    target: SessionState,
    reason: str | None = None,
) -> None:
    current = SessionState(sess.state)
    require_transition(current, target)
    now = app.now()
    sess.state = target.value
    s.add(
        StateTransition(
            session_id=sess.id,
            from_state=current.value,
            to_state=target.value,
            at=now,
            user_id=user.id,
            reason=reason,
        )
    )
    record(
        app,
        s,
        user,
        "session.state",
        "session",
        sess.id,
        session_id=sess.id,
        patient_id=sess.patient_id,
        before={"state": current.value},
        after={"state": target.value},
        reason=reason,
    )


def add_entry(
    app: Chairlog,
    s: Session,
    user: User,
    sess: InfusionSession,
    kind: str,
    charted_at: Any,
    audit_action: str | None = None,
    **values: Any,
) -> ChartEntry:
    """Insert one chart entry and its audit row. The charted time lies between check-in and
    the session's end (discharge or early stop); only a note may be written later (an
    addendum's words are dated when they are written)."""
    when = charted_time(app, charted_at, earliest=sess.checked_in_at)
    if kind != "note":
        require_in_window(app, sess, when, kind_word(kind))
    e = ChartEntry(
        session_id=sess.id,
        kind=kind,
        charted_at=when,
        recorded_at=app.now(),
        user_id=user.id,
        record_version=sess.record_version,
        status="active",
        **values,
    )
    s.add(e)
    s.flush()
    record(
        app,
        s,
        user,
        audit_action or f"entry.create.{kind}",
        "entry",
        e.id,
        session_id=sess.id,
        patient_id=sess.patient_id,
        after={"kind": kind, "charted_at": when, **values},
    )
    return e


#: how far back a session imported from paper may begin
IMPORT_MAX_AGE = timedelta(days=366)


@use_case
def _refuse_busy(s: Session, *, chair_id: int, patient_id: int) -> None:
    """One running session per chair and per patient: "Chair 3 is in use (session 41, started
    14:05)"."""
    from zoneinfo import ZoneInfo

    from chairlog.present.times import local_time
    from chairlog.services.context import clinic_row

    tz = ZoneInfo(clinic_row(s).timezone)
    for column, value in ((InfusionSession.chair_id, chair_id),
                          (InfusionSession.patient_id, patient_id)):
        row = s.execute(
            select(InfusionSession.id, InfusionSession.checked_in_at, Chair.name, Patient.mrn)
            .join(Chair, Chair.id == InfusionSession.chair_id)
            .join(Patient, Patient.id == InfusionSession.patient_id)
            .where(column == value, InfusionSession.state.in_(ACTIVE))).first()
        if row is None:
            continue
        since = local_time(row.checked_in_at, tz, with_date=True)
        if column is InfusionSession.chair_id:
            raise ValidationError("chair_id", row.name,
                                  words("a free chair: {name} is in use (session {id}, started "
                                        "{since})", name=row.name, id=row.id, since=since),
                                  words("chair"))
        raise ValidationError("patient_id", row.mrn,
                              words("a patient not in the chair already: in session {id} on "
                                    "{name} since {since}",
                                    id=row.id, name=row.name, since=since), words("patient"))


@use_case
def start_session(
    app: Chairlog,
    actor: UserInfo,
    *,
    patient_id: int,
    chair_id: int,
    protocol_id: int,
    weight_kg: float,
    checked_in_at: datetime | str | None = None,
    imported_from_paper: bool = False,
) -> SessionView:
    """Check a patient in to a chair under a protocol, with today's weight. Starts pre-infusion.

    One running session per chair and per patient: a second one is refused (also across
    workstations, by a unique index).

    Importing a paper record: ``imported_from_paper=True`` with ``checked_in_at`` the time on
    the paper (up to a year back); every entry of the session may then be charted at its past
    time (``charted_at``), and the screen and the record say "imported from paper". When each
    entry was typed (``recorded_at``) stays the real time. Without the flag, check-in is now."""
    w = number_field("weight_kg", weight_kg, low=2, high=400, unit="kg", label=words("weight (kg)"))
    if not isinstance(imported_from_paper, bool):
        raise ValidationError("imported_from_paper", imported_from_paper, words("true or false"))
    if checked_in_at is not None and not imported_from_paper:
        raise ValidationError("checked_in_at", checked_in_at,
                              words("no check-in time (it is now), unless imported from paper"))
    try:
        with app.db.write() as s:
            user = require_user(s, actor, CHART_ROLES, words("start sessions"))
            patient = s.get(Patient, patient_id)
            chair = s.get(Chair, chair_id)
            proto = s.get(Protocol, protocol_id)
            if patient is None:
                raise ValidationError("patient_id", patient_id, words("a registered patient"),
                                      words("patient"))
            if chair is None or not chair.active:
                raise ValidationError("chair_id", chair_id, words("an active chair"),
                                      words("chair"))
            if proto is None or not proto.active:
                raise ValidationError("protocol_id", protocol_id, words("an active protocol"),
                                      words("protocol"))
            _refuse_busy(s, chair_id=chair_id, patient_id=patient_id)
            values = ProtocolValues.from_dict(proto.values_json)
            now = app.now()
            if imported_from_paper:
                now = charted_time(app, checked_in_at, name="checked_in_at")
                if now < app.now() - IMPORT_MAX_AGE:
                    raise ValidationError("checked_in_at", now.isoformat(timespec="minutes"),
                                          words("a time within the last year"),
                                          words("check-in time"))
            sess = InfusionSession(
                patient_id=patient_id,
                chair_id=chair_id,
                protocol_id=proto.id,
                protocol_snapshot=values.to_dict(),
                weight_kg=w,
                nurse_id=user.id,
                state=SessionState.CHECKED_IN.value,
                checked_in_at=now,
                imported_from_paper=imported_from_paper,
            )
            s.add(sess)
            s.flush()
            s.add(
                StateTransition(
                    session_id=sess.id,
                    from_state=None,
                    to_state="checked_in",
                    at=now,
                    user_id=user.id,
                )
            )
            record(
                app,
                s,
                user,
                "session.create",
                "session",
                sess.id,
                session_id=sess.id,
                patient_id=patient_id,
                after={
                    "patient_id": patient_id,
                    "chair": chair.name,
                    "protocol": proto.name,
                    "protocol_version": proto.version,
                    "weight_kg": w,
                    "checked_in_at": now,
                    "imported_from_paper": imported_from_paper,
                },
            )
            transition(app, s, user, sess, SessionState.PRE_INFUSION)
            sess.pre_infusion_at = now
            s.flush()
            view = load_view(s, sess)
    except IntegrityError:
        # another workstation checked someone in to this chair (or this patient) meanwhile:
        # say who, as the check above would have
        with app.db.read() as s:
            _refuse_busy(s, chair_id=chair_id, patient_id=patient_id)
        raise ConflictError(words("This chair or patient")) from None
    app.notify("session", view.id)
    return view


@use_case
def stop_early(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    reason: str,
    expected_version: int | None = None,
    charted_at: datetime | str | None = None,
) -> SessionView:
    """End a session before the infusion began (e.g. contraindication found). Needs a reason.
    ``charted_at``: when it ended, if earlier than now; no entry may lie after it."""
    why = text_field("reason", reason, required=True, max_chars=1000)
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("end sessions"))
        sess = session_for_write(s, session_id, expected_version)
        when = charted_time(app, charted_at, earliest=sess.checked_in_at)
        last = latest_entry_at(s, sess.id)
        if last is not None and when < last:
            raise ValidationError(
                "charted_at", when.isoformat(timespec="minutes"),
                words("a time after the last entry ({last})",
                      last=last.isoformat(timespec='minutes')), words("time"))
        transition(app, s, user, sess, SessionState.STOPPED_EARLY, why)
        sess.stopped_early_at = when
        sess.stopped_early_reason = why
        s.flush()
        view = load_view(s, sess)
    app.notify("session", session_id)
    return view


@use_case
def change_weight(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    weight_kg: float,
    reason: str,
    expected_version: int | None = None,
) -> SessionView:
    """Correct the session weight before any dose was given (doses depend on it)."""
    w = number_field("weight_kg", weight_kg, low=2, high=400, unit="kg", label=words("weight (kg)"))
    why = text_field("reason", reason, required=True, max_chars=500)
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("change the weight"))
        sess = session_for_write(s, session_id, expected_version)
        if (
            s.scalar(
                select(ChartEntry.id).where(
                    ChartEntry.session_id == session_id, ChartEntry.kind == "dose"
                )
            )
            is not None
        ):
            raise ValidationError(
                "weight_kg",
                w,
                words("a change before the first dose only (doses were calculated with the "
                      "recorded weight)"),
                words("weight"),
            )
        before = sess.weight_kg
        sess.weight_kg = w
        record(
            app,
            s,
            user,
            "session.weight",
            "session",
            sess.id,
            session_id=sess.id,
            patient_id=sess.patient_id,
            before={"weight_kg": before},
            after={"weight_kg": w},
            reason=why,
        )
        s.flush()
        view = load_view(s, sess)
    app.notify("session", session_id)
    return view
