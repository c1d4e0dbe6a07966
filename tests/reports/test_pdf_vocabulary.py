"""The clinical vocabulary and the timeline's lines in a Spanish clinic's record (issue 13,
point 7): the side effect's name, severity and action and the dose lines are Spanish; an
English clinic's record keeps the English lines. The shift handover's open side effects too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chairlog.services import accounts, charting, doses, handover, records
from tests.conftest import Clinic, ready_to_infuse
from tests.record_helpers import discharged_session, flat, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")


def set_language(c: Clinic, language: str) -> None:
    info = accounts.get_clinic(c.app)
    accounts.update_clinic(c.app, c.admin, expected_version=info.version, language=language)


def test_a_spanish_record_names_side_effects_and_doses_in_spanish(clinic: Clinic,
                                                                  tmp_path: Path) -> None:
    sid = discharged_session(clinic)
    english = flat(pdf_text(records.export_record(clinic.app, sid), tmp_path))
    set_language(clinic, "es")
    one = flat(pdf_text(records.export_record(clinic.app, sid), tmp_path))
    # the side-effects table and the timeline
    assert "Náuseas" in one and "Nausea (mild)" not in one
    assert "Efecto adverso resuelto: Náuseas (leve)" in one
    assert "Medicación de rescate administrada" in one
    assert "Náuseas (leve); acción: Medicación de rescate administrada — resuelto" in one
    assert "Infusión iniciada a 0.5 mg/kg/h" in one
    assert "Velocidad modificada a 0.8 mg/kg/h" in one and "Tolerating well" in one
    assert "Rate changed at" not in one and "Infusion started at" not in one
    assert "Nota: Calm, talking with escort." in one
    # English as before
    assert "Nausea (mild); action: Rescue medication given — resolved" in english
    assert "Rate changed at 0.8 mg/kg/h" in english and "Infusion started at 0.5" in english
    assert "Náuseas" not in english


def test_the_handover_names_an_open_side_effect_in_the_clinics_language(
        clinic: Clinic, tmp_path: Path) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=10)
    charting.record_side_effect(clinic.app, clinic.nurse, s.id, "nausea", "mild", "none")
    lines = handover.handover(clinic.app).rows[0].open_items
    assert any(line.startswith("Nausea (mild) since ") for line in lines)  # the services' str
    english = flat(pdf_text(handover.handover_pdf(clinic.app), tmp_path))
    assert "Nausea (mild)" in english and "since" in english
    set_language(clinic, "es")
    one = flat(pdf_text(handover.handover_pdf(clinic.app), tmp_path))
    assert "Náuseas (leve)" in one and "desde" in one and "Nausea" not in one
