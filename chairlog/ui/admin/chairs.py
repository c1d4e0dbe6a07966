"""Chairs tab: add a chair, take one out of use or back into use.

A chair is never deleted (past sessions name it). Taking it out of use only hides it from
new sessions; a session running in it carries on and stays on the board.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from chairlog.errors import ChairlogError
from chairlog.services import protocols
from chairlog.ui import tokens
from chairlog.ui.admin.common import Notice, RowsTab
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, translate
from chairlog.ui.widgets import BigButton, ErrorBanner, FieldErrors, big_font


class ChairsTab(RowsTab):
    ENTITY = "chair"
    HEADERS = (
        QT_TRANSLATE_NOOP("words", "Position"),
        QT_TRANSLATE_NOOP("words", "Chair"),
        QT_TRANSLATE_NOOP("words", "Status"),
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = self.body
        self.banner = ErrorBanner()
        self.errors = FieldErrors(self.banner)
        self.notice = Notice()
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(translate("ChairsTab", "New chair:")))
        self.name = QLineEdit()
        self.name.setFont(big_font(tokens.PT_M))
        self.name.setPlaceholderText(translate("ChairsTab", "e.g. Chair 5 or Window bay"))
        self.name.returnPressed.connect(self.add_chair)
        add_row.addWidget(self.name, 1)
        self.add_button = BigButton(translate("ChairsTab", "Add chair"), primary=True)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_chair)
        add_row.addWidget(self.add_button)
        lay.addLayout(add_row)
        lay.addWidget(self.errors.label_for("name", self.name))
        self.active_button = BigButton(translate("ChairsTab", "Take out of use"))
        self.active_button.setAutoDefault(False)
        self.active_button.clicked.connect(self.toggle_active)
        row = QHBoxLayout()
        row.addWidget(self.active_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(self.notice)
        lay.addWidget(self.banner)
        self.start()

    def reload(self) -> None:
        chairs = protocols.list_chairs(self.ctx.app, include_inactive=True)
        self.model.set_rows(
            chairs,
            [
                (
                    str(c.position),
                    c.name,
                    translate("ChairsTab", "In use")
                    if c.active
                    else translate("ChairsTab", "Out of use"),
                )
                for c in chairs
            ],
        )
        self._selection_changed()


    def _selection_changed(self, *_: object) -> None:
        c = self.selected()
        self.active_button.setEnabled(c is not None)
        self.active_button.setText(
            translate("ChairsTab", "Put back in use")
            if c is not None and not c.active
            else translate("ChairsTab", "Take out of use")
        )

    def add_chair(self) -> None:
        self.errors.clear()
        try:
            chair = protocols.add_chair(self.ctx.app, self.ctx.require_user(), self.name.text())
        except ChairlogError as exc:
            self.errors.show(exc)
            return
        self.name.clear()
        self.reload()
        self.notice.say(translate("ChairsTab", "{name} added.").format(name=chair.name))

    def toggle_active(self) -> None:
        c = self.selected()
        if c is None:
            return
        self.errors.clear()
        try:
            changed = protocols.set_chair_active(
                self.ctx.app, self.ctx.require_user(), c.id, not c.active,
                expected_version=c.version,
            )
        except ChairlogError as exc:
            self.errors.show(exc)
            return
        self.reload()
        self.notice.say(
            translate("ChairsTab", "{name} is {value}.").format(
                name=changed.name, value="in use" if changed.active else "out of use"
            )
        )
