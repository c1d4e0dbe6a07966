"""Builds the session page's widgets and keyboard shortcuts (kept apart from the page's logic).

Every shortcut is also written on its button or tab, and in the button's tooltip. The page uses
function keys only (the main window keeps the Ctrl+ combinations): F2 vitals, F3 side effects
(Shift+F3 rescue medication), F4 assessments, F5 reload, F6 note, F7 discharge, F8 rate
(Shift+F8 bolus), F9 pause/resume (Shift+F9 stop), F11 acknowledge alerts, F12 timeline (then
Enter corrects, Delete marks entered in error), Alt+K the pre-infusion checklist (Alt+C opens
the window's "chairlog" menu), Ctrl+Z undo
the entry just saved (for 10 s).

Decision: the page opens with the keyboard on the first checklist item still to do before the
infusion starts, and on the vitals form after (the page's first Tab stops are otherwise the
header's buttons, 37 Tabs from the checklist).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chairlog.ui import tokens
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, translate
from chairlog.ui.widgets import named

from .alerts_panel import AlertsPanel
from .assessments import AssessmentsPanel, NotePanel
from .chart_time import ChartTimeControl
from .columns import COMPACT_BELOW_PX, CompactWhenShort, ReflowColumns
from .common import button, label
from .dose_panel import DosePanel
from .flowsheet import FlowsheetPanel, fit_record_tabs
from .header import HeaderBar
from .monitor_panel import MonitorPendingPanel
from .preinfusion import BaselinePanel, PreInfusionPanel
from .returned_bar import ReturnedBar
from .side_effects import SideEffectsPanel
from .style import set_tone
from .timeline import TimelinePanel
from .timer_panel import TimerPanel
from .trend_chart import TrendChart
from .undo import UndoButton
from .vitals_form import VitalsForm

KEY_HINT = QT_TRANSLATE_NOOP(
    "words",
    "F2 vitals · ⇧F2 monitor set · F3 side effect · F4 assessments · F6 note · "
    "F7 discharge · F8 rate · F9 pause/resume · F11 alerts · F12 timeline · "
    "Alt+K checklist",
)

#: the narrowest the chart/timeline column gets beside the others
COL_C_MIN_PX = 380

if TYPE_CHECKING:
    from .page import SessionPage


def _scroll(w: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(w)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


def build(page: SessionPage) -> None:
    root = QVBoxLayout(page)
    root.setContentsMargins(10, 8, 10, 8)
    root.setSpacing(6)
    page.header = HeaderBar()
    page.header.close_button.clicked.connect(page.close_session)
    page.header.reload_button.clicked.connect(page.reload)
    page.discharge_button = button(
        translate("layout", "Discharge…"),
        shortcut="F7",
        name="discharge",
        primary=True,
        tip=translate("layout", "Discharge the patient (after post-infusion monitoring)"),
    )
    page.discharge_button.clicked.connect(page.ask_discharge)
    page.header.top.insertWidget(page.header.top.indexOf(page.header.state), page.discharge_button)
    root.addWidget(page.header)
    page.locked = label(size=tokens.FONT_LARGE, bold=True, name="locked_banner")
    set_tone(page.locked, "bad")
    page.locked.hide()
    page.addendum_button = button(
        translate("layout", "Open addendum…"),
        name="addendum",
        tip=translate(
            "layout",
            "Reopen this signed record for an addendum: a new version "
            "that is signed again; the signed version stays as it is",
        ),
    )
    page.addendum_button.clicked.connect(page.ask_addendum)
    page.addendum_button.hide()
    locked_row = QHBoxLayout()
    locked_row.addWidget(page.locked, 1)
    locked_row.addWidget(page.addendum_button)
    root.addLayout(locked_row)
    page.returned = ReturnedBar(page)  # "Returned by Dr X: reason" (hidden otherwise)
    root.addWidget(page.returned)
    msg_row = QHBoxLayout()
    page.message = label(size=tokens.FONT_BODY_L, name="message", wrap=True)
    page.message.setMinimumHeight(tokens.MESSAGE_LINE_PX)
    # wraps rather than widen the page (the Spanish line is wider than 1366 px); it has the
    # row while no message is shown (a message hides it)
    page.hint = label(translate("words", KEY_HINT), muted=True, name="key_hint", wrap=True)
    msg_row.addWidget(page.hint, 6)
    page.message_close = button(
        "×", name="message_close", tip=translate("layout", "Dismiss the message")
    )
    page.message_close.setFixedWidth(tokens.TOUCH_PX)
    page.message_close.hide()
    page.message_close.clicked.connect(lambda: page.say(""))
    msg_row.addWidget(page.message, 1)
    page.undo = UndoButton(page)
    msg_row.addWidget(page.undo)
    msg_row.addWidget(page.message_close)
    root.addLayout(msg_row)
    page.timer = TimerPanel()
    root.addWidget(page.timer)

    # column A: dose, alerts, discharge
    col_a = QVBoxLayout()
    col_a.setContentsMargins(0, 0, 0, 0)
    page.dose = DosePanel(page)
    col_a.addWidget(page.dose)
    page.alerts = AlertsPanel(page)
    col_a.addWidget(page.alerts)
    page.side_effects = SideEffectsPanel(page)
    col_a.addWidget(page.side_effects.open_card)
    col_a.addStretch(1)
    a = QWidget()
    a.setLayout(col_a)
    a.setMaximumWidth(420)
    # column B: charting time, vitals, tabs
    col_b = QVBoxLayout()
    col_b.setContentsMargins(0, 0, 0, 0)
    page.chart_time = ChartTimeControl(page.now, page.tz)
    named(
        page.chart_time.edit,
        translate("layout", "Charting time"),
        translate(
            "layout",
            "The time the next entry is charted at; leave it for now, or set an earlier time "
            "for a late entry",
        ),
    )
    col_b.addWidget(page.chart_time)
    page.monitor = MonitorPendingPanel(page)  # hidden unless a monitor set is waiting
    col_b.addWidget(page.monitor)
    page.vitals = VitalsForm(page)
    col_b.addWidget(page.vitals)
    page.tabs = QTabWidget()
    page.tabs.setObjectName("entry_tabs")
    page.tabs.setElideMode(Qt.TextElideMode.ElideNone)  # "Note (F6)", never "Note (F…"
    page.preinfusion = PreInfusionPanel(page)
    page.baseline = BaselinePanel(page)
    page.assessments = AssessmentsPanel(page)
    page.note = NotePanel(page)
    page.pre_tab = page.tabs.addTab(_scroll(page.baseline), translate("layout", "Baseline"))
    page.side_tab = page.tabs.addTab(
        _scroll(page.side_effects), translate("layout", "Side effects (F3)")
    )
    page.assess_tab = page.tabs.addTab(
        _scroll(page.assessments), translate("layout", "Assessments (F4)")
    )
    page.note_tab = page.tabs.addTab(page.note, translate("layout", "Note (F6)"))
    col_b.addWidget(page.tabs, 1)
    b = QWidget()
    b.setLayout(col_b)
    b.setMaximumWidth(600)
    # column C: trend chart (or the checklist before the start) and the timeline
    col_c = QVBoxLayout()
    col_c.setContentsMargins(0, 0, 0, 0)
    page.upper = QStackedWidget()
    page.chart = TrendChart()
    page.pre_scroll = _scroll(page.preinfusion)
    page.upper.addWidget(page.chart)
    page.upper.addWidget(page.pre_scroll)
    col_c.addWidget(page.upper, 5)
    page.timeline = TimelinePanel(page)
    page.flowsheet = FlowsheetPanel(page)
    page.record_tabs = QTabWidget()
    page.record_tabs.setObjectName("record_tabs")
    page.timeline_tab = page.record_tabs.addTab(
        page.timeline, translate("layout", "Timeline (F12)")
    )
    page.flowsheet_tab = page.record_tabs.addTab(page.flowsheet, translate("layout", "Flowsheet"))
    page.record_tabs.currentChanged.connect(lambda _i: fit_record_tabs(page))
    col_c.addWidget(page.record_tabs, 4)
    page.col_c = col_c
    c = QWidget()
    c.setLayout(col_c)
    c.setMinimumWidth(COL_C_MIN_PX)
    # the columns reflow (chart and timeline below the others on a narrow screen) and scroll;
    # the header, the message line and the timers stay in view
    page.columns = ReflowColumns(a, b, c)
    root.addWidget(page.columns, 1)
    def compact(on: bool) -> None:
        page.timer.set_compact(on)
        page.header.set_compact(on)
    CompactWhenShort(page, COMPACT_BELOW_PX, compact)


def install_shortcuts(page: SessionPage) -> None:
    def key(seq: str, fn: Callable[[], object]) -> None:
        sc = QShortcut(QKeySequence(seq), page)
        sc.setContext(Qt.ShortcutContext.WindowShortcut)
        sc.activated.connect(fn)
        page.shortcuts[seq] = sc

    page.shortcuts = {}
    key("F2", page.focus_vitals)
    key("Shift+F2", page.monitor.accept)  # accept the newest monitor set (when one waits)
    key("F3", lambda: page.show_tab(page.side_tab))
    key("F4", lambda: page.show_tab(page.assess_tab))
    key("F6", lambda: page.show_tab(page.note_tab))
    key("F7", page.ask_discharge)
    key("F8", page.dose.focus_rate)
    key("F9", page.dose.toggle_pause)
    key("Shift+F8", page.dose.ask_bolus)
    key("Shift+F9", page.dose.ask_stop)
    key("Shift+F3", lambda: page.side_effects.ask_rescue(None))
    key("F5", page.reload)
    key("F11", page.alerts.acknowledge_open)
    def show_timeline() -> None:
        page.record_tabs.setCurrentIndex(page.timeline_tab)
        page.timeline.focus_table()

    key("F12", show_timeline)
    key("Alt+K", lambda: focus_checklist(page))
    # where the keyboard starts: the checklist before the start, else the vitals form
    QTimer.singleShot(0, page, lambda: initial_focus(page))


def focus_checklist(page: SessionPage) -> None:
    if page.upper.currentWidget() is page.pre_scroll and page.preinfusion.focus_first():
        page.pre_scroll.ensureWidgetVisible(page.focusWidget() or page.preinfusion)
        page.columns.ensureWidgetVisible(page.focusWidget() or page.preinfusion)


def initial_focus(page: SessionPage) -> None:
    if page.upper.currentWidget() is page.pre_scroll:
        focus_checklist(page)
    elif page.editable():
        page.vitals.focus_first()
