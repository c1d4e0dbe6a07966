"""Read models: a session with its entries (board, session view, PDF) and session lists."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.clinical.protocol import ProtocolValues
from chairlog.clinical.states import ACTIVE_STATES, SIGNABLE_STATES, SessionState
from chairlog.db.models import (
    Alert,
    Chair,
    ChartEntry,
    InfusionSession,
    Patient,
    Protocol,
    SignedRecord,
    User,
)
from chairlog.errors import NotFound
from chairlog.services.context import Chairlog, clinic_row
from chairlog.services.describe import ENTRY_FIELDS, describe
from chairlog.services.domain import (
    AlertView,
    EntryKind,
    EntryStatus,
    EntryView,
    HistoryRow,
    SessionSummary,
    SessionView,
    SignedRecordInfo,
)
from chairlog.services.patients import patient_info
from chairlog.services.protocols import chair_info


def _names(s: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = s.execute(select(User.id, User.full_name, User.credentials).where(User.id.in_(wanted)))
    return {
        r.id: (f"{r.full_name}, {r.credentials}" if r.credentials else r.full_name) for r in rows
    }


def entry_view(
    e: ChartEntry, names: dict[int, str], late_after: timedelta, superseded_by: dict[int, int]
) -> EntryView:
    data: dict[str, Any] = {f: getattr(e, f) for f in ENTRY_FIELDS.get(e.kind, ())}
    return EntryView(
        id=e.id,
        session_id=e.session_id,
        kind=EntryKind(e.kind),
        charted_at=e.charted_at,
        recorded_at=e.recorded_at,
        user_id=e.user_id,
        user_name=names.get(e.user_id, "?"),
        status=EntryStatus(e.status),
        is_late=(e.recorded_at - e.charted_at) > late_after,
        summary=describe(e.kind, data),
        record_version=e.record_version,
        supersedes_id=e.supersedes_id,
        superseded_by_id=superseded_by.get(e.id),
        invalidated_at=e.invalidated_at,
        invalidated_by_name=names.get(e.invalidated_by_id) if e.invalidated_by_id else None,
        invalidation_reason=e.invalidation_reason,
        version=e.version,
        data=data,
    )


def load_view(s: Session, sess: InfusionSession, *, with_entries: bool = True) -> SessionView:
    clinic = clinic_row(s)
    late_after = timedelta(minutes=clinic.late_entry_minutes)
    patient = s.get(Patient, sess.patient_id)
    chair = s.get(Chair, sess.chair_id)
    proto = s.get(Protocol, sess.protocol_id)
    assert patient is not None and chair is not None and proto is not None
    entries: list[ChartEntry] = []
    alerts: list[Alert] = []
    signed: list[SignedRecord] = []
    if with_entries:
        entries = list(
            s.scalars(
                select(ChartEntry)
                .where(ChartEntry.session_id == sess.id)
                .order_by(ChartEntry.charted_at.desc(), ChartEntry.id.desc())
            )
        )
        alerts = list(
            s.scalars(select(Alert).where(Alert.session_id == sess.id).order_by(Alert.raised_at))
        )
        signed = list(
            s.scalars(
                select(SignedRecord)
                .where(SignedRecord.session_id == sess.id)
                .order_by(SignedRecord.record_version)
            )
        )
    ids: set[int | None] = {sess.nurse_id}
    for e in entries:
        ids |= {e.user_id, e.invalidated_by_id}
    ids |= {a.acknowledged_by_id for a in alerts} | {r.signer_id for r in signed}
    names = _names(s, ids)
    superseded_by = {e.supersedes_id: e.id for e in entries if e.supersedes_id is not None}
    views = tuple(entry_view(e, names, late_after, superseded_by) for e in entries)
    nurse_names = tuple(
        dict.fromkeys([names.get(sess.nurse_id, "?")] + [v.user_name for v in reversed(views)])
    )
    return SessionView(
        id=sess.id,
        patient=patient_info(patient),
        chair=chair_info(chair),
        protocol_id=proto.id,
        protocol_key=proto.key,
        protocol_version=proto.version,
        protocol=ProtocolValues.from_dict(sess.protocol_snapshot),
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
    )


def get_session(app: Chairlog, session_id: int) -> SessionView:
    with app.db.read() as s:
        sess = s.get(InfusionSession, session_id)
        if sess is None:
            raise NotFound(f"No session {session_id}.")
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
    """Records awaiting a physician's signature, oldest first."""
    out: list[SessionSummary] = []
    for st in SIGNABLE_STATES:
        out.extend(list_sessions(app, state=st, since=since))
    return sorted(out, key=lambda x: (x.checked_in_at, x.id))


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
