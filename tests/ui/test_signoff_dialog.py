"""The physician's sign dialog: queue, preview (QtPdf), signing on the worker, refusals,
role, and the lock hook."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from chairlog.clinical.states import SessionState
from chairlog.services import charting, records, views
from chairlog.ui.context import UiContext
from chairlog.ui.signoff import SignoffDialog
from tests.conftest import PASSWORDS, Clinic
from tests.record_helpers import discharged_session
from tests.ui.leaks import UiContexts


@pytest.fixture
def ctx(clinic: Clinic, ui_context: UiContexts) -> UiContext:
    return ui_context(user=clinic.physician)


@pytest.fixture
def two_done(clinic: Clinic) -> list[int]:
    first = discharged_session(clinic, extras=False)
    second = discharged_session(clinic, patient=clinic.patient2, chair=1, extras=False)
    return [first, second]


def open_dialog(ctx: UiContext, qtbot: Any) -> SignoffDialog:
    dlg = SignoffDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.preview.page_count > 0, timeout=20000)
    return dlg


def test_queue_preview_and_signing_one_after_another(ctx: UiContext, clinic: Clinic,
                                                     two_done: list[int], qtbot: Any) -> None:
    dlg = open_dialog(ctx, qtbot)
    assert dlg.queue_list.count() == 2
    assert dlg.findChild(QLabel, "signerLine").text() == "Signing as <b>Lee Žukauskas, MD</b>"
    first = dlg.queue_list.currentItem().data(Qt.ItemDataRole.UserRole)
    assert first == two_done[0]
    assert dlg.preview.page_count >= 2 and dlg.sign_button.isEnabled()
    # the deviations are shown before the preview: none for this clean record
    assert dlg.findChild(QLabel, "signDeviations").text() == "<b>Deviations:</b> none."
    # the first signature of the sitting: username and password
    dlg.credentials.username.setText("drlee")
    dlg.password.setText(PASSWORDS["drlee"])
    qtbot.mouseClick(dlg.sign_button, Qt.MouseButton.LeftButton)
    assert dlg.password.text() == ""  # read and cleared at once
    qtbot.waitUntil(lambda: not dlg.busy, timeout=30000)
    assert views.get_session(clinic.app, first).state is SessionState.SIGNED
    assert "Signed S-" in dlg.status.text()
    assert records.verify_record_pdf(clinic.app, records.get_signed_pdf(clinic.app, first)).ok
    # the next record is selected and previewed; in the sitting no password is asked again
    assert dlg.queue_list.count() == 1
    assert dlg.queue_list.currentItem().data(Qt.ItemDataRole.UserRole) == two_done[1]
    assert dlg.credentials.is_open() and not dlg.password.isVisible()
    assert "Signing sitting open" in dlg.credentials.status.text()
    qtbot.waitUntil(lambda: dlg.preview.page_count > 0, timeout=20000)
    dlg.sign_current()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=30000)
    assert views.get_session(clinic.app, two_done[1]).state is SessionState.SIGNED
    assert dlg.queue_list.count() == 0 and not dlg.sign_button.isEnabled()


def test_deviations_are_shown_before_signing(ctx: UiContext, clinic: Clinic,
                                             qtbot: Any) -> None:
    discharged_session(clinic)  # with extras: a late entry, a correction, an alert
    dlg = open_dialog(ctx, qtbot)
    shown = dlg.findChild(QLabel, "signDeviations").text()
    assert "Deviations to review" in shown
    for words in ("Late entry", "Corrected vitals", "Alert at", "acknowledged"):
        assert words in shown, words


def test_wrong_password_is_refused_and_the_record_stays_unsigned(
        ctx: UiContext, clinic: Clinic, two_done: list[int], qtbot: Any) -> None:
    dlg = open_dialog(ctx, qtbot)
    dlg.credentials.username.setText("drlee")
    dlg.password.setText("not-the-password")
    dlg.sign_current()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=30000)
    assert "Wrong password" in dlg.status.text()
    assert dlg.status.property("error") is True
    assert views.get_session(clinic.app, two_done[0]).state is SessionState.DISCHARGED
    assert dlg.sign_button.isEnabled() and dlg.password.text() == ""
    assert not dlg.credentials.is_open()
    dlg.sign_current()  # empty password: asks for it, signs nothing
    assert "Enter your username and password" in dlg.status.text() and not dlg.busy


def test_problems_block_signing_until_resolved(ctx: UiContext, clinic: Clinic,
                                               qtbot: Any) -> None:
    sid = discharged_session(clinic, extras=False)
    alert = charting.record_vitals(clinic.app, clinic.nurse, sid, {"hr": 130, "sbp": 120,
                                                                   "dbp": 70, "spo2": 97,
                                                                   "rr": 14}).alerts[0]
    dlg = open_dialog(ctx, qtbot)
    assert dlg.problems.isVisible() and "not acknowledged" in dlg.problems.text()
    assert not dlg.sign_button.isEnabled()
    charting.acknowledge_alert(clinic.app, clinic.nurse, alert.id, "Rechecked: HR 88")
    qtbot.waitUntil(lambda: dlg.sign_button.isEnabled(), timeout=20000)
    assert not dlg.problems.isVisible()


def test_nurse_can_review_but_not_sign(ctx: UiContext, clinic: Clinic, two_done: list[int],
                                       qtbot: Any) -> None:
    ctx.set_user(clinic.nurse)
    dlg = open_dialog(ctx, qtbot)
    assert dlg.queue_list.count() == 2
    assert not dlg.sign_button.isEnabled() and not dlg.password.isEnabled()


def test_lock_clears_the_password_and_closes(ctx: UiContext, two_done: list[int],
                                            qtbot: Any) -> None:
    dlg = open_dialog(ctx, qtbot)
    dlg.password.setText("half-typed")
    assert dlg._on_lock in ctx.on_lock
    for hook in list(ctx.on_lock):
        hook()
    assert dlg.password.text() == "" and not dlg.isVisible()
    assert dlg._on_lock not in ctx.on_lock


def test_dialog_module_does_not_import_reportlab() -> None:
    code = ("import sys, chairlog.ui.signoff\n"
            "assert 'reportlab' not in sys.modules and 'pyhanko' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr


def test_queue_counts_deviations_per_kind(ctx: UiContext, clinic: Clinic, qtbot: Any) -> None:
    discharged_session(clinic)  # a late entry, a correction, an entered-in-error, an alert
    discharged_session(clinic, patient=clinic.patient2, chair=1, extras=False)
    dlg = open_dialog(ctx, qtbot)
    lines = [dlg.queue_list.item(i).text() for i in range(dlg.queue_list.count())]
    assert "Late entry ×1" in lines[0] and "Correction ×1" in lines[0]
    assert "Entered in error ×1" in lines[0] and "Alert ×" in lines[0]
    assert lines[1].endswith("⚑ no deviations")


def test_sitting_needs_the_own_username_and_ends_on_lock(
        ctx: UiContext, clinic: Clinic, two_done: list[int], qtbot: Any) -> None:
    dlg = open_dialog(ctx, qtbot)
    dlg.credentials.username.setText("nina")  # someone else's username
    dlg.password.setText(PASSWORDS["drlee"])
    dlg.sign_current()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=30000)
    assert "not yours" in dlg.status.text()
    assert views.get_session(clinic.app, two_done[0]).state is SessionState.DISCHARGED
    dlg.credentials.username.setText("drlee")
    dlg.password.setText(PASSWORDS["drlee"])
    dlg.sign_current()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=30000)
    opened = dlg.credentials.sitting
    assert opened is not None and opened.signed == [two_done[0]]
    for hook in list(ctx.on_lock):  # the screen locks: the key is closed at once
        hook()
    assert not opened.open_at(clinic.clock.now()) and not dlg.isVisible()
    qtbot.waitUntil(lambda: opened.ended, timeout=10000)


def test_sitting_ends_after_ten_idle_minutes(ctx: UiContext, clinic: Clinic,
                                             two_done: list[int], qtbot: Any) -> None:
    dlg = open_dialog(ctx, qtbot)
    dlg.credentials.username.setText("drlee")
    dlg.password.setText(PASSWORDS["drlee"])
    dlg.sign_current()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=30000)
    assert dlg.credentials.is_open()
    clinic.clock.advance(minutes=11)
    qtbot.waitUntil(lambda: dlg.preview.page_count > 0, timeout=20000)
    dlg.sign_current()  # the sitting is over: the username and password are asked again
    assert "Enter your username and password" in dlg.status.text()
    assert dlg.password.isVisible()
    assert views.get_session(clinic.app, two_done[1]).state is SessionState.DISCHARGED


def test_return_to_nurse_from_the_queue(ctx: UiContext, clinic: Clinic, two_done: list[int],
                                        qtbot: Any) -> None:
    dlg = open_dialog(ctx, qtbot)
    assert dlg.return_button.isEnabled()
    reason = dlg.ask_return()
    assert reason is not None
    reason.reason_edit.setText("Escort's name missing")
    reason._ok()
    qtbot.waitUntil(lambda: dlg.queue_list.count() == 1, timeout=20000)
    assert "Returned S-" in dlg.status.text()
    view = views.get_session(clinic.app, two_done[0])
    assert view.returned is not None and view.returned.reason == "Escort's name missing"
    ctx.set_user(clinic.nurse)
    nurse_dlg = open_dialog(ctx, qtbot)
    assert not nurse_dlg.return_button.isVisible()
