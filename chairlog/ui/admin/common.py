"""Pieces the admin tabs share: a confirm-with-reason dialog, temporary passwords, a small
read-only table model and the list tab built on it, the success/notice line.

Decisions:
- Dialogs are opened with ``open()`` (window-modal, not a nested event loop) and keep a
  reference on the tab (``tab.dialog``), so tests drive them like a person would.
- The dialog runs the service call itself: a refusal (missing reason, no permission) shows in
  the dialog, which stays open with what was typed.
- Temporary passwords are made here from an alphabet without look-alikes (no 0/O, 1/l/I),
  12 characters in three groups: ~62 bits, typed once by the user and then replaced.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chairlog.errors import ChairlogError
from chairlog.ui import tokens
from chairlog.ui.busy import BusyRunner
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import translate
from chairlog.ui.widgets import ErrorBanner, FieldErrors, action_row, big_font

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
Index = QModelIndex | QPersistentModelIndex


def temporary_password() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


class Notice(QLabel):
    """A one-line, selectable success message (e.g. a temporary password to hand over)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminNotice")
        self.setWordWrap(True)
        self.setFont(big_font(tokens.PT_BASE, bold=True))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class ActionDialog(QDialog):
    """Confirm an action, optionally with a reason; runs ``action(reason)`` on OK."""

    def __init__(
        self,
        title: str,
        text: str,
        action: Callable[[str], object],
        *,
        reason_label: str | None = None,
        ok_text: str = "OK",
        parent: QWidget | None = None,
        background: UiContext | None = None,
    ) -> None:
        """``background``: run the action on that context's operation runner with a busy line
        (for actions that hash a password)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(tokens.DIALOG_NARROW)
        self._action = action
        self.result_value: object = None
        lay = QVBoxLayout(self)
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.message.setFont(big_font(tokens.PT_M))
        lay.addWidget(self.message)
        self.banner = ErrorBanner()
        self.errors = FieldErrors(self.banner)
        self.reason = QPlainTextEdit(self)  # a child even when not shown
        self.reason.setFixedHeight(tokens.NOTE_BOX_PX)
        if reason_label is not None:
            lay.addWidget(QLabel(reason_label))
            lay.addWidget(self.reason)
            lay.addWidget(self.errors.label_for("reason", self.reason))
        else:
            self.reason.hide()
        lay.addWidget(self.banner)
        self.busy_label = QLabel()
        lay.addWidget(self.busy_label)
        row, self.ok, _cancel = action_row(self, ok_text, self.submit)
        lay.addLayout(row)
        self.runner = BusyRunner(background, (self.ok,), self.busy_label) if background else None

    @property
    def busy(self) -> bool:
        return self.runner is not None and self.runner.busy

    def submit(self) -> None:
        reason = self.reason.toPlainText()
        if self.runner is not None:
            self.runner.run(lambda: self._action(reason), self._succeeded, self._failed,
                            translate("ActionDialog", "Working…"))
            return
        try:
            result = self._action(reason)
        except ChairlogError as exc:
            self.errors.show(exc)
            return
        self._succeeded(result)

    def _succeeded(self, result: object) -> None:
        self.result_value = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError):
            raise exc
        self.errors.show(exc)


class RowsModel(QAbstractTableModel):
    """A read-only table of already-formatted rows (each a sequence of cell texts)."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Sequence[str]] = []
        self.items: list[Any] = []

    def set_rows(self, items: Sequence[Any], rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.rows[index.row()][index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("words", self.headers[section])
        return None


class RowsTab(QWidget):
    """An admin list tab: a single-selection table over ``RowsModel`` at the top of ``body``,
    read again whenever the entity ``ENTITY`` changes. Subclasses add their own controls to
    ``body``, then call ``start()``; they provide ``reload`` and ``_selection_changed``."""

    HEADERS: tuple[str, ...] = ()
    ENTITY = ""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.body = QVBoxLayout(self)
        self.model = RowsModel(self.HEADERS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.body.addWidget(self.table)

    def start(self) -> None:
        """Connect selection and data changes, then show the rows."""
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.ctx.events.data_changed.connect(self._on_data_changed)
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def _selection_changed(self, *_: object) -> None:
        raise NotImplementedError

    def _on_data_changed(self, entity: str, _id: int) -> None:
        if entity == self.ENTITY:
            self.reload()

    def selected(self) -> Any:
        """The item of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.items[rows[0].row()] if rows else None
