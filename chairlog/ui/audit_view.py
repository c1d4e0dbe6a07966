"""The audit trail viewer: filter by patient, session, user and days; verify the chain;
export CSV.

Decisions:
- Rows come from ``audit_log.list_audit`` (the service decides who may read what: a nurse
  reads one session at a time, so the viewer opened from a session is pre-filtered to it).
  Newest first, 500 at a time; "Load older" pages back.
- Times show in the clinic's time zone; the selected row's full before/after JSON, reason
  and hashes show below the table.
- Verifying the chain and exporting can take seconds on a large trail: both run on the
  operation runner's maintenance lane (``ctx.runner``), never ahead of a signature; the
  buttons are disabled meanwhile.
- Days in the date range are the clinic's days (``audit_log.day_bounds``), both included,
  for the table and for the export.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import AuditExport, AuditReport, AuditRow
from chairlog.errors import ChairlogError
from chairlog.services import accounts, audit_log, patients
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, error_text, translate
from chairlog.ui.widgets import BigButton, ErrorBanner, set_prop

PAGE = 500
Index = QModelIndex | QPersistentModelIndex


def change_summary(row: AuditRow, width: int = 140) -> str:
    """'hr: 72 → 78' for a change, 'hr=72, sbp=120' for a creation; shortened to ``width``."""
    before, after = row.before or {}, row.after or {}
    if before:
        parts = [
            f"{k}: {before.get(k)} → {after.get(k)}"
            for k in sorted(set(before) | set(after))
            if before.get(k) != after.get(k)
        ]
    else:  # a creation: its values, the entry kind (already in the action) left out
        keys = sorted(k for k, v in after.items() if v is not None and k != "kind")
        keys.sort(key=lambda k: k == "charted_at")  # the time last: values read first
        parts = [f"{k}={after[k]}" for k in keys]
    text = ", ".join(parts)
    return text if len(text) <= width else text[: width - 1] + "…"


class AuditModel(QAbstractTableModel):
    HEADERS = (
        "#",
        QT_TRANSLATE_NOOP("words", "Time"),
        QT_TRANSLATE_NOOP("words", "User"),
        QT_TRANSLATE_NOOP("words", "Action"),
        QT_TRANSLATE_NOOP("words", "Record"),
        QT_TRANSLATE_NOOP("words", "Session"),
        QT_TRANSLATE_NOOP("words", "Patient"),
        QT_TRANSLATE_NOOP("words", "Change"),
        QT_TRANSLATE_NOOP("words", "Reason"),
    )

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.rows: list[AuditRow] = []
        self.patient_names: dict[int, str] = {}

    def set_rows(self, rows: list[AuditRow], *, append: bool = False) -> None:
        self.beginResetModel()
        self.rows = [*self.rows, *rows] if append else list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def cell(self, r: AuditRow, column: int) -> str:
        patient = ""
        if r.patient_id is not None:
            patient = self.patient_names.get(r.patient_id, f"#{r.patient_id}")
        values = (
            str(r.seq),
            r.at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M:%S"),
            r.user_name if r.user_name == r.username else f"{r.user_name} ({r.username})",
            r.action,
            f"{r.entity} {r.entity_id}".strip(),
            "" if r.session_id is None else str(r.session_id),
            patient,
            change_summary(r),
            r.reason or "",
        )
        return values[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(r, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 7:
            return change_summary(r, width=2000)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("words", self.HEADERS[section])
        return None


def _date_edit(value: date) -> QDateEdit:
    d = QDateEdit(QDate(value.year, value.month, value.day))
    d.setCalendarPopup(True)
    d.setDisplayFormat("yyyy-MM-dd")
    return d


class AuditDialog(QDialog):
    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, session_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("AuditDialog", "Audit trail"))
        self.resize(1200, 760)
        self.last_report: AuditReport | None = None
        self.last_export: AuditExport | None = None
        zone = ZoneInfo(accounts.get_clinic(ctx.app).timezone)
        self.today = ctx.app.now().astimezone(zone).date()
        lay = QVBoxLayout(self)
        lay.addLayout(self._filters(session_id))
        self.model = AuditModel(zone, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        lay.addWidget(self.table, 1)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setFixedHeight(tokens.LIST_BOX_PX)
        lay.addWidget(self.detail)
        self.banner = ErrorBanner()
        lay.addWidget(self.banner)
        lay.addLayout(self._actions())
        self.apply_filters()

    # ---- layout -------------------------------------------------------------------------
    def _filters(self, session_id: int | None) -> QGridLayout:
        grid = QGridLayout()
        self.patient_search = QLineEdit()
        self.patient_search.setPlaceholderText(translate("AuditDialog", "name or MRN"))
        self.patient_search.returnPressed.connect(self.find_patient)
        find = QPushButton(translate("AuditDialog", "Find"))
        find.setAutoDefault(False)
        find.clicked.connect(self.find_patient)
        self.patient_pick = QComboBox()
        self.patient_pick.addItem(translate("AuditDialog", "Any patient"), None)
        self.session_edit = QLineEdit("" if session_id is None else str(session_id))
        self.session_edit.setValidator(QIntValidator(1, 2_000_000_000, self))
        self.session_edit.setPlaceholderText(translate("AuditDialog", "any"))
        self.user_pick = QComboBox()
        self.user_pick.addItem(translate("AuditDialog", "Anyone"), None)
        for u in accounts.list_users(self.ctx.app):
            self.user_pick.addItem(f"{u.full_name} ({u.username})", u.id)
        self.use_dates = QCheckBox(translate("AuditDialog", "Days"))
        self.date_from = _date_edit(self.today)
        self.date_to = _date_edit(self.today)
        self.apply_button = BigButton(translate("AuditDialog", "Show"), primary=True)
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.apply_filters)
        grid.addWidget(QLabel(translate("AuditDialog", "Patient")), 0, 0)
        grid.addWidget(self.patient_search, 0, 1)
        grid.addWidget(find, 0, 2)
        grid.addWidget(self.patient_pick, 0, 3)
        grid.addWidget(QLabel(translate("AuditDialog", "Session #")), 0, 4)
        grid.addWidget(self.session_edit, 0, 5)
        grid.addWidget(QLabel(translate("AuditDialog", "User")), 1, 0)
        grid.addWidget(self.user_pick, 1, 1, 1, 3)
        grid.addWidget(self.use_dates, 1, 4)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(translate("AuditDialog", "to")))
        dates.addWidget(self.date_to)
        grid.addLayout(dates, 1, 5)
        grid.addWidget(self.apply_button, 0, 6, 2, 1)
        return grid

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status = QLabel()
        self.more_button = QPushButton(translate("AuditDialog", "Load older"))
        self.more_button.clicked.connect(self.load_older)
        self.verify_button = BigButton(translate("AuditDialog", "Verify chain"))
        self.verify_button.clicked.connect(self.verify)
        self.verify_label = QLabel()
        self.verify_label.setObjectName("verifyResult")
        self.verify_label.setWordWrap(True)
        self.export_button = BigButton(translate("AuditDialog", "Export CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        close = BigButton(translate("AuditDialog", "Close"))
        close.clicked.connect(self.accept)
        for b in (self.more_button, self.verify_button, self.export_button, close):
            b.setAutoDefault(False)
        row.addWidget(self.status)
        row.addWidget(self.more_button)
        row.addStretch(1)
        row.addWidget(self.verify_label, 2)
        row.addWidget(self.verify_button)
        row.addWidget(self.export_button)
        row.addWidget(close)
        return row

    # ---- filtering ----------------------------------------------------------------------
    def find_patient(self) -> None:
        self.banner.clear_message()
        try:
            found = patients.search_patients(self.ctx.app, self.patient_search.text())
        except ChairlogError as exc:
            self.banner.show_message(error_text(exc))
            return
        self.patient_pick.clear()
        self.patient_pick.addItem(translate("AuditDialog", "Any patient"), None)
        for p in found:
            self.patient_pick.addItem(f"{p.display_name} ({p.mrn})", p.id)
            self.model.patient_names[p.id] = f"{p.display_name} ({p.mrn})"
        if found:
            self.patient_pick.setCurrentIndex(1)
        else:
            self.banner.show_message(
                translate("AuditDialog", "No patient matches '{value}'.").format(
                    value=self.patient_search.text()
                )
            )

    def _days(self) -> tuple[date | None, date | None]:
        if not self.use_dates.isChecked():
            return None, None
        first, last = self.date_from.date(), self.date_to.date()
        return (
            date(first.year(), first.month(), first.day()),
            date(last.year(), last.month(), last.day()),
        )

    def filters(self) -> dict[str, Any]:
        text = self.session_edit.text().strip()
        since, until = audit_log.day_bounds(self.ctx.app, *self._days())
        return {
            "patient_id": self.patient_pick.currentData(),
            "session_id": int(text) if text else None,
            "user_id": self.user_pick.currentData(),
            "since": since,
            "until": until,
        }

    def _load(self, *, before_seq: int | None = None) -> None:
        self.banner.clear_message()
        try:
            rows = audit_log.list_audit(
                self.ctx.app,
                self.ctx.require_user(),
                **self.filters(),
                limit=PAGE,
                before_seq=before_seq,
            )
            self._name_patients(rows)
        except ChairlogError as exc:
            if before_seq is None:
                self.model.set_rows([])
            self.banner.show_message(error_text(exc))
            self.status.setText("")
            return
        self.model.set_rows(rows, append=before_seq is not None)
        self.more_button.setEnabled(len(rows) == PAGE)
        n = len(self.model.rows)
        self.status.setText(
            translate("AuditDialog", "{n} record{value}, newest first").format(
                n=n, value="s" if n != 1 else ""
            )
            + (translate("AuditDialog", " (more: Load older)") if len(rows) == PAGE else "")
        )

    def _name_patients(self, rows: list[AuditRow]) -> None:
        for pid in {r.patient_id for r in rows if r.patient_id is not None}:
            if pid not in self.model.patient_names:
                p = patients.get_patient(self.ctx.app, pid)
                self.model.patient_names[pid] = f"{p.display_name} ({p.mrn})"

    def apply_filters(self) -> None:
        self._load()

    def load_older(self) -> None:
        if self.model.rows:
            self._load(before_seq=self.model.rows[-1].seq)

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        r = self.model.rows[current.row()]
        lines = [
            translate(
                "AuditDialog",
                "Record {seq}: {action} on {entity} {entity_id} by {user_name} ({username}) at "
                "{value}",
            ).format(
                seq=r.seq,
                action=r.action,
                entity=r.entity,
                entity_id=r.entity_id,
                user_name=r.user_name,
                username=r.username,
                value=r.at.isoformat(),
            )
        ]
        if r.reason:
            lines.append(translate("AuditDialog", "Reason: {reason}").format(reason=r.reason))
        if r.before is not None:
            lines.append(
                translate("AuditDialog", "Before: ")
                + json.dumps(r.before, ensure_ascii=False, sort_keys=True)
            )
        if r.after is not None:
            lines.append(
                translate("AuditDialog", "After: ")
                + json.dumps(r.after, ensure_ascii=False, sort_keys=True)
            )
        lines.append(
            translate("AuditDialog", "Hash {hash} (previous {prev_hash})").format(
                hash=r.hash, prev_hash=r.prev_hash
            )
        )
        self.detail.setPlainText("\n".join(lines))

    # ---- verify and export --------------------------------------------------------------
    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.verify_label.setText(translate("AuditDialog", "Checking the chain…"))
        app = self.ctx.app
        self.ctx.runner.maintenance(self, audit_log.verify_audit, app).success(
            self._verified).failure(self._failed)

    def _verified(self, report: AuditReport) -> None:
        self.last_report = report
        self.verify_button.setEnabled(True)
        self.verify_label.setText(
            (
                translate("AuditDialog", "✔ Audit trail ")
                if report.ok
                else translate("AuditDialog", "✖ Audit trail ")
            )
            + report.summary
        )
        self.verify_label.setToolTip(report.checked)  # what was checked: records, rows, anchors
        set_prop(self.verify_label, "ok", report.ok)

    def export_csv(self) -> None:
        from chairlog.ui.export_folder import ask_save_path

        name = f"audit-{self.today.isoformat()}.csv"
        path = ask_save_path(self, translate("AuditDialog", "Export the audit trail"), name,
                             translate("AuditDialog", "CSV files (*.csv)"))
        if path is not None:
            self.export_to(str(path))

    def export_to(self, path: str) -> None:
        self.banner.clear_message()
        try:
            since, until = audit_log.day_bounds(self.ctx.app, *self._days())
        except ChairlogError as exc:
            self.banner.show_message(error_text(exc))
            return
        app, user = self.ctx.app, self.ctx.require_user()
        self.export_button.setEnabled(False)
        self.status.setText(translate("AuditDialog", "Exporting…"))
        # the maintenance lane: a whole trail streams for minutes on a ten-year database, past
        # the interactive lane's deadline, and must not hold a signature up
        self.ctx.runner.maintenance(
            self, audit_log.export_audit_csv, app, user, path, since, until,
        ).success(self._exported).failure(self._failed)

    def _exported(self, result: AuditExport) -> None:
        self.last_export = result
        self.export_button.setEnabled(True)
        self.status.setText(
            translate("AuditDialog", "Exported {rows} records to {path}").format(
                rows=result.rows, path=result.path
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.export_button.setEnabled(True)
        if self.verify_label.text() == "Checking the chain…":
            self.verify_label.setText("")
        self.banner.show_message(
            error_text(exc)
            if isinstance(exc, ChairlogError)
            else translate("AuditDialog", "Unexpected error: {exc!r}").format(exc=error_text(exc))
        )
