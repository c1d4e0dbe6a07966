"""The timeline model on its own (no widget): order, columns, late marker, struck-through
corrections with the reason and who, alerts, and rows built from a real corrected session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from chairlog.domain import AlertView, EntryKind, EntryStatus, EntryView
from chairlog.services import charting, corrections, views
from chairlog.ui import tokens
from chairlog.ui.session.models import COLUMNS, ENTRY_ID_ROLE, TimelineModel
from tests.conftest import ready_to_infuse

BERLIN = ZoneInfo("Europe/Berlin")
T = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 15:00 in Berlin
D = Qt.ItemDataRole


def entry(i: int, minutes: int, summary: str, **kw: Any) -> EntryView:
    at = T + timedelta(minutes=minutes)
    base: dict[str, Any] = dict(id=i, session_id=1, kind=EntryKind.NOTE, charted_at=at,
                                recorded_at=at, user_id=1, user_name="Nina Nurse, RN",
                                status=EntryStatus.ACTIVE, is_late=False, summary=summary,
                                record_version=1)
    return EntryView(**(base | kw))


def cell(m: TimelineModel, row: int, col: int, role: int = D.DisplayRole) -> Any:
    return m.data(m.index(row, col), role)


def test_rows_newest_first_with_columns_late_and_struck_corrections(qapp: Any) -> None:
    m = TimelineModel(BERLIN)
    assert m.rowCount() == 0 and m.columnCount() == 4
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == list(COLUMNS)
    old = entry(1, 0, "Vitals: HR 150", kind=EntryKind.VITALS, status=EntryStatus.CORRECTED,
                invalidated_at=T + timedelta(minutes=3), invalidated_by_name="Omar Øster, RN",
                invalidation_reason="Typo: HR was 105")
    new = entry(2, 0, "Vitals: HR 105", kind=EntryKind.VITALS, supersedes_id=1,
                recorded_at=T + timedelta(minutes=3))
    late = entry(3, 10, "Note: late", recorded_at=T + timedelta(minutes=35), is_late=True)
    wrong = entry(4, 5, "Note: wrong chair", status=EntryStatus.ENTERED_IN_ERROR,
                  invalidated_at=T + timedelta(minutes=6), invalidated_by_name="Nina Nurse, RN",
                  invalidation_reason="Wrong chair")
    alert = AlertView(9, 1, 2, "hr_high", "Heart rate 105 > 100/min", T, None, None, None, 1)
    m.set_session([old, late, new, wrong], [alert])
    assert m.rowCount() == 4
    assert [cell(m, r, 1) for r in range(4)] == ["Note: late", "Note: wrong chair",
                                                "Vitals: HR 105", "Vitals: HR 150"]
    assert cell(m, 0, 0) == "15:10"  # local clinic time
    assert cell(m, 0, 2) == "Nina Nurse"
    assert cell(m, 0, 3) == "LATE (entered 15:35)"
    assert cell(m, 0, 3, D.ForegroundRole) == QColor(tokens.WARN)
    # the original stays, struck through (time, entry, by) with who corrected it and why
    r_old = m.row_of(1)
    assert r_old == 3 and cell(m, r_old, 1) == "Vitals: HR 150"
    for col in (0, 1, 2):
        assert cell(m, r_old, col, D.FontRole).strikeOut()
    assert not cell(m, r_old, 3, D.FontRole).strikeOut()
    assert cell(m, r_old, 3) == "CORRECTED by Omar Øster, RN at 15:03: Typo: HR was 105"
    assert cell(m, r_old, 1, D.ForegroundRole) == QColor(tokens.MUTED)
    # the correction is active, says it is one, and carries the unacknowledged alert
    r_new = m.row_of(2)
    assert not cell(m, r_new, 1, D.FontRole).strikeOut()
    assert cell(m, r_new, 3).startswith("correction · ⚠ Heart rate 105 > 100/min")
    assert "NOT ACKNOWLEDGED" in cell(m, r_new, 3)
    assert cell(m, r_new, 3, D.ForegroundRole) == QColor(tokens.ALERT)
    r_eie = m.row_of(4)
    assert cell(m, r_eie, 1, D.FontRole).strikeOut()
    assert cell(m, r_eie, 3) == "ENTERED IN ERROR — Nina Nurse, RN at 15:06: Wrong chair"
    assert cell(m, r_eie, 0, ENTRY_ID_ROLE) == 4
    assert "entered 15:35" in cell(m, 0, 1, D.ToolTipRole)
    assert m.data(m.index(9, 0)) is None
    # a new load replaces the rows; several alerts on one entry are counted, listed in full in
    # the tooltip
    acked = AlertView(10, 1, 2, "sbp_high", "Systolic 190 > 180 mmHg", T, T, "Omar Øster, RN",
                      "Paused", 2)
    m.set_session([new], [alert, acked])
    assert m.rowCount() == 1 and m.row_of(1) == -1
    assert cell(m, 0, 3) == "correction · ⚠ 2 alerts, 1 NOT ACKNOWLEDGED"
    tip = cell(m, 0, 1, D.ToolTipRole)
    assert "Systolic 190 > 180 mmHg — ack Omar Øster, RN: Paused" in tip
    assert "Heart rate 105 > 100/min — not acknowledged" in tip


def test_rows_from_a_real_corrected_session(clinic: Any, qapp: Any) -> None:
    s = ready_to_infuse(clinic)
    clinic.clock.advance(minutes=5)
    wrong = charting.record_vitals(clinic.app, clinic.nurse, s.id,
                                   {"hr": 150, "sbp": 121, "dbp": 75, "spo2": 97, "rr": 14})
    clinic.clock.advance(minutes=2)
    corrections.correct_entry(clinic.app, clinic.nurse2, wrong.entry.id, "Typo: HR was 105",
                              hr=105)
    v = views.get_session(clinic.app, s.id)
    m = TimelineModel(BERLIN)
    m.set_session(v.entries, v.alerts)
    r = m.row_of(wrong.entry.id)
    assert cell(m, r, 1, D.FontRole).strikeOut()
    assert cell(m, r, 1).startswith("Baseline vitals: HR 150")  # before the start
    assert "CORRECTED by Omar Øster, RN" in cell(m, r, 3)
    assert "Typo: HR was 105" in cell(m, r, 3)
    # the correction keeps the original's charted time, listed above it
    assert cell(m, r - 1, 1).startswith("Baseline vitals: HR 105")
    assert cell(m, r - 1, 0) == "15:05"
    assert m.rowCount() == len(v.entries)


def test_new_entries_on_top_are_inserted_anything_else_resets(qapp: Any) -> None:
    m = TimelineModel(BERLIN)
    events: list[str] = []
    m.rowsInserted.connect(lambda _p, first, last: events.append(f"insert {first}-{last}"))
    m.modelReset.connect(lambda: events.append("reset"))
    a, b = entry(1, 0, "Note: a"), entry(2, 5, "Note: b")
    assert m.set_session([a]) == range(1) and events == ["insert 0-0"]
    # a save: one new entry, newest → inserted on top, nothing else re-measured
    assert m.set_session([b, a]) == range(1) and events[-1] == "insert 0-0"
    assert [cell(m, r, 1) for r in range(2)] == ["Note: b", "Note: a"]
    assert m.set_session([b, a]) == range(0) and len(events) == 2  # unchanged: nothing
    # an alert on an existing entry, a correction, a late entry below: reset
    alert = AlertView(9, 1, 1, "hr_high", "Heart rate 105 > 100/min", T, None, None, None, 1)
    assert m.set_session([b, a], [alert]) is None and events[-1] == "reset"
    assert "NOT ACKNOWLEDGED" in cell(m, 1, 3)
    late = entry(3, 2, "Note: late", is_late=True)
    assert m.set_session([b, late, a], [alert]) is None and events[-1] == "reset"
    assert [cell(m, r, 1) for r in range(3)] == ["Note: b", "Note: late", "Note: a"]
    corrected = entry(1, 0, "Note: a", status=EntryStatus.CORRECTED)
    assert m.set_session([b, late, corrected], [alert]) is None
    assert cell(m, 2, 1, D.FontRole).strikeOut()
