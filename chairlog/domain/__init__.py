"""Plain domain objects returned by the services (no database session attached)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from chairlog.clinical.clock import SessionTimes
from chairlog.clinical.dosing import DoseAction, DoseEvent, cumulative_mg, current_rate_mg_per_h
from chairlog.clinical.protocol import ProtocolValues
from chairlog.clinical.states import SessionState
from chairlog.clinical.vitals import Vitals
from chairlog.domain.payloads import EntryKind as EntryKind
from chairlog.domain.payloads import dose_data, side_effect_data, vitals_data


class Role(StrEnum):
    NURSE = "nurse"
    PHYSICIAN = "physician"
    ADMIN = "admin"


class EntryStatus(StrEnum):
    ACTIVE = "active"
    CORRECTED = "corrected"
    ENTERED_IN_ERROR = "entered_in_error"


@dataclass(frozen=True)
class UserInfo:
    """A person's account; as an *actor*, the signed-in person.

    Only an actor returned by signing in (``accounts.login``, or ``init_clinic`` for the
    first admin) carries a ``session`` the services accept (``context.require_user``): a
    ``UserInfo`` built by hand, or copied with another id, is refused. Services re-check the
    account on every call."""

    id: int
    username: str
    full_name: str
    credentials: str
    role: Role
    active: bool = True
    must_change_password: bool = False
    qualifier: str = ""
    #: the account's version as read: ``set_active`` / ``set_role`` / ``reset_password`` take
    #: it back as ``expected_version`` (not compared: an actor stays the same person)
    version: int = field(default=1, compare=False)
    #: set by ``add_user`` for a new physician: how their signing key will be issued
    key_note: str = field(default="", compare=False)
    #: the sign-in's capability (a random token registered in this process); empty for
    #: account listings
    session: str = field(default="", repr=False, compare=False)

    @property
    def display_name(self) -> str:
        name = f"{self.full_name}, {self.credentials}" if self.credentials else self.full_name
        return f"{name} ({self.qualifier})" if self.qualifier else name


@dataclass(frozen=True)
class ClinicInfo:
    id: int
    name: str
    address: str
    timezone: str
    paper_size: str
    idle_lock_minutes: int
    late_entry_minutes: int
    has_ca: bool
    ca_holder: str = ""
    lockout_attempts: int = 5
    tsa_url: str = ""
    #: the window's language (``en`` | ``es``), weight entry unit (``kg`` | ``lb``) and
    #: temperature display unit (``C`` | ``F``); stored values are always kg and °C
    language: str = "en"
    weight_unit: str = "kg"
    temperature_unit: str = "C"
    #: the settings' version, passed back as ``update_clinic(expected_version=…)``
    version: int = 1


@dataclass(frozen=True)
class PatientInfo:
    id: int
    mrn: str
    family_name: str
    given_name: str
    date_of_birth: date | None
    sex: str
    allergies: str
    notes: str
    version: int

    @property
    def display_name(self) -> str:
        return f"{self.family_name}, {self.given_name}"


@dataclass(frozen=True)
class ChairInfo:
    id: int
    name: str
    position: int
    active: bool
    version: int = 1


@dataclass(frozen=True)
class ProtocolInfo:
    id: int
    key: str
    version: int
    name: str
    indication: str
    active: bool
    values: ProtocolValues


@dataclass(frozen=True)
class EntryView:
    """One chart entry with who made it and its correction status."""

    id: int
    session_id: int
    kind: EntryKind
    charted_at: datetime
    recorded_at: datetime
    user_id: int
    user_name: str
    status: EntryStatus
    is_late: bool
    summary: str
    record_version: int
    supersedes_id: int | None = None
    superseded_by_id: int | None = None
    invalidated_at: datetime | None = None
    invalidated_by_name: str | None = None
    invalidation_reason: str | None = None
    version: int = 1
    #: the kind's fields (one of the ``domain.payloads`` TypedDicts); read a field through the
    #: kind's accessor (``vitals_data(e)["hr"]``), never by string key on this mapping
    data: Mapping[str, object] = field(default_factory=dict)
    #: the second clinician who checked an override, or the physician who authorised discharge
    checked_by_name: str | None = None
    checked_by_id: int | None = None

    @property
    def active(self) -> bool:
        return self.status is EntryStatus.ACTIVE


@dataclass(frozen=True)
class AlertView:
    id: int
    session_id: int
    entry_id: int | None
    code: str
    message: str
    raised_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by_name: str | None
    action_taken: str | None
    version: int
    #: the acknowledgement asked for the vitals again by this time ("repeat in 5 min")
    recheck_at: datetime | None = None


@dataclass(frozen=True)
class Deviation:
    """One thing the physician must see before signing: an override, a refusal at the hard
    ceiling, an early discharge, a late entry, a correction, an alert, a missed interval."""

    kind: str
    at: datetime
    text: str


#: each deviation kind in a word (the record's table, the sign queue's counts)
DEVIATION_KINDS: dict[str, str] = {
    "override": "Override", "ceiling_refused": "Ceiling refusal",
    "checklist_skipped": "Checklist", "early_discharge": "Discharge",
    "late_entry": "Late entry", "correction": "Correction",
    "entered_in_error": "Entered in error", "alert": "Alert",
    "missed_vitals": "Missed vitals", "imported": "Imported",
}


@dataclass(frozen=True)
class ReturnNote:
    """A record returned to the nurse by a physician (open while ``resolved_at`` is None)."""

    id: int
    session_id: int
    record_version: int
    returned_by_name: str
    returned_at: datetime
    reason: str
    resolved_at: datetime | None = None
    resolved_by_name: str | None = None
    resolution_note: str = ""

    @property
    def text(self) -> str:
        """How the board, the session page and the queue say it."""
        return f"Returned by {self.returned_by_name}: {self.reason}"


@dataclass(frozen=True)
class SignedRecordInfo:
    session_id: int
    record_version: int
    sha256: str
    signer_name: str
    meaning: str
    comment: str
    signed_at: datetime
    supersedes_version: int | None
    addendum_reason: str | None


@dataclass(frozen=True)
class SessionView:
    """A session with everything the board, the session view and the PDF need."""

    id: int
    patient: PatientInfo
    chair: ChairInfo
    protocol_id: int
    protocol_key: str
    protocol_version: int
    protocol: ProtocolValues
    weight_kg: float
    nurse_name: str
    state: SessionState
    checked_in_at: datetime
    pre_infusion_at: datetime | None
    infusion_started_at: datetime | None
    infusion_stopped_at: datetime | None
    discharged_at: datetime | None
    stopped_early_at: datetime | None
    stopped_early_reason: str | None
    signed_at: datetime | None
    record_version: int
    version: int
    imported_from_paper: bool = False
    entries: tuple[EntryView, ...] = ()
    alerts: tuple[AlertView, ...] = ()
    signed_records: tuple[SignedRecordInfo, ...] = ()
    nurse_names: tuple[str, ...] = ()
    #: the physician's open return to the nurse, if any (issue 13)
    returned: ReturnNote | None = None

    # --- derived, pure -----------------------------------------------------------------
    def active_entries(self, kind: EntryKind | None = None) -> list[EntryView]:
        return [e for e in self.entries if e.active and (kind is None or e.kind is kind)]

    @property
    def clock_inputs(self) -> SessionTimes:
        """What ``clinical.clock.read_clock`` needs for this session's timers."""
        p = self.protocol
        latest = self.latest_vitals
        return SessionTimes(
            infusion_started_at=self.infusion_started_at,
            infusion_stopped_at=self.infusion_stopped_at,
            planned_duration_min=p.planned_duration_min,
            min_monitoring_min=p.min_monitoring_min,
            vitals_interval_min=p.vitals_interval_min,
            vitals_interval_after_min=p.vitals_interval_after_min,
            last_vitals_at=latest.charted_at if latest else None,
            reference_at=self.checked_in_at,
            recheck_at=self._recheck_at(latest.charted_at if latest else None),
            **self._pauses(),
        )

    def _recheck_at(self, last_vitals_at: datetime | None) -> datetime | None:
        """The earliest recheck an alert's acknowledgement asked for that no vitals set charted
        after the acknowledgement has answered yet (the set that raised the alert, charted at
        the same instant or before, does not answer it)."""
        asked = [a.recheck_at for a in self.alerts
                 if a.recheck_at is not None and a.acknowledged_at is not None
                 and (last_vitals_at is None or last_vitals_at <= a.acknowledged_at)]
        return min(asked, default=None)

    def _pauses(self) -> dict[str, Any]:
        """Ended pauses' total and the pause running now, from the dose timeline."""
        before = timedelta(0)
        since: datetime | None = None
        for ev in self.dose_events:
            if ev.action is DoseAction.PAUSE and since is None:
                since = ev.at
            elif ev.action in (DoseAction.RESUME, DoseAction.STOP) and since is not None:
                before += ev.at - since
                since = None
        return {"paused_before": before, "paused_since": since}

    @property
    def dose_events(self) -> list[DoseEvent]:
        by_id = {e.id: e for e in self.entries}

        def first_of_chain(e: EntryView) -> int:
            while e.supersedes_id is not None and e.supersedes_id in by_id:
                e = by_id[e.supersedes_id]
            return e.id

        out = [
            DoseEvent(
                e.charted_at,
                DoseAction(dose_data(e)["dose_action"]),
                dose_data(e).get("rate_mg_per_h"),
                dose_data(e).get("bolus_mg"),
                first_of_chain(e),
            )
            for e in self.active_entries(EntryKind.DOSE)
        ]
        return sorted(out, key=lambda d: (d.at, d.seq))

    def cumulative_mg(self, at: datetime) -> float:
        return cumulative_mg(self.dose_events, at)

    def cumulative_mg_per_kg(self, at: datetime) -> float:
        return self.cumulative_mg(at) / self.weight_kg

    def current_rate_mg_per_h(self, at: datetime) -> float:
        return current_rate_mg_per_h(self.dose_events, at)

    @property
    def last_rate_entry(self) -> EntryView | None:
        doses = [
            e
            for e in self.active_entries(EntryKind.DOSE)
            if dose_data(e)["dose_action"] in ("start", "rate_change", "resume")
        ]
        return max(doses, key=lambda e: e.charted_at) if doses else None

    @property
    def vitals(self) -> list[EntryView]:
        return sorted(self.active_entries(EntryKind.VITALS), key=lambda e: e.charted_at)

    @property
    def latest_vitals(self) -> EntryView | None:
        v = self.vitals
        return v[-1] if v else None

    @property
    def baseline_vitals(self) -> Vitals | None:
        base = [e for e in self.vitals if vitals_data(e).get("is_baseline")]
        chosen = base[0] if base else None
        return vitals_of(chosen) if chosen else None

    @property
    def open_alerts(self) -> list[AlertView]:
        return [a for a in self.alerts if a.acknowledged_at is None]

    @property
    def open_side_effects(self) -> list[EntryView]:
        return [
            e
            for e in self.active_entries(EntryKind.SIDE_EFFECT)
            if side_effect_data(e).get("resolved_at") is None
        ]


def vitals_of(e: EntryView) -> Vitals:
    d = vitals_data(e)
    return Vitals(
        hr=d["hr"],
        sbp=d["sbp"],
        dbp=d["dbp"],
        spo2=d["spo2"],
        rr=d["rr"],
        etco2=d.get("etco2"),
        temp_c=d.get("temp_c"),
        rhythm=d.get("rhythm"),
    )


@dataclass(frozen=True)
class SessionSummary:
    """A line in a session list (CLI, history, sign-off queue)."""

    id: int
    patient_id: int
    patient_mrn: str
    patient_name: str
    chair_name: str
    protocol_name: str
    state: SessionState
    checked_in_at: datetime
    infusion_started_at: datetime | None
    record_version: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "patient_mrn": self.patient_mrn,
            "patient_name": self.patient_name,
            "chair": self.chair_name,
            "protocol": self.protocol_name,
            "state": self.state.value,
            "started_at": (self.infusion_started_at or self.checked_in_at).isoformat(),
            "checked_in_at": self.checked_in_at.isoformat(),
            "record_version": self.record_version,
        }


@dataclass(frozen=True)
class AuditRow:
    """One audit-trail record as read back (``before``/``after`` parsed from stored JSON)."""

    seq: int
    at: datetime
    user_id: int | None
    username: str
    user_name: str
    action: str
    entity: str
    entity_id: str
    session_id: int | None
    patient_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditReport:
    """The result of checking the whole audit trail: what was checked, and the first break."""

    ok: bool
    rows: int
    head_seq: int
    head_hash: str
    problem: str | None = None
    first_bad_seq: int | None = None
    signatures_checked: int = 0
    unsigned_legacy: int = 0
    #: workstation keys accepted: (key id, host, registering record)
    keys: tuple[tuple[str, str, int], ...] = ()
    #: clinical rows compared with their audit records, per table
    bound_rows: tuple[tuple[str, int], ...] = ()
    #: anchors compared, per kind
    anchors: tuple[tuple[str, int], ...] = ()
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        if self.ok:
            return f"intact: {self.rows} records, head {self.head_seq} {self.head_hash[:16]}"
        if self.first_bad_seq is None:
            return f"broken: {self.problem}"
        return f"broken at record {self.first_bad_seq}: {self.problem}"

    @property
    def checked(self) -> str:
        """One line: how many records, signatures, rows and anchors (of which kind)."""
        rows = sum(n for _, n in self.bound_rows)
        anchors = sum(n for _, n in self.anchors)
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.anchors) or "none"
        keys = len(self.keys)
        legacy = f", {self.unsigned_legacy} unsigned from before audit keys" \
            if self.unsigned_legacy else ""
        return (f"checked: {self.rows} records (hash chain{legacy}), "
                f"{self.signatures_checked} signatures from {keys} workstation "
                f"key{'s' if keys != 1 else ''}, {rows} rows in {len(self.bound_rows)} tables "
                f"against their records, {anchors} anchors ({kinds})")


@dataclass(frozen=True)
class AuditExport:
    """A finished CSV export of the audit trail."""

    path: str
    rows: int
    first_seq: int | None
    last_seq: int | None


@dataclass(frozen=True)
class HistoryRow:
    """One session in a patient's series, with the outcome the physician follows."""

    session: SessionSummary
    weight_kg: float
    pain_before: int | None
    pain_after: int | None
