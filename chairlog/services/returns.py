"""A record returned to the nurse: the physician's "not yet — please correct or add" (issue 13).

Decisions:
- Only a physician returns a record, and only one awaiting signature (discharged, stopped
  early, or an addendum open); always with a reason. The return is a row of its own
  (``record_returns``), not a session state: the record stays in the state it was in, which
  already lets the nurse correct and add (``CHARTABLE_STATES``), so the state machine, the
  clocks and every check that reads the state stay as they were.
- While a return is open the record leaves the sign queue and signing it is refused
  ("Returned by Dr X: reason"); the board and the session page say the same words
  (``ReturnNote.text``). The nurse (or a physician) marks it ready again, optionally with a
  note; it is back in the queue. Both steps are one audited transaction each
  (``record.return`` and ``record.return.ready``) and bump the session's version, so every
  workstation showing it reloads.
- Returns are never deleted: the closed ones stay as the record's history of review.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.clinical.states import SIGNABLE_STATES, SessionState
from chairlog.db.models import Chair, InfusionSession, Patient, RecordReturn, User
from chairlog.domain import ReturnNote, Role, SessionView, UserInfo
from chairlog.errors import StateError
from chairlog.services.context import (
    CHART_ROLES,
    Chairlog,
    record,
    require_user,
    text_field,
    use_case,
)
from chairlog.services.sessions import session_for_write, snapshot
from chairlog.services.views import load_view
from chairlog.words import term, words

__all__ = ["ReturnedRecord", "mark_ready", "open_returns", "return_to_nurse"]


@dataclass(frozen=True)
class ReturnedRecord:
    """An open return as the board shows it: on the tile of the chair the session was in."""

    note: ReturnNote
    patient_name: str
    chair_id: int
    chair_name: str


def _name(u: User | None) -> str:
    if u is None:
        return "?"
    return f"{u.full_name}, {u.credentials}" if u.credentials else u.full_name


def _open_return(s: Session, session_id: int) -> RecordReturn | None:
    return s.scalars(select(RecordReturn).where(RecordReturn.session_id == session_id,
                                                RecordReturn.resolved_at.is_(None))).first()


@use_case
def return_to_nurse(app: Chairlog, actor: UserInfo, session_id: int, reason: str,
                    expected_version: int | None = None) -> SessionView:
    """Send a record awaiting signature back to the nurse with ``reason`` (physician only)."""
    why = text_field("reason", reason, required=True, max_chars=1000,
                     label=words("reason for returning the record"))
    with app.db.write() as s:
        user = require_user(s, actor, {Role.PHYSICIAN}, words("return a record to the nurse"))
        sess = session_for_write(s, session_id, expected_version, chartable=False)
        state = SessionState(sess.state)
        if state not in SIGNABLE_STATES:
            raise StateError(words("Only a record awaiting signature can be returned; this one "
                                   "is {label}.", label=term(state.label.lower())))
        if _open_return(s, sess.id) is not None:
            raise StateError(words("This record is already returned to the nurse."))
        before = snapshot(sess)
        row = RecordReturn(session_id=sess.id, record_version=sess.record_version,
                           returned_by_id=user.id, returned_at=app.now(), reason=why,
                           resolution_note="")
        s.add(row)
        s.flush()
        record(app, s, user, "record.return", "session", sess.id, session_id=sess.id,
               patient_id=sess.patient_id, before=before,
               after={"return_id": row.id, "record_version": sess.record_version},
               reason=why)
        view = load_view(s, sess)
    app.notify("session", session_id)
    return view


@use_case
def mark_ready(app: Chairlog, actor: UserInfo, session_id: int, note: str = "",
               expected_version: int | None = None) -> SessionView:
    """The nurse has corrected or added what was asked: the record goes back to the queue."""
    text = text_field("note", note, max_chars=1000, label=words("note for the physician"))
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("mark a returned record ready"))
        sess = session_for_write(s, session_id, expected_version, chartable=False)
        row = _open_return(s, sess.id)
        if row is None:
            raise StateError(words("This record is not returned to the nurse: nothing to mark "
                                   "ready."))
        before = snapshot(sess)
        row.resolved_at = app.now()
        row.resolved_by_id = user.id
        row.resolution_note = text
        record(app, s, user, "record.return.ready", "session", sess.id, session_id=sess.id,
               patient_id=sess.patient_id, before=before,
               after={"return_id": row.id, "note": text}, reason=row.reason)
        view = load_view(s, sess)
    app.notify("session", session_id)
    return view


def open_returns(app: Chairlog) -> list[ReturnedRecord]:
    """Every record waiting for the nurse, oldest return first (for the board)."""
    with app.db.read() as s:
        rows = s.execute(
            select(RecordReturn, Patient.family_name, Patient.given_name, Chair.id, Chair.name)
            .join(InfusionSession, InfusionSession.id == RecordReturn.session_id)
            .join(Patient, Patient.id == InfusionSession.patient_id)
            .join(Chair, Chair.id == InfusionSession.chair_id)
            .where(RecordReturn.resolved_at.is_(None))
            .order_by(RecordReturn.returned_at, RecordReturn.id)
        ).all()
        out = []
        for r, family, given, chair_id, chair_name in rows:
            by = _name(s.get(User, r.returned_by_id))
            out.append(ReturnedRecord(
                ReturnNote(r.id, r.session_id, r.record_version, by, r.returned_at, r.reason),
                f"{family}, {given}", chair_id, chair_name))
        return out
