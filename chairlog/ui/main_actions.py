"""The main window's actions (with shortcuts and tips), menus and toolbar.

Words are translated in the "MainWindow" context, the window's own, so the catalog is the same
wherever the code that shows them lives.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from chairlog.ui.i18n import translate

if TYPE_CHECKING:
    from chairlog.ui.main_window import MainWindow

#: Ctrl+1 … Ctrl+9 open the chairs' sessions
CHAIR_KEYS = 9


def _action(
    win: MainWindow,
    name: str,
    text: str,
    shortcut: str,
    slot: Callable[[], Any],
    tip: str = "",
    checkable: bool = False,
) -> QAction:
    act = QAction(text, win)
    act.setShortcut(QKeySequence(shortcut))
    act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
    act.setToolTip(f"{tip or text.rstrip('…')} ({native})")
    act.setStatusTip(tip or text)
    act.setCheckable(checkable)
    if checkable:
        act.toggled.connect(lambda _on: slot())
    else:
        act.triggered.connect(lambda _c=False: slot())
    win.addAction(act)
    win.actions_by_name[name] = act
    return act


def make_actions(win: MainWindow) -> None:
    """Every action of the window, with its shortcut and tip, in ``win.actions_by_name``."""
    a = partial(_action, win)
    a(
        "new_session",
        translate("MainWindow", "New session…"),
        "Ctrl+N",
        win.new_session,
        translate("MainWindow", "Start a session"),
    )
    a(
        "board",
        translate("MainWindow", "Board"),
        "Ctrl+B",
        win.show_board,
        translate("MainWindow", "Back to the chair board"),
    )
    a(
        "find",
        translate("MainWindow", "Find patient…"),
        "Ctrl+F",
        win.find_patient,
        translate(
            "MainWindow", "A patient's sessions, pain before and after; open or export any record"
        ),
    )
    a(
        "switch_user",
        translate("MainWindow", "Switch user…"),
        "Ctrl+U",
        win.switch_user,
        translate("MainWindow", "Another person signs in; entries from then on carry their name"),
    )
    a(
        "password",
        translate("MainWindow", "Change my password…"),
        "Ctrl+Shift+P",
        win.change_password,
        translate("MainWindow", "Choose a new password for the signed-in account"),
    )
    a(
        "lock",
        translate("MainWindow", "Lock"),
        "Ctrl+L",
        win.lock,
        translate("MainWindow", "Lock now (patient details hidden)"),
    )
    a(
        "mute",
        translate("MainWindow", "Mute reminders"),
        "Ctrl+M",
        partial(toggle_mute, win),
        translate("MainWindow", "Mute the vitals reminder sound (the board still flashes)"),
        checkable=True,
    )
    a(
        "quit",
        translate("MainWindow", "Quit"),
        "Ctrl+Q",
        win.close,
        translate("MainWindow", "Quit chairlog (asks first while sessions run; they are kept)"),
    )
    a(
        "sign",
        translate("MainWindow", "Sign records…"),
        "Ctrl+R",
        win.open_signoff,
        translate("MainWindow", "Review and sign records"),
    )
    a(
        "admin",
        translate("MainWindow", "Administration…"),
        "Ctrl+Shift+A",
        win.open_admin,
        translate("MainWindow", "Users, chairs, protocols and clinic settings"),
    )
    a(
        "audit",
        translate("MainWindow", "Audit trail…"),
        "Ctrl+Shift+T",
        win.open_audit,
        translate("MainWindow", "Who did what, and when"),
    )
    a(
        "about",
        translate("MainWindow", "About chairlog…"),
        "F1",
        win.open_about,
        translate("MainWindow", "Version, database, data and log folders, Qt and Python versions"),
    )
    for n in range(1, CHAIR_KEYS + 1):
        a(
            f"chair{n}",
            translate("MainWindow", "Chair {n}").format(n=n),
            f"Ctrl+{n}",
            partial(win.open_chair, n),
            translate("MainWindow", "Open chair {n}'s session").format(n=n),
        )
    win.actions_by_name["mute"].setChecked(win.ctx.settings.sound_muted)


def make_menus(win: MainWindow) -> None:
    """The menu bar; keeps the role-dependent menus on the window."""
    chairs = tuple(f"chair{n}" for n in range(1, CHAIR_KEYS + 1))
    layout = (
        ("&chairlog", ("switch_user", "password", "lock", "", "quit")),
        ("&Sessions", ("new_session", "find", "board", "", *chairs)),
        ("&View", ("mute",)),
        ("Si&gn", ("sign",)),
        ("&Admin", ("admin",)),
        ("A&udit", ("audit",)),
        ("&Help", ("about",)),
    )
    menus = {}
    for title, names in layout:
        menu = menus[title] = win.menuBar().addMenu(_menu_title(title))
        for name in names:
            if name:
                menu.addAction(win.actions_by_name[name])
            else:
                menu.addSeparator()
    win.sign_menu, win.admin_menu = menus["Si&gn"], menus["&Admin"]
    win.audit_menu = menus["A&udit"]


def _menu_title(title: str) -> str:
    """The menu's title in the window's language (the English one keys ``menus``)."""
    return {
        "&chairlog": translate("MainWindow", "&chairlog"),
        "&Sessions": translate("MainWindow", "&Sessions"),
        "&View": translate("MainWindow", "&View"),
        "Si&gn": translate("MainWindow", "Si&gn"),
        "&Admin": translate("MainWindow", "&Admin"),
        "A&udit": translate("MainWindow", "A&udit"),
        "&Help": translate("MainWindow", "&Help"),
    }[title]


def make_toolbar(win: MainWindow) -> None:
    """The big-button toolbar (touch targets) under the menu bar."""
    tb = QToolBar(translate("MainWindow", "Main"))
    tb.setObjectName("mainToolbar")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in (
        "new_session",
        "find",
        "board",
        "switch_user",
        "lock",
        "mute",
        "sign",
        "admin",
        "audit",
    ):
        tb.addAction(win.actions_by_name[name])
    win.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
    win.toolbar = tb


def toggle_mute(win: MainWindow) -> None:
    if win.actions_by_name["mute"].isChecked():
        win.bell.mute()
    else:
        win.bell.unmute()
    show_mute(win)


def show_mute(win: MainWindow) -> None:
    """The mute lasts at most 10 minutes; its countdown shows on the button."""
    left = win.bell.mute_left_s()
    act = win.actions_by_name["mute"]
    act.blockSignals(True)
    act.setChecked(left > 0)
    act.blockSignals(False)
    act.setText(
        translate("MainWindow", "Muted {value}:{value2:02d}").format(
            value=int(left) // 60, value2=int(left) % 60
        )
        if left > 0
        else translate("MainWindow", "Mute reminders")
    )
