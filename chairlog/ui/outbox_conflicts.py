"""The entries the server refused on replay, for a nurse to resolve: each with what it was,
when it was charted and by whom, and the server's words. *Discard…* asks the reason; *Chart
again* sends it again as the signed-in nurse (after she has checked it against what the other
workstation did). Both are audited on the server (``services.replay.record_resolution``);
nothing is dropped without one of them."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chairlog.errors import ChairlogError
from chairlog.outbox import Outbox
from chairlog.outbox.store import Entry
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import error_text, translate


def describe(e: Entry) -> str:
    args = {k: v for k, v in e.arguments.items() if k not in ("session_id", "charted_at")}
    return translate(
        "outbox_conflicts",
        "Session {session_id} · {value} · charted {charted_at} by {username}\n    {value2}\n    "
        "refused: {problem}",
    ).format(
        session_id=e.session_id,
        value=e.use_case.replace("_", " "),
        charted_at=e.charted_at,
        username=e.username,
        value2=json.dumps(args, ensure_ascii=False),
        problem=e.problem,
    )


class ConflictsDialog(QDialog):
    def __init__(self, ctx: UiContext, box: Outbox, session_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.box, self.session_id = ctx, box, session_id
        self.setWindowTitle(translate("ConflictsDialog", "Entries refused by the server on replay"))
        self.resize(760, 420)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                translate(
                    "ConflictsDialog",
                    "These entries were saved on this workstation while the server "
                    "was unreachable, and the server refused them when they were "
                    "sent. Check each against the chart, then chart it again or "
                    "discard it with a reason.",
                )
            )
        )
        self.list = QListWidget()
        lay.addWidget(self.list, 1)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        row = QHBoxLayout()
        self.again = QPushButton(translate("ConflictsDialog", "Chart again"))
        self.discard = QPushButton(translate("ConflictsDialog", "Discard…"))
        self.again.clicked.connect(self._again)
        self.discard.clicked.connect(self._discard)
        row.addWidget(self.again)
        row.addWidget(self.discard)
        row.addStretch(1)
        lay.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for e in self.box.conflicts(self.session_id):
            item = QListWidgetItem(describe(e))
            item.setData(256, e.entry_key)
            self.list.addItem(item)
        has = self.list.count() > 0
        if has:
            self.list.setCurrentRow(0)
        self.again.setEnabled(has)
        self.discard.setEnabled(has)

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(256))

    def _again(self) -> None:
        key, user = self._selected(), self.ctx.user
        if key is None or user is None:
            return
        try:
            outcome = self.box.chart_again(key, user)
        except ChairlogError as e:
            self.error.setText(error_text(e))
            return
        self.error.setText(outcome.message)
        self.reload()

    def _discard(self) -> None:
        key, user = self._selected(), self.ctx.user
        if key is None or user is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            translate("ConflictsDialog", "Discard entry"),
            translate("ConflictsDialog", "Reason for discarding:"),
        )
        if not ok:
            return
        try:
            self.box.discard(key, user, reason)
        except ChairlogError as e:
            self.error.setText(error_text(e))
            return
        self.error.setText(translate("ConflictsDialog", "Discarded (audited)."))
        self.reload()
