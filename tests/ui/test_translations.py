"""The translation switch: choosing Spanish in the clinic settings rebuilds the window in
Spanish (board, a session page, the main dialogs); choosing English brings English back.

"Nothing left in English" is checked against the catalog: no visible label, button, group
box, tab, menu or window title shows an English source text that the catalog translates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QTabWidget,
    QWidget,
)

from chairlog.services import accounts
from chairlog.ui import i18n
from chairlog.ui.app import build_main_window
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import LanguageSwitch
from tests.conftest import ready_to_infuse
from tests.ui.leaks import UiContexts

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "chairlog_es.ts"


def _translated_sources() -> set[str]:
    """English source texts whose Spanish differs (the ones that must not show in Spanish)."""
    out = set()
    for msg in ET.parse(TS).getroot().iter("message"):
        source = msg.findtext("source") or ""
        spanish = msg.findtext("translation") or ""
        if spanish and spanish != source and "{" not in source and "%" not in source:
            out.add(source.replace("&", ""))
    return out


ENGLISH = _translated_sources()


def visible_texts(root: QWidget) -> list[str]:
    """What a person sees: labels, buttons, group boxes, tab titles, menus, window titles."""
    texts = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts.extend(w.tabText(i) for i in range(w.count()))
        if w.isWindow():
            texts.append(w.windowTitle())
    for menu in root.findChildren(QMenu):
        texts.append(menu.title())
        texts.extend(a.text() for a in menu.actions() if a.isVisible())
    return [t.replace("&", "") for t in texts if t]


def english_left(root: QWidget) -> list[str]:
    return sorted({t for t in visible_texts(root) if t in ENGLISH})


@pytest.fixture
def ctx(clinic: Any, ui_context: UiContexts) -> Iterator[UiContext]:
    yield ui_context(user=clinic.nurse)
    i18n.install_language("en")


@pytest.fixture
def shell(ctx: UiContext, qtbot: Any) -> Iterator[LanguageSwitch]:
    # the windows are not handed to qtbot: a language switch deletes the window it replaces,
    # and qtbot would close that deleted window again at teardown; the current one is closed
    # and deleted here
    s = LanguageSwitch(ctx, lambda: build_main_window(ctx))
    s.window.show()
    yield s
    s.window.quit_now()
    s.window.deleteLater()  # the fixture's value keeps it until the test's teardown ends


def choose_language(clinic: Any, ctx: UiContext, shell: LanguageSwitch, qtbot: Any,
                    language: str) -> None:
    before = shell.rebuilds
    info = accounts.get_clinic(clinic.app)
    accounts.update_clinic(clinic.app, clinic.admin, expected_version=info.version,
                           language=language)
    ctx.events.data_changed.emit("clinic", info.id)
    qtbot.waitUntil(lambda: shell.rebuilds == before + 1)
    QApplication.processEvents()


def test_the_catalog_has_the_clinical_words() -> None:
    assert len(ENGLISH) > 20


def test_board_switches_to_spanish_and_back(clinic: Any, ctx: UiContext, qtbot: Any,
                                            shell: LanguageSwitch) -> None:
    assert i18n.current_language() == "en"
    english_words = set(visible_texts(shell.window))
    assert english_words & ENGLISH  # the English window shows catalogued words
    choose_language(clinic, ctx, shell, qtbot, "es")
    assert i18n.current_language() == "es"
    window = shell.window
    assert english_left(window) == []
    words = " ".join(visible_texts(window))
    for spanish in ("Sesiones", "Bloquear", "Tablero"):
        assert spanish in words
    choose_language(clinic, ctx, shell, qtbot, "en")
    assert i18n.current_language() == "en"
    words = " ".join(visible_texts(shell.window))
    assert "Sessions" in words and "Sesiones" not in words


def test_session_page_and_dialogs_in_spanish(clinic: Any, ctx: UiContext, qtbot: Any,
                                             shell: LanguageSwitch) -> None:
    s = ready_to_infuse(clinic)
    shell.window.open_session(s.id)
    qtbot.waitUntil(lambda: s.id in shell.window.pages)
    choose_language(clinic, ctx, shell, qtbot, "es")
    window = shell.window
    qtbot.waitUntil(lambda: s.id in window.pages)  # the open tab came back
    page = window.pages[s.id]
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.isVisible)
    assert english_left(page) == []
    assert "signos vitales" in " ".join(visible_texts(page)).lower()
    # the longer Spanish words are not cut: the vitals form's Save button holds its text
    save = page.vitals.save_button
    assert save.text().startswith("Guardar")
    assert save.width() >= save.sizeHint().width(), (save.width(), save.sizeHint())
    ident = page.header.ident.text()  # age and sex in the window's words, not the stored code
    assert " y " not in ident + " " and not ident.endswith(" y"), ident
    assert "años" in ident or "desconocido" in ident or "mujer" in ident or "hombre" in ident
    # the longer Spanish lines wrap: the window still fits a 1366-px screen
    window.resize(1366, 768)
    QApplication.processEvents()
    assert window.width() <= 1366, window.width()
    dialog = window.new_session()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert english_left(dialog) == []
    dialog.reject()
    about = window.open_about()
    qtbot.waitUntil(about.isVisible)
    assert english_left(about) == []
    about.reject()


def test_admin_settings_choose_the_language(clinic: Any, ui_context: UiContexts,
                                            qtbot: Any) -> None:
    from chairlog.ui.admin.clinic import ClinicTab

    tab = ClinicTab(ui_context(user=clinic.admin))
    qtbot.addWidget(tab)
    assert tab.language.currentData() == "en"
    assert [tab.language.itemText(i) for i in range(tab.language.count())] == [
        "English", "Español"]
    tab.language.setCurrentIndex(tab.language.findData("es"))
    tab.weight_unit.setCurrentIndex(tab.weight_unit.findData("lb"))
    tab.temperature_unit.setCurrentIndex(tab.temperature_unit.findData("F"))
    tab.save()
    info = accounts.get_clinic(clinic.app)
    assert (info.language, info.weight_unit, info.temperature_unit) == ("es", "lb", "F")
    assert "language" in tab.notice.text()
    tab.reload()
    assert tab.temperature_unit.currentText() == "°F"


def test_language_chosen_in_admin_applies_when_the_dialog_closes(
        clinic: Any, ui_context: UiContexts, qtbot: Any) -> None:
    from chairlog.ui.admin.clinic import ClinicTab

    admin_ctx = ui_context(user=clinic.admin)
    shell = LanguageSwitch(admin_ctx, lambda: build_main_window(admin_ctx))
    try:
        # not handed to qtbot: the rebuild deletes this window while the test still holds its
        # dialog, and qtbot would close it again at teardown (the finally below closes it
        # when the test stops before the rebuild)
        shell.window.show()
        dialog = shell.window.open_admin()
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        tab = dialog.findChild(ClinicTab)
        tab.language.setCurrentIndex(tab.language.findData("es"))
        tab.save()
        admin_ctx.events.data_changed.emit("clinic", 0)
        qtbot.wait(2 * i18n.WAIT_MS)
        assert shell.rebuilds == 0  # not under the open dialog
        assert i18n.current_language() == "es"
        dialog.reject()
        qtbot.waitUntil(lambda: shell.rebuilds == 1)
        assert "A&dministración" in [m.title() for m in shell.window.findChildren(QMenu)]
    finally:
        shell.window.quit_now()
        shell.window.deleteLater()
        i18n.install_language("en")


def test_a_missing_catalog_leaves_the_window_in_english(monkeypatch: pytest.MonkeyPatch,
                                                         qapp: Any) -> None:
    from chairlog import paths

    def missing(language: str) -> str:
        raise paths.MissingResource(f"translations/chairlog_{language}.qm", "here")

    monkeypatch.setattr(i18n, "catalog_path", missing)
    assert not i18n.install_language("es")  # nothing changed
    assert i18n.current_language() == "en"
    assert i18n.translate("MainWindow", "Board") == "Board"
    monkeypatch.undo()
    assert i18n.install_language("es") and i18n.current_language() == "es"
    assert i18n.translate("MainWindow", "Board") == "Tablero"
    assert i18n.clinical("Paused") == "En pausa"
    i18n.install_language("en")
    assert i18n.translate("MainWindow", "Board") == "Board"
