"""The services' messages in the window's language: with the Spanish catalog installed, a
refused vital (HR 400), a refused weight, a busy chair, a stale write, a state error and a
permission refusal are shown in Spanish (the English sentence absent); in English they read as
before. ``str(error)`` stays English either way (the command line and the logs)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from chairlog.errors import StateError
from chairlog.services import accounts, doses, open_app, sessions
from chairlog.ui import i18n
from chairlog.ui.admin.dialog import AdminDialog
from chairlog.ui.context import UiContext
from chairlog.ui.main_window import MainWindow
from chairlog.ui.session.page import SessionPage
from chairlog.ui.start_session import StartSessionDialog
from tests.conftest import Clinic, add_signed_in, ready_to_infuse
from tests.ui.leaks import UiContexts


@pytest.fixture(params=["es", "en"])
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    i18n.install_language(request.param)
    yield request.param
    i18n.install_language("en")


@pytest.fixture
def ctx(clinic: Clinic, language: str, ui_context: UiContexts) -> UiContext:
    """The nurse's context, made once the language is installed (the window is in it)."""
    return ui_context(user=clinic.nurse)


@pytest.fixture
def page(ctx: UiContext, qtbot: Any) -> Iterator[Any]:
    pages: list[SessionPage] = []

    def make(session_id: int) -> SessionPage:
        p = SessionPage(ctx, session_id)
        qtbot.addWidget(p)
        p.resize(1600, 1000)
        p.show()
        pages.append(p)
        return p

    yield make
    for p in pages:
        p.close_session()


def shows(text: str, language: str, *, spanish: tuple[str, ...], english: str) -> None:
    """In Spanish: the Spanish words and not the English sentence; in English: the sentence."""
    if language == "es":
        for word in spanish:
            assert word in text, (word, text)
        assert english not in text, text
    else:
        assert english in text, text


def test_a_refused_heart_rate(clinic: Clinic, page: Any, qtbot: Any, language: str) -> None:
    s = ready_to_infuse(clinic)
    clinic.clock.advance(minutes=2)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    p = page(s.id)
    for key, value in zip(("hr", "sbp", "dbp", "spo2", "rr"), ("400", "124", "78", "98", "14"),
                          strict=True):
        p.vitals.edits[key].setText(value)
    p.vitals.save_button.click()
    qtbot.waitUntil(p.vitals.error.isVisible)
    text = p.vitals.error.text()
    assert "400" in text and "20–250" in text  # the value as typed, the range
    shows(text, language, spanish=("frecuencia cardíaca", "No guardado"),
          english="heart rate: 400 is not accepted — 20–250 /min")
    assert p.vitals.edits["hr"].text() == "400"


def start_dialog(window: MainWindow, qtbot: Any) -> StartSessionDialog:
    dlg = window.new_session()
    assert dlg is not None
    qtbot.waitUntil(dlg.isVisible)
    return dlg


def test_a_refused_weight(clinic: Clinic, window: MainWindow, qtbot: Any,
                          language: str) -> None:
    dlg = start_dialog(window, qtbot)
    dlg.select_patient(clinic.patient)
    dlg.weight.setText("7o")
    dlg.start_button.click()
    message = dlg.errors.message("weight_kg")
    assert "'7o'" in message and dlg.session is None
    shows(message, language, spanish=("peso (kg)", "no se acepta", "un número de 2 a 400 kg"),
          english="weight (kg): '7o' is not accepted — a number from 2 to 400 kg")
    dlg.reject()


def test_a_busy_chair(clinic: Clinic, window: MainWindow, qtbot: Any, language: str) -> None:
    dlg = start_dialog(window, qtbot)
    chair = clinic.chairs[0]
    other = open_app(clinic.app.db.url, clock=clinic.clock)  # another workstation: no feed
    try:
        sessions.start_session(other, clinic.nurse2, patient_id=clinic.patient2.id,
                               chair_id=chair.id, protocol_id=dlg.protocol.currentData(),
                               weight_kg=70)
    finally:
        other.close()
    dlg.select_patient(clinic.patient)
    dlg.chair.setCurrentIndex(dlg.chair.findData(chair.id))
    dlg.weight.setText("80")
    dlg.start_button.click()
    message = dlg.errors.message("chair_id")
    assert chair.name in message and dlg.session is None
    shows(message, language, spanish=("sillón", "un sillón libre", "está ocupado"),
          english=f"a free chair: {chair.name} is in use")
    dlg.reject()


def test_a_stale_write(clinic: Clinic, ui_context: UiContexts, qtbot: Any,
                       language: str) -> None:
    ng = add_signed_in(clinic.app, clinic.admin, "ng", "Dr Ng", "admin",
                       password="ng-admin-pass-1")
    dlg = AdminDialog(ui_context(user=clinic.admin))
    qtbot.addWidget(dlg)
    dlg.show()
    tab = dlg.clinic_tab
    seen = accounts.get_clinic(clinic.app)
    accounts.update_clinic(clinic.app, ng, expected_version=seen.version,
                           idle_lock_minutes=9)
    tab.late_entry.setValue(15)
    tab.save_button.click()
    text = tab.banner.text()
    assert "Test Clinic" in text and "ng" in text
    shows(text, language, spanish=("se modificó en otro puesto de trabajo",
                                   "vuelva a abrir la pantalla"),
          english="was changed on another workstation")
    assert accounts.get_clinic(clinic.app).late_entry_minutes == 10


def test_a_state_error_and_a_permission_refusal(clinic: Clinic, page: Any, qtbot: Any,
                                                language: str) -> None:
    s = ready_to_infuse(clinic)
    p = page(s.id)
    # pausing an infusion that has not started: the session's state refuses it
    with pytest.raises(StateError) as caught:
        doses.pause_infusion(clinic.app, clinic.nurse, s.id, "why not")
    english = str(caught.value)
    assert english == ("Only a running infusion can be paused; the session is pre-infusion.")
    p.caller.call(doses.pause_infusion, s.id, "why not")
    qtbot.waitUntil(lambda: p.message.text() != "")
    shows(p.message.text(), language,
          spanish=("Solo se puede pausar una infusión en curso", "previa a la infusión"),
          english=english)
    QApplication.processEvents()
    # a nurse may not deactivate an account: the role refuses it
    p.say("")
    target = accounts.get_user(clinic.app, clinic.nurse2.id)
    p.caller.call(accounts.set_active, target.id, False, "left the clinic",
                  expected_version=target.version)
    qtbot.waitUntil(lambda: p.message.text() != "")
    shows(p.message.text(), language,
          spanish=("Solo un perfil de administrador puede desactivar cuentas",
                   "enfermera/o"),
          english="Only an admin may deactivate accounts (you are signed in as nurse).")
    assert accounts.get_user(clinic.app, target.id).active


def test_the_english_text_is_kept_for_the_command_line(clinic: Clinic, language: str) -> None:
    s = ready_to_infuse(clinic)
    with pytest.raises(StateError) as caught:
        doses.stop_infusion(clinic.app, clinic.nurse, s.id, "why")
    assert str(caught.value).startswith("Only a running or paused infusion can be stopped")
    shown = i18n.error_text(caught.value)
    if language == "es":
        assert shown.startswith("Solo se puede detener una infusión en curso o en pausa")
    else:
        assert shown == str(caught.value)
