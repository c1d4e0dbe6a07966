"""The admin screens pass the version they loaded: a save after another admin's change is
refused on screen with the words of the conflict, and nothing is overwritten. A new
physician's account says how the signing key will be issued."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from chairlog.services import accounts, open_app, protocols, trust
from chairlog.ui.admin.dialog import AdminDialog
from chairlog.ui.admin.protocol_editor import ProtocolEditor
from chairlog.ui.admin.users import AddUserDialog
from chairlog.ui.context import UiContext
from tests.conftest import Clinic, add_signed_in
from tests.ui.conftest import settle
from tests.ui.leaks import UiContexts


@pytest.fixture
def ctx(clinic: Clinic, ui_context: UiContexts) -> UiContext:
    return ui_context(user=clinic.admin)


@pytest.fixture
def admin(ctx: UiContext, qtbot: Any) -> AdminDialog:
    dlg = AdminDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


@pytest.fixture
def ng(clinic: Clinic) -> Any:
    """Another admin, on another workstation."""
    return add_signed_in(clinic.app, clinic.admin, "ng", "Dr Ng", "admin",
                         password="ng-admin-pass-1")


def test_protocol_editor_opened_before_another_save_is_refused(
    admin: AdminDialog, clinic: Clinic, ng: Any
) -> None:
    key = "crps-low-dose"
    tab = admin.protocols_tab
    tab.select(key, 1)
    tab.edit_button.click()
    editor = tab.dialog
    assert isinstance(editor, ProtocolEditor)
    base = clinic.protocols[key]
    protocols.save_protocol(clinic.app, ng, {**base.values.to_dict(), "max_rate_mg_per_kg_h": 2.0},
                            key=key, reason="director", expected_version=1)
    editor.reason.setPlainText("typo in the notes")
    editor.ok.click()
    assert editor.isVisible() and editor.result() != QDialog.DialogCode.Accepted
    assert editor.banner.text() == (
        f"Protocol '{base.name}' was changed on another workstation at 15:00 +01:00 by ng "
        "(max rate 1 → 2); reopen it.")
    live = [p for p in protocols.list_protocols(clinic.app) if p.key == key]
    assert [(p.version, p.values.max_rate_mg_per_kg_h) for p in live] == [(2, 2.0)]


def test_clinic_tab_refuses_a_stale_save_then_saves_after_reload(
    admin: AdminDialog, clinic: Clinic, ng: Any
) -> None:
    tab = admin.clinic_tab
    seen = accounts.get_clinic(clinic.app)
    accounts.update_clinic(clinic.app, ng, expected_version=seen.version, idle_lock_minutes=9)
    tab.late_entry.setValue(15)
    tab.save_button.click()
    assert tab.banner.text() == (
        "Clinic 'Test Clinic' was changed on another workstation at 15:00 +01:00 by ng "
        "(idle lock 5 → 9); reopen it.")
    assert accounts.get_clinic(clinic.app).late_entry_minutes == 10
    tab.revert_button.click()  # reload: shows ng's 9 minutes
    assert tab.idle_lock.value() == 9
    tab.late_entry.setValue(15)
    tab.save_button.click()
    now = accounts.get_clinic(clinic.app)
    assert (now.idle_lock_minutes, now.late_entry_minutes) == (9, 15)


def test_chairs_tab_refuses_a_stale_toggle(admin: AdminDialog, clinic: Clinic, ng: Any) -> None:
    tab = admin.chairs_tab
    tab.table.selectRow(0)
    chair = tab.selected()
    assert chair is not None and chair.active
    other = open_app(clinic.app.db.url, clock=clinic.clock)  # another workstation: no feed
    try:
        protocols.set_chair_active(other, ng, chair.id, False, expected_version=chair.version)
    finally:
        other.close()
    tab.active_button.click()
    assert tab.banner.text().startswith("Chair 1 was changed on another workstation at "
                                        "15:00 +01:00 by ng (active True → False)")
    assert not protocols.list_chairs(clinic.app, include_inactive=True)[0].active


@pytest.mark.parametrize("pinned", [True, False])
def test_a_new_physician_is_told_how_the_key_is_issued(
    admin: AdminDialog, clinic: Clinic, pinned: bool
) -> None:
    if not pinned:  # a workstation that does not trust the clinic's authority
        trust.unpin_authority(clinic.app.db.url)
    tab = admin.users_tab
    tab.add_button.click()
    add = tab.dialog
    assert isinstance(add, AddUserDialog)
    add.username.setText("drkim")
    add.full_name.setText("Kim Park")
    add.credentials.setText("MD")
    add.role.setCurrentIndex(add.role.findData("physician"))
    add.ok.click()
    settle(add)
    assert add.result() == QDialog.DialogCode.Accepted
    text = tab.notice.text()
    assert ("'drkim' has no signing key yet: Dr Medical Director issues it with drkim present, "
            "once drkim has signed in and chosen their own password (chairlog ca issue drkim "
            "--password-stdin") in text
    if pinned:
        assert "this workstation can do it" in text
    else:
        assert "This workstation cannot: no signing authority is pinned" in text
