"""The fields of each kind of chart entry, typed: one ``TypedDict`` per :class:`EntryKind`.

``EntryView.data`` holds one of these (``services.views.entry_view`` fills exactly the keys of
the entry's kind); the narrow accessors (:func:`vitals_data`, :func:`dose_data`, …) check the
entry's kind and hand the payload back typed, so mypy checks every key a reader takes.

Decisions:
- The TypedDicts are the one source of truth: ``describe.ENTRY_FIELDS`` (which columns a kind
  uses: the views, corrections, the bench writer) is derived from them, in declaration order.
- Every key is always present (the views fill each of the kind's columns, None where empty),
  so no key is ``NotRequired``; a value is ``X | None`` where the column may be empty for that
  kind, and plain ``X`` where the service always writes it (``charting``, ``doses``,
  ``discharge``: e.g. a vitals entry always has hr/sbp/dbp/spo2/rr, an assessment its score).
- ``EntryView.data`` is typed ``Mapping[str, object]``, not a union of the TypedDicts: read-only,
  and a value read from it by string key is an ``object`` that mypy lets no one use as a
  number or a text, so every reader of a field goes through its kind's accessor (a reader of
  several kinds branches on ``e.kind`` first). Generic code that copies or serialises every
  field (corrections, JSON/CSV of all columns) may iterate the mapping. A union would let a
  reader skip the kind check, and its ``.get`` of a key only some kinds have is refused anyway.
  ``tests/test_payloads.py`` scans the package for string-key reads of a ``.data`` (only this
  module and ``services.views``, which fills it, may).
- Variable keys (a chart's series, a form's fields) are typed ``VitalSign`` / ``VitalValue``
  (literal unions), so ``vitals_data(e)[key]`` stays checked.
- An accessor given another kind raises :class:`WrongEntryKind` (a ``TypeError``, naming both
  kinds and the entry): a programming error, never a user's.
- ``EntryKind`` lives here (re-exported by ``chairlog.domain``) so this module needs nothing
  from the package's ``__init__``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal, Protocol, TypedDict, cast

from chairlog.clinical.vitals import REQUIRED


class EntryKind(StrEnum):
    CHECKLIST = "checklist"
    DOSE = "dose"
    MEDICATION = "medication"
    VITALS = "vitals"
    SIDE_EFFECT = "side_effect"
    ASSESSMENT = "assessment"
    NOTE = "note"
    DISCHARGE = "discharge"


class ChecklistData(TypedDict):
    item_key: str
    label: str
    done: bool
    text: str | None


class DoseData(TypedDict):
    dose_action: str
    rate_mg_per_kg_h: float | None
    rate_mg_per_h: float | None
    rate_ml_per_h: float | None
    entered_unit: str | None
    bolus_mg: float | None
    override_reason: str | None
    text: str | None


class MedicationData(TypedDict):
    drug: str
    dose_amount: float
    dose_unit: str
    route: str
    treats_entry_id: int | None
    text: str | None


class VitalsData(TypedDict):
    hr: int
    sbp: int
    dbp: int
    spo2: int
    rr: int
    etco2: int | None
    temp_c: float | None
    rhythm: str | None
    is_baseline: bool
    text: str | None


class SideEffectData(TypedDict):
    effect_type: str
    severity: str
    action_taken: str
    resolved_at: datetime | None
    resolved_by_id: int | None
    text: str | None


class AssessmentData(TypedDict):
    scale: str
    score: int
    items_json: list[int] | None
    phase: str | None
    text: str | None


class NoteData(TypedDict):
    text: str


class DischargeData(TypedDict):
    criteria_json: dict[str, Any] | None
    escort_name: str | None
    instructions_given: bool | None
    text: str | None
    override_reason: str | None


#: the five signs every vitals set has (``VitalsData``'s always-written integers)
VitalSign = Literal["hr", "sbp", "dbp", "spo2", "rr"]
VITAL_SIGNS = cast(tuple[VitalSign, ...], REQUIRED)  # the list is chairlog.clinical.vitals's
#: every measured value of a vitals set: the five signs, EtCO2 and temperature (maybe None)
VitalValue = Literal["hr", "sbp", "dbp", "spo2", "rr", "etco2", "temp_c"]

EntryData = (ChecklistData | DoseData | MedicationData | VitalsData | SideEffectData
             | AssessmentData | NoteData | DischargeData)

#: each kind's payload type
PAYLOAD_TYPES: dict[EntryKind, type[Mapping[str, object]]] = {
    EntryKind.CHECKLIST: ChecklistData,
    EntryKind.DOSE: DoseData,
    EntryKind.MEDICATION: MedicationData,
    EntryKind.VITALS: VitalsData,
    EntryKind.SIDE_EFFECT: SideEffectData,
    EntryKind.ASSESSMENT: AssessmentData,
    EntryKind.NOTE: NoteData,
    EntryKind.DISCHARGE: DischargeData,
}


def payload_fields(kind: EntryKind) -> tuple[str, ...]:
    """The keys of a kind's payload, in declaration order (the columns it uses)."""
    return tuple(PAYLOAD_TYPES[kind].__annotations__)


class WrongEntryKind(TypeError):
    """A typed payload asked of an entry of another kind."""


class Charted(Protocol):
    """What an accessor reads of an entry (``EntryView``)."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> EntryKind: ...
    @property
    def data(self) -> Mapping[str, object]: ...


def _of(e: Charted, kind: EntryKind) -> Mapping[str, object]:
    if e.kind is not kind:
        raise WrongEntryKind(f"entry {e.id} is a {e.kind.value} entry, not {kind.value}")
    return e.data


def checklist_data(e: Charted) -> ChecklistData:
    return cast(ChecklistData, _of(e, EntryKind.CHECKLIST))


def vital_sign(e: Charted, sign: VitalSign) -> int:
    """One of the five signs of a vitals entry, by name (a chart's or a form's series)."""
    return vitals_data(e)[sign]


def dose_data(e: Charted) -> DoseData:
    return cast(DoseData, _of(e, EntryKind.DOSE))


def medication_data(e: Charted) -> MedicationData:
    return cast(MedicationData, _of(e, EntryKind.MEDICATION))


def vitals_data(e: Charted) -> VitalsData:
    return cast(VitalsData, _of(e, EntryKind.VITALS))


def side_effect_data(e: Charted) -> SideEffectData:
    return cast(SideEffectData, _of(e, EntryKind.SIDE_EFFECT))


def assessment_data(e: Charted) -> AssessmentData:
    return cast(AssessmentData, _of(e, EntryKind.ASSESSMENT))


def note_data(e: Charted) -> NoteData:
    return cast(NoteData, _of(e, EntryKind.NOTE))


def discharge_data(e: Charted) -> DischargeData:
    return cast(DischargeData, _of(e, EntryKind.DISCHARGE))
