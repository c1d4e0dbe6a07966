"""The shift-change handover sheet (reportlab): every chair on one landscape page.

``services.handover`` decides what each line says; this module only lays it out: a title
with the clinic and the time, one table row per occupied chair, then the free chairs, the
records awaiting signature and those returned to the nurse. Black and white, large enough to
read on a clipboard; reportlab's invariant mode (the same data and time give the same bytes).

The sheet's own words (title, columns, footer) and the session states are in the clinic's
``language`` (``present.catalog``, context "handover"); the lines ``services.handover``
writes (rates, vitals, "OVERDUE since …", open items) are the services' and stay as given,
except an open side effect ("Náuseas (leve) desde 10:05"), built as words the catalog knows.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from chairlog import __version__
from chairlog.present.catalog import QT_TRANSLATE_NOOP, Catalog, catalog_of
from chairlog.reports.fonts import BOLD, FAMILY, register_fonts
from chairlog.reports.layout import BODY, SUBTITLE, TITLE, esc, scaled, table
from chairlog.words import Words as Message

if TYPE_CHECKING:
    from chairlog.domain.handover import Handover

CELL = ParagraphStyle("handover-cell", fontName=FAMILY, fontSize=8.6, leading=10.6)
CELL_BOLD = ParagraphStyle("handover-cell-bold", parent=CELL, fontName=BOLD)
COLUMNS = [QT_TRANSLATE_NOOP("handover", "Chair"),
           QT_TRANSLATE_NOOP("handover", "Patient · protocol"),
           QT_TRANSLATE_NOOP("handover", "State · in chair"), QT_TRANSLATE_NOOP("handover", "Rate"),
           QT_TRANSLATE_NOOP("handover", "Dose"), QT_TRANSLATE_NOOP("handover", "Last vitals"),
           QT_TRANSLATE_NOOP("handover", "Next vitals"), QT_TRANSLATE_NOOP("handover", "Open"),
           QT_TRANSLATE_NOOP("handover", "Pending")]
WIDTHS = [0.06, 0.15, 0.09, 0.11, 0.10, 0.15, 0.10, 0.13, 0.11]


def _cell(text: str, bold: bool = False) -> Paragraph:
    return Paragraph(esc(text), CELL_BOLD if bold else CELL)


def _lines(items: tuple[str, ...], w: Catalog) -> Paragraph:
    """The items, one a line; those built as ``chairlog.words.Words`` (an open side effect) in
    ``w``'s language (the catalog's empty context), the others as the services wrote them."""
    shown = [w.message(i) if isinstance(i, Message) else i for i in items]
    return Paragraph("<br/>".join(f"• {esc(i)}" for i in shown) if shown else "—", CELL)


def render_handover(h: Handover, *, paper: str = "A4", language: str = "en") -> bytes:
    register_fonts()
    w = catalog_of(language)
    size = landscape(A4 if paper == "A4" else LETTER)
    out = io.BytesIO()
    margin = 10 * mm
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, invariant=1,
                            title=w.translate("handover", "Shift handover {time}").format(
                                time=h.printed), author=h.clinic,
                            subject="chairlog shift handover (not part of the medical record)",
                            creator=f"chairlog {__version__}", lang=w.language)
    rows: list[list[Any]] = [[w.translate("handover", c) for c in COLUMNS]]
    in_chair = w.translate("handover", "{duration} in chair")
    for r in h.rows:
        state = w.translate("clinical", r.state)
        rows.append([_cell(r.chair, True), _cell(f"{r.patient}\n{r.protocol}", True),
                     _cell(f"{state}\n" + in_chair.format(duration=r.in_chair)),
                     _cell(w.message(r.rate)), _cell(w.message(r.dose)),
                     _cell(w.message(r.last_vitals)),
                     _cell(w.message(r.next_due), r.next_due.startswith("OVERDUE")),
                     _lines(r.open_items, w), _lines(r.pending, w)])
    story: list[Any] = [
        Paragraph(esc(w.translate("handover", "Shift handover — {clinic}").format(
            clinic=h.clinic)), TITLE),
        Paragraph(esc(w.translate("handover", "Printed {time} · {count} chair(s) in use · "
                                  "working paper, not part of the medical record").format(
            time=h.printed, count=len(h.rows))), SUBTITLE),
        Spacer(1, 4 * mm),
    ]
    if h.rows:
        story.append(table(rows, scaled(WIDTHS, doc.width), zebra=True))
    else:
        story.append(Paragraph(esc(w.translate("handover", "No chair is in use.")), BODY))
    story.append(Spacer(1, 3 * mm))
    none = w.translate("handover", "none")
    foot = [w.translate("handover", "Free chairs: {chairs}.").format(
                chairs=", ".join(h.free_chairs) if h.free_chairs else none),
            w.translate("handover", "Awaiting the physician's signature ({count}): {records}.")
            .format(count=len(h.awaiting_signature),
                    records=", ".join(h.awaiting_signature) if h.awaiting_signature else none)]
    if h.returned:
        foot.append(w.translate("handover", "Returned to the nurse ({count}): {records}.")
                    .format(count=len(h.returned), records="; ".join(h.returned)))
    story += [Paragraph(esc(line), BODY) for line in foot]
    doc.build(story)
    return out.getvalue()
