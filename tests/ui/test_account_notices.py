"""The window tells a physician of certificates issued in their name, and admins of locked
accounts (issue 14, points 3 and 8)."""

from __future__ import annotations

from typing import Any

import pytest

from chairlog.errors import AuthenticationError, PermissionDenied
from chairlog.services import accounts, authority, keys
from chairlog.ui.account_notices import CertificateNoticeDialog
from chairlog.ui.app import build_main_window
from chairlog.ui.context import UiContext
from tests.conftest import CA_PASSPHRASE, PASSWORDS
from tests.ui.leaks import UiContexts


@pytest.fixture
def ctx(clinic: Any, ui_context: UiContexts) -> UiContext:
    return ui_context()  # no one signed in: each test signs its user in


def test_physician_sees_and_flags_a_certificate_at_sign_in(
    clinic: Any, ctx: UiContext, qtbot: Any
) -> None:
    info = authority.issue_certificate(clinic.app, "drlee", CA_PASSPHRASE, PASSWORDS["drlee"])
    ctx.set_user(accounts.login(clinic.app, "drlee", PASSWORDS["drlee"]))
    w = build_main_window(ctx)
    qtbot.addWidget(w)
    dlg = w.cert_notice
    assert isinstance(dlg, CertificateNoticeDialog)
    assert info.serial in dlg.details.text() and "Dr Medical Director" in dlg.details.text()
    dlg.flag_button.click()
    assert dlg.flagged
    with pytest.raises(PermissionDenied, match="no valid signing certificate"):
        keys.unlock_signing_key(clinic.app, ctx.require_user(), PASSWORDS["drlee"])
    ctx.set_user(accounts.login(clinic.app, "drlee", PASSWORDS["drlee"]))
    assert w.cert_notice is None  # seen: not shown again
    w.close()


def test_admin_sees_locked_accounts_on_the_board(clinic: Any, ctx: UiContext, qtbot: Any) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            accounts.login(clinic.app, "omar", "wrong-wrong")
    ctx.set_user(clinic.admin)
    w = build_main_window(ctx)
    qtbot.addWidget(w)
    assert "Locked accounts: omar" in w.board.accounts_banner.text()
    accounts.unlock_user(clinic.app, clinic.admin, clinic.nurse2.id)
    w.board.reload()
    assert w.board.accounts_banner.text() == ""
    ctx.set_user(clinic.nurse)  # a nurse is not shown the list
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            accounts.login(clinic.app, "omar", "wrong-wrong")
    w.board.reload()
    assert w.board.accounts_banner.text() == ""
    w.close()
