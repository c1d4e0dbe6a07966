"""The board tile's "Review…": the chair's newest monitor set in a dialog, to edit values before
accepting, fill what the monitor did not send, reject with a reason, or clear older sets.

Decisions:
- The dialog hosts the session page's own panel (``session.monitor_panel.MonitorPendingPanel``):
  one widget, one set of rules (grey "not charted", edits recorded as nurse-entered with the
  monitor's value kept, nothing guessed), whether the nurse is at the board or in the chair.
- Writes go through the same services as on the session page, as the signed-in user, one
  audited transaction each (``monitor.validate_pending``, ``reject_pending``,
  ``clear_older_pending``); a refusal is shown in the dialog and keeps what was typed.
- Accepting or rejecting closes the dialog (the tile shows the next set, if any); clearing
  keeps it open on the newest set. Alerts raised by the charted set go to the board's
  acknowledgement dialog, as alerts charted any other way do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from chairlog.clinical.states import CHARTABLE_STATES
from chairlog.domain import AlertView, Role, SessionView
from chairlog.errors import ChairlogError, ValidationError
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import error_text, translate
from chairlog.ui.session.monitor_panel import MonitorPendingPanel

CHART_ROLES = (Role.NURSE, Role.PHYSICIAN)


class MonitorReviewDialog(QDialog):
    def __init__(self, ctx: UiContext, view: SessionView, tz: ZoneInfo,
                 parent: QWidget | None = None,
                 on_alerts: Callable[[Sequence[AlertView]], object] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = view
        self.session_id = view.id
        self._tz = tz
        self.on_alerts = on_alerts
        self._close_when_loaded = False
        self.setObjectName("monitorReview")
        self.setWindowTitle(
            translate("MonitorReviewDialog", "{name} · monitor set · {display_name}").format(
                name=view.chair.name, display_name=view.patient.display_name
            )
        )
        lay = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setObjectName("monitorReviewMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.panel = MonitorPendingPanel(self)
        self.panel.loaded.connect(self._panel_loaded)
        lay.addWidget(self.panel)
        lay.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay.addWidget(close)
        self.resize(760, 300)

    # --- the host the panel asks (as the session page is) ---------------------------------
    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    def editable(self) -> bool:
        user = self.ctx.user
        return (self.view.state in CHARTABLE_STATES and user is not None
                and user.role in CHART_ROLES)

    def say(self, text: str, tone: str = "info") -> None:
        self.message.setText(text)
        self.message.setProperty("tone", tone)
        self.message.setStyleSheet(f"color: {tokens.ALERT};" if tone == "error" else "")
        self.message.setVisible(bool(text))

    def show_alerts(self, alerts: Sequence[AlertView]) -> None:
        if self.on_alerts is not None and alerts:
            self.on_alerts(alerts)

    def submit(self, fn: Callable[..., Any], *args: Any,
               on_success: Callable[[Any], None] | None = None,
               on_invalid: Callable[[ValidationError], None] | None = None,
               version: bool | int = False, **kwargs: Any) -> bool:
        """Call a service as the signed-in user (as the session page does); True when saved."""
        user = self.ctx.user
        if user is None:
            self.say(translate("MonitorReviewDialog", "Sign in to chart."), "error")
            return False
        try:
            result = fn(self.ctx.app, user, *args, **kwargs)
        except ValidationError as e:
            if on_invalid is not None:
                on_invalid(e)
            else:
                self.say(error_text(e), "error")
            return False
        except ChairlogError as e:
            self.say(error_text(e), "error")
            return False
        if fn.__name__ in ("validate_pending", "reject_pending"):
            self._close_when_loaded = True
        if on_success is not None:
            on_success(result)
        return True

    def _panel_loaded(self) -> None:
        """Close after an accept or a reject once the panel's read is back (none in flight)."""
        if self._close_when_loaded and not self.panel.busy:
            self._close_when_loaded = False
            self.accept()
        elif self.panel.pending is None and not self.panel.busy:
            self.say(
                translate("MonitorReviewDialog", "No monitor set is waiting for this chair."),
                "info",
            )
