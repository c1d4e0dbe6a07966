"""Look of the session view: one style sheet scoped to the page, and the tone helper.

Decisions: the page carries its own style sheet (the app-wide one may change independently);
colours are used together with words ("OVERDUE", "⚠"), never alone; the keyboard focus is a
3 px ring in a colour no state uses (``FOCUS``) on every kind of control; every control a nurse
touches is at least 44 px high; base text is 15 px and numbers that are read from a step away
are 22–60 px.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

TOUCH_PX = 44

INK = "#1b2430"
MUTED = "#5b6675"
LINE = "#cfd6df"
PAPER = "#eef1f5"
CARD = "#ffffff"
BLUE = "#1d5fa7"
GREEN = "#1e7a34"
AMBER = "#8a5300"
AMBER_BG = "#fff1cc"
RED = "#b3261e"
RED_BG = "#fde8e6"
#: the keyboard focus ring: 3 px, a colour no state uses (7:1 against the page and white)
FOCUS = "#6200ea"

SESSION_QSS = f"""
QWidget {{ font-size: 15px; }}
QLabel {{ color: {INK}; }}
QWidget#SessionPage {{ background: {PAPER}; }}
QFrame[card="true"] {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 8px; }}
QLabel[cardTitle="true"] {{ font-size: 13px; font-weight: 700; color: {MUTED};
    letter-spacing: 1px; }}
QLabel[muted="true"] {{ color: {MUTED}; }}
QPushButton {{ min-height: {TOUCH_PX}px; padding: 2px 14px; border: 1px solid #9fb0c4;
    border-radius: 6px; background: #f7f9fc; color: {INK}; font-size: 15px; }}
QPushButton:hover {{ background: #e8eef7; }}
QPushButton:pressed, QPushButton:checked {{ background: {BLUE}; color: white;
    border-color: {BLUE}; }}
QPushButton:disabled {{ color: #9aa3ad; background: #f0f2f5; border-color: #d9dee4; }}
QPushButton[primary="true"] {{ background: {BLUE}; color: white; border-color: {BLUE};
    font-weight: 700; }}
QPushButton[primary="true"]:disabled {{ background: #b4c6dc; color: #eef2f7;
    border-color: #b4c6dc; }}
QPushButton[danger="true"] {{ color: {RED}; border-color: {RED}; font-weight: 700; }}
QPushButton[danger="true"]:disabled {{ color: #c9a3a0; border-color: #e3cfcd; }}
QPushButton[score="true"] {{ min-width: {TOUCH_PX}px; padding: 0px; font-size: 18px;
    font-weight: 700; }}
QLineEdit, QComboBox {{ min-height: {TOUCH_PX - 2}px; font-size: 20px;
    padding: 0px 6px; border: 1px solid #9fb0c4; border-radius: 5px; background: white;
    color: {INK}; }}
QTimeEdit {{ min-height: {TOUCH_PX - 2}px; font-size: 20px; }}
QLineEdit:disabled, QTimeEdit:disabled {{ background: #f0f2f5; color: #8a94a0; }}
QLineEdit[invalid="true"] {{ border: 3px solid {RED}; background: {RED_BG}; }}
QPlainTextEdit {{ font-size: 16px; border: 1px solid #9fb0c4; border-radius: 5px;
    background: white; color: {INK}; }}
QCheckBox {{ min-height: {TOUCH_PX}px; font-size: 16px; spacing: 12px; color: {INK};
    border: 3px solid transparent; border-radius: 5px; }}
QCheckBox::indicator {{ width: 28px; height: 28px; }}
QFrame[card="true"][tone="warn"] {{ background: {AMBER_BG}; border: 2px solid #d39b00; }}
QFrame[card="true"][tone="bad"] {{ background: {RED_BG}; border: 3px solid {RED}; }}
QFrame[card="true"][tone="ok"] {{ border: 2px solid #7cb88a; }}
QLabel[tone="ok"] {{ color: {GREEN}; }}
QLabel[tone="warntext"] {{ color: {AMBER}; font-weight: 700; }}
QLabel[tone="warn"] {{ color: {AMBER}; background: {AMBER_BG}; border-radius: 4px;
    padding: 0px 4px; }}
QLabel[tone="bad"] {{ color: white; background: {RED}; border-radius: 4px; padding: 0px 4px;
    font-weight: 700; }}
QLabel[tone="error"] {{ color: {RED}; font-weight: 700; }}
QLabel[tone="info"] {{ color: {BLUE}; }}
QTabWidget::pane {{ border: 1px solid {LINE}; background: {CARD}; border-radius: 6px; }}
QTabBar::tab {{ min-height: {TOUCH_PX - 8}px; padding: 4px 12px; font-size: 15px; color: {INK}; }}
QTabBar::tab:selected {{ font-weight: 700; color: {BLUE}; }}
QTableView {{ font-size: 14px; gridline-color: #e3e7ec; background: white;
    alternate-background-color: #f6f8fa; selection-background-color: #cfe0f5;
    selection-color: {INK}; }}
QHeaderView::section {{ font-size: 13px; font-weight: 700; padding: 4px; background: #f3f5f8;
    border: none; border-bottom: 1px solid {LINE}; color: {INK}; }}
QScrollArea {{ background: transparent; }}
QDialog {{ background: {CARD}; }}
/* the focus ring, last so that it wins over every control's own border */
QPushButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus,
QComboBox:focus, QAbstractSpinBox:focus, QTimeEdit:focus, QTableView:focus,
QListView:focus, QCheckBox:focus, QPushButton[score="true"]:focus,
QPushButton[primary="true"]:focus, QPushButton[danger="true"]:focus,
QLineEdit[invalid="true"]:focus {{ border: 3px solid {FOCUS}; }}
QTabBar::tab:focus {{ border: 3px solid {FOCUS}; }}
"""


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
