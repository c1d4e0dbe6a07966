"""Change my password (Ctrl+Shift+P): errors at the field, the signing key follows."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from chairlog.errors import AuthenticationError
from chairlog.services import accounts, keys
from chairlog.ui.context import UiContext
from chairlog.ui.main_window import MainWindow
from chairlog.ui.password import ChangePasswordDialog
from tests.conftest import PASSWORDS
from tests.ui.leaks import UiContexts


@pytest.fixture
def ctx(clinic: Any, ui_context: UiContexts) -> UiContext:
    return ui_context(user=clinic.physician)


@pytest.fixture
def window(window: MainWindow, ctx: UiContext) -> tuple[MainWindow, UiContext]:
    """The shared main window (``tests/ui/conftest.py``), the physician's, and its context."""
    return window, ctx


def test_physician_changes_password_and_key_follows(window: Any, clinic: Any, qtbot: Any) -> None:
    w, ctx = window
    act = w.actions_by_name["password"]
    assert act.shortcut().toString() == "Ctrl+Shift+P" and act.isEnabled()
    dlg = w.change_password()
    assert isinstance(dlg, ChangePasswordDialog)
    qtbot.keyClicks(dlg.current, "not-my-password")
    qtbot.keyClicks(dlg.new, "a-new-password-1")
    qtbot.keyClicks(dlg.again, "a-new-password-2")
    qtbot.mouseClick(dlg.save, Qt.MouseButton.LeftButton)
    assert "differ" in dlg.errors.message("new_password_again")
    assert dlg.current.text() == "not-my-password" and dlg.new.text() == "a-new-password-1"
    dlg.again.clear()
    qtbot.keyClicks(dlg.again, "a-new-password-1")
    qtbot.mouseClick(dlg.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.busy)
    assert "wrong" in dlg.errors.message("old_password").lower()
    assert dlg.isVisible()
    qtbot.keyClicks(dlg.current, PASSWORDS["drlee"])
    with qtbot.waitSignal(dlg.accepted):
        qtbot.mouseClick(dlg.save, Qt.MouseButton.LeftButton)
    assert ctx.user is not None and not ctx.user.must_change_password
    with pytest.raises(AuthenticationError):
        accounts.login(clinic.app, "drlee", PASSWORDS["drlee"])
    assert accounts.login(clinic.app, "drlee", "a-new-password-1").id == clinic.physician.id
    with keys.unlock_signing_key(clinic.app, clinic.physician, "a-new-password-1") as key:
        assert "Žukauskas" in key.subject_name
