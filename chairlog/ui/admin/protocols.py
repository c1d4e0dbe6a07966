"""Protocols tab: every version of every protocol template; edit one into a new version, or
start a new protocol from it (see ``protocol_editor``).

Retired versions stay listed (greyed "retired"): they are what past sessions ran under.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QWidget,
)

from chairlog.services import protocols
from chairlog.ui.admin.common import Notice, RowsTab
from chairlog.ui.admin.protocol_editor import ProtocolEditor
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, translate
from chairlog.ui.widgets import BigButton


def _g(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{value:g} {unit}"


class ProtocolsTab(RowsTab):
    ENTITY = "protocol"
    HEADERS = (
        QT_TRANSLATE_NOOP("words", "Protocol"),
        QT_TRANSLATE_NOOP("words", "Version"),
        QT_TRANSLATE_NOOP("words", "Status"),
        QT_TRANSLATE_NOOP("words", "Max rate"),
        QT_TRANSLATE_NOOP("words", "Max total"),
        QT_TRANSLATE_NOOP("words", "Duration"),
        QT_TRANSLATE_NOOP("words", "Vitals every"),
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: ProtocolEditor | None = None
        lay = self.body
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.notice = Notice()
        lay.addWidget(self.notice)
        row = QHBoxLayout()
        self.edit_button = BigButton(translate("ProtocolsTab", "Edit → new version…"), primary=True)
        self.copy_button = BigButton(translate("ProtocolsTab", "New protocol from this…"))
        for b in (self.edit_button, self.copy_button):
            b.setAutoDefault(False)
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.edit_button.clicked.connect(self.edit)
        self.copy_button.clicked.connect(self.copy)
        self.start()

    def reload(self) -> None:
        items = sorted(
            protocols.list_protocols(self.ctx.app, include_inactive=True),
            key=lambda p: (p.name.casefold(), p.key, -p.version),
        )
        self.model.set_rows(
            items,
            [
                (
                    p.name,
                    str(p.version),
                    translate("ProtocolsTab", "in use") if p.active else "retired",
                    _g(p.values.max_rate_mg_per_kg_h, "mg/kg/h"),
                    _g(p.values.max_total_mg_per_kg, "mg/kg"),
                    _g(p.values.planned_duration_min, "min"),
                    _g(p.values.vitals_interval_min, "min"),
                )
                for p in items
            ],
        )
        self._selection_changed()


    def select(self, key: str, version: int) -> None:
        for i, p in enumerate(self.model.items):
            if (p.key, p.version) == (key, version):
                self.table.selectRow(i)
                return

    def _selection_changed(self, *_: object) -> None:
        p = self.selected()
        self.edit_button.setEnabled(p is not None and p.active)
        self.copy_button.setEnabled(p is not None)

    def edit(self) -> None:
        p = self.selected()
        if p is not None and p.active:
            self._open(ProtocolEditor(self.ctx, p, new_version=True, parent=self))

    def copy(self) -> None:
        p = self.selected()
        if p is not None:
            self._open(ProtocolEditor(self.ctx, p, new_version=False, parent=self))

    def _open(self, dlg: ProtocolEditor) -> None:
        self.notice.say("")
        self.dialog = dlg
        dlg.accepted.connect(lambda: self._saved(dlg))
        dlg.open()

    def _saved(self, dlg: ProtocolEditor) -> None:
        saved = dlg.saved
        assert saved is not None
        self.reload()
        self.select(saved.key, saved.version)
        self.notice.say(
            translate(
                "ProtocolsTab",
                "Saved {name}, version {version}. Sessions already started keep the values they "
                "started with.",
            ).format(name=saved.name, version=saved.version)
        )
