"""Shared by the screen-size, Tab-walk and accessibility tests: which widgets are controls,
where a control really shows on a window, what assistive technology reads for it, and every
dialog of the bedside built on a running session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QScreen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from chairlog.domain import EntryKind
from chairlog.services import charting, doses, views
from tests.conftest import ready_to_infuse

#: logical screen sizes clinics have: 1366×768 at 100 %, 1920×1080 at 150 %
SCREENS = ((1366, 768), (1280, 720))
#: a task bar / dock takes this much of the screen's height
TASKBAR_PX = 40
#: a window's title bar, outside its client area
TITLE_BAR_PX = 32

INTERACTIVE = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit,
               QPlainTextEdit, QAbstractItemView, QTabBar)


def interactive(w: QWidget) -> bool:
    if not isinstance(w, INTERACTIVE):
        return False
    parent = w.parentWidget()
    # the line edit inside a spin box or combo box, and a table's headers and corner button,
    # are parts of that control (it is named as a whole)
    if isinstance(w, QHeaderView) or (isinstance(w, QAbstractButton)
                                      and isinstance(parent, QAbstractItemView)):
        return False
    return not isinstance(parent, QAbstractSpinBox | QComboBox)


def controls(root: QWidget) -> list[QWidget]:
    """The visible interactive controls under ``root`` (and root itself if it is one)."""
    found = [w for w in root.findChildren(QWidget) if interactive(w) and w.isVisible()]
    return ([root] if interactive(root) else []) + found


def describe(w: QWidget) -> str:
    text = w.text() if isinstance(w, QAbstractButton | QLineEdit) else ""
    return f"{type(w).__name__}#{w.objectName()}'{text}'"


def shown_rect(w: QWidget, window: QWidget) -> tuple[QRect, bool]:
    """Where ``w`` can be seen on ``window``: inside a scroll area, the scroll area's place
    (its content can be scrolled to). False when part of it is cut off along an axis whose
    scroll bar is always off (it can never be scrolled into view)."""
    rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
    reachable = True
    cur: QWidget | None = w.parentWidget()
    while cur is not None and cur is not window:
        area = cur.parentWidget()
        if isinstance(area, QAbstractScrollArea) and cur is area.viewport():
            port = QRect(cur.mapTo(window, QPoint(0, 0)), cur.size())
            off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            if area.horizontalScrollBarPolicy() == off and (
                    rect.left() < port.left() or rect.right() > port.right()):
                reachable = False
            if area.verticalScrollBarPolicy() == off and (
                    rect.top() < port.top() or rect.bottom() > port.bottom()):
                reachable = False
            rect = port
        cur = cur.parentWidget()
    return rect, reachable


def off_screen(window: QWidget, width: int, height: int) -> list[str]:
    """Controls of ``window`` that cannot be seen on a screen of ``width`` × ``height``."""
    bad = []
    if window.width() > width or window.height() > height:
        bad.append(f"window {window.width()}×{window.height()}")
    inside = QRect(0, 0, window.width(), window.height())
    for w in controls(window):
        rect, reachable = shown_rect(w, window)
        if not reachable or not inside.contains(rect):
            bad.append(f"{describe(w)} at {rect.getRect()}")
    return bad


def accessible_name(w: QWidget) -> str:
    """What a screen reader says for ``w``: Qt's accessible name (a button's text, a buddy
    label's text, or what ``setAccessibleName`` set)."""
    iface = QAccessible.queryAccessibleInterface(w)
    name = iface.text(QAccessible.Text.Name) if iface is not None else ""
    return (name or w.accessibleName()).strip()


def buddy_text(w: QWidget, window: QWidget) -> str:
    for lab in window.findChildren(QLabel):
        if lab.buddy() is w and lab.isVisible() and lab.text().strip():
            return lab.text()
    return ""


@contextmanager
def screen_of(width: int, height: int, monkeypatch: Any) -> Iterator[QRect]:
    """The offscreen platform's screen made to report ``width`` × ``height`` (less a task
    bar) as its available area — what chairlog reads to size its dialogs."""
    avail = QRect(0, 0, width, height - TASKBAR_PX)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(avail))
    yield avail


def settle_dialog(dlg: QDialog, qtbot: Any) -> None:
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    for _ in range(3):
        QApplication.processEvents()


def running_session(clinic: Any) -> Any:
    """An infusing session with an open side effect, a vitals set and a score."""
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=10)
    charting.record_side_effect(clinic.app, clinic.nurse, s.id, "nausea", "mild", "reassurance")
    charting.record_vitals(clinic.app, clinic.nurse, s.id,
                           {"hr": 80, "sbp": 122, "dbp": 80, "spo2": 97, "rr": 14})
    return views.get_session(clinic.app, s.id)


def bedside_dialogs(clinic: Any, ctx: Any, page: Any) -> list[tuple[str, Callable[[], QDialog]]]:
    """Every dialog the bedside opens, as (name, factory), built on ``page``'s session."""
    from chairlog.clinical.scales import Scale
    from chairlog.ui.login import LoginDialog
    from chairlog.ui.password import ChangePasswordDialog
    from chairlog.ui.quit_dialog import QuitDialog
    from chairlog.ui.session.correction_dialog import CorrectionDialog
    from chairlog.ui.session.dialogs import AcknowledgeDialog, OverrideDialog, ReasonDialog
    from chairlog.ui.session.discharge_dialog import DischargeDialog
    from chairlog.ui.session.dose_dialogs import BolusDialog, PauseDialog, StopDialog
    from chairlog.ui.session.scale_dialogs import ItemScaleDialog
    from chairlog.ui.session.side_effect_dialogs import (
        EffectPickerDialog,
        RescueMedDialog,
        SideEffectDialog,
    )
    from chairlog.ui.start_session import StartSessionDialog
    from chairlog.ui.widgets import AlertAckDialog

    v = page.view
    now = clinic.app.now()
    vitals = next(e for e in v.entries if e.kind is EntryKind.VITALS)
    effect = next(e for e in v.entries if e.kind is EntryKind.SIDE_EFFECT)
    alert = _an_alert(clinic, v.id)

    def start_new_patient() -> QDialog:
        d = StartSessionDialog(ctx, page)
        d.new_patient_button.setChecked(True)
        return d

    return [
        ("start session", lambda: StartSessionDialog(ctx, page)),
        ("start session, new patient", start_new_patient),
        ("login", lambda: LoginDialog(ctx, page)),
        ("change password", lambda: ChangePasswordDialog(ctx, page)),
        ("quit", lambda: QuitDialog([v], page)),
        ("correction", lambda: CorrectionDialog(vitals, page.tz, page)),
        ("entered in error", lambda: ReasonDialog("Entered in error", "Why?", parent=page,
                                                  quick=("Duplicate entry", "Wrong chair"))),
        ("override", lambda: OverrideDialog("a rate above the protocol maximum", page)),
        ("acknowledge", lambda: AcknowledgeDialog([alert], page.tz, page)),
        ("alert ack (board)", lambda: AlertAckDialog(ctx, alert, page, chair_name="Chair 1")),
        ("discharge", lambda: DischargeDialog(v, now + timedelta(minutes=90), page.tz, page)),
        ("pause", lambda: PauseDialog(page)),
        ("stop", lambda: StopDialog(v, now, page)),
        ("bolus", lambda: BolusDialog(v, page)),
        ("aldrete", lambda: ItemScaleDialog(Scale.ALDRETE, page)),
        ("cadss", lambda: ItemScaleDialog(Scale.CADSS6, page)),
        ("side effect", lambda: SideEffectDialog("nausea", page)),
        ("side effect picker", lambda: EffectPickerDialog(page)),
        ("rescue medication", lambda: RescueMedDialog(v, page.tz, treats_entry_id=effect.id,
                                                      drug="Ondansetron", parent=page)),
    ]


def _an_alert(clinic: Any, session_id: int) -> Any:
    result = charting.record_vitals(clinic.app, clinic.nurse, session_id,
                                    {"hr": 135, "sbp": 122, "dbp": 80, "spo2": 97, "rr": 14})
    assert result.alerts, "a heart rate of 135 raises an alert"
    return result.alerts[0]
