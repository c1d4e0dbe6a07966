"""A patient's series as a PDF report for the referring physician (reportlab).

One page or more: the clinic and patient, a chart (pain before and after each session as two
lines with distinct markers and dashes, ketamine mg per session as grey bars on its own scale),
a table of the sessions (date in the clinic's zone, protocol, pain before → after, ketamine
mg and mg/kg, side effects), the series totals and side-effect counts. Black and greys only,
readable in monochrome. reportlab's invariant mode: the same series gives the same bytes.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from chairlog.present.numbers import fmt
from chairlog.reports.fonts import BOLD, REGULAR, register_fonts

if TYPE_CHECKING:
    from chairlog.domain.series import SeriesReport

GREY = colors.Color(0.45, 0.45, 0.45)
LIGHT = colors.Color(0.8, 0.8, 0.8)


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("t", fontName=BOLD, fontSize=14, leading=18),
        "body": ParagraphStyle("b", fontName=REGULAR, fontSize=9, leading=12),
        "small": ParagraphStyle("s", fontName=REGULAR, fontSize=7.5, leading=9.5),
        "head": ParagraphStyle("h", fontName=BOLD, fontSize=10, leading=13, spaceBefore=6),
    }


def _esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def series_chart(report: SeriesReport, width: float, height: float = 150.0) -> Drawing:
    """Pain before (circles, solid) and after (squares, dashed) on 0–10; mg as grey bars."""
    d = Drawing(width, height)
    left, right, bottom, top = 30.0, 40.0, 22.0, 14.0
    pw, ph = width - left - right, height - bottom - top
    n = len(report.sessions)
    d.add(Rect(left, bottom, pw, ph, strokeColor=GREY, fillColor=None, strokeWidth=0.5))
    for v in range(0, 11, 2):
        y = bottom + ph * v / 10
        d.add(Line(left - 3, y, left, y, strokeColor=GREY, strokeWidth=0.5))
        d.add(String(left - 5, y - 3, str(v), fontName=REGULAR, fontSize=7, textAnchor="end"))
    d.add(String(4, bottom + ph + 4, "pain NRS", fontName=REGULAR, fontSize=7))
    if n == 0:
        d.add(String(left + pw / 2, bottom + ph / 2, "No sessions", fontName=REGULAR,
                     fontSize=9, textAnchor="middle"))
        return d
    max_mg = max((s.ketamine_mg for s in report.sessions), default=0.0) or 1.0
    step = pw / n

    def x(i: int) -> float:
        return left + step * (i + 0.5)

    for i, s in enumerate(report.sessions):
        h = ph * s.ketamine_mg / max_mg
        bar = min(step * 0.4, 24.0)
        d.add(Rect(x(i) - bar / 2, bottom, bar, h, fillColor=LIGHT, strokeColor=None))
        d.add(String(x(i), bottom - 10, str(i + 1), fontName=REGULAR, fontSize=7,
                     textAnchor="middle"))
    d.add(String(left + pw + 4, bottom + ph - 3, f"{fmt(max_mg)} mg", fontName=REGULAR,
                 fontSize=7))
    d.add(String(left + pw + 4, bottom, "0 mg", fontName=REGULAR, fontSize=7))
    d.add(String(left + pw / 2, 2, "session", fontName=REGULAR, fontSize=7, textAnchor="middle"))
    for attr, dash, square in (("pain_before", None, False), ("pain_after", [3, 2], True)):
        pts: list[float] = []
        for i, s in enumerate(report.sessions):
            val = getattr(s, attr)
            if val is None:
                continue
            px, py = x(i), bottom + ph * val / 10
            pts += [px, py]
            if square:
                d.add(Rect(px - 2.5, py - 2.5, 5, 5, fillColor=colors.white,
                           strokeColor=colors.black, strokeWidth=0.8))
            else:
                d.add(Circle(px, py, 2.5, fillColor=colors.black, strokeColor=colors.black))
        if len(pts) >= 4:
            d.add(PolyLine(pts, strokeColor=colors.black, strokeWidth=0.8,
                           strokeDashArray=dash))
    lx = left + pw - 190
    d.add(Circle(lx + 4, height - 6, 2.5, fillColor=colors.black))
    d.add(String(lx + 10, height - 9, "pain before", fontName=REGULAR, fontSize=7))
    d.add(Rect(lx + 66, height - 8.5, 5, 5, fillColor=colors.white, strokeColor=colors.black))
    d.add(String(lx + 74, height - 9, "pain after", fontName=REGULAR, fontSize=7))
    d.add(Rect(lx + 126, height - 8.5, 8, 5, fillColor=LIGHT, strokeColor=None))
    d.add(String(lx + 137, height - 9, "ketamine mg", fontName=REGULAR, fontSize=7))
    return d


def _local(at: datetime, tz: ZoneInfo) -> str:
    return at.astimezone(tz).isoformat(sep=" ", timespec="minutes")


def _pain(v: int | None) -> str:
    return "—" if v is None else str(v)


def build_series_pdf(report: SeriesReport, paper: str | None = None) -> bytes:
    import io

    register_fonts()
    st = _styles()
    size = letter if (paper or report.clinic.paper_size).lower() == "letter" else A4
    buf = io.BytesIO()
    p = report.patient
    doc = SimpleDocTemplate(buf, pagesize=size, leftMargin=16 * mm, rightMargin=16 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, invariant=1,
                            title=f"Treatment series — {p.family_name}, {p.given_name}",
                            author=report.clinic.name, creator="chairlog",
                            subject=f"chairlog series report MRN {p.mrn}")
    tz = ZoneInfo(report.clinic.timezone)
    story: list[Any] = [
        Paragraph(_esc(f"Ketamine infusion series — {p.family_name}, {p.given_name}"),
                  st["title"]),
        Paragraph(_esc(f"MRN {p.mrn}" + (f" · born {p.date_of_birth.isoformat()}"
                                          if p.date_of_birth else "")
                       + f" · {report.clinic.name}"), st["body"]),
        Paragraph(_esc(f"Report of {_local(report.generated_at, tz)}"
                       f" · {len(report.sessions)} sessions · ketamine in the series "
                       f"{fmt(report.ketamine_total_mg)} mg"), st["body"]),
        Spacer(1, 4 * mm),
        series_chart(report, size[0] - 32 * mm),
        Paragraph("Sessions", st["head"]),
    ]
    rows: list[list[Any]] = [["#", "Date", "Protocol", "State", "Pain NRS",
                              "Ketamine", "", "Side effects"],
                             ["", "", "", "", "before → after", "mg", "mg/kg", ""]]
    for i, s in enumerate(report.sessions, 1):
        effects = ", ".join(f"{report.effect_labels.get(k, k)} ×{n}"
                            for k, n in s.side_effects.items())
        rows.append([str(i), s.checked_in_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                     Paragraph(_esc(s.protocol_key), st["small"]), s.state,
                     f"{_pain(s.pain_before)} → {_pain(s.pain_after)}", fmt(s.ketamine_mg),
                     fmt(s.ketamine_mg_per_kg), Paragraph(_esc(effects or "none"), st["small"])])
    rows.append(["", "Series", "", "", "", fmt(report.ketamine_total_mg), "", ""])
    table = Table(rows, repeatRows=2, colWidths=[8 * mm, 27 * mm, 32 * mm, 22 * mm, 24 * mm,
                                                 21 * mm, 14 * mm, None])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("FONT", (0, 0), (-1, 0), BOLD, 8),
        ("FONT", (0, 1), (-1, 1), REGULAR, 7),
        ("FONT", (0, -1), (-1, -1), BOLD, 8),
        ("LINEBELOW", (0, 1), (-1, 1), 0.6, colors.black),
        ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    story.append(table)
    story.append(Paragraph("Side effects in the series", st["head"]))
    counts = report.side_effect_counts
    story.append(Paragraph(_esc(", ".join(f"{report.effect_labels.get(k, k)}: {n}"
                                          for k, n in counts.items()) or "none"), st["body"]))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(
        "Pain: NRS 0–10, before = baseline score at check-in, after = last score after the "
        "infusion. Ketamine: boluses plus the infused amount (rate × time) of each session. "
        "The signed session records remain the authoritative documents.", st["small"]))
    doc.build(story)
    return buf.getvalue()
