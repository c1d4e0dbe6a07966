"""Read models: a session with its entries (board, session view, PDF) and session lists."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased

from chairlog.clinical.states import ACTIVE_STATES, SIGNABLE_STATES, SessionState
from chairlog.db.models import (
    Alert,
    Chair,
    ChartEntry,
    Clinic,
    InfusionSession,
    Patient,
    Protocol,
    RecordReturn,
    SignedRecord,
    User,
)
from chairlog.domain import (
    AlertView,
    ChairInfo,
    EntryKind,
    EntryStatus,
    EntryView,
    HistoryRow,
    PatientInfo,
    ReturnNote,
    SessionSummary,
    SessionView,
    SignedRecordInfo,
)
from chairlog.domain.describe import ENTRY_FIELDS, describe
from chairlog.errors import NotFound
from chairlog.services.context import Chairlog, clinic_row, protocol_of
from chairlog.words import words


def _name(full_name: str | None, credentials: str | None) -> str | None:
    if full_name is None:
        return None
    return f"{full_name}, {credentials}" if credentials else full_name


def entry_view(
    e: Mapping[str, Any],
    names: dict[int, str],
    late_after: timedelta,
    superseded_by: dict[int, int],
) -> EntryView:
    """``e``: a chart entry's columns by name (``ENTRY_COLUMNS``)."""
    kind = e["kind"]
    data: dict[str, Any] = {f: e[f] for f in ENTRY_FIELDS.get(kind, ())}
    return EntryView(
        id=e["id"],
        session_id=e["session_id"],
        kind=EntryKind(kind),
        charted_at=e["charted_at"],
        recorded_at=e["recorded_at"],
        user_id=e["user_id"],
        user_name=names.get(e["user_id"], "?"),
        status=EntryStatus(e["status"]),
        is_late=(e["recorded_at"] - e["charted_at"]) > late_after,
        summary=describe(kind, data),
        record_version=e["record_version"],
        supersedes_id=e["supersedes_id"],
        superseded_by_id=superseded_by.get(e["id"]),
        invalidated_at=e["invalidated_at"],
        invalidated_by_name=names.get(e["invalidated_by_id"]) if e["invalidated_by_id"] else None,
        invalidation_reason=e["invalidation_reason"],
        version=e["version"],
        data=data,
        checked_by_name=names.get(e["checked_by_id"]) if e["checked_by_id"] else None,
        checked_by_id=e["checked_by_id"],
    )


# Read models are built from plain rows (columns), not entities, with statements built once:
# a session view is read after every save and on every board refresh, and loading ≈ 50 ORM
# entities per session (identity map, change tracking) and rebuilding each statement cost
# several times the queries themselves. Signed records are listed without their PDF bytes.
# The names of the people a view shows (who charted, invalidated, checked, acknowledged,
# signed, returned) come with the rows that name them, by outer joins on ``users``: no
# separate query for them (one statement less per save and per board refresh).
ENTRY_COLUMNS = tuple(ChartEntry.__table__.c[a.key] for a in ChartEntry.__mapper__.column_attrs)
_NURSE, _BY, _INVALIDATOR, _CHECKER, _ACKER, _SIGNER, _RETURNER = (aliased(User) for _ in range(7))


def _who(u: Any, on: Any, prefix: str) -> tuple[Any, Any, Any]:
    """The join on ``users`` alias ``u`` for the person ``on`` names, and their name columns."""
    return (u, u.id == on), u.full_name.label(f"{prefix}_name"), \
        u.credentials.label(f"{prefix}_credentials")
_HEAD = (
    select(
        Patient.id,
        Patient.mrn,
        Patient.family_name,
        Patient.given_name,
        Patient.date_of_birth,
        Patient.sex,
        Patient.allergies,
        Patient.notes,
        Patient.version,
        Chair.id.label("chair_id"),
        Chair.name.label("chair_name"),
        Chair.position.label("chair_position"),
        Chair.active.label("chair_active"),
        Protocol.key.label("protocol_key"),
        Protocol.version.label("protocol_version"),
        select(Clinic.late_entry_minutes).limit(1).scalar_subquery().label("late_minutes"),
        _NURSE.full_name.label("nurse_name"),
        _NURSE.credentials.label("nurse_credentials"),
    )
    .select_from(InfusionSession)
    .join(Patient, Patient.id == InfusionSession.patient_id)
    .join(Chair, Chair.id == InfusionSession.chair_id)
    .join(Protocol, Protocol.id == InfusionSession.protocol_id)
    .outerjoin(_NURSE, _NURSE.id == InfusionSession.nurse_id)
    .where(InfusionSession.id == bindparam("session_id"))
)
_BY_JOIN, *_BY_COLS = _who(_BY, ChartEntry.user_id, "by")
_INV_JOIN, *_INV_COLS = _who(_INVALIDATOR, ChartEntry.invalidated_by_id, "invalidator")
_CHK_JOIN, *_CHK_COLS = _who(_CHECKER, ChartEntry.checked_by_id, "checker")
_ENTRIES = (
    select(*ENTRY_COLUMNS, *_BY_COLS, *_INV_COLS, *_CHK_COLS)
    .outerjoin(*_BY_JOIN)
    .outerjoin(*_INV_JOIN)
    .outerjoin(*_CHK_JOIN)
    .where(ChartEntry.session_id == bindparam("session_id"))
    .order_by(ChartEntry.charted_at.desc(), ChartEntry.id.desc())
)
_ACK_JOIN, *_ACK_COLS = _who(_ACKER, Alert.acknowledged_by_id, "ack")
_ALERTS = (
    select(*Alert.__table__.c, *_ACK_COLS)
    .outerjoin(*_ACK_JOIN)
    .where(Alert.session_id == bindparam("session_id"))
    .order_by(Alert.raised_at)
)
_SIGNER_JOIN, *_SIGNER_COLS = _who(_SIGNER, SignedRecord.signer_id, "signer")
_RETURNER_JOIN, *_RETURNER_COLS = _who(_RETURNER, RecordReturn.returned_by_id, "returner")
_SIGNED = (
    select(
        SignedRecord.session_id,
        SignedRecord.record_version,
        SignedRecord.sha256,
        SignedRecord.signer_id,
        SignedRecord.meaning,
        SignedRecord.comment,
        SignedRecord.signed_at,
        SignedRecord.supersedes_version,
        SignedRecord.addendum_reason,
        *_SIGNER_COLS,
    )
    .outerjoin(*_SIGNER_JOIN)
    .where(SignedRecord.session_id == bindparam("session_id"))
    .order_by(SignedRecord.record_version)
)
_RETURN = (
    select(*RecordReturn.__table__.c, *_RETURNER_COLS)
    .outerjoin(*_RETURNER_JOIN)
    .where(RecordReturn.session_id == bindparam("session_id"), RecordReturn.resolved_at.is_(None))
    .order_by(RecordReturn.id.desc())
    .limit(1)
)


def load_view(s: Session, sess: InfusionSession, *, with_entries: bool = True) -> SessionView:
    s.flush()  # the rows below are read with plain selects: pending changes first
    head = s.execute(_HEAD, {"session_id": sess.id}).first()
    if head is None or head.late_minutes is None:
        clinic_row(s)  # no clinic: raises NotFound with the set-up hint
        raise NotFound(words("Session {id}: its patient, chair or protocol is missing.",
                             id=sess.id))
    late_after = timedelta(minutes=head.late_minutes)
    entries: list[dict[str, Any]] = []
    alerts: list[Any] = []
    signed: list[Any] = []
    # a running session has no signed version and no open return yet (both need a finished
    # record, and no state leads back): two fewer queries on every save at the chair
    finished = SessionState(sess.state) not in ACTIVE_STATES
    names: dict[int, str] = {}

    def known(uid: int | None, full_name: str | None, credentials: str | None) -> None:
        name = _name(full_name, credentials)
        if uid is not None and name is not None:
            names[uid] = name

    known(sess.nurse_id, head.nurse_name, head.nurse_credentials)
    if with_entries:
        ident = {"session_id": sess.id}
        rows = s.execute(_ENTRIES, ident)
        keys = list(rows.keys())
        n = len(ENTRY_COLUMNS)
        cols = keys[:n]
        for r in rows:
            e = dict(zip(cols, r[:n], strict=True))  # plain dicts: fastest
            entries.append(e)
            known(e["user_id"], r[n], r[n + 1])
            known(e["invalidated_by_id"], r[n + 2], r[n + 3])
            known(e["checked_by_id"], r[n + 4], r[n + 5])
        alerts = list(s.execute(_ALERTS, ident))
        for a in alerts:
            known(a.acknowledged_by_id, a.ack_name, a.ack_credentials)
        signed = list(s.execute(_SIGNED, ident)) if finished else []
        for r in signed:
            known(r.signer_id, r.signer_name, r.signer_credentials)
    back = s.execute(_RETURN, {"session_id": sess.id}).first() if finished else None
    if back is not None:
        known(back.returned_by_id, back.returner_name, back.returner_credentials)
    superseded_by = {e["supersedes_id"]: e["id"] for e in entries if e["supersedes_id"] is not None}
    views = tuple(entry_view(e, names, late_after, superseded_by) for e in entries)
    nurse_names = tuple(
        dict.fromkeys([names.get(sess.nurse_id, "?")] + [v.user_name for v in reversed(views)])
    )
    return SessionView(
        id=sess.id,
        patient=PatientInfo(
            head.id,
            head.mrn,
            head.family_name,
            head.given_name,
            head.date_of_birth,
            head.sex,
            head.allergies,
            head.notes,
            head.version,
        ),
        chair=ChairInfo(head.chair_id, head.chair_name, head.chair_position, head.chair_active),
        protocol_id=sess.protocol_id,
        protocol_key=head.protocol_key,
        protocol_version=head.protocol_version,
        protocol=protocol_of(sess.protocol_snapshot),
        weight_kg=sess.weight_kg,
        nurse_name=names.get(sess.nurse_id, "?"),
        state=SessionState(sess.state),
        checked_in_at=sess.checked_in_at,
        pre_infusion_at=sess.pre_infusion_at,
        infusion_started_at=sess.infusion_started_at,
        infusion_stopped_at=sess.infusion_stopped_at,
        discharged_at=sess.discharged_at,
        stopped_early_at=sess.stopped_early_at,
        stopped_early_reason=sess.stopped_early_reason,
        signed_at=sess.signed_at,
        record_version=sess.record_version,
        version=sess.version,
        imported_from_paper=bool(sess.imported_from_paper),
        entries=views,
        alerts=tuple(
            AlertView(
                a.id,
                a.session_id,
                a.entry_id,
                a.code,
                a.message,
                a.raised_at,
                a.acknowledged_at,
                names.get(a.acknowledged_by_id) if a.acknowledged_by_id else None,
                a.action_taken,
                a.version,
                a.recheck_at,
            )
            for a in alerts
        ),
        signed_records=tuple(
            SignedRecordInfo(
                r.session_id,
                r.record_version,
                r.sha256,
                names.get(r.signer_id, "?"),
                r.meaning,
                r.comment,
                r.signed_at,
                r.supersedes_version,
                r.addendum_reason,
            )
            for r in signed
        ),
        nurse_names=nurse_names,
        returned=None if back is None else ReturnNote(
            back.id, back.session_id, back.record_version, names.get(back.returned_by_id, "?"),
            back.returned_at, back.reason),
    )


def get_session(app: Chairlog, session_id: int) -> SessionView:
    with app.db.read() as s:
        sess = s.get(InfusionSession, session_id)
        if sess is None:
            raise NotFound(words("No session {session_id}.", session_id=session_id))
        return load_view(s, sess)


def board(app: Chairlog) -> list[SessionView]:
    """Every session occupying a chair, in chair order (restored as-is after a restart)."""
    with app.db.read() as s:
        rows = s.scalars(
            select(InfusionSession)
            .join(Chair, Chair.id == InfusionSession.chair_id)
            .where(InfusionSession.state.in_([st.value for st in ACTIVE_STATES]))
            .order_by(Chair.position, Chair.name)
        )
        return [load_view(s, r) for r in rows]


def list_sessions(
    app: Chairlog,
    *,
    patient_mrn: str | None = None,
    state: SessionState | str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
    patient_id: int | None = None,
) -> list[SessionSummary]:
    # Columns, not entities: listing a long history must not load and decode every session's
    # protocol snapshot (≈ 2 kB of JSON each) just to show dates and states.
    with app.db.read() as s:
        q = (
            select(
                InfusionSession.id,
                Patient.id.label("patient_id"),
                Patient.mrn,
                Patient.family_name,
                Patient.given_name,
                Chair.name.label("chair_name"),
                Protocol.name.label("protocol_name"),
                InfusionSession.state,
                InfusionSession.checked_in_at,
                InfusionSession.infusion_started_at,
                InfusionSession.record_version,
            )
            .join(Patient, Patient.id == InfusionSession.patient_id)
            .join(Chair, Chair.id == InfusionSession.chair_id)
            .join(Protocol, Protocol.id == InfusionSession.protocol_id)
        )
        if patient_mrn:
            q = q.where(Patient.mrn == patient_mrn)
        if patient_id is not None:
            q = q.where(InfusionSession.patient_id == patient_id)
        if state:
            q = q.where(InfusionSession.state == SessionState(state).value)
        if since:
            q = q.where(InfusionSession.checked_in_at >= since)
        if until:
            q = q.where(InfusionSession.checked_in_at < until)
        q = q.order_by(InfusionSession.checked_in_at.desc(), InfusionSession.id.desc())
        if limit:
            q = q.limit(limit)
        return [
            SessionSummary(
                r.id,
                r.patient_id,
                r.mrn,
                f"{r.family_name}, {r.given_name}",
                r.chair_name,
                r.protocol_name,
                SessionState(r.state),
                r.checked_in_at,
                r.infusion_started_at,
                r.record_version,
            )
            for r in s.execute(q)
        ]


def signing_queue(app: Chairlog, *, since: datetime | None = None) -> list[SessionSummary]:
    """Records awaiting a physician's signature, oldest first. A record returned to the nurse
    leaves the queue until the nurse marks it ready again."""
    out: list[SessionSummary] = []
    for st in SIGNABLE_STATES:
        out.extend(list_sessions(app, state=st, since=since))
    with app.db.read() as s:
        returned = set(s.scalars(select(RecordReturn.session_id)
                                 .where(RecordReturn.resolved_at.is_(None))))
    return sorted((x for x in out if x.id not in returned), key=lambda x: (x.checked_in_at, x.id))


def patient_history(app: Chairlog, patient_id: int) -> list[HistoryRow]:
    """Every session of a patient, newest first, with pain before (baseline) and after."""
    rows = list_sessions(app, patient_id=patient_id)
    if not rows:
        return []
    ids = [r.id for r in rows]
    with app.db.read() as s:
        weights = {
            sid: kg
            for sid, kg in s.execute(
                select(InfusionSession.id, InfusionSession.weight_kg).where(
                    InfusionSession.id.in_(ids)
                )
            )
        }
        pains = s.execute(
            select(ChartEntry.session_id, ChartEntry.phase, ChartEntry.score)
            .where(
                ChartEntry.session_id.in_(ids),
                ChartEntry.kind == "assessment",
                ChartEntry.scale == "pain_nrs",
                ChartEntry.status == "active",
            )
            .order_by(ChartEntry.charted_at, ChartEntry.id)
        ).all()
    before: dict[int, int] = {}
    after: dict[int, int] = {}
    for sid, phase, score in pains:
        if score is None:
            continue
        if phase == "baseline":
            before.setdefault(sid, score)
        elif phase in ("after", "discharge"):
            after[sid] = score
    return [HistoryRow(r, weights[r.id], before.get(r.id), after.get(r.id)) for r in rows]
