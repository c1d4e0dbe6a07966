"""The vitals trend drawing (reportlab graphics), readable when printed in black and white.

Three panels share one time axis (clinic-local clock time):
  1. blood pressure and heart rate, with the protocol's alert thresholds as dotted lines;
  2. SpO2 (its own 85–100 % scale, where a drop is visible), with its threshold;
  3. the infusion rate in mg/kg/h as a grey step area, boluses as small triangles.
Decision: series differ by marker shape *and* dash pattern, never by colour alone; the only
colours are black and greys, so a monochrome printout loses nothing.
Catalog are in the record's language (context "record"; the abbreviations in "vitals"); the
legend is spaced by the measured width of its words, which are longer in Spanish.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors

from chairlog.clinical.dosing import DoseAction, infusion_periods
from chairlog.domain.payloads import VitalSign, vital_sign
from chairlog.present.catalog import QT_TRANSLATE_NOOP, Catalog, vital
from chairlog.present.numbers import fmt
from chairlog.reports.fonts import BOLD, REGULAR
from chairlog.reports.model import RecordData

BLACK = colors.black
GREY = colors.Color(0.45, 0.45, 0.45)
LIGHT = colors.Color(0.82, 0.82, 0.82)
FAINT = colors.Color(0.92, 0.92, 0.92)

LEFT = 30.0  # room for the y-axis title and labels
RIGHT = 54.0  # room for the threshold labels
MAIN_H = 132.0
SPO2_H = 40.0
RATE_H = 30.0
GAP = 12.0
LEGEND_H = 16.0
AXIS_H = 16.0

Point = tuple[float, float]


def _marker(kind: str, x: float, y: float, size: float = 2.6) -> Any:
    if kind == "circle":
        return Circle(x, y, size * 0.85, fillColor=colors.white, strokeColor=BLACK,
                      strokeWidth=0.8)
    if kind == "down":
        return Polygon([x - size, y + size, x + size, y + size, x, y - size], fillColor=BLACK,
                       strokeColor=BLACK, strokeWidth=0.4)
    if kind == "up":
        return Polygon([x - size, y - size, x + size, y - size, x, y + size],
                       fillColor=colors.white, strokeColor=BLACK, strokeWidth=0.8)
    return Rect(x - size * 0.8, y - size * 0.8, size * 1.6, size * 1.6, fillColor=BLACK,
                strokeColor=BLACK, strokeWidth=0.4)


SERIES: tuple[tuple[VitalSign, str, str, list[float] | None], ...] = (
    ("sbp", QT_TRANSLATE_NOOP("record", "Systolic BP"), "down", None),
    ("dbp", QT_TRANSLATE_NOOP("record", "Diastolic BP"), "up", None),
    ("hr", QT_TRANSLATE_NOOP("record", "Heart rate"), "circle", [3, 2]),
    ("spo2", QT_TRANSLATE_NOOP("vitals", "SpO2"), "square", [1, 1.5]),
)

#: the signs that set the main panel's axis (SpO2 has a panel of its own)
MAIN_AXIS: tuple[VitalSign, ...] = ("sbp", "dbp", "hr")


def _tick_step(span_min: float) -> int:
    for step in (5, 10, 15, 30, 60, 120):
        if span_min / step <= 9:
            return step
    return 240


def _round_down(v: float, step: int) -> int:
    return int(v // step * step)


def _round_up(v: float, step: int) -> int:
    return int(-(-v // step) * step)


def vitals_chart(record: RecordData, width: float) -> Drawing | None:
    """The trend drawing, ``width`` points wide; None when no vitals were charted."""
    s, w = record.session, record.words
    rows = s.vitals
    if not rows:
        return None
    tz = record.tz
    times = [e.charted_at for e in rows]
    for t in (s.infusion_started_at, s.infusion_stopped_at):
        if t is not None:
            times.append(t)
    t0, t1 = min(times), max(times)
    if t1 - t0 < timedelta(minutes=30):
        t1 = t0 + timedelta(minutes=30)
    span = (t1 - t0).total_seconds() / 60
    step = _tick_step(span)
    # start the axis on a round local clock minute so tick labels read 14:00, 14:15 ...
    local0 = t0.astimezone(tz)
    start = t0 - timedelta(minutes=local0.minute % step, seconds=local0.second)
    end_min = _round_up((t1 - start).total_seconds() / 60 + 1, step)
    plot_w = width - LEFT - RIGHT

    def x_of(at: datetime) -> float:
        return LEFT + plot_w * ((at - start).total_seconds() / 60) / end_min

    height = LEGEND_H + MAIN_H + GAP + SPO2_H + GAP + RATE_H + AXIS_H
    d = Drawing(width, height)
    rate_y = AXIS_H
    spo2_y = rate_y + RATE_H + GAP
    main_y = spo2_y + SPO2_H + GAP

    values = [float(vital_sign(e, k)) for e in rows for k in MAIN_AXIS]
    th = s.protocol.thresholds
    limits = [v for v in (th.sbp_max, th.dbp_max, th.hr_max, th.hr_min) if v is not None]
    lo = min(40, _round_down(min(values) - 10, 20))
    hi = max(200, _round_up(max(values + [float(v) for v in limits]) + 10, 20))
    hi = min(hi, 320)

    def y_main(v: float) -> float:
        return main_y + MAIN_H * (v - lo) / (hi - lo)

    spo2_lo, spo2_hi = 85.0, 100.0

    def y_spo2(v: float) -> float:
        return spo2_y + SPO2_H * (max(min(v, spo2_hi), spo2_lo) - spo2_lo) / (spo2_hi - spo2_lo)

    # frames, grid and axis labels
    _panel(d, main_y, MAIN_H, plot_w, [(y_main(v), f"{v}") for v in range(lo, hi + 1, 20)])
    _panel(d, spo2_y, SPO2_H, plot_w, [(y_spo2(v), f"{v}") for v in (85, 90, 95, 100)])
    _panel(d, rate_y, RATE_H, plot_w, [])
    _axis_title(d, main_y + MAIN_H / 2, w.translate("record", "mmHg  ·  beats/min"))
    _axis_title(d, spo2_y + SPO2_H / 2, f"{vital(w, 'spo2')} %")
    _axis_title(d, rate_y + RATE_H / 2, "mg/kg/h")
    for m in range(0, end_min + 1, step):
        at = start + timedelta(minutes=m)
        x = x_of(at)
        for y0, h in ((main_y, MAIN_H), (spo2_y, SPO2_H), (rate_y, RATE_H)):
            d.add(Line(x, y0, x, y0 + h, strokeColor=FAINT, strokeWidth=0.4))
        d.add(Line(x, rate_y - 2, x, rate_y, strokeColor=BLACK, strokeWidth=0.5))
        d.add(String(x, rate_y - 10, at.astimezone(tz).strftime("%H:%M"), fontName=REGULAR,
                     fontSize=6.5, textAnchor="middle"))

    # infusion start / stop markers across all panels
    for mark, label in ((s.infusion_started_at, w.translate("record", "infusion start")),
                        (s.infusion_stopped_at, w.translate("record", "infusion stop"))):
        if mark is None:
            continue
        x = x_of(mark)
        d.add(Line(x, rate_y, x, main_y + MAIN_H, strokeColor=GREY, strokeWidth=0.7,
                   strokeDashArray=[4, 2]))
        d.add(String(x + 2, main_y + MAIN_H - 8, label, fontName=REGULAR, fontSize=6,
                     fillColor=GREY))

    # alert thresholds
    right = LEFT + plot_w
    high, low = w.translate("record", "max"), w.translate("record", "min")
    for value, label in ((th.sbp_max, f"{vital(w, 'sbp')} {high}"),
                         (th.dbp_max, f"{vital(w, 'dbp')} {high}"),
                         (th.hr_max, f"{vital(w, 'hr')} {high}"),
                         (th.hr_min, f"{vital(w, 'hr')} {low}")):
        if value is not None and lo <= value <= hi:
            _threshold(d, LEFT, right, y_main(value), f"{label} {value}")
    if th.spo2_min is not None and spo2_lo <= th.spo2_min <= spo2_hi:
        _threshold(d, LEFT, right, y_spo2(th.spo2_min), f"{vital(w, 'spo2')} {low} {th.spo2_min}")

    # series
    for key, _label, marker, dash in SERIES:
        y_of: Callable[[float], float] = y_spo2 if key == "spo2" else y_main
        pts = [(x_of(e.charted_at), y_of(float(vital_sign(e, key)))) for e in rows]
        _series(d, pts, marker, dash)

    _rate_strip(d, record, x_of, rate_y, start + timedelta(minutes=end_min))
    _legend(d, main_y + MAIN_H + 4, w)
    return d


def _panel(d: Drawing, y: float, h: float, w: float, ticks: Sequence[tuple[float, str]]) -> None:
    d.add(Rect(LEFT, y, w, h, fillColor=None, strokeColor=BLACK, strokeWidth=0.6))
    for ty, label in ticks:
        d.add(Line(LEFT, ty, LEFT + w, ty, strokeColor=FAINT, strokeWidth=0.4))
        d.add(Line(LEFT - 2, ty, LEFT, ty, strokeColor=BLACK, strokeWidth=0.5))
        d.add(String(LEFT - 4, ty - 2.2, label, fontName=REGULAR, fontSize=6.5,
                     textAnchor="end"))


def _axis_title(d: Drawing, y_mid: float, text: str) -> None:
    """A y-axis title written upwards along the left edge."""
    g = Group(String(0, 0, text, fontName=REGULAR, fontSize=6.5, textAnchor="middle"))
    g.transform = (0, 1, -1, 0, 7, y_mid)
    d.add(g)


def _threshold(d: Drawing, x0: float, x1: float, y: float, label: str) -> None:
    d.add(Line(x0, y, x1, y, strokeColor=GREY, strokeWidth=0.8, strokeDashArray=[1, 2]))
    d.add(String(x1 + 3, y - 2.2, label, fontName=REGULAR, fontSize=6, fillColor=GREY))


def _series(d: Drawing, pts: list[Point], marker: str, dash: list[float] | None) -> None:
    g = Group()
    if len(pts) > 1:
        flat = [c for p in pts for c in p]
        g.add(PolyLine(flat, strokeColor=BLACK, strokeWidth=0.9, strokeDashArray=dash))
    for x, y in pts:
        g.add(_marker(marker, x, y))
    d.add(g)


def _rate_strip(d: Drawing, record: RecordData, x_of: Callable[[datetime], float],
                y0: float, axis_end: datetime) -> None:
    s = record.session
    events = s.dose_events
    periods = infusion_periods(events)
    if not periods and not any(e.action is DoseAction.BOLUS for e in events):
        d.add(String(LEFT + 6, y0 + RATE_H / 2 - 2, record.words.translate("record", "no infusion"),
                     fontName=REGULAR,
                     fontSize=6.5, fillColor=GREY))
        return
    rates = [p.rate_mg_per_h / s.weight_kg for p in periods]
    top = max([*rates, s.protocol.max_rate_mg_per_kg_h * 0.5, 0.1])
    scale = (RATE_H - 8) / top
    end_default = s.infusion_stopped_at or axis_end
    for p, r in zip(periods, rates, strict=True):
        x1 = x_of(p.start)
        x2 = x_of(p.end or end_default)
        h = r * scale
        d.add(Rect(x1, y0, max(x2 - x1, 0.5), h, fillColor=LIGHT, strokeColor=BLACK,
                   strokeWidth=0.6))
        if x2 - x1 > 24:
            d.add(String(x1 + 2, y0 + h + 1.5, fmt(r), fontName=BOLD, fontSize=6))
    for e in events:
        if e.action is DoseAction.BOLUS:
            x = x_of(e.at)
            d.add(Polygon([x - 3, y0 + RATE_H - 1, x + 3, y0 + RATE_H - 1, x, y0 + RATE_H - 6],
                          fillColor=BLACK, strokeColor=BLACK, strokeWidth=0.4))
            d.add(String(x + 4, y0 + RATE_H - 7,
                         record.words.translate("record", "bolus {mg} mg").format(
                             mg=fmt(e.bolus_mg)), fontName=REGULAR, fontSize=6))


def _legend(d: Drawing, y: float, w: Catalog) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    x = LEFT
    for key, label, marker, dash in SERIES:
        text = w.translate("vitals" if key == "spo2" else "record", label)
        d.add(Line(x, y + 3, x + 18, y + 3, strokeColor=BLACK, strokeWidth=0.9,
                   strokeDashArray=dash))
        d.add(_marker(marker, x + 9, y + 3))
        d.add(String(x + 22, y, text, fontName=REGULAR, fontSize=7))
        x += 30 + max(4.2 * len(text), stringWidth(text, REGULAR, 7))
    d.add(Line(x, y + 3, x + 18, y + 3, strokeColor=GREY, strokeWidth=0.8,
               strokeDashArray=[1, 2]))
    d.add(String(x + 22, y, w.translate("record", "alert threshold"), fontName=REGULAR,
                 fontSize=7, fillColor=GREY))
