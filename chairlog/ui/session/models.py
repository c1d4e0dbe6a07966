"""Qt item models of the session view, testable without any widget.

``TimelineModel``: every chart entry, newest first, as (time, entry, by, status). Entries that
were corrected or marked entered in error stay in the list, struck through (the status column,
not struck, says why and who). Late entries say "LATE" in words and colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from chairlog.domain import AlertView, EntryStatus, EntryView
from chairlog.present.units import STORED, Units
from chairlog.present.vitals_text import entry_summary
from chairlog.ui import tokens
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, alert_text, current_language, translate

from .common import clock_time

COLUMNS = (
    QT_TRANSLATE_NOOP("words", "Time"),
    QT_TRANSLATE_NOOP("words", "Entry"),
    "By",
    QT_TRANSLATE_NOOP("words", "Status"),
)
TIME, ENTRY, BY, STATUS = range(4)
ENTRY_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1

_Index = QModelIndex | QPersistentModelIndex


def status_text(e: EntryView, tz: ZoneInfo, alerts: Sequence[AlertView] = ()) -> str:
    """What the status column says about an entry (late, corrected, alerts)."""
    parts: list[str] = []
    if e.status is EntryStatus.CORRECTED:
        parts.append(f"CORRECTED by {e.invalidated_by_name or '?'} at "
                     f"{clock_time(e.invalidated_at, tz)}: {e.invalidation_reason or ''}")
    elif e.status is EntryStatus.ENTERED_IN_ERROR:
        parts.append(f"ENTERED IN ERROR — {e.invalidated_by_name or '?'} at "
                     f"{clock_time(e.invalidated_at, tz)}: {e.invalidation_reason or ''}")
    if e.supersedes_id is not None:
        parts.append("correction")
    if e.is_late:
        parts.append(
            translate("models", "LATE (entered {value})").format(
                value=clock_time(e.recorded_at, tz)
            )
        )
    if len(alerts) == 1:
        a = alerts[0]
        ack = (
            translate("models", " — ack {acknowledged_by_name}: {action_taken}").format(
                acknowledged_by_name=a.acknowledged_by_name, action_taken=a.action_taken
            )
            if a.acknowledged_at
            else translate("models", " — NOT ACKNOWLEDGED")
        )
        parts.append(f"⚠ {alert_text(a.message)}{ack}")
    elif alerts:
        open_ = sum(1 for a in alerts if a.acknowledged_at is None)
        parts.append(
            translate("models", "⚠ {value} alerts").format(value=len(alerts))
            + (translate("models", ", {count} NOT ACKNOWLEDGED").format(count=open_) if open_
               else translate("models", ", acknowledged"))
        )
    return " · ".join(parts)


def alerts_text(alerts: Sequence[AlertView]) -> str:
    """Every alert of an entry in full (the tooltip)."""
    return "\n".join(
        f"⚠ {alert_text(a.message)}"
        + (translate("models", " — ack {acknowledged_by_name}: {action_taken}").format(
            acknowledged_by_name=a.acknowledged_by_name, action_taken=a.action_taken)
           if a.acknowledged_at else translate("models", " — not acknowledged"))
        for a in alerts)


class TimelineModel(QAbstractTableModel):
    def __init__(self, tz: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz
        #: the clinic's units: a vitals line shows its temperature in °F where chosen
        self.units: Units = STORED
        self._entries: list[EntryView] = []
        self._alerts: dict[int, list[AlertView]] = {}

    def set_session(self, entries: Sequence[EntryView],
                    alerts: Sequence[AlertView] = ()) -> range | None:
        """Replace the rows (entries newest first, as the read model gives them).

        Returns the rows that are new when the only change is entries added on top (the
        usual save: one new entry, now), so that the view measures just those; ``None`` when
        the model was reset (anything else changed: a correction, an alert acknowledged…)."""
        rows = sorted(entries, key=lambda e: (e.charted_at, e.id), reverse=True)
        by_entry: dict[int, list[AlertView]] = {}
        for a in alerts:
            if a.entry_id is not None:
                by_entry.setdefault(a.entry_id, []).append(a)
        added = len(rows) - len(self._entries)
        if added >= 0 and rows[added:] == self._entries and all(
                by_entry.get(e.id) == self._alerts.get(e.id) for e in self._entries):
            if added:
                self.beginInsertRows(QModelIndex(), 0, added - 1)
            self._entries, self._alerts = rows, by_entry
            if added:
                self.endInsertRows()
            return range(added)
        self.beginResetModel()
        self._entries, self._alerts = rows, by_entry
        self.endResetModel()
        return None

    def set_units(self, units: Units) -> None:
        """Show temperatures in ``units`` (the rows are redrawn only when they change)."""
        if units != self.units:
            self.beginResetModel()
            self.units = units
            self.endResetModel()

    def entry_at(self, row: int) -> EntryView:
        return self._entries[row]

    def row_of(self, entry_id: int) -> int:
        return next((i for i, e in enumerate(self._entries) if e.id == entry_id), -1)

    # --- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("words", COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        e = self._entries[index.row()]
        col = index.column()
        inactive = e.status is not EntryStatus.ACTIVE
        if role == Qt.ItemDataRole.DisplayRole:
            if col == TIME:
                return clock_time(e.charted_at, self.tz)
            if col == ENTRY:
                return entry_summary(e, self.units, translate, current_language())
            if col == BY:
                return e.user_name.split(",")[0]
            return status_text(e, self.tz, self._alerts.get(e.id, ()))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if inactive and col != STATUS:
                font.setStrikeOut(True)
            if col == STATUS and (e.is_late or self._alerts.get(e.id)):
                font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if inactive:
                return QColor(tokens.MUTED)
            if col == STATUS and any(a.acknowledged_at is None for a in self._alerts.get(e.id, ())):
                return QColor(tokens.ALERT)
            if col == STATUS and e.is_late:
                return QColor(tokens.WARN)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            alerts = self._alerts.get(e.id, ())
            lines = [
                entry_summary(e, self.units, translate, current_language()),
                translate(
                    "TimelineModel", "Charted for {value}, entered {value2} by {user_name}"
                ).format(
                    value=clock_time(e.charted_at, self.tz),
                    value2=clock_time(e.recorded_at, self.tz),
                    user_name=e.user_name,
                ),
            ]
            if inactive or e.is_late:
                lines.append(status_text(e, self.tz))
            if alerts:
                lines.append(alerts_text(alerts))
            return "\n".join(lines)
        if role == ENTRY_ID_ROLE:
            return e.id
        return None
