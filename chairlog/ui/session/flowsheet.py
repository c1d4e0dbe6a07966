"""The flowsheet tab beside the timeline: the paper chart's grid (``services.flowsheet``), and
*Print record…* (the record PDF on the printer, ``ui.printing``).

Decisions:
- A table model over the pure ``Flowsheet``: one column per charted time (header: clinic time
  and time since the infusion start; a late entry's column is marked "late"), one row per
  measure (the vertical header names it). Big type (17 px cells, bold headers) to be read from
  a step away, in even columns as on a paper grid; the row labels stay put while the columns
  scroll. While the flowsheet tab is shown (after the start) it takes the trend chart's place
  too (``fit_record_tabs``): the grid needs the height, and it holds the same numbers.
- Keyboard: the arrows move cell by cell; Tab and Shift+Tab leave the table (no trap).
  After every change the newest column is scrolled into view, as on paper the newest entry is
  at the right edge.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QTableView, QWidget

from chairlog.domain import SessionView
from chairlog.services import records
from chairlog.services.flowsheet import FlowRow, Flowsheet, build_flowsheet
from chairlog.ui import tokens
from chairlog.ui.i18n import clinical, translate, vital, words_text
from chairlog.words import Words

from .common import Card, Host, button

Index = QModelIndex | QPersistentModelIndex
CELL_PX = tokens.FONT_EMPHASIS
COLUMN_PX = 92


class FlowsheetModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = Flowsheet((), ())
        self._bold = QFont()
        self._bold.setBold(True)

    def set_sheet(self, sheet: Flowsheet) -> None:
        self.beginResetModel()
        self.sheet = sheet
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.sheet.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.sheet.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.sheet.rows[index.row()]
        cell = row.cells[index.column()]
        # a side effect's cell is Words (in the window's language); the others are shown as given
        text = words_text(cell) if isinstance(cell, Words) else cell
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            col = self.sheet.columns[index.column()]
            return f"{row_label(row)} at {col.time}: {text or 'nothing charted'}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return row_label(self.sheet.rows[section]) if section < len(self.sheet.rows) else None
        if section >= len(self.sheet.columns):
            return None
        col = self.sheet.columns[section]
        lines = [col.time, col.since_start or "pre"]
        if col.late:
            lines.append("late")
        return "\n".join(lines)


# the flowsheet's vitals rows and their units (``services.flowsheet`` labels rows in English;
# the window shows them in its language: "FC /min", "PA mmHg" in Spanish)
VITAL_ROWS = {"hr": "/min", "bp": "mmHg", "spo2": "%", "rr": "/min"}


def row_label(row: FlowRow) -> str:
    """A flowsheet row's label in the window's language."""
    if row.key in VITAL_ROWS:
        return f"{vital(row.key)} {VITAL_ROWS[row.key]}"
    if row.key.startswith("scale:"):
        return clinical(row.label)
    if row.key == "side_effects":
        return translate("FlowsheetPanel", "Side effects")
    if row.key == "medications":
        return translate("FlowsheetPanel", "Medications")
    return row.label


class FlowTable(QTableView):
    """Tab and Shift+Tab leave the table; the arrows move inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabKeyNavigation(False)


class FlowsheetPanel(Card):
    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("FlowsheetPanel", "Flowsheet — oldest left, newest right"), parent
        )
        self.host = host
        self.model = FlowsheetModel(self)
        self.table = FlowTable()
        self.table.setObjectName("flowsheet_table")
        self.table.setAccessibleName(
            translate("FlowsheetPanel", "Flowsheet: a column per charted time")
        )
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setStyleSheet(f"QTableView {{ font-size: {CELL_PX}px; }}")
        self.table.setAlternatingRowColors(True)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        head.setDefaultSectionSize(COLUMN_PX)  # even columns, as on a paper grid
        self.table.setWordWrap(True)  # side effects wrap inside their column
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.body.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.print_button = button(
            translate("FlowsheetPanel", "Print record…"),
            name="print_record",
            tip=translate(
                "FlowsheetPanel",
                "Print the session record (the same PDF as the export and the physician's preview)",
            ),
        )
        self.print_button.clicked.connect(self.ask_print)
        row.addWidget(self.print_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.print_dialog: Any = None

    def update_view(self, v: SessionView) -> None:
        self.model.set_sheet(build_flowsheet(v, self.host.tz))
        self.table.resizeRowsToContents()
        self.show_newest()

    def showEvent(self, event: QShowEvent) -> None:
        """Opening the tab shows the newest column (its width is known only once shown)."""
        super().showEvent(event)
        QTimer.singleShot(0, self, self.show_newest)

    def show_newest(self) -> None:
        cols = self.model.columnCount()
        if cols:
            self.table.scrollTo(self.model.index(0, cols - 1),
                                QAbstractItemView.ScrollHint.PositionAtCenter)
            self.table.horizontalScrollBar().setValue(self.table.horizontalScrollBar().maximum())

    def ask_print(self) -> None:
        from chairlog.ui.printing import ask_and_print

        ctx = getattr(self.host, "ctx", None)
        if ctx is None:
            return
        app, sid = ctx.app, self.host.view.id
        self.print_dialog = ask_and_print(
            ctx, self, f"record {records.record_id(sid)}",
            lambda: records.export_record(app, sid),
            lambda text: self.host.say(text, "error" if text.startswith("Not") else "ok"))


def fit_record_tabs(page: Any) -> None:
    """The flowsheet tab takes the trend chart's place while it is shown; before the start the
    upper area holds the checklist and always stays."""
    from chairlog.clinical.states import SessionState

    pre = page.view.state in (SessionState.CHECKED_IN, SessionState.PRE_INFUSION)
    page.upper.setVisible(pre or page.record_tabs.currentIndex() != page.flowsheet_tab)
