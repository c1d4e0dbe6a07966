"""The record's fonts: DejaVu Sans and DejaVu Sans Bold, bundled in ``resources/fonts``.

Decision: the PDF never relies on a system font or on the 14 standard PDF fonts (Latin-1
only). DejaVu covers the names a clinic sees (Ødegård, Wiśniewska, Nguyễn, Žukauskas) and
the symbols the record uses (✓ ✗ − → ≥). The TTFs are embedded as subsets; registration is
done once per process.
"""

from __future__ import annotations

import threading

from chairlog.paths import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FAMILY = "DejaVuSans"

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the bundled fonts with reportlab (idempotent, thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont(REGULAR, str(resource("fonts/DejaVuSans.ttf"))))
        pdfmetrics.registerFont(TTFont(BOLD, str(resource("fonts/DejaVuSans-Bold.ttf"))))
        # <b> and <i> inside paragraphs: bold maps to the bold face; there is no italic face,
        # so italic maps to the regular one (emphasis in the record uses bold or grey text).
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, REGULAR)
        addMapping(FAMILY, 1, 1, BOLD)
        _registered = True
