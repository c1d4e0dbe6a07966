"""Find a patient and their series of sessions (Ctrl+F).

Search by name or MRN as you type; the patient's sessions are listed newest first with the
pain score before and after each one (the outcome the physician follows across a series).
*Open* shows a session in its own tab — also finished and signed ones, which is where an
addendum is opened; *Export PDF…* writes the current record (the signed file if signed) on the
background worker.

Decisions:
- Every read (the clinic's time zone, the search, a patient's sessions) runs on the window's
  operation runner (``ctx.runner``), so a hung server never blocks the window; an answer ready
  within the runner's fast wait shows in the same event. Dates show in UTC until the clinic's
  time zone is read. A search answered after a newer one was typed is dropped (a sequence
  number), as is a history read for a patient no longer picked; a failed read says so on the
  status line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import HistoryRow, PatientInfo
from chairlog.errors import ChairlogError
from chairlog.present.units import STORED, Units
from chairlog.services import accounts, patients, views
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, clinical, error_text, translate
from chairlog.ui.widgets import BigButton, big_font

HEADERS = (
    QT_TRANSLATE_NOOP("words", "Date"),
    QT_TRANSLATE_NOOP("words", "Protocol"),
    QT_TRANSLATE_NOOP("words", "Chair"),
    QT_TRANSLATE_NOOP("words", "State"),
    QT_TRANSLATE_NOOP("words", "Weight"),
    QT_TRANSLATE_NOOP("words", "Pain before"),
    QT_TRANSLATE_NOOP("words", "Pain after"),
    "Id",
)
Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """A patient's sessions; unit-testable without widgets."""

    def __init__(self, tz: ZoneInfo, units: Units = STORED) -> None:
        super().__init__()
        self.tz = tz
        #: the clinic's units: a weight in lb clinics reads "154 lb (69.85 kg)"
        self.units = units
        self.rows: list[HistoryRow] = []

    def set_tz(self, tz: ZoneInfo) -> None:
        self.beginResetModel()
        self.tz = tz
        self.endResetModel()

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("words", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        s = r.session
        started = (s.infusion_started_at or s.checked_in_at).astimezone(self.tz)
        return (
            started.strftime("%Y-%m-%d %H:%M"),
            s.protocol_name,
            s.chair_name,
            clinical(s.state.label),
            self.units.show_weight(r.weight_kg) if self.units.lb else f"{r.weight_kg:g} kg",
            "—" if r.pain_before is None else str(r.pain_before),
            "—" if r.pain_after is None else str(r.pain_after),
            f"S-{s.id:06d}",
        )[index.column()]


class PatientHistoryDialog(QDialog):
    """Emits ``open_session(id)``; the main window opens the tab."""

    open_session = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("PatientHistoryDialog", "Find patient — history"))
        self.resize(1480, 720)
        self._seq = 0
        lay = QVBoxLayout(self)
        title = QLabel(translate("PatientHistoryDialog", "Find a patient"))
        title.setFont(big_font(tokens.PT_3XL, bold=True))
        lay.addWidget(title)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("PatientHistoryDialog", "Name or MRN…"))
        self.search.setFont(big_font(tokens.PT_XL))
        self.search.setMinimumHeight(tokens.TOUCH_PX)
        lay.addWidget(self.search)
        body = QHBoxLayout()
        self.results = QListWidget()
        self.results.setFont(big_font(tokens.PT_M))
        self.results.setFixedWidth(tokens.SIDE_LIST_PX)
        self.results.setWordWrap(True)
        body.addWidget(self.results)
        right = QVBoxLayout()
        self.patient_label = QLabel(
            translate(
                "PatientHistoryDialog", "Type to search; pick a patient to see their sessions."
            )
        )
        self.patient_label.setWordWrap(True)
        self.patient_label.setFont(big_font(tokens.PT_M, bold=True))
        right.addWidget(self.patient_label)
        self.model = HistoryModel(ZoneInfo("UTC"), ctx.units)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self._open())
        right.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        self.export_button = BigButton(translate("PatientHistoryDialog", "Export PDF…"))
        self.export_button.clicked.connect(self._export)
        self.series_button = BigButton(translate("PatientHistoryDialog", "Series…"))
        self.series_button.clicked.connect(self.show_series)
        row.addWidget(self.series_button)
        self.open_button = BigButton(
            translate("PatientHistoryDialog", "Open  (Enter)"), primary=True
        )
        self.open_button.clicked.connect(self._open)
        row.addWidget(self.export_button)
        row.addWidget(self.open_button)
        right.addLayout(row)
        body.addLayout(right, 1)
        lay.addLayout(body, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._search_now)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)
        self.results.currentItemChanged.connect(lambda cur, _prev: self._show(cur))
        self.search.setFocus()
        ctx.runner.interactive(self, accounts.get_clinic, ctx.app).success(
            lambda c: self.model.set_tz(ZoneInfo(c.timezone))).failure(
            self._read_failed).wait_briefly()

    def _read_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError | ValueError):
            raise exc
        self.status.setText(
            translate("PatientHistoryDialog", "Could not read: {exc}").format(exc=error_text(exc)))

    def _search_now(self) -> None:
        self._debounce.stop()
        self._seq += 1
        seq = self._seq
        self.ctx.runner.interactive(self, patients.search_patients, self.ctx.app,
                                    self.search.text()).success(
            lambda found: self._show_found(seq, found)).failure(
            self._read_failed).wait_briefly()

    def _show_found(self, seq: int, found: list[PatientInfo]) -> None:
        if seq != self._seq:
            return  # a newer search is on its way
        self.results.clear()
        for p in found:
            item = QListWidgetItem(f"{p.display_name}\n{p.mrn}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self.model.set_rows([])

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        p: PatientInfo = item.data(Qt.ItemDataRole.UserRole)
        self.ctx.runner.interactive(self, views.patient_history, self.ctx.app, p.id).success(
            lambda rows: self._show_history(p, rows)).failure(self._read_failed).wait_briefly()

    def _show_history(self, p: PatientInfo, rows: list[HistoryRow]) -> None:
        item = self.results.currentItem()
        if item is None or item.data(Qt.ItemDataRole.UserRole).id != p.id:
            return  # another patient was picked meanwhile
        born = (
            translate("PatientHistoryDialog", " · born {date_of_birth:%Y-%m-%d}").format(
                date_of_birth=p.date_of_birth
            )
            if p.date_of_birth
            else ""
        )
        self.patient_label.setText(
            translate(
                "PatientHistoryDialog", "{display_name} · {mrn}{born} · {value} session(s)"
            ).format(display_name=p.display_name, mrn=p.mrn, born=born, value=len(rows))
        )
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)

    def selected(self) -> HistoryRow | None:
        idx = self.table.selectionModel().selectedRows()
        return self.model.rows[idx[0].row()] if idx else None

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected() is not None \
                and not self.search.hasFocus():
            self._open()
            return
        super().keyPressEvent(event)

    def _open(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_session.emit(row.session.id)
            self.accept()

    def show_series(self) -> None:
        """The selected patient's treatment series (chart, totals, PDF for the referrer)."""
        item = self.results.currentItem()
        if item is None:
            return
        from chairlog.ui.series import SeriesDialog

        p: PatientInfo = item.data(Qt.ItemDataRole.UserRole)
        self.series_dialog = SeriesDialog(self.ctx, p.mrn, self)
        self.series_dialog.show()

    def _export(self) -> None:
        row = self.selected()
        if row is None:
            return
        from chairlog.ui.export_folder import ask_save_path

        s = row.session
        day = (s.infusion_started_at or s.checked_in_at).astimezone(self.model.tz)
        name = f"record-S-{s.id:06d}-{s.patient_mrn}-{day:%Y-%m-%d}.pdf"  # the clinic's day
        path = ask_save_path(self, translate("PatientHistoryDialog", "Export record"), name,
                             translate("PatientHistoryDialog", "PDF (*.pdf)"))
        if path is not None:
            self.export_to(s.id, path)

    def export_to(self, session_id: int, path: Path) -> None:
        """Build (or fetch the signed) PDF off the UI thread, then write it."""
        from chairlog.services import records

        self.status.setText(translate("PatientHistoryDialog", "Exporting…"))
        self.export_button.setEnabled(False)

        def work() -> int:
            data = records.export_record(self.ctx.app, session_id)
            path.write_bytes(data)
            return len(data)

        def done(size: int) -> None:
            self.export_button.setEnabled(True)
            self.status.setText(
                translate("PatientHistoryDialog", "Saved {name} ({value} KB).").format(
                    name=path.name, value=size // 1024
                )
            )

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.status.setText(
                translate("PatientHistoryDialog", "Export failed: {exc}").format(
                    exc=error_text(exc))
            )

        self.ctx.runner.interactive(self, work).success(done).failure(failed)
