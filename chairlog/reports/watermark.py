"""The diagonal "UNSIGNED DRAFT" watermark, drawn as strokes rather than text.

Decision: the watermark is vector lines, not a text object, so text extraction (copy and
paste, pdftotext, screen readers) reads the record without watermark letters scattered
through it. The header and footer still say UNSIGNED DRAFT in real text on every page.

Decision: the watermark is in the record's language ("BORRADOR SIN FIRMAR" in Spanish); a
longer text is drawn smaller so it is never wider than the English one (which fits the page
diagonal), and a letter the stroke font lacks is left as a gap (accents are dropped: É → E).
"""

from __future__ import annotations

import unicodedata
from typing import Any

Stroke = tuple[tuple[float, float], ...]

# A tiny stroke font on a 4 × 6 grid (y up); only the letters the watermark needs.
GLYPHS: dict[str, tuple[Stroke, ...]] = {
    "U": (((0, 6), (0, 1), (1, 0), (3, 0), (4, 1), (4, 6)),),
    "N": (((0, 0), (0, 6), (4, 0), (4, 6)),),
    "S": (((4, 5), (3, 6), (1, 6), (0, 5), (0, 4), (1, 3), (3, 3), (4, 2), (4, 1), (3, 0),
           (1, 0), (0, 1)),),
    "I": (((2, 0), (2, 6)), ((1, 6), (3, 6)), ((1, 0), (3, 0))),
    "G": (((4, 5), (3, 6), (1, 6), (0, 5), (0, 1), (1, 0), (3, 0), (4, 1), (4, 3), (2, 3)),),
    "E": (((4, 6), (0, 6), (0, 0), (4, 0)), ((0, 3), (3, 3))),
    "D": (((0, 0), (0, 6), (3, 6), (4, 5), (4, 1), (3, 0), (0, 0)),),
    "R": (((0, 0), (0, 6), (3, 6), (4, 5), (4, 4), (3, 3), (0, 3)), ((2, 3), (4, 0))),
    "A": (((0, 0), (0, 4), (2, 6), (4, 4), (4, 0)), ((0, 3), (4, 3))),
    "F": (((4, 6), (0, 6), (0, 0)), ((0, 3), (3, 3))),
    "T": (((0, 6), (4, 6)), ((2, 6), (2, 0))),
    "B": (((0, 0), (0, 6), (3, 6), (4, 5), (4, 4), (3, 3), (4, 2), (4, 1), (3, 0), (0, 0)),
          ((0, 3), (3, 3))),
    "O": (((1, 0), (0, 1), (0, 5), (1, 6), (3, 6), (4, 5), (4, 1), (3, 0), (1, 0)),),
    "M": (((0, 0), (0, 6), (2, 3), (4, 6), (4, 0)),),
}
#: the English watermark: the widest a watermark is drawn
REFERENCE = "UNSIGNED DRAFT"
ADVANCE = 6.0
SPACE = 4.0


def text_width(text: str) -> float:
    """Width in grid units (the last letter's trailing gap excluded)."""
    units = sum(SPACE if ch == " " else ADVANCE for ch in text)
    return units - (ADVANCE - 4.0 if text and text[-1] != " " else 0.0)


def draw_watermark(canvas: Any, page_w: float, page_h: float, text: str = "UNSIGNED DRAFT",
                   *, grey: float = 0.86, angle: float = 35.0) -> None:
    """Draw ``text`` diagonally across the page centre in light grey strokes."""
    from reportlab.lib import colors

    text = "".join(c for c in unicodedata.normalize("NFKD", text.upper())
                   if not unicodedata.combining(c))
    unit = min(page_w, page_h) * 0.0135
    unit *= min(1.0, text_width(REFERENCE) / max(text_width(text), 1.0))
    width = text_width(text) * unit
    canvas.saveState()
    canvas.setStrokeColor(colors.Color(grey, grey, grey))
    canvas.setLineWidth(unit * 0.85)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.translate(page_w / 2, page_h / 2)
    canvas.rotate(angle)
    x = -width / 2
    y = -3 * unit
    path = canvas.beginPath()
    for ch in text:
        if ch == " ":
            x += SPACE * unit
            continue
        for stroke in GLYPHS.get(ch, ()):
            (sx, sy), *rest = stroke
            path.moveTo(x + sx * unit, y + sy * unit)
            for px, py in rest:
                path.lineTo(x + px * unit, y + py * unit)
        x += ADVANCE * unit
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
