"""The typed payloads (``domain.payloads``) agree with the fields the views fill, the narrow
accessors refuse an entry of another kind, and no module reads a payload field by string key."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import chairlog
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


# --- no reader takes a payload field by string key ------------------------------------------

PACKAGE = Path(chairlog.__file__).parent
#: the accessors themselves, and the view that fills the payload
MAY_READ = {"domain/payloads.py", "services/views.py"}
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """A scope's nodes, not those of the functions nested in it (their names are their own)."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, _FUNCTIONS):
            stack.extend(ast.iter_child_nodes(node))


def _is_key(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def payload_reads(source: str) -> list[tuple[int, str]]:
    """Each read of a payload field by string key: ``x.data["k"]``, ``x.data.get("k")``,
    ``"k" in x.data``, and the same on a name bound to ``x.data`` in that scope (``d = e.data;
    d["k"]``). A call ``item.data(role)`` (Qt) or any other mapping is not a payload."""
    tree = ast.parse(source)
    hits: set[tuple[int, str]] = set()
    for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, _FUNCTIONS))]:
        nodes = list(_own_nodes(scope))
        aliases: set[str] = set()
        for n in nodes:
            if isinstance(n, ast.Assign | ast.NamedExpr) and isinstance(n.value, ast.Attribute) \
                    and n.value.attr == "data":
                targets = n.targets if isinstance(n, ast.Assign) else [n.target]
                aliases |= {t.id for t in targets if isinstance(t, ast.Name)}

        def payload(node: ast.AST, aliases: set[str] = aliases) -> bool:
            return (isinstance(node, ast.Attribute) and node.attr == "data") or (
                isinstance(node, ast.Name) and node.id in aliases)

        hits |= {(n.lineno, ast.unparse(n)) for n in nodes if _reads_key(n, payload)}
    return sorted(hits)


def _reads_key(n: ast.AST, payload: Callable[[ast.AST], bool]) -> bool:
    """``n`` is ``P["k"]``, ``P.get("k", …)`` (``pop``, ``setdefault``) or ``"k" in P`` with
    ``payload(P)``."""
    if isinstance(n, ast.Subscript):
        return payload(n.value) and _is_key(n.slice)
    if isinstance(n, ast.Call):
        return (isinstance(n.func, ast.Attribute) and n.func.attr in ("get", "pop", "setdefault")
                and payload(n.func.value) and bool(n.args) and _is_key(n.args[0]))
    if isinstance(n, ast.Compare):
        return (_is_key(n.left) and any(isinstance(op, ast.In | ast.NotIn) for op in n.ops)
                and any(payload(c) for c in n.comparators))
    return False


def test_no_module_reads_a_payload_field_by_string_key() -> None:
    found = [f"{path.relative_to(PACKAGE)}:{line}: {text}"
             for path in sorted(PACKAGE.rglob("*.py"))
             if path.relative_to(PACKAGE).as_posix() not in MAY_READ
             for line, text in payload_reads(path.read_text(encoding="utf-8"))]
    assert found == []
    assert (PACKAGE / "services" / "views.py").exists()  # the exemptions name real files
    assert (PACKAGE / "domain" / "payloads.py").exists()


OLD_READS = [  # lines as they stood before the typed payloads (each must be caught)
    'checker = e.data.get("validated_by_id")',
    'done = {e.data.get("item_key") for e in entries if e.data.get("done", True)}',
    'def f(e):\n    d = e.data\n    return (d.get("hr"), d["sbp"])',
    'def f(e):\n    d = e.data\n    return "validated_at" in d and d["validated_at"] is None',
    'med = suggested_for(meds, effect.data["effect_type"]) if effect else None',
    'scores = [int(e.data["score"]) for e in rows if (d := e.data).get("scale") == "x"]',
]
NOT_PAYLOADS = [  # unrelated mappings and typed reads (none may be flagged)
    'p = item.data(Qt.ItemDataRole.UserRole)',
    'bytes(p.readAllStandardOutput().data())',
    'if self._allowed.get("find"):\n    pass',
    'def f(e):\n    d = vitals_data(e)\n    return d["hr"], d.get("temp_c")',
    'def f(e):\n    d = e.data\n    def g(d):\n        return d["x"]\n    return g',
    'row = {k: e.data[k] for k in fields}',
    'ok = verify(str(d["public_key"]))',
]


@pytest.mark.parametrize("source", OLD_READS)
def test_the_scan_catches_a_string_key_read(source: str) -> None:
    assert payload_reads(source)


@pytest.mark.parametrize("source", NOT_PAYLOADS)
def test_the_scan_leaves_other_mappings_alone(source: str) -> None:
    assert payload_reads(source) == []


def test_the_vitals_fields_have_one_list() -> None:
    """The payload types' literals say what ``chairlog.clinical.vitals`` lists (a type checker
    needs the literal; this keeps it the same list)."""
    from typing import get_args

    from chairlog.clinical.vitals import MEASURED, PLAUSIBLE, REQUIRED
    from chairlog.domain.payloads import VITAL_SIGNS, VitalSign, VitalValue
    from chairlog.monitor.mapping import FIELDS as MONITOR_FIELDS
    from chairlog.services.monitor import FIELDS as SERVICE_FIELDS

    assert get_args(VitalSign) == REQUIRED == VITAL_SIGNS
    assert get_args(VitalValue) == MEASURED == tuple(PLAUSIBLE) == MONITOR_FIELDS
    assert SERVICE_FIELDS == MEASURED
