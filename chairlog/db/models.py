"""The typed SQLAlchemy models: what chairlog stores.

Conventions: UTC timestamps (``UTCDateTime``), units in column names, ``version`` columns for
optimistic locking (two workstations cannot silently overwrite each other), named indexes.
Chart entries are never deleted or overwritten: a correction is a new row that supersedes the
old one, and the old one's ``status`` says so (its values stay as they were).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chairlog.db.types import UTCDateTime

ACTIVE_STATES_SQL = "state IN ('checked_in','pre_infusion','infusing','paused','monitoring')"


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), str: String(200)}


class Clinic(Base):
    __tablename__ = "clinic"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    address: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64))
    paper_size: Mapped[str] = mapped_column(String(10), default="A4")
    idle_lock_minutes: Mapped[int] = mapped_column(default=5)
    late_entry_minutes: Mapped[int] = mapped_column(default=10)
    ca_cert_pem: Mapped[bytes | None] = mapped_column(LargeBinary)
    ca_key_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]
    # signatures (migration 0004): who holds the authority's passphrase, sign-in lockout,
    # the optional RFC 3161 timestamp service, the authority's latest CRL
    ca_holder: Mapped[str] = mapped_column(String(120), default="", server_default="")
    lockout_attempts: Mapped[int] = mapped_column(default=5, server_default="5")
    tsa_url: Mapped[str] = mapped_column(String(500), default="", server_default="")
    tsa_cert_pem: Mapped[bytes | None] = mapped_column(LargeBinary)
    crl_der: Mapped[bytes | None] = mapped_column(LargeBinary)
    crl_number: Mapped[int] = mapped_column(default=0, server_default="0")
    # words and units (migration 0010): the language of the window and the units a nurse types
    # weight in and reads temperature in; stored values stay kg and °C whatever is chosen
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    weight_unit: Mapped[str] = mapped_column(String(4), default="kg", server_default="kg")
    temperature_unit: Mapped[str] = mapped_column(String(4), default="C", server_default="C")
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str]
    credentials: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    last_failed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    # signatures (migration 0004): lockout, and the qualifier that tells apart two people
    # with the same printed name
    locked_until: Mapped[datetime | None]
    name_qualifier: Mapped[str] = mapped_column(String(60), default="", server_default="")
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class SigningKey(Base):
    """A physician's certificate and private key, the key encrypted under their own password."""

    __tablename__ = "signing_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    cert_pem: Mapped[bytes] = mapped_column(LargeBinary)
    encrypted_key_pem: Mapped[bytes] = mapped_column(LargeBinary)
    chain_pem: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    serial: Mapped[str] = mapped_column(String(64))
    fingerprint_sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))  # clinic_ca | pkcs12
    created_at: Mapped[datetime]
    retired_at: Mapped[datetime | None]
    # signatures (migration 0004): who unlocked the authority, revocation, and when the
    # physician was shown (and possibly flagged) the issuance
    issued_by: Mapped[str] = mapped_column(String(120), default="", server_default="")
    revoked_at: Mapped[datetime | None]
    revocation_reason: Mapped[str | None] = mapped_column(String(40))
    seen_at: Mapped[datetime | None]
    flagged_at: Mapped[datetime | None]
    #: for a key on a smart card / USB token (source "pkcs11"): where it is (JSON)
    token_ref: Mapped[str | None] = mapped_column(String(500))


class Patient(Base):
    __tablename__ = "patients"
    id: Mapped[int] = mapped_column(primary_key=True)
    mrn: Mapped[str] = mapped_column(String(40), unique=True)
    family_name: Mapped[str] = mapped_column(String(120))
    given_name: Mapped[str] = mapped_column(String(120))
    search_name: Mapped[str] = mapped_column(String(250), index=True)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(16), default="")
    allergies: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class Protocol(Base):
    """A versioned protocol template. Editing creates a new version; old versions stay."""

    __tablename__ = "protocols"
    __table_args__ = (UniqueConstraint("key", "version", name="uq_protocol_key_version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(default=1)
    name: Mapped[str]
    indication: Mapped[str]
    values_json: Mapped[dict[str, Any]]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class Chair(Base):
    __tablename__ = "chairs"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: migration 0007: a chair taken out of use on one workstation is not put back by another.
    #: NULL (read as 1) for chairs made before it, so their audit bindings still hold (a
    #: row's hash leaves NULL columns out); the service bumps it under a row lock.
    version: Mapped[int | None] = mapped_column(default=1)


class InfusionSession(Base):
    __tablename__ = "sessions"
    __table_args__ = (
        Index(
            "uq_sessions_active_chair",
            "chair_id",
            unique=True,
            sqlite_where=text(ACTIVE_STATES_SQL),
            postgresql_where=text(ACTIVE_STATES_SQL),
        ),
        Index(
            "uq_sessions_active_patient",
            "patient_id",
            unique=True,
            sqlite_where=text(ACTIVE_STATES_SQL),
            postgresql_where=text(ACTIVE_STATES_SQL),
        ),
        Index("ix_sessions_state", "state"),
        Index("ix_sessions_patient_checked_in", "patient_id", "checked_in_at"),
        Index("ix_sessions_checked_in", "checked_in_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    chair_id: Mapped[int] = mapped_column(ForeignKey("chairs.id"))
    protocol_id: Mapped[int] = mapped_column(ForeignKey("protocols.id"))
    protocol_snapshot: Mapped[dict[str, Any]]
    weight_kg: Mapped[float] = mapped_column(Float)
    nurse_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    state: Mapped[str] = mapped_column(String(20))
    checked_in_at: Mapped[datetime]
    pre_infusion_at: Mapped[datetime | None]
    infusion_started_at: Mapped[datetime | None]
    infusion_stopped_at: Mapped[datetime | None]
    discharged_at: Mapped[datetime | None]
    stopped_early_at: Mapped[datetime | None]
    stopped_early_reason: Mapped[str | None] = mapped_column(Text)
    # charted afterwards from a paper record: check-in and entries at past times
    imported_from_paper: Mapped[bool] = mapped_column(Boolean, default=False,
                                                      server_default=sa_false())
    signed_at: Mapped[datetime | None]
    record_version: Mapped[int] = mapped_column(default=1)
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class StateTransition(Base):
    __tablename__ = "state_transitions"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(Text)


class ChartEntry(Base):
    """One charted fact. ``kind`` says which of the optional column groups is filled."""

    __tablename__ = "chart_entries"
    __table_args__ = (
        Index("ix_entries_session_charted", "session_id", "charted_at"),
        Index("ix_entries_session_kind", "session_id", "kind"),
        Index("ix_entries_supersedes", "supersedes_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    kind: Mapped[str] = mapped_column(String(16))
    charted_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    record_version: Mapped[int] = mapped_column(default=1)
    # correction bookkeeping: the original keeps its values; only these change
    status: Mapped[str] = mapped_column(String(20), default="active")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("chart_entries.id"))
    invalidated_at: Mapped[datetime | None]
    invalidated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    invalidation_reason: Mapped[str | None] = mapped_column(Text)
    # checklist / notes / free text
    item_key: Mapped[str | None] = mapped_column(String(40))
    label: Mapped[str | None] = mapped_column(Text)
    done: Mapped[bool | None] = mapped_column(Boolean)
    text: Mapped[str | None] = mapped_column(Text)
    # dose events
    dose_action: Mapped[str | None] = mapped_column(String(16))
    rate_mg_per_kg_h: Mapped[float | None] = mapped_column(Float)
    rate_mg_per_h: Mapped[float | None] = mapped_column(Float)
    rate_ml_per_h: Mapped[float | None] = mapped_column(Float)
    entered_unit: Mapped[str | None] = mapped_column(String(10))
    bolus_mg: Mapped[float | None] = mapped_column(Float)
    override_reason: Mapped[str | None] = mapped_column(Text)
    # the second clinician who checked an override, or the physician who authorised a discharge
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # other medications
    drug: Mapped[str | None] = mapped_column(String(80))
    dose_amount: Mapped[float | None] = mapped_column(Float)
    dose_unit: Mapped[str | None] = mapped_column(String(10))
    route: Mapped[str | None] = mapped_column(String(20))
    treats_entry_id: Mapped[int | None] = mapped_column(ForeignKey("chart_entries.id"))
    # vitals
    hr: Mapped[int | None]
    sbp: Mapped[int | None]
    dbp: Mapped[int | None]
    spo2: Mapped[int | None]
    rr: Mapped[int | None]
    etco2: Mapped[int | None]
    temp_c: Mapped[float | None] = mapped_column(Float)
    rhythm: Mapped[str | None] = mapped_column(Text)
    is_baseline: Mapped[bool | None] = mapped_column(Boolean)
    # side effects
    effect_type: Mapped[str | None] = mapped_column(String(24))
    severity: Mapped[str | None] = mapped_column(String(10))
    action_taken: Mapped[str | None] = mapped_column(String(24))
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # assessments
    scale: Mapped[str | None] = mapped_column(String(12))
    score: Mapped[int | None]
    items_json: Mapped[list[int] | None] = mapped_column(JSON)
    phase: Mapped[str | None] = mapped_column(String(12))
    # discharge
    criteria_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    escort_name: Mapped[str | None] = mapped_column(String(120))
    instructions_given: Mapped[bool | None] = mapped_column(Boolean)
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (Index("ix_alerts_session_open", "session_id", "acknowledged_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("chart_entries.id"))
    code: Mapped[str] = mapped_column(String(24))
    message: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action_taken: Mapped[str | None] = mapped_column(Text)
    #: the acknowledging nurse asked to repeat the vitals: the next set is due by then
    recheck_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class SignedRecord(Base):
    """A signed version of a session record: the exact PDF bytes, kept forever."""

    __tablename__ = "signed_records"
    __table_args__ = (
        UniqueConstraint("session_id", "record_version", name="uq_signed_session_version"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    record_version: Mapped[int]
    pdf_bytes: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    signer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    meaning: Mapped[str]
    comment: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[datetime]
    supersedes_version: Mapped[int | None]
    addendum_reason: Mapped[str | None] = mapped_column(Text)
    audit_head_seq: Mapped[int]
    audit_head_hash: Mapped[str] = mapped_column(String(64))


class RecordReturn(Base):
    """A record the physician sent back to the nurse (issue 13): open while ``resolved_at``
    is NULL; the nurse marks it ready again, which closes it. Never deleted."""

    __tablename__ = "record_returns"
    __table_args__ = (Index("ix_record_returns_session_open", "session_id", "resolved_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    record_version: Mapped[int]
    returned_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    returned_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class AuditLog(Base):
    """Append-only, hash-chained. Triggers refuse UPDATE and DELETE (see migrations)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_entity", "entity", "entity_id"),
        Index("ix_audit_at", "at"),
        Index("ix_audit_session", "session_id"),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    user_id: Mapped[int | None]
    username: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    session_id: Mapped[int | None]
    patient_id: Mapped[int | None]
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    #: content hashes of the rows this record wrote ({table: {id: hash or null}}), migration 0005
    rows_json: Mapped[str | None] = mapped_column(Text)
    #: the workstation key that signed ``hash`` (Ed25519, base64 in ``signature``)
    key_id: Mapped[str | None] = mapped_column(String(16))
    signature: Mapped[str | None] = mapped_column(String(100))


class AuditHead(Base):
    """The newest (seq, hash) of the chain, updated with every append: cutting rows shows."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))


class BackupRecord(Base):
    """A verified backup and the audit chain head it contains (added in migration 0002)."""

    __tablename__ = "backups"
    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    size_bytes: Mapped[int]
    audit_head_seq: Mapped[int]
    audit_head_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # session_end | daily | manual


class MonitorDevice(Base):
    """A bedside monitor (or gateway channel) the listener has heard from (migration 0006)."""

    __tablename__ = "monitor_devices"
    id: Mapped[int] = mapped_column(primary_key=True)
    device_key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    sending_application: Mapped[str] = mapped_column(String(200), default="")
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    last_control_id: Mapped[str | None] = mapped_column(String(200))
    messages: Mapped[int] = mapped_column(default=0)
    refused: Mapped[int] = mapped_column(default=0)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("chairs.id"), index=True)
    #: when it was bound to ``chair_id`` (migration 0008): nothing observed before is kept
    bound_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class MonitorKeyRule(Base):
    """A per-device override of the device key rule (``peer``: the key gets @<peer address>)."""

    __tablename__ = "monitor_key_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    device_key: Mapped[str] = mapped_column(String(200), unique=True)
    rule: Mapped[str] = mapped_column(String(16))


class MonitorPending(Base):
    """One accepted monitor message's vitals, waiting for a nurse: never charted, never
    alerted, never exported until validated (then ``entry_id`` is the chart entry)."""

    __tablename__ = "monitor_pending"
    __table_args__ = (
        UniqueConstraint("device_id", "raw_sha256", name="uq_monitor_pending_resend"),
        Index("ix_monitor_pending_chair_state", "chair_id", "state"),
        Index("ix_monitor_pending_session_state", "session_id", "state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    chair_id: Mapped[int] = mapped_column(ForeignKey("chairs.id"))
    device_id: Mapped[int] = mapped_column(ForeignKey("monitor_devices.id"))
    control_id: Mapped[str] = mapped_column(String(200))
    raw_sha256: Mapped[str] = mapped_column(String(64))
    observed_at: Mapped[datetime]
    received_at: Mapped[datetime]
    values_json: Mapped[dict[str, Any]]
    sources_json: Mapped[dict[str, Any]]
    refused_json: Mapped[list[Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("chart_entries.id"))
    edited_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class MonitorSettings(Base):
    """Whether the window runs the listener in the background, and where it listens."""

    __tablename__ = "monitor_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    listen_in_window: Mapped[bool] = mapped_column(Boolean, default=False)
    port: Mapped[int] = mapped_column(default=2575)
    bind: Mapped[str] = mapped_column(String(64), default="127.0.0.1")
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class OutboxReceipt(Base):
    """A workstation outbox entry that reached the server: written in the same transaction as
    the chart entry it made, keyed by the id the workstation gave the entry before the first
    attempt. A replay that finds its key here was already charted (the commit went through
    but the workstation never heard so, or it was killed before marking the entry done), so
    nothing is charted twice. Not clinical data: the entry and its audit row are the record."""

    __tablename__ = "outbox_receipts"
    entry_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    use_case: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[datetime]
    #: the session's version the entry's transaction wrote over, and the one it left
    version_before: Mapped[int | None]
    version_after: Mapped[int | None]
