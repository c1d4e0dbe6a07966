"""``SessionPage``: one session, everything on one screen (or one tab-click away).

Layout at 1600×1000: header; a message line; the big timer strip; then three columns — dose
and alerts | charting time, vitals form and tabs (pre-infusion, side effects, assessments,
note) | trend chart (or the pre-infusion checklist before the start) and the timeline.

Decisions:
- The page loads ``views.get_session`` once and again only when the change feed
  (``ctx.feed.changed``) names this session (or 0), the patient, or another workstation's
  change; a change that carries the session as committed (every charting save) is shown
  without a read. Reads run on the operation runner, off the UI thread. The 1-second tick
  recomputes the timers from the cached view and ``ctx.app.now()``: no database query per
  tick.
- Every write goes through ``submit``: it adds ``expected_version`` and the charted time and
  hands the call to the page's ``ServiceCaller`` (``chairlog.ui.service_calls``), which runs it
  as ``ctx.user`` off the UI thread and answers conflicts (reload, keep what was typed),
  limits (override reason and second clinician, then retry) and refusals (back to the form)
  in one place.
- Shortcuts are window shortcuts owned by the page, so only the visible session tab reacts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chairlog.clinical.states import CHARTABLE_STATES, SessionState
from chairlog.domain import AlertView, Role, SessionView
from chairlog.errors import ChairlogError, NotFound, ValidationError
from chairlog.present.units import Units
from chairlog.services import Chairlog, accounts, charting, views
from chairlog.ui.context import UiContext
from chairlog.ui.feed import Change
from chairlog.ui.i18n import clinical, entry_text, error_text, translate
from chairlog.ui.outbox_banner import Provisional, charting_call
from chairlog.ui.service_calls import ServiceCaller

from . import layout
from .alerts_panel import AlertsPanel
from .assessments import AssessmentsPanel, NotePanel
from .chart_time import ChartTimeControl
from .columns import ReflowColumns
from .common import TimeParameter, close_then
from .dialogs import ReasonDialog
from .discharge_dialog import DischargeDialog
from .dose_panel import DosePanel
from .flowsheet import FlowsheetPanel, fit_record_tabs
from .header import HeaderBar
from .monitor_panel import MonitorPendingPanel
from .preinfusion import BaselinePanel, PreInfusionPanel
from .returned_bar import ReturnedBar
from .side_effects import SideEffectsPanel
from .style import SESSION_QSS, set_tone
from .timeline import TimelinePanel
from .timer_panel import TimerPanel
from .trend_chart import TrendChart
from .undo import UndoButton
from .vitals_form import VitalsForm

CHART_ROLES = (Role.NURSE, Role.PHYSICIAN)
PRE = (SessionState.CHECKED_IN, SessionState.PRE_INFUSION)


def read_page(app: Chairlog, session_id: int) -> tuple[SessionView, ZoneInfo]:
    """What a page needs before it can show anything (read off the UI thread by the window)."""
    return views.get_session(app, session_id), ZoneInfo(accounts.get_clinic(app).timezone)


class SessionPage(QWidget):
    closed = Signal()

    # the widgets, made by layout.build / layout.install_shortcuts
    header: HeaderBar
    discharge_button: QPushButton
    locked: QLabel
    addendum_button: QPushButton
    message: QLabel
    message_close: QPushButton
    undo: UndoButton
    hint: QLabel
    timer: TimerPanel
    columns: ReflowColumns
    dose: DosePanel
    alerts: AlertsPanel
    side_effects: SideEffectsPanel
    chart_time: ChartTimeControl
    vitals: VitalsForm
    monitor: MonitorPendingPanel
    tabs: QTabWidget
    baseline: BaselinePanel
    assessments: AssessmentsPanel
    note: NotePanel
    pre_tab: int
    side_tab: int
    assess_tab: int
    note_tab: int
    upper: QStackedWidget
    chart: TrendChart
    preinfusion: PreInfusionPanel
    pre_scroll: QScrollArea
    timeline: TimelinePanel
    flowsheet: FlowsheetPanel
    record_tabs: QTabWidget
    timeline_tab: int
    flowsheet_tab: int
    returned: ReturnedBar
    col_c: QVBoxLayout
    shortcuts: dict[str, QShortcut]

    def __init__(self, ctx: UiContext, session_id: int, parent: QWidget | None = None, *,
                 view: SessionView | None = None, tz: ZoneInfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SessionPage")
        self.setStyleSheet(SESSION_QSS)
        self.ctx = ctx
        self.session_id = session_id
        if view is None or tz is None:  # tests and tools; the window reads with ``read_page``
            view, tz = read_page(ctx.app, session_id)
            ctx.units = Units.of(accounts.get_clinic(ctx.app))
        self._tz = tz
        self._view = view
        self.loads = 0
        self._reading = self._read_again = False
        self.caller = ServiceCaller(ctx, self, self)
        self.dialog: QDialog | None = None
        self._last_state: SessionState | None = None
        self._say_serial = 0
        layout.build(self)
        layout.install_shortcuts(self)
        ctx.feed.changed.connect(self._on_change)
        ctx.events.user_changed.connect(self._user_changed)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        ctx.feed.start()
        self._apply_view()

    # --- Host API used by the panels -----------------------------------------------------
    @property
    def view(self) -> SessionView:
        return self._view

    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    @property
    def units(self) -> Units:
        """The clinic's weight and temperature units (``present.units``), as last read."""
        return self.ctx.units

    def now(self) -> datetime:
        return self.ctx.app.now()

    def title(self) -> str:
        return f"{self._view.chair.name} · {self._view.patient.display_name}"

    def editable(self) -> bool:
        user = self.ctx.user
        return (self._view.state in CHARTABLE_STATES and user is not None
                and user.role in CHART_ROLES)

    def say(self, text: str, tone: str = "info") -> None:
        """The message line under the header; successes fade after 10 s, problems stay."""
        self._say_serial += 1
        serial = self._say_serial
        self.message.setText(text)
        set_tone(self.message, {"ok": "ok", "warn": "warn", "error": "error"}.get(tone, "info"))
        self.message_close.setVisible(bool(text))
        self.hint.setVisible(not text)
        if tone == "ok":
            QTimer.singleShot(10_000, self, lambda: self._clear_message(serial))

    def _clear_message(self, serial: int) -> None:
        if serial == self._say_serial:
            self.message.setText("")
            self.message_close.hide()
            self.hint.show()

    def open_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_done(d))
        dialog.open()

    def _dialog_done(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def focus_vitals(self) -> None:
        if self.editable():
            self.vitals.focus_first()

    def show_alerts(self, alerts: Sequence[AlertView]) -> None:
        self.alerts.acknowledge(alerts)

    def submit(self, fn: Callable[..., Any], *args: Any,
               on_success: Callable[[Any], None] | None = None,
               on_invalid: Callable[[ValidationError], None] | None = None,
               version: bool | int = True, timed: bool = False,
               time_as: TimeParameter = "charted_at", **kwargs: Any) -> bool:
        """Call a service as the signed-in user (``ServiceCaller.call``: off the UI thread,
        conflicts, overrides and refusals answered in one place); True when it saved (or is
        still on its way). The session's version and, when ``timed``, the time chosen in the
        page's time control (as the service's ``time_as`` parameter) are added here."""
        if version is True:
            kwargs["expected_version"] = self._view.version
        elif version is not False:
            kwargs["expected_version"] = int(version)
        if timed and time_as not in kwargs:
            at = self.chart_time.charted_at()
            if at is not None:
                kwargs[time_as] = at
        before = self.loads
        sid = self.session_id
        ctx = self.ctx

        def through_outbox(app: Chairlog, user: Any, *a: Any, **kw: Any) -> Any:
            # off the UI thread: the service, or the entry kept in the outbox when the
            # server cannot be reached (a ``Provisional`` acknowledgement)
            return charting_call(ctx, fn, user, *a, session_id=sid, **kw)
        through_outbox.__name__ = getattr(fn, "__name__", "call")

        def saved(result: Any) -> None:
            if isinstance(result, Provisional):  # kept on this workstation: the server is gone
                self.chart_time.reset()
                if on_success is not None:
                    on_success(result)
                self.say(result.message, "warn")
                return
            # the feed has shown the session as committed (``_on_change``) when the service
            # returned it; a service that returns something else: read the session once
            if self.loads == before:
                self.reload()
            self.chart_time.reset()
            if on_success is not None:
                on_success(result)
        return self.caller.call(through_outbox, *args, on_success=saved, on_invalid=on_invalid,
                                **kwargs)

    # --- loading and ticking -------------------------------------------------------------
    def reload(self) -> None:
        """Read the session off the UI thread (shown at once when it answers within 40 ms)."""
        if self._reading:
            self._read_again = True
            return
        self._reading, self._read_again = True, False
        self.ctx.runner.interactive(self, views.get_session, self.ctx.app,
                                    self.session_id).success(self._read).failure(
            self._read_failed).wait_briefly()

    def _read(self, view: SessionView) -> None:
        self._reading = False
        self._show_view(view)
        if self._read_again:
            self.reload()

    def _read_failed(self, e: BaseException) -> None:
        self._reading = False
        if isinstance(e, NotFound):
            self.say(error_text(e), "error")
        elif isinstance(e, ChairlogError):
            self.say(translate("SessionPage", "Could not reload: {e}").format(e=error_text(e)),
                     "error")
        else:
            raise e
        if self._read_again:
            self.reload()

    def _show_view(self, view: SessionView) -> None:
        if self.message.text().startswith("Could not reload"):
            self.say("")
        self._view = view
        self.loads += 1
        self._apply_view()

    def _on_change(self, change: Change, _initiator: object) -> None:
        """One change-feed event: the session as committed when it carries it, else a read
        when it names this session (or another workstation changed something) or the
        patient."""
        if change.view is not None and change.view.id == self.session_id:
            self._show_view(change.view)
        elif change.names_session(self.session_id) or (
                change.what == "patient" and change.id in (0, self._view.patient.id)):
            self.reload()

    def _user_changed(self, _user: object) -> None:
        self._apply_view()

    def tick(self) -> None:
        now = self.now()
        self.timer.tick(self._view, now, self._tz)
        self.chart_time.tick()

    def _apply_view(self) -> None:
        v = self._view
        now = self.now()
        editable = self.editable()
        self.header.update_view(v, now, self._tz, self.units)
        self.dose.update_view(v, editable)
        self.alerts.update_view(v, editable)
        self.vitals.update_view(v, editable)
        self.preinfusion.update_view(v, editable)
        self.baseline.update_view(v, editable)
        self.side_effects.update_view(v, editable)
        self.assessments.update_view(v, editable)
        self.note.update_view(v, editable)
        self.timeline.update_view(v, editable)
        self.flowsheet.update_view(v)
        self.returned.update_view(v, editable)
        self.chart.update_view(v, now)
        self.chart_time.setEnabled(editable)
        pre = v.state in PRE
        self.tabs.setTabVisible(self.pre_tab, pre)
        self.upper.setCurrentWidget(self.pre_scroll if pre else self.chart)
        fit_record_tabs(self)
        self.col_c.setStretch(0, 8 if pre else 1)
        self.col_c.setStretch(1, 2 if pre else 1)
        if pre and self._last_state not in PRE:
            self.tabs.setCurrentIndex(self.pre_tab)
        self._last_state = v.state
        if not pre and self.tabs.currentIndex() == self.pre_tab:
            self.tabs.setCurrentIndex(self.side_tab)
        self.discharge_button.setEnabled(editable and v.state is SessionState.MONITORING)
        self._locked_banner(v, editable)
        self.tick()

    def _locked_banner(self, v: SessionView, editable: bool) -> None:
        if v.state is SessionState.SIGNED:
            text = translate(
                "SessionPage",
                "Signed — locked. This record is read-only; changes need an addendum.",
            )
        elif v.state not in CHARTABLE_STATES:
            text = translate("SessionPage", "{label} — locked, read-only.").format(
                label=clinical(v.state.label)
            )
        elif self.ctx.user is None or self.ctx.user.role not in CHART_ROLES:
            text = translate(
                "SessionPage", "Read-only: charting needs a nurse or physician signed in."
            )
        else:
            text = ""
        self.locked.setText(text)
        self.locked.setVisible(bool(text))
        can_amend = (v.state is SessionState.SIGNED and self.ctx.user is not None
                     and self.ctx.user.role in CHART_ROLES)
        self.addendum_button.setVisible(can_amend)

    def ask_addendum(self) -> None:
        """Reopen a signed record: the signed PDF stays stored; version N+1 is charted and
        signed again, stating which version it supersedes."""
        from chairlog.services import signoff

        dlg = ReasonDialog(
            translate("SessionPage", "Open addendum"),
            translate(
                "SessionPage",
                "Why does this signed record need an addendum? "
                "The signed version stays unchanged; the addendum is a new version "
                "that a physician signs again.",
            ),
            ok_text=translate("SessionPage", "Open addendum"),
            parent=self,
        )
        dlg.submitted.connect(
            lambda: self.submit(
                signoff.open_addendum,
                self._view.id,
                dlg.reason(),
                on_success=close_then(
                    dlg,
                    lambda _v: self.say(
                        translate(
                            "SessionPage", "Addendum open: new entries belong to the next version."
                        ),
                        "ok",
                    ),
                ),
                on_invalid=dlg.show_error,
            )
        )
        self.open_dialog(dlg)

    # --- page-level actions --------------------------------------------------------------
    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        if index == self.note_tab:
            self.note.edit.setFocus()
        elif index == self.assess_tab:
            self.assessments.focus_pain()
        elif index == self.side_tab:
            self.side_effects.buttons["nausea"].setFocus()

    def ask_discharge(self) -> None:
        if not self.discharge_button.isEnabled():
            return
        dlg = DischargeDialog(self._view, self.now(), self._tz, self)

        def save() -> None:
            v = dlg.values()
            self.submit(charting.discharge, self._view.id, criteria=v["criteria"],
                        escort_name=v["escort_name"], instructions_given=v["instructions_given"],
                        instructions=v["instructions"], timed=True,
                        authorisation_reason=v["authorisation_reason"],
                        authorised_by=v["authorised_by"],
                        on_success=close_then(dlg, lambda r: self.say(
                            translate("SessionPage", "Discharged: ") +
                                entry_text(r.entry, self.units), "ok")),
                        on_invalid=dlg.show_error)
        dlg.submitted.connect(save)
        self.open_dialog(dlg)

    def close_session(self) -> None:
        """Close the tab (the session itself keeps running on the board)."""
        self.ticker.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            self.ctx.feed.changed.disconnect(self._on_change)
        if self.dialog is not None:
            self.dialog.reject()
        self.closed.emit()
