"""The clinical vocabulary in the window's language (issue 13, point 7): with the Spanish
catalog the side-effect buttons, the picker, the severity and action choices, the open side
effects, the flowsheet, the correction dialog's choices and the timeline's side-effect and dose
lines are Spanish; in English they read as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from chairlog.domain import EntryKind
from chairlog.services import charting, doses, views
from chairlog.ui import i18n
from chairlog.ui.session.correction_dialog import CorrectionDialog
from chairlog.ui.session.side_effect_dialogs import EffectPickerDialog, SideEffectDialog
from tests.conftest import ready_to_infuse
from tests.ui.session.driving import timeline_rows

SPANISH = {
    "button": "Náuseas", "picker": "Alucinaciones", "severity": "Leve", "action": "Ninguna",
    "open": "Náuseas (leve) desde",
    "effect_line": "Náuseas (leve); acción: Medicación de rescate administrada",
    "start_line": "Infusión iniciada a 0.5 mg/kg/h (",
    "rate_line": "Velocidad modificada a 0.8 mg/kg/h (",
    "saved": "Guardado: Náuseas (moderado); acción: Ninguna",
}
ENGLISH = {
    "button": "Nausea", "picker": "Hallucinations", "severity": "Mild", "action": "None",
    "open": "Nausea (mild) since",
    "effect_line": "Nausea (mild); action: Rescue medication given",
    "start_line": "Infusion started at 0.5 mg/kg/h (",
    "rate_line": "Rate changed at 0.8 mg/kg/h (",
    "saved": "Saved: Nausea (moderate); action: None",
}


@pytest.fixture(params=["es", "en"])
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    i18n.install_language(request.param)
    yield request.param
    i18n.install_language("en")


def click(qtbot: Any, b: QPushButton) -> None:
    assert b.isEnabled() and b.isVisible(), b.text()
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)


def test_side_effect_words_and_lines_in_the_windows_language(
        language: str, clinic: Any, open_page: Any, qtbot: Any) -> None:
    want = SPANISH if language == "es" else ENGLISH
    unwanted = ENGLISH if language == "es" else SPANISH
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=10)
    doses.change_rate(clinic.app, clinic.nurse, s.id, 0.8)
    clinic.clock.advance(minutes=5)
    charting.record_side_effect(clinic.app, clinic.nurse, s.id, "nausea", "mild", "rescue_med")
    page = open_page(s.id)
    assert page.side_effects.buttons["nausea"].text() == want["button"]
    opened = " ".join(w.text() for w in page.side_effects.open_card.findChildren(QLabel))
    assert want["open"] in opened, opened
    lines = " | ".join(row[1] for row in timeline_rows(page))
    for key in ("effect_line", "start_line", "rate_line"):
        assert want[key] in lines, (key, lines)
        assert unwanted[key] not in lines, (key, lines)
    # the flowsheet's side-effects row
    page.record_tabs.setCurrentIndex(page.flowsheet_tab)
    m = page.flowsheet.model
    cells = [str(m.data(m.index(r, c)) or "") for r in range(m.rowCount())
             for c in range(m.columnCount())]
    assert want["open"].rsplit(" ", 1)[0] in cells, cells
    click(qtbot, page.side_effects.buttons["other"])
    picker = page.dialog
    assert isinstance(picker, EffectPickerDialog)
    assert picker.buttons["hallucinations"].text() == want["picker"]
    assert picker.buttons["nausea"].text() == want["button"]
    click(qtbot, picker.buttons["nausea"])
    dlg = page.dialog
    assert isinstance(dlg, SideEffectDialog)
    assert want["button"] in dlg.windowTitle()
    assert dlg.severity["mild"].text() == want["severity"]
    assert dlg.action["none"].text() == want["action"]
    click(qtbot, dlg.severity["moderate"])
    click(qtbot, dlg.action["none"])
    click(qtbot, dlg.ok_button)  # saved: the message line says the entry's line
    qtbot.waitUntil(lambda: want["saved"] in page.message.text())
    # the correction dialog offers the same words; the stored codes stay the data
    entry = next(e for e in views.get_session(clinic.app, s.id).entries
                 if e.kind is EntryKind.SIDE_EFFECT and e.data["severity"] == "mild")
    fix = CorrectionDialog(entry, ZoneInfo("UTC"))
    qtbot.addWidget(fix)
    effect, severity = fix.widgets["effect_type"], fix.widgets["severity"]
    assert effect.currentText() == want["button"] and effect.currentData() == "nausea"
    assert severity.currentText() == want["severity"].lower()
    assert severity.currentData() == "mild"
    assert fix.widgets["action_taken"].currentData() == "rescue_med"
