"""Live vitals trend: HR, SBP, DBP and SpO2 against minutes since the infusion started
(baseline sets before the start are at negative minutes), with the protocol's alert thresholds
(SBP max, HR max, SpO2 min) as dashed lines. Rebuilt from the session view on each reload.

Decision: one shared y axis (0–220): BP, HR and SpO2 all fall in it, and one axis reads faster
than two; each series has a distinct colour and marker shape and is named in the legend.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from chairlog.domain import SessionView
from chairlog.domain.payloads import VitalSign, vital_sign
from chairlog.ui import tokens
from chairlog.ui.i18n import translate, vital

SERIES: tuple[tuple[VitalSign, str, str], ...] = (
    ("hr", "HR", tokens.CHART_HR), ("sbp", "SBP", tokens.CHART_SBP),
    ("dbp", "DBP", tokens.CHART_DBP), ("spo2", "SpO2", tokens.CHART_SPO2))
THRESHOLDS = (("sbp_max", "SBP max", tokens.CHART_SBP), ("hr_max", "HR max", tokens.CHART_HR),
              ("spo2_min", "SpO2 min", tokens.CHART_SPO2))
Y_MAX = 220


def reference_time(v: SessionView) -> datetime:
    return v.infusion_started_at or v.checked_in_at


def vitals_points(v: SessionView) -> dict[str, list[tuple[float, float]]]:
    """(minutes since start, value) per series, oldest first."""
    ref = reference_time(v)
    out: dict[str, list[tuple[float, float]]] = {key: [] for key, _n, _c in SERIES}
    for e in v.vitals:
        minutes = (e.charted_at - ref).total_seconds() / 60
        for key, _n, _c in SERIES:
            out[key].append((minutes, float(vital_sign(e, key))))
    return out


class TrendChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        self._chart = QChart()
        super().__init__(self._chart, parent)
        self.setObjectName("trend_chart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(tokens.TREND_CHART_PX)
        c = self._chart
        c.setMargins(QMargins(4, 4, 4, 4))
        c.setBackgroundRoundness(6)
        c.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        font = QFont()
        font.setPixelSize(13)
        c.legend().setFont(font)
        self.x_axis = QValueAxis()
        self.x_axis.setTitleText(translate("TrendChart", "minutes since infusion start"))
        self.x_axis.setLabelFormat("%d")
        self.x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.x_axis.setTickAnchor(0)
        self.x_axis.setTickInterval(15)
        self.y_axis = QValueAxis()
        self.y_axis.setRange(0, Y_MAX)
        self.y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.y_axis.setTickAnchor(0)
        self.y_axis.setTickInterval(20)
        self.y_axis.setLabelFormat("%d")
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsFont(font)
            title = QFont(font)
            title.setPixelSize(12)
            axis.setTitleFont(title)
        c.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        c.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series: dict[str, QLineSeries] = {}
        for key, _name, colour in SERIES:
            s = QLineSeries()
            s.setName(vital(key))
            s.setPen(QPen(QColor(colour), 2.5))
            s.setPointsVisible(True)
            c.addSeries(s)
            s.attachAxis(self.x_axis)
            s.attachAxis(self.y_axis)
            self.series[key] = s
        self.limits: dict[str, QLineSeries] = {}
        for limit, _name, colour in THRESHOLDS:
            s = QLineSeries()
            measure, bound = limit.split("_")
            s.setName(vital(measure) + " " + (translate("TrendChart", "max") if bound == "max"
                                              else translate("TrendChart", "min")))
            pen = QPen(QColor(colour), 1.5, Qt.PenStyle.DashLine)
            s.setPen(pen)
            c.addSeries(s)
            s.attachAxis(self.x_axis)
            s.attachAxis(self.y_axis)
            self.limits[limit] = s

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fewer y ticks on a short chart: QtCharts elides labels that do not fit."""
        super().resizeEvent(event)
        h = event.size().height()
        self.y_axis.setTickInterval(20 if h >= 420 else 40 if h >= 240 else 55)

    def update_view(self, v: SessionView, now: datetime) -> None:
        points = vitals_points(v)
        ref = reference_time(v)
        now_min = (now - ref).total_seconds() / 60
        xs = [x for pts in points.values() for x, _y in pts]
        low = min([0.0, *xs]) - 2
        high = max([now_min, *xs, 30.0]) + 2
        for key, s in self.series.items():
            s.replace([QPointF(x, y) for x, y in points[key]])
        t = v.protocol.thresholds
        for key, s in self.limits.items():
            value = getattr(t, key)
            s.replace([] if value is None else [QPointF(low, value), QPointF(high, value)])
            s.setVisible(value is not None)
        self.x_axis.setRange(low, high)
        span = high - low
        self.x_axis.setTickInterval(15 if span <= 150 else 30 if span <= 300 else 60)
        started = v.infusion_started_at is not None
        self.x_axis.setTitleText(
            translate("TrendChart", "minutes since infusion start")
            if started
            else translate("TrendChart", "minutes since check-in (infusion not started)")
        )
