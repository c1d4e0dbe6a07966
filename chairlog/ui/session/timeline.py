"""The timeline: every entry, newest first, with "Correct…" and "Entered in error…" for the
selected one (both need a reason; the original stays, struck through)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QTableView, QWidget

from chairlog.domain import EntryKind, EntryView, SessionView
from chairlog.domain.payloads import dose_data
from chairlog.errors import ValidationError
from chairlog.services import corrections
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, entry_text, translate

from .common import Card, Host, button, close_then
from .correction_dialog import CorrectionDialog
from .dialogs import ReasonDialog
from .models import BY, ENTRY, STATUS, TIME, TimelineModel

STATE_CHANGING = ("start", "pause", "resume", "stop")
EIE_REASONS = (
    QT_TRANSLATE_NOOP("words", "Wrong patient / chair"),
    QT_TRANSLATE_NOOP("words", "Duplicate entry"),
    QT_TRANSLATE_NOOP("words", "Charted by mistake"),
)


def can_mark_in_error(e: EntryView) -> bool:
    """The service refuses it for entries that changed the session's state."""
    if e.kind is EntryKind.DISCHARGE:
        return False
    return not (e.kind is EntryKind.DOSE and dose_data(e).get("dose_action") in STATE_CHANGING)


class TimelinePanel(Card):
    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(translate("TimelinePanel", "Timeline — newest first"), parent)
        self.host = host
        self.model = TimelineModel(host.tz, self)
        self.table = QTableView()
        self.table.setObjectName("timeline_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the table (the arrow keys move between rows): no keyboard trap
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(translate("TimelinePanel", "Timeline"))
        self.table.setAccessibleDescription(
            translate(
                "TimelinePanel",
                "Every chart entry, newest first; arrow keys pick one, Enter corrects it, Delete "
                "marks it entered in error",
            )
        )
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.viewport().installEventFilter(self)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(TIME, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(ENTRY, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(BY, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(STATUS, 130)
        head.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.body.addWidget(self.table, 1)
        row = QHBoxLayout()
        # short shortcut labels keep the column narrow enough for a 1280-px screen
        self.correct_button = button(
            translate("TimelinePanel", "Correct…"),
            shortcut="F12 ↵",
            name="correct_entry",
            tip=translate(
                "TimelinePanel",
                "Correct the selected entry (the original stays, struck through) — F12, then Enter",
            ),
        )
        self.error_button = button(
            translate("TimelinePanel", "Entered in error…"),
            shortcut="F12 Del",
            name="entered_in_error",
            tip=translate(
                "TimelinePanel", "Mark the selected entry as entered in error — F12, then Delete"
            ),
        )
        row.addWidget(self.correct_button)
        row.addWidget(self.error_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.correct_button.clicked.connect(self.ask_correct)
        self.error_button.clicked.connect(self.ask_in_error)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        for seq, slot in (
            ("Return", self.ask_correct),
            ("Enter", self.ask_correct),
            ("Delete", self.ask_in_error),
        ):
            sc = QShortcut(QKeySequence(seq), self.table)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(slot)
        self._editable = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Row heights follow the wrapped text whenever the table's width changes."""
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            width = self.table.viewport().width()
            self.table.setColumnWidth(STATUS, max(150, int(width * 0.34)))
            self.table.resizeRowsToContents()
        return super().eventFilter(watched, event)

    def focus_table(self) -> None:
        self.table.setFocus()
        if self.selected() is None and self.model.rowCount():
            self.table.selectRow(0)

    def update_view(self, v: SessionView, editable: bool) -> None:
        self._editable = editable
        keep = self.selected()
        self.model.set_units(self.host.units)
        added = self.model.set_session(v.entries, v.alerts)
        if added is None:
            self.table.resizeRowsToContents()
        else:  # rows below keep their measured heights
            for row in added:
                self.table.resizeRowToContents(row)
        if keep is not None:
            self.select(keep.id)
        self._enable()

    def selected(self) -> EntryView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row()) if rows else None

    def select(self, entry_id: int) -> None:
        r = self.model.row_of(entry_id)
        if r >= 0:
            self.table.selectRow(r)

    def _enable(self) -> None:
        e = self.selected()
        ok = self._editable and e is not None and e.active
        self.correct_button.setEnabled(ok)
        self.error_button.setEnabled(bool(ok and e is not None and can_mark_in_error(e)))

    def ask_correct(self) -> None:
        e = self.selected()
        if e is None or not self.correct_button.isEnabled():
            return
        dlg = CorrectionDialog(e, self.host.tz, self, units=self.host.units)

        def save() -> None:
            try:
                changes = dlg.changes()
            except ValidationError as exc:  # a °F temperature outside the range
                dlg.show_error(exc)
                return
            when = dlg.charted_at()
            if when is not None:
                changes["charted_at"] = when
            self.host.submit(corrections.correct_entry, e.id, dlg.reason(), version=e.version,
                             on_success=close_then(dlg, self._corrected),
                             on_invalid=dlg.show_error, **changes)
        dlg.submitted.connect(save)
        self.host.open_dialog(dlg)

    def _corrected(self, result: Any) -> None:
        self.select(result.entry.id)
        self.host.say(
            translate("TimelinePanel", "Corrected: ") +
                entry_text(result.entry, self.host.units), "ok")

    def ask_in_error(self) -> None:
        e = self.selected()
        if e is None or not self.error_button.isEnabled():
            return
        summary = entry_text(e, self.host.units)
        dlg = ReasonDialog(
            translate("TimelinePanel", "Entered in error"),
            translate("TimelinePanel", "Mark as entered in error: {summary}").format(
                summary=summary
            ),
            quick=EIE_REASONS,
            ok_text=translate("TimelinePanel", "Mark entered in error"),
            parent=self,
        )
        dlg.submitted.connect(
            lambda: self.host.submit(
                corrections.mark_entered_in_error,
                e.id,
                dlg.reason(),
                version=e.version,
                on_success=close_then(
                    dlg,
                    lambda _r: self.host.say(
                        translate("TimelinePanel", "Marked entered in error"), "ok"
                    ),
                ),
                on_invalid=dlg.show_error,
            )
        )
        self.host.open_dialog(dlg)
