"""Open alerts: listed on the page in red until someone says what was done.

Decision: acknowledging may be deferred ("Later"), but the alert stays listed here and counted
in the header; one "what was done" can acknowledge all alerts a vitals set raised together.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from chairlog.domain import AlertView, SessionView
from chairlog.services import charting
from chairlog.ui.i18n import alert_text, translate

from .common import Card, Host, button, clock_time, label
from .dialogs import AcknowledgeDialog
from .style import set_tone


class AlertsPanel(Card):
    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(translate("AlertsPanel", "Open alerts"), parent)
        self.host = host
        self.rows: list[QWidget] = []
        self.list_box = QWidget()
        self.list_lay = QVBoxLayout(self.list_box)
        self.list_lay.setContentsMargins(0, 0, 0, 0)
        self.list_lay.setSpacing(4)
        self.list_scroll = QScrollArea()
        self.list_scroll.setWidget(self.list_box)
        self.list_scroll.setWidgetResizable(True)
        self.list_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.list_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.addWidget(self.list_scroll)
        self.ack_all = button(
            translate("AlertsPanel", "Acknowledge all…"),
            shortcut="F11",
            name="ack_all",
            primary=True,
        )
        self.ack_all.clicked.connect(self.acknowledge_open)
        self.body.addWidget(self.ack_all)
        self._editable = True

    def update_view(self, v: SessionView, editable: bool) -> None:
        self._editable = editable
        for row in self.rows:
            row.hide()
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        alerts = v.open_alerts
        self.setVisible(bool(alerts))
        for i, a in enumerate(alerts):
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            said = alert_text(a.message)
            text = label(f"⚠ {clock_time(a.raised_at, self.host.tz)}  {said}", bold=True,
                         wrap=True, name=f"open_alert_{i}")
            set_tone(text, "bad")
            line.addWidget(text, 1)
            ack = button(
                translate("AlertsPanel", "Acknowledge…"),
                shortcut="F11" if len(alerts) == 1 else "",
                name=f"ack_{a.id}",
                tip=translate("AlertsPanel", "Say what was done about this alert"),
            )
            ack.setEnabled(editable)
            ack.clicked.connect(lambda _=False, a=a: self.acknowledge([a]))
            line.addWidget(ack)
            self.list_lay.addWidget(row)
            row.show()
            self.rows.append(row)
        # up to three alerts show in full; more scroll (the count is in the header)
        self.list_box.adjustSize()
        shown = sum(r.sizeHint().height() + 4 for r in self.rows[:3])
        self.list_scroll.setFixedHeight(max(shown, 0))
        self.ack_all.setVisible(len(alerts) > 1)
        self.ack_all.setEnabled(editable)

    def acknowledge_open(self) -> None:
        alerts = self.host.view.open_alerts
        if alerts and self._editable:
            self.acknowledge(alerts)

    def acknowledge(self, alerts: Sequence[AlertView]) -> None:
        dlg = AcknowledgeDialog(alerts, self.host.tz, self)

        def save() -> None:
            what = dlg.reason()
            for a in dlg.alerts:
                current = next((x for x in self.host.view.alerts if x.id == a.id), a)
                if current.acknowledged_at is not None:
                    continue
                ok = self.host.submit(charting.acknowledge_alert, a.id, what,
                                      version=current.version, on_invalid=dlg.show_error,
                                      recheck_in_min=dlg.recheck.minutes())
                if not ok:
                    return
            dlg.accept()
            self.host.say(translate("AlertsPanel", "Alert acknowledged: ") + what, "ok")
        dlg.submitted.connect(save)
        self.host.open_dialog(dlg)
