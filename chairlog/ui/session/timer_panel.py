"""The big timer strip: time on the infusion (or in monitoring), next vitals due, cumulative
dose and the running rate.

All figures come from the cached session view and "now" (``timer_figures`` is pure and tested
on its own); the page calls ``tick`` every second and never queries the database for it.
Vitals due soon (≤ 2 min) and overdue are said in words as well as amber / red.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QHBoxLayout, QWidget

from chairlog.clinical.clock import read_clock
from chairlog.clinical.readouts import Due, dose_near, vitals_due
from chairlog.clinical.states import SessionState
from chairlog.domain import SessionView
from chairlog.present.times import clock_text, timer_text
from chairlog.ui import tokens
from chairlog.ui.i18n import clinical, translate

from .common import Card, clock_time, label, num
from .style import set_tone

RUNNING = (SessionState.INFUSING, SessionState.PAUSED)


@dataclass(frozen=True)
class Tile:
    caption: str
    big: str
    sub: str
    tone: str = ""  # '', ok, warn, bad


@dataclass(frozen=True)
class TimerFigures:
    main: Tile
    vitals: Tile
    dose: Tile
    rate: Tile


def timer_figures(v: SessionView, now: datetime, tz: ZoneInfo) -> TimerFigures:
    c = read_clock(v.clock_inputs, now)
    p = v.protocol
    st = v.state
    planned = clock_text(timedelta(minutes=p.planned_duration_min))
    if st in (SessionState.CHECKED_IN, SessionState.PRE_INFUSION):
        main = Tile(
            translate("timer_panel", "Not started — pre-infusion"),
            timer_text(now - v.checked_in_at),
            translate("timer_panel", "since check-in at {value} · planned {planned}").format(
                value=clock_time(v.checked_in_at, tz), planned=planned
            ),
        )
    elif st is SessionState.INFUSING:
        rem = c.planned_remaining or timedelta(0)
        if rem.total_seconds() >= 0:
            main = Tile(
                translate("timer_panel", "Infusion running"),
                timer_text(c.since_start),
                translate("timer_panel", "planned {planned} · {value} remaining").format(
                    planned=planned, value=clock_text(rem)
                ),
            )
        else:
            main = Tile(
                translate("timer_panel", "Infusion running — past planned end"),
                timer_text(c.since_start),
                translate("timer_panel", "planned {planned} · ended {value} ago").format(
                    planned=planned, value=clock_text(-rem)
                ),
                "warn",
            )
    elif st is SessionState.PAUSED:
        since = v.clock_inputs.paused_since
        left = clock_text(c.planned_remaining or timedelta(0))
        main = Tile(
            translate("timer_panel", "Infusion PAUSED for"),
            timer_text(c.paused_for),
            translate(
                "timer_panel", "since {value} · ran {value2} · {left} left when resumed"
            ).format(value=clock_time(since, tz), value2=timer_text(c.since_start), left=left),
            "warn",
        )
    elif st is SessionState.MONITORING:
        to_go = c.monitoring_remaining or timedelta(0)
        minimum = clock_text(timedelta(minutes=p.min_monitoring_min))
        if to_go.total_seconds() > 0:
            sub, tone = (
                translate("timer_panel", "minimum {minimum} · {value} to go").format(
                    minimum=minimum, value=clock_text(to_go)
                ),
                "",
            )
        else:
            sub, tone = (
                translate("timer_panel", "✓ minimum {minimum} reached").format(minimum=minimum),
                "ok",
            )
        main = Tile(
            translate("timer_panel", "Post-infusion monitoring"),
            timer_text(c.since_stop),
            translate("timer_panel", "{sub} · infusion ran {value}").format(
                sub=sub, value=timer_text(c.since_start)
            ),
            tone,
        )
    elif st is SessionState.STOPPED_EARLY:
        main = Tile(
            translate("timer_panel", "Stopped before infusion"),
            clock_time(v.stopped_early_at, tz),
            v.stopped_early_reason or "",
        )
    else:
        ended = v.discharged_at or v.infusion_stopped_at
        main = Tile(
            clinical(st.label),
            clock_time(ended, tz),
            translate("timer_panel", "infusion ran {value}").format(
                value=timer_text(c.since_start)
            ),
        )
    vitals = _vitals_tile(v, c.next_vitals_in, c.next_vitals_due_at, tz)
    mg = v.cumulative_mg(now)
    mg_kg = mg / v.weight_kg
    near = dose_near(v.infusion_started_at is not None, mg_kg, p)
    # near the maximum: the board's words for it (the tile's), in amber, as on the strip
    dose_sub = (translate("tile", "Dose limit near: {value} of max {value2} mg/kg") if near
                else translate("timer_panel", "{value} mg/kg of max {value2} mg/kg"))
    dose = Tile(translate("timer_panel", "Cumulative dose"), f"{num(mg)} mg",
                dose_sub.format(value=num(mg_kg), value2=num(p.max_total_mg_per_kg)),
                "warn" if near else "")
    rate_mg_h = v.current_rate_mg_per_h(now)
    if rate_mg_h > 0:
        rate = Tile(
            translate("timer_panel", "Current rate"),
            f"{num(rate_mg_h / v.weight_kg)} mg/kg/h",
            f"{num(rate_mg_h)} mg/h · {num(rate_mg_h / p.concentration_mg_per_ml)} mL/h",
            "ok",
        )
    else:
        word = (translate("timer_panel", "infusion paused") if st is SessionState.PAUSED
                else translate("timer_panel", "infusion not running"))
        rate = Tile(translate("timer_panel", "Current rate"), "0 mg/kg/h", word,
                    "warn" if st is SessionState.PAUSED else "")
    return TimerFigures(main, vitals, dose, rate)


def _vitals_tile(v: SessionView, due_in: timedelta | None, due_at: datetime | None,
                 tz: ZoneInfo) -> Tile:
    last = v.latest_vitals
    last_text = (
        translate("timer_panel", "last set {value}").format(value=clock_time(last.charted_at, tz))
        if last
        else translate("timer_panel", "no vitals yet")
    )
    if v.state in (SessionState.CHECKED_IN, SessionState.PRE_INFUSION):
        base = v.baseline_vitals is not None
        return Tile(
            translate("timer_panel", "Baseline vitals"),
            translate("timer_panel", "done") if base else translate("timer_panel", "needed"),
            last_text,
            "ok" if base else "warn",
        )
    if v.state not in (*RUNNING, SessionState.MONITORING) or due_in is None:
        return Tile(translate("timer_panel", "Vitals"), "—", last_text)
    due = vitals_due(due_in, v.protocol)
    every = (v.protocol.vitals_interval_after_min if v.state is SessionState.MONITORING
             else v.protocol.vitals_interval_min)
    sub = translate("timer_panel", "due {value} · every {value2} min · {last_text}").format(
        value=clock_time(due_at, tz), value2=num(every, 0), last_text=last_text
    )
    if due is Due.OVERDUE:
        return Tile(
            translate("timer_panel", "Vitals OVERDUE"), f"+{clock_text(-due_in)}", sub, "bad"
        )
    if due is Due.SOON:
        return Tile(translate("timer_panel", "Vitals due soon"), clock_text(due_in), sub, "warn")
    return Tile(translate("timer_panel", "Next vitals in"), clock_text(due_in), sub)


class _TileWidget(Card):
    def __init__(self, name: str, big_px: int) -> None:
        super().__init__("")
        self.setObjectName(f"tile_{name}")
        self.body.setContentsMargins(14, 6, 14, 6)
        self.body.setSpacing(0)
        self.caption = label(size=tokens.FONT_BASE, bold=True, name=f"{name}_caption")
        self.big = label(size=big_px, bold=True, name=f"{name}_big")
        self.sub = label(size=tokens.FONT_BASE, muted=True, name=f"{name}_sub", wrap=True)
        for w in (self.caption, self.big, self.sub):
            self.body.addWidget(w)
        self.body.addStretch(1)

    def show_tile(self, t: Tile) -> None:
        """Tone colours the whole tile; the caption always says it in words too."""
        self.caption.setText(t.caption.upper())
        self.big.setText(t.big)
        self.sub.setText(t.sub)
        set_tone(self, t.tone)
        text_tone = {"bad": "error", "warn": "warntext", "ok": "ok"}.get(t.tone, "")
        set_tone(self.caption, text_tone)
        set_tone(self.big, text_tone if t.tone in ("bad", "warn") else "")


class TimerPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.main = _TileWidget("timer", tokens.FIGURE_TIMER[0])
        self.vitals = _TileWidget("vitals_due", tokens.FIGURE_DUE[0])
        self.dose = _TileWidget("dose", tokens.FIGURE_PANEL[0])
        self.rate = _TileWidget("rate", tokens.FIGURE_PANEL[0])
        row.addWidget(self.main, 5)
        row.addWidget(self.vitals, 4)
        row.addWidget(self.dose, 4)
        row.addWidget(self.rate, 4)
        self.figures: TimerFigures | None = None
        self.compact = False

    def set_compact(self, on: bool) -> None:
        """Smaller big figures on a short screen (1366×768, or 150 % scaling), so the panels
        below get the room; still read from a step away."""
        if on == self.compact:
            return
        self.compact = on
        for tile, (big, small) in ((self.main, tokens.FIGURE_TIMER),
                                   (self.vitals, tokens.FIGURE_DUE),
                                   (self.dose, tokens.FIGURE_PANEL),
                                   (self.rate, tokens.FIGURE_PANEL)):
            tile.big.setStyleSheet(f"font-size: {small if on else big}px; font-weight: 700;")

    def tick(self, v: SessionView, now: datetime, tz: ZoneInfo) -> None:
        f = timer_figures(v, now, tz)
        self.figures = f
        self.main.show_tile(f.main)
        self.vitals.show_tile(f.vitals)
        self.dose.show_tile(f.dose)
        self.rate.show_tile(f.rate)
