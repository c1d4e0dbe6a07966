"""Paragraph styles, tables and small flowables shared by the record's sections.

Black and white only: emphasis is bold, grey text or a grey rule, never colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from chairlog.reports.fonts import BOLD, FAMILY, REGULAR, register_fonts

GREY = colors.Color(0.4, 0.4, 0.4)
RULE = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.9, 0.9, 0.9)

#: space a heading needs below it (heading + a few table rows) before it starts a new page
ORPHAN_PT = 110.0

BODY = ParagraphStyle("body", fontName=FAMILY, fontSize=8.5, leading=10.8)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.4, leading=9.0)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=7.4, leading=8.9)
CELL_BOLD = ParagraphStyle("cellb", parent=CELL, fontName=BOLD)
LABEL = ParagraphStyle("label", parent=CELL, textColor=GREY)
TITLE = ParagraphStyle("title", parent=BODY, fontName=BOLD, fontSize=15, leading=18)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontSize=9, leading=11.5, textColor=GREY)
H2 = ParagraphStyle("h2", parent=BODY, fontName=BOLD, fontSize=10.5, leading=13,
                    spaceBefore=9, spaceAfter=3)
BANNER = ParagraphStyle("banner", parent=BODY, fontName=BOLD, fontSize=9.5, leading=12)


def esc(text: object) -> str:
    """Plain text → paragraph markup (escapes &, <, >; keeps line breaks)."""
    return escape(str(text)).replace("\n", "<br/>")


def p(markup: str, style: ParagraphStyle = CELL) -> Paragraph:
    return Paragraph(markup, style)


def t(text: object, style: ParagraphStyle = CELL) -> Paragraph:
    """A paragraph of plain text (escaped)."""
    return Paragraph(esc(text), style)


def muted(text: object) -> str:
    return f'<font color="#666666">{esc(text)}</font>'


def heading(text: str) -> Paragraph:
    return Paragraph(esc(text), H2)


def table(rows: Sequence[Sequence[Any]], widths: Sequence[float], *, header: bool = True,
          zebra: bool = False, extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A grid table; cells given as str are wrapped in paragraphs. The header row repeats
    on every page the table continues on, and is never broken inside a word
    (``fit_header``)."""
    if header and rows:
        widths = fit_header(rows[0], widths)
    data = [[t(c, CELL_BOLD if header and i == 0 else CELL) if isinstance(c, str) else c
             for c in row] for i, row in enumerate(rows)]
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 7.4),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SHADE),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.7, colors.black)]
    if zebra:
        for r in range(2 if header else 1, len(data), 2):
            style.append(("BACKGROUND", (0, r), (-1, r), colors.Color(0.965, 0.965, 0.965)))
    style += list(extra)
    tbl = Table(data, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    tbl.setStyle(TableStyle(style))
    return tbl


#: a cell's left + right padding in ``table``, and a little room for rounding
CELL_PAD = 2 * 2.5 + 0.5


def fit_header(titles: Sequence[Any], widths: Sequence[float]) -> list[float]:
    """Column widths widened where a header word would not fit (Spanish words are longer:
    "Puntuación", "Gravedad"), the room taken from the wider-than-average columns. The
    total stays the same; widths that already fit are returned unchanged (so an English
    record is laid out exactly as before)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    out = [float(w) for w in widths]
    need = [max((stringWidth(word, BOLD, CELL_BOLD.fontSize) for word in str(t).split()),
                default=0.0) + CELL_PAD if isinstance(t, str) else 0.0
            for t in titles]
    short = sum(max(n - w, 0.0) for n, w in zip(need, out, strict=False))
    if short <= 0:
        return out
    # only wider-than-average columns give room (a narrow time column keeps its width)
    mean = sum(out) / len(out)
    spare = [max(w - max(n, mean), 0.0) for n, w in zip(need, out, strict=False)]
    room = sum(spare)
    if room <= 0:
        return out
    take = min(short, room) / room
    return [max(w, n) if n > w else w - s * take
            for n, w, s in zip(need, out, spare, strict=False)]


def scaled(widths: Sequence[float], total: float) -> list[float]:
    """Column widths given as proportions, scaled to ``total`` points."""
    s = sum(widths)
    return [w * total / s for w in widths]


def section(title: str, body: Sequence[Flowable], *, keep: bool = True) -> list[Flowable]:
    """A heading kept with its body (``keep``), or, for a body that may run over pages,
    started on a new page when less than ~8 lines are left (no orphaned heading)."""
    if keep:
        return [KeepTogether([heading(title), *body])]
    return [CondPageBreak(ORPHAN_PT), heading(title), *body]


def none_recorded(sentence: str) -> Paragraph:
    """A muted "No … recorded." line (the whole sentence, in the record's language)."""
    return Paragraph(muted(sentence), BODY)


def gap(h: float = 4) -> Spacer:
    return Spacer(1, h)


class SignatureSpot(Flowable):  # type: ignore[misc]
    """An empty framed box where the visible digital-signature widget will sit.

    While drawing, it records ``(page_index, (x1, y1, x2, y2))`` in absolute page points
    into ``sink``, so the signing step can place the widget exactly over it.
    """

    def __init__(self, width: float, height: float, sink: list[tuple[int, tuple[float, ...]]],
                 caption: str) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self._sink = sink
        self._caption = caption

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.setDash(2, 2)
        c.rect(0, 0, self.width, self.height)
        c.setFillColor(GREY)
        c.setFont(REGULAR, 6)
        c.drawString(2, self.height + 2, self._caption)
        c.restoreState()
        x1, y1 = c.absolutePosition(0, 0)
        x2, y2 = c.absolutePosition(self.width, self.height)
        self._sink.append((c.getPageNumber() - 1, (x1, y1, x2, y2)))
