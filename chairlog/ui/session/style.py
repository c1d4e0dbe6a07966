"""Look of the session view: one style sheet scoped to the page, and the tone helper.

Decisions: the page carries its own style sheet, built from the same design tokens as the
app's (``chairlog/ui/style_sheet.py`` says why it is not folded into the app sheet); colours
are used together with words ("OVERDUE", "⚠"), never alone; the keyboard focus is a 3 px ring
in a colour no state uses (``FOCUS``) on every kind of control; every control a nurse touches
is at least 44 px high; base text is 15 px and numbers that are read from a step away are
22–60 px.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from chairlog.ui import tokens
from chairlog.ui.style_sheet import session_sheet

TOUCH_PX = tokens.TOUCH_PX

SESSION_QSS = session_sheet()


def set_tone(widget: QWidget, tone: str) -> None:
    """Set the ``tone`` style property ('', ok, warn, bad, error, info) and re-polish."""
    if widget.property("tone") == tone:
        return
    widget.setProperty("tone", tone)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def set_flag(widget: QWidget, name: str, on: bool) -> None:
    """Set a boolean style property (e.g. ``invalid``) and re-polish."""
    if bool(widget.property(name)) == on:
        return
    widget.setProperty(name, on)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
