"""The shift-change handover sheet (reportlab): every chair on one landscape page.

``services.handover`` decides what each line says; this module only lays it out: a title
with the clinic and the time, one table row per occupied chair, then the free chairs, the
records awaiting signature and those returned to the nurse. Black and white, large enough to
read on a clipboard; reportlab's invariant mode (the same data and time give the same bytes).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from chairlog import __version__
from chairlog.reports.fonts import BOLD, FAMILY, register_fonts
from chairlog.reports.layout import BODY, SUBTITLE, TITLE, esc, scaled, table

if TYPE_CHECKING:
    from chairlog.domain.handover import Handover

CELL = ParagraphStyle("handover-cell", fontName=FAMILY, fontSize=8.6, leading=10.6)
CELL_BOLD = ParagraphStyle("handover-cell-bold", parent=CELL, fontName=BOLD)
COLUMNS = ["Chair", "Patient · protocol", "State · in chair", "Rate", "Dose",
           "Last vitals", "Next vitals", "Open", "Pending"]
WIDTHS = [0.06, 0.15, 0.09, 0.11, 0.10, 0.15, 0.10, 0.13, 0.11]


def _cell(text: str, bold: bool = False) -> Paragraph:
    return Paragraph(esc(text), CELL_BOLD if bold else CELL)


def _lines(items: tuple[str, ...]) -> Paragraph:
    return Paragraph("<br/>".join(f"• {esc(i)}" for i in items) if items else "—", CELL)


def render_handover(h: Handover, *, paper: str = "A4") -> bytes:
    register_fonts()
    size = landscape(A4 if paper == "A4" else LETTER)
    out = io.BytesIO()
    margin = 10 * mm
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, invariant=1,
                            title=f"Shift handover {h.printed}", author=h.clinic,
                            subject="chairlog shift handover (not part of the medical record)",
                            creator=f"chairlog {__version__}", lang="en")
    rows: list[list[Any]] = [COLUMNS]
    for r in h.rows:
        rows.append([_cell(r.chair, True), _cell(f"{r.patient}\n{r.protocol}", True),
                     _cell(f"{r.state}\n{r.in_chair} in chair"), _cell(r.rate), _cell(r.dose),
                     _cell(r.last_vitals), _cell(r.next_due, r.next_due.startswith("OVERDUE")),
                     _lines(r.open_items), _lines(r.pending)])
    story: list[Any] = [
        Paragraph(esc(f"Shift handover — {h.clinic}"), TITLE),
        Paragraph(esc(f"Printed {h.printed} · {len(h.rows)} chair(s) in use · working paper, "
                      "not part of the medical record"), SUBTITLE),
        Spacer(1, 4 * mm),
    ]
    if h.rows:
        story.append(table(rows, scaled(WIDTHS, doc.width), zebra=True))
    else:
        story.append(Paragraph("No chair is in use.", BODY))
    story.append(Spacer(1, 3 * mm))
    foot = [f"Free chairs: {', '.join(h.free_chairs) if h.free_chairs else 'none'}.",
            f"Awaiting the physician's signature ({len(h.awaiting_signature)}): "
            + (", ".join(h.awaiting_signature) if h.awaiting_signature else "none") + "."]
    if h.returned:
        foot.append(f"Returned to the nurse ({len(h.returned)}): " + "; ".join(h.returned) + ".")
    story += [Paragraph(esc(line), BODY) for line in foot]
    doc.build(story)
    return out.getvalue()
