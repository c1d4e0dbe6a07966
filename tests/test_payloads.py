"""The typed payloads (``domain.payloads``) agree with the fields the views fill, and the
narrow accessors refuse an entry of another kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chairlog.db.models import ChartEntry
from chairlog.domain import EntryKind, EntryView
from chairlog.domain.describe import ENTRY_FIELDS
from chairlog.domain.payloads import (
    PAYLOAD_TYPES,
    WrongEntryKind,
    assessment_data,
    checklist_data,
    discharge_data,
    dose_data,
    medication_data,
    note_data,
    side_effect_data,
    vitals_data,
)
from chairlog.services.views import ENTRY_COLUMNS, entry_view

ACCESSORS = {
    EntryKind.CHECKLIST: checklist_data,
    EntryKind.DOSE: dose_data,
    EntryKind.MEDICATION: medication_data,
    EntryKind.VITALS: vitals_data,
    EntryKind.SIDE_EFFECT: side_effect_data,
    EntryKind.ASSESSMENT: assessment_data,
    EntryKind.NOTE: note_data,
    EntryKind.DISCHARGE: discharge_data,
}
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
FILLED: dict[str, Any] = {
    "item_key": "consent", "label": "Consent", "done": True, "text": "t",
    "dose_action": "bolus", "rate_mg_per_kg_h": None, "rate_mg_per_h": None,
    "rate_ml_per_h": None, "entered_unit": None, "bolus_mg": 5.0, "override_reason": None,
    "drug": "Ondansetron", "dose_amount": 4.0, "dose_unit": "mg", "route": "IV",
    "treats_entry_id": None, "hr": 70, "sbp": 120, "dbp": 80, "spo2": 98, "rr": 14,
    "etco2": None, "temp_c": None, "rhythm": None, "is_baseline": True,
    "effect_type": "nausea", "severity": "mild", "action_taken": "none", "resolved_at": None,
    "resolved_by_id": None, "scale": "pain_nrs", "score": 3, "items_json": None,
    "phase": "baseline", "criteria_json": None, "escort_name": "Sam",
    "instructions_given": True,
}


def _row(kind: EntryKind) -> dict[str, Any]:
    row: dict[str, Any] = {c.key: None for c in ENTRY_COLUMNS}
    row |= {k: v for k, v in FILLED.items() if k in row}
    return row | {"id": 7, "session_id": 1, "kind": kind.value, "charted_at": T0,
                  "recorded_at": T0, "user_id": 1, "status": "active", "record_version": 1,
                  "version": 1}


def _view(kind: EntryKind) -> EntryView:
    return entry_view(_row(kind), {1: "N"}, timedelta(minutes=30), {})


def test_every_kind_has_a_payload_type_and_accessor() -> None:
    assert set(PAYLOAD_TYPES) == set(EntryKind) == set(ACCESSORS)


@pytest.mark.parametrize("kind", list(EntryKind))
def test_payload_keys_are_the_fields_the_view_fills(kind: EntryKind) -> None:
    keys = set(PAYLOAD_TYPES[kind].__annotations__)
    assert set(_view(kind).data) == keys
    assert set(ENTRY_FIELDS[kind.value]) == keys
    columns = {a.key for a in ChartEntry.__mapper__.column_attrs}
    assert keys <= columns  # every payload key is a chart entry column
    # every key is always filled (None where empty): none is NotRequired
    assert PAYLOAD_TYPES[kind].__required_keys__ == keys  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", list(EntryKind))
def test_accessor_returns_its_kind_and_refuses_the_others(kind: EntryKind) -> None:
    view = _view(kind)
    assert ACCESSORS[kind](view) is view.data
    for other, accessor in ACCESSORS.items():
        if other is kind:
            continue
        with pytest.raises(WrongEntryKind, match=f"entry 7 is a {kind.value} entry, "
                                                  f"not {other.value}"):
            accessor(view)
    assert issubclass(WrongEntryKind, TypeError)
