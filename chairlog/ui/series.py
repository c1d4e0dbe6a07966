"""A patient's treatment series: pain before and after each session, ketamine per session and
for the series, side effects; a chart drawn with QPainter (QtCharts is not in
PySide6-Essentials) and *Export PDF…* for the referring physician.

The series is read and the PDF built on the interactive lane (``ctx.runner``); the widgets
only show the result.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain.series import SeriesReport
from chairlog.present.numbers import fmt
from chairlog.services import series
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, error_text, translate
from chairlog.ui.widgets import BigButton, big_font

HEADERS = (
    "#",
    QT_TRANSLATE_NOOP("words", "Date"),
    QT_TRANSLATE_NOOP("words", "Protocol"),
    QT_TRANSLATE_NOOP("words", "State"),
    QT_TRANSLATE_NOOP("words", "Pain before"),
    QT_TRANSLATE_NOOP("words", "Pain after"),
    QT_TRANSLATE_NOOP("words", "Ketamine mg"),
    "mg/kg",
    QT_TRANSLATE_NOOP("words", "Side effects"),
)
Index = QModelIndex | QPersistentModelIndex


def _pain(v: int | None) -> str:
    return "—" if v is None else str(v)


class SeriesModel(QAbstractTableModel):
    """The series' sessions, oldest first; unit-testable without widgets."""

    def __init__(self) -> None:
        super().__init__()
        self.report: SeriesReport | None = None

    def set_report(self, report: SeriesReport | None) -> None:
        self.beginResetModel()
        self.report = report
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.report is None:
            return 0
        return len(self.report.sessions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("words", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole or self.report is None:
            return None
        r = self.report
        s = r.sessions[index.row()]
        tz = ZoneInfo(r.clinic.timezone)
        effects = ", ".join(f"{r.effect_labels.get(k, k)} ×{n}" for k, n in s.side_effects.items())
        return (str(index.row() + 1), s.checked_in_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                s.protocol_key, s.state, _pain(s.pain_before), _pain(s.pain_after),
                fmt(s.ketamine_mg), fmt(s.ketamine_mg_per_kg), effects or "none"
                )[index.column()]


class SeriesChart(QWidget):
    """Pain before (filled circles, solid line) and after (open squares, dashed) on 0–10;
    ketamine mg per session as grey bars on their own scale. Black and greys only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: SeriesReport | None = None
        self.setMinimumHeight(tokens.CHART_PX)

    def set_report(self, report: SeriesReport | None) -> None:
        self.report = report
        self.update()

    def points(self) -> tuple[list[QPointF], list[QPointF], list[QRectF]]:
        """Pain-before points, pain-after points and ketamine bars in widget coordinates."""
        r = self.report
        if r is None or not r.sessions:
            return [], [], []
        plot = self.plot_rect()
        n = len(r.sessions)
        step = plot.width() / n
        top_mg = max(s.ketamine_mg for s in r.sessions) or 1.0
        before: list[QPointF] = []
        after: list[QPointF] = []
        bars: list[QRectF] = []
        for i, s in enumerate(r.sessions):
            x = plot.left() + step * (i + 0.5)
            h = plot.height() * s.ketamine_mg / top_mg
            w = min(step * 0.4, 28.0)
            bars.append(QRectF(x - w / 2, plot.bottom() - h, w, h))
            for value, out in ((s.pain_before, before), (s.pain_after, after)):
                if value is not None:
                    out.append(QPointF(x, plot.bottom() - plot.height() * value / 10))
        return before, after, bars

    def plot_rect(self) -> QRectF:
        return QRectF(44, 24, max(10.0, self.width() - 44 - 70), max(10.0, self.height() - 52))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self.plot_rect()
        p.setPen(QPen(QColor(tokens.MUTED), 1))
        p.drawRect(plot)
        for v in range(0, 11, 2):
            y = plot.bottom() - plot.height() * v / 10
            p.drawLine(QPointF(plot.left() - 4, y), QPointF(plot.left(), y))
            p.drawText(QRectF(0, y - 8, plot.left() - 6, 16),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(v))
        p.drawText(
            QRectF(4, 2, 120, 18),
            int(Qt.AlignmentFlag.AlignLeft),
            translate("SeriesChart", "pain NRS"),
        )
        p.drawText(
            QRectF(plot.right() - 420, 2, 420, 18),
            int(Qt.AlignmentFlag.AlignRight),
            translate(
                "SeriesChart",
                "● pain before (solid)    □ pain after (dashed)    ▮ ketamine mg (grey)",
            ),
        )
        before, after, bars = self.points()
        r = self.report
        if r is None or not r.sessions:
            p.drawText(
                plot, int(Qt.AlignmentFlag.AlignCenter), translate("SeriesChart", "No sessions")
            )
            p.end()
            return
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor(tokens.CHART_BAR)))
        for bar in bars:
            p.drawRect(bar)
        top_mg = max(s.ketamine_mg for s in r.sessions)
        p.setPen(QPen(QColor(tokens.INK), 1))
        p.drawText(QRectF(plot.right() + 6, plot.top() - 8, 70, 16),
                   int(Qt.AlignmentFlag.AlignLeft), f"{fmt(top_mg)} mg")
        p.drawText(QRectF(plot.right() + 6, plot.bottom() - 8, 70, 16),
                   int(Qt.AlignmentFlag.AlignLeft), "0 mg")
        for i, bar in enumerate(bars):
            p.drawText(QRectF(bar.center().x() - 20, plot.bottom() + 4, 40, 16),
                       int(Qt.AlignmentFlag.AlignHCenter), str(i + 1))
        solid = QPen(QColor(tokens.INK), 2)
        dashed = QPen(QColor(tokens.INK), 2, Qt.PenStyle.DashLine)
        for pts, pen, square in ((before, solid, False), (after, dashed, True)):
            p.setPen(pen)
            for a, b in pairwise(pts):
                p.drawLine(a, b)
            p.setPen(QPen(QColor(tokens.INK), 1.5))
            p.setBrush(QBrush(QColor(tokens.CARD) if square else QColor(tokens.INK)))
            for pt in pts:
                if square:
                    p.drawRect(QRectF(pt.x() - 4, pt.y() - 4, 8, 8))
                else:
                    p.drawEllipse(pt, 4, 4)
        p.end()


class SeriesDialog(QDialog):
    """The series of the patient with ``mrn``, loaded on the background worker."""

    def __init__(self, ctx: UiContext, mrn: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mrn = mrn
        self.setWindowTitle(translate("SeriesDialog", "Treatment series"))
        self.resize(1200, 760)
        lay = QVBoxLayout(self)
        self.title = QLabel(translate("SeriesDialog", "Loading the series…"))
        self.title.setFont(big_font(tokens.PT_2XL, bold=True))
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        self.totals = QLabel()
        self.totals.setFont(big_font(tokens.PT_M))
        self.totals.setWordWrap(True)
        lay.addWidget(self.totals)
        self.chart = SeriesChart()
        lay.addWidget(self.chart, 1)
        self.model = SeriesModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        self.export_button = BigButton(translate("SeriesDialog", "Export PDF…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._export)
        row.addWidget(self.export_button)
        close = BigButton(translate("SeriesDialog", "Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        self.load()

    def load(self) -> None:
        actor = self.ctx.require_user()
        self.ctx.runner.interactive(self, series.patient_series, self.ctx.app, actor,
                                    self.mrn).success(self.show_report).failure(self._failed)

    def show_report(self, report: SeriesReport) -> None:
        p = report.patient
        self.title.setText(
            translate("SeriesDialog", "{display_name} · {mrn} · {value} session(s)").format(
                display_name=p.display_name, mrn=p.mrn, value=len(report.sessions)
            )
        )
        counts = report.side_effect_counts
        effects = ", ".join(f"{report.effect_labels.get(k, k)} {n}" for k, n in counts.items())
        self.totals.setText(
            translate(
                "SeriesDialog", "Ketamine in the series: {value} mg · side effects: {value2}"
            ).format(value=fmt(report.ketamine_total_mg), value2=effects or "none")
        )
        self.model.set_report(report)
        self.chart.set_report(report)
        self.export_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(
            translate("SeriesDialog", "Could not load the series: {exc}").format(
                exc=error_text(exc))
        )

    def _export(self) -> None:
        from chairlog.ui.export_folder import ask_save_path

        name = f"series-{self.mrn}-{self.ctx.app.now():%Y-%m-%d}.pdf"
        path = ask_save_path(self, translate("SeriesDialog", "Export series"), name,
                             translate("SeriesDialog", "PDF (*.pdf)"))
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Build the PDF (audited) off the UI thread, then write it."""
        actor = self.ctx.require_user()
        self.status.setText(translate("SeriesDialog", "Exporting…"))
        self.export_button.setEnabled(False)

        def work() -> int:
            data = series.export_series_pdf(self.ctx.app, actor, self.mrn)
            path.write_bytes(data)
            return len(data)

        def done(size: int) -> None:
            self.export_button.setEnabled(True)
            self.status.setText(
                translate("SeriesDialog", "Saved {name} ({value} KB).").format(
                    name=path.name, value=size // 1024
                )
            )

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.status.setText(translate("SeriesDialog", "Export failed: {exc}").format(
                exc=error_text(exc)))

        self.ctx.runner.interactive(self, work).success(done).failure(failed)
