"""The chart-save path made cheaper (issue 11.7) without changing what it returns or records:
the parsed protocol snapshot is reused only for the same snapshot, the returned session view
is what a fresh read shows, and one transaction's audit records are written together, in
order, under one hold of the chain's lock. Runs on SQLite, and on PostgreSQL when
CHAIRLOG_TEST_PG_URL is set."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, select

from chairlog.db.models import AuditLog
from chairlog.errors import ValidationError
from chairlog.services import (
    audit_log,
    charting,
    context,
    corrections,
    doses,
    views,
)
from chairlog.services.context import protocol_of
from tests.conftest import Clinic, ready_to_infuse
from tests.reliability.helpers.dbs import VITALS

# ---- the parsed protocol snapshot -------------------------------------------------------

def test_the_same_snapshot_is_parsed_once(clinic: Clinic) -> None:
    snap = clinic.protocols["chronic-pain-titrated"].values.to_dict()
    first = protocol_of(snap)
    assert protocol_of(dict(snap)) is first  # an equal snapshot read again: the same values
    assert first == clinic.protocols["chronic-pain-titrated"].values


def test_a_different_snapshot_is_parsed_again(clinic: Clinic) -> None:
    snap = clinic.protocols["chronic-pain-titrated"].values.to_dict()
    base = protocol_of(snap)
    changed = protocol_of({**snap, "max_rate_mg_per_kg_h": snap["max_rate_mg_per_kg_h"] + 0.5})
    assert changed is not base
    assert changed.max_rate_mg_per_kg_h == base.max_rate_mg_per_kg_h + 0.5
    # equal as Python numbers (9 == 9.0), but another text: parsed on its own, and refused
    # (a whole number is asked), not taken for the snapshot already parsed
    assert protocol_of(snap) is base
    with pytest.raises(ValidationError) as e:
        protocol_of({**snap, "discharge_score_min": float(snap["discharge_score_min"])})
    assert e.value.field == "discharge_score_min"


def test_a_snapshot_that_fails_is_refused_every_time(clinic: Clinic) -> None:
    snap = {**clinic.protocols["chronic-pain-titrated"].values.to_dict(), "dose_mode": "drip"}
    for _ in range(2):
        with pytest.raises(ValidationError) as e:
            protocol_of(snap)
        assert e.value.field == "dose_mode"


def test_the_cache_keeps_the_most_recent_snapshots(clinic: Clinic,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "PROTOCOL_CACHE_SIZE", 2)
    snap = clinic.protocols["chronic-pain-titrated"].values.to_dict()
    a, b, c = ({**snap, "planned_duration_min": m} for m in (100.0, 110.0, 120.0))
    first = protocol_of(a)
    protocol_of(b)
    assert protocol_of(a) is first  # used again: now the most recent
    protocol_of(c)  # the least recently used (b) goes
    assert len(context._PROTOCOLS) <= 2
    assert protocol_of(a) is first


# ---- the returned view is what a fresh read shows ---------------------------------------

def test_every_kind_of_save_returns_the_session_as_read_afresh(clinic: Clinic) -> None:
    c = clinic
    s = ready_to_infuse(c)
    doses.start_infusion(c.app, c.nurse, s.id, 0.5)
    # a second nurse's entries, a corrected and an invalidated entry, an acknowledged alert
    charting.record_vitals(c.app, c.nurse2, s.id, VITALS)
    wrong = charting.add_note(c.app, c.nurse, s.id, "wrong chair").entry
    corrections.mark_entered_in_error(c.app, c.nurse2, wrong.id, "charted on wrong chair")
    typo = charting.record_vitals(c.app, c.nurse, s.id, {**VITALS, "hr": 75}).entry
    corrections.correct_entry(c.app, c.nurse2, typo.id, "typo", hr=76)
    low = charting.record_vitals(c.app, c.nurse, s.id, {**VITALS, "spo2": 85})
    assert low.alerts
    charting.acknowledge_alert(c.app, c.nurse2, low.alerts[0].id, "oxygen given")
    saves: list[tuple[str, Any]] = [
        ("vitals", lambda: charting.record_vitals(c.app, c.nurse, s.id, VITALS)),
        ("vitals raising alerts", lambda: charting.record_vitals(
            c.app, c.nurse2, s.id, {**VITALS, "spo2": 84, "hr": 140})),
        ("rate", lambda: doses.change_rate(
            c.app, c.nurse, s.id, 0.6, expected_version=views.get_session(c.app, s.id).version)),
        ("side effect", lambda: charting.record_side_effect(c.app, c.nurse2, s.id, "nausea",
                                                            "mild", "none")),
        ("note", lambda: charting.add_note(c.app, c.nurse, s.id, "comfortable")),
        ("assessment", lambda: charting.record_assessment(c.app, c.nurse, s.id, "pain_nrs", 3)),
        ("medication", lambda: charting.record_medication(c.app, c.nurse2, s.id, "ondansetron",
                                                          4, "mg", "IV")),
    ]
    for what, save in saves:
        result = save()
        fresh = views.get_session(c.app, s.id)
        assert result.session == fresh, what
        assert result.entry in fresh.entries, what
    names = {e.user_name for e in fresh.entries}
    assert names == {"Nina Nurse, RN", "Omar Øster, RN"}
    assert fresh.nurse_name == "Nina Nurse, RN"
    assert {e.invalidated_by_name for e in fresh.entries if e.invalidated_at} == {
        "Omar Øster, RN"}
    acked = [a for a in fresh.alerts if a.acknowledged_at is not None]
    assert acked and {a.acknowledged_by_name for a in acked} == {"Omar Øster, RN"}


# ---- one transaction's audit records: together, in order, one lock ----------------------

@pytest.fixture
def statements(clinic: Clinic) -> Iterator[list[str]]:
    """The statements run, as they are run."""
    seen: list[str] = []

    def on_execute(_conn: Any, _cur: Any, stmt: str, *_a: Any) -> None:
        seen.append(" ".join(stmt.split()))

    engine = clinic.app.db.engine
    event.listen(engine, "before_cursor_execute", on_execute)
    yield seen
    event.remove(engine, "before_cursor_execute", on_execute)


def test_a_save_raising_alerts_writes_its_records_at_once_in_order(
    clinic: Clinic, statements: list[str]
) -> None:
    c = clinic
    s = ready_to_infuse(c)
    with c.app.db.read() as db:
        before = db.scalar(select(AuditLog.seq).order_by(AuditLog.seq.desc()).limit(1))
    statements.clear()
    r = charting.record_vitals(c.app, c.nurse, s.id, {**VITALS, "spo2": 84, "hr": 140})
    assert len(r.alerts) >= 2
    # the chain's head is read (and locked) once, after everything else the save does; only
    # the records and the head's move follow it, before the commit
    heads = [i for i, x in enumerate(statements) if "FROM audit_head" in x]
    assert len(heads) == 1
    after = statements[heads[0] + 1:]
    assert after and all("INSERT INTO audit_log" in x or x.startswith("UPDATE audit_head")
                         for x in after), after
    assert len(after) <= 2
    with c.app.db.read() as db:
        rows = list(db.execute(select(AuditLog.seq, AuditLog.action, AuditLog.entity_id)
                               .where(AuditLog.seq > before).order_by(AuditLog.seq)))
    assert [r_.seq for r_ in rows] == list(range(before + 1, before + 1 + len(rows)))
    assert [r_.action for r_ in rows] == ["entry.create.vitals"] + ["alert.raise"] * len(r.alerts)
    # raised (and so numbered) in order; the view lists alerts raised at one instant in any
    assert [r_.entity_id for r_ in rows[1:]] == [str(i) for i in sorted(a.id for a in r.alerts)]
    report = audit_log.verify_audit(c.app)
    assert report.ok, report.problem


def test_saves_keep_the_chain_verifiable(clinic: Clinic) -> None:
    c = clinic
    s = ready_to_infuse(c)
    doses.start_infusion(c.app, c.nurse, s.id, 0.5)
    for i in range(3):
        charting.record_vitals(c.app, c.nurse if i % 2 else c.nurse2, s.id,
                               {**VITALS, "hr": 70 + i})
        doses.change_rate(c.app, c.nurse, s.id, 0.5 + i / 10)
    report = audit_log.verify_audit(c.app)
    assert report.ok, report.problem
    assert report.bound_rows
