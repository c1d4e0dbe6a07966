"""A patient's series as a PDF report for the referring physician (reportlab).

One page or more: the clinic and patient, a chart (pain before and after each session as two
lines with distinct markers and dashes, ketamine mg per session as grey bars on its own scale),
a table of the sessions (date in the clinic's zone, protocol, pain before → after, ketamine
mg and mg/kg, side effects), the series totals and side-effect counts. Black and greys only,
readable in monochrome. reportlab's invariant mode: the same series gives the same bytes.

Catalog are in the clinic's language (``present.catalog``, context "series"; session states in
"clinical"), like the session record; dates stay ISO and numbers keep the decimal point. The
side-effect names are the services' vocabulary and stay as they give them.
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

from chairlog.clinical.states import SessionState
from chairlog.present.catalog import Catalog, catalog_of
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


def _state(w: Catalog, code: str) -> str:
    try:
        return w.translate("clinical", SessionState(code).label)
    except ValueError:
        return code


def series_chart(report: SeriesReport, width: float, height: float = 150.0) -> Drawing:
    """Pain before (circles, solid) and after (squares, dashed) on 0–10; mg as grey bars."""
    w = catalog_of(report.clinic.language)
    d = Drawing(width, height)
    left, right, bottom, top = 30.0, 40.0, 22.0, 14.0
    pw, ph = width - left - right, height - bottom - top
    n = len(report.sessions)
    d.add(Rect(left, bottom, pw, ph, strokeColor=GREY, fillColor=None, strokeWidth=0.5))
    for v in range(0, 11, 2):
        y = bottom + ph * v / 10
        d.add(Line(left - 3, y, left, y, strokeColor=GREY, strokeWidth=0.5))
        d.add(String(left - 5, y - 3, str(v), fontName=REGULAR, fontSize=7, textAnchor="end"))
    d.add(String(4, bottom + ph + 4, w.translate("series", "pain NRS"), fontName=REGULAR,
                 fontSize=7))
    if n == 0:
        d.add(String(left + pw / 2, bottom + ph / 2, w.translate("series", "No sessions"),
                     fontName=REGULAR,
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
    d.add(String(left + pw / 2, 2, w.translate("series", "session"), fontName=REGULAR,
                 fontSize=7, textAnchor="middle"))
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
    from reportlab.pdfbase.pdfmetrics import stringWidth

    labels = [w.translate("series", "pain before"), w.translate("series", "pain after"),
              w.translate("series", "ketamine mg")]
    sizes = [max(stringWidth(t, REGULAR, 7), 40.0) for t in labels]
    lx = left + pw - (sizes[0] + sizes[1] + sizes[2] + 50)  # right-aligned, as wide as needed
    d.add(Circle(lx + 4, height - 6, 2.5, fillColor=colors.black))
    d.add(String(lx + 10, height - 9, labels[0], fontName=REGULAR, fontSize=7))
    x2 = lx + 10 + sizes[0] + 16
    d.add(Rect(x2, height - 8.5, 5, 5, fillColor=colors.white, strokeColor=colors.black))
    d.add(String(x2 + 8, height - 9, labels[1], fontName=REGULAR, fontSize=7))
    x3 = x2 + 8 + sizes[1] + 10
    d.add(Rect(x3, height - 8.5, 8, 5, fillColor=LIGHT, strokeColor=None))
    d.add(String(x3 + 11, height - 9, labels[2], fontName=REGULAR, fontSize=7))
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
    w = catalog_of(report.clinic.language)
    name = f"{p.family_name}, {p.given_name}"
    doc = SimpleDocTemplate(buf, pagesize=size, leftMargin=16 * mm, rightMargin=16 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, invariant=1,
                            title=w.translate("series", "Treatment series — {name}").format(
                                name=name),
                            author=report.clinic.name, creator="chairlog",
                            subject=f"chairlog series report MRN {p.mrn}", lang=w.language)
    tz = ZoneInfo(report.clinic.timezone)
    born = (" · " + w.translate("series", "born {date}").format(date=p.date_of_birth.isoformat())
            if p.date_of_birth else "")
    story: list[Any] = [
        Paragraph(_esc(w.translate("series", "Ketamine infusion series — {name}").format(
            name=name)), st["title"]),
        Paragraph(_esc(w.translate("series", "MRN {mrn}").format(mrn=p.mrn) + born
                       + f" · {report.clinic.name}"), st["body"]),
        Paragraph(_esc(w.translate(
            "series", "Report of {time} · {count} sessions · ketamine in the series {mg} mg")
            .format(time=_local(report.generated_at, tz), count=len(report.sessions),
                    mg=fmt(report.ketamine_total_mg))), st["body"]),
        Spacer(1, 4 * mm),
        series_chart(report, size[0] - 32 * mm),
        Paragraph(_esc(w.translate("series", "Sessions")), st["head"]),
    ]
    rows: list[list[Any]] = [["#", w.translate("series", "Date"),
                              w.translate("series", "Protocol"), w.translate("series", "State"),
                              w.translate("series", "Pain NRS"),
                              w.translate("series", "Ketamine"), "",
                              w.translate("series", "Side effects")],
                             ["", "", "", "", w.translate("series", "before → after"), "mg",
                              "mg/kg", ""]]
    for i, s in enumerate(report.sessions, 1):
        effects = ", ".join(f"{report.effect_labels.get(k, k)} ×{n}"
                            for k, n in s.side_effects.items())
        rows.append([str(i), s.checked_in_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                     Paragraph(_esc(s.protocol_key), st["small"]),
                     Paragraph(_esc(_state(w, s.state)), st["small"]),
                     f"{_pain(s.pain_before)} → {_pain(s.pain_after)}", fmt(s.ketamine_mg),
                     fmt(s.ketamine_mg_per_kg),
                     Paragraph(_esc(effects or w.translate("series", "none")), st["small"])])
    rows.append(["", w.translate("series", "Series"), "", "", "", fmt(report.ketamine_total_mg),
                 "", ""])
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
    story.append(Paragraph(_esc(w.translate("series", "Side effects in the series")),
                           st["head"]))
    counts = report.side_effect_counts
    story.append(Paragraph(_esc(", ".join(f"{report.effect_labels.get(k, k)}: {n}"
                                          for k, n in counts.items())
                                or w.translate("series", "none")), st["body"]))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(_esc(w.translate(
        "series", "Pain: NRS 0–10, before = baseline score at check-in, after = last score "
        "after the infusion. Ketamine: boluses plus the infused amount (rate × time) of each "
        "session. The signed session records remain the authoritative documents.")),
        st["small"]))
    doc.build(story)
    return buf.getvalue()
