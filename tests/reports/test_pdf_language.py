"""The session record in the clinic's language (issue 13, point 7): a Spanish clinic's record
has Spanish headings, labels and vitals abbreviations and no English heading left; an English
clinic's record is unchanged; a signed record verifies and keeps its language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from chairlog.services import accounts, records, signoff
from tests.conftest import PASSWORDS, Clinic
from tests.record_helpers import discharged_session, flat, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")

#: the record's headings and page furniture in English, and what a Spanish record says instead
HEADINGS = {
    "Ketamine infusion session record": "Registro de sesión de infusión de ketamina",
    "Deviations": "Desviaciones",
    "Pre-infusion checklist and baseline":
        "Lista de verificación previa a la infusión y valores basales",
    "Dose summary": "Resumen de dosis",
    "Vital signs": "Signos vitales",
    "Alerts": "Alertas",
    "Side effects": "Efectos adversos",
    "Assessments (pain, sedation, dissociation, recovery)":
        "Valoraciones (dolor, sedación, disociación, recuperación)",
    "Timeline": "Cronología",
    "Physician signature": "Firma del médico",
    "UNSIGNED DRAFT": "BORRADOR SIN FIRMAR",
    "Page 1 of": "Página 1 de",
    "Session record S-": "Registro de sesión S-",
    "Allergies": "Alergias",
    "Indication": "Indicación",
}


def set_language(c: Clinic, language: str) -> None:
    info = accounts.get_clinic(c.app)
    accounts.update_clinic(c.app, c.admin, expected_version=info.version, language=language)


def vitals_header(text: str) -> list[str]:
    """The vitals table's header line, as words."""
    line = next(x for x in text.splitlines() if re.search(r"\b(HR|FC)\s+(BP|PA)\s+", x))
    return line.split()


def test_a_spanish_clinics_record_is_in_spanish(clinic: Clinic, tmp_path: Path) -> None:
    sid = discharged_session(clinic)
    set_language(clinic, "es")
    pdf = records.export_record(clinic.app, sid)
    text = pdf_text(pdf, tmp_path)
    one = flat(text)
    for english, spanish in HEADINGS.items():
        assert spanish in one, spanish
        assert english not in one, english
    # the vitals abbreviations: table header, baseline line, chart legend and thresholds
    assert vitals_header(text)[:7] == ["Hora", "Desde", "FC", "PA", "PAM", "SpO₂", "FR"]
    assert re.search(r"Signos vitales basales \(15:00 \+01:00\): FC 72/min · PA 120/78 mmHg "
                     r"\(PAM 92\) · SpO₂ 98 % · FR 14/min", one)
    # the timeline's vitals lines too
    assert "Signos vitales basales: FC 72, PA 120/78, SpO₂ 98%, FR 14" in one
    assert re.search(r"#\d+ Signos vitales: FC \d+, PA", one)
    assert not re.search(r"#\d+ Vitals: HR", one)  # (the deviations' lines are the services')
    assert "PA sistólica" in one and "PA diastólica" in one and "PAS máx." in one
    assert "1980-05-01 (45 años)" in one and "mujer" in one
    assert "Dolor EVN antes 7 → después 3" in one
    assert b"/Lang (es)" in pdf
    # machine-read metadata stays English (chairlog verify reads the record id from it)
    label = records.read_label(pdf)
    assert label is not None and label.version == 1 and not label.signed


def test_an_english_clinics_record_is_unchanged(clinic: Clinic, tmp_path: Path) -> None:
    sid = discharged_session(clinic)
    english = records.export_record(clinic.app, sid)
    text = pdf_text(english, tmp_path)
    one = flat(text)
    for heading, spanish in HEADINGS.items():
        assert heading in one, heading
        assert spanish not in one, spanish
    assert vitals_header(text)[:7] == ["Time", "From", "HR", "BP", "MAP", "SpO2", "RR"]
    assert b"/Lang (en)" in english
    set_language(clinic, "es")
    assert records.export_record(clinic.app, sid) != english
    set_language(clinic, "en")
    assert records.export_record(clinic.app, sid) == english  # byte for byte, as before


def test_a_signed_spanish_record_verifies_and_keeps_its_language(clinic: Clinic,
                                                                 tmp_path: Path) -> None:
    sid = discharged_session(clinic)
    set_language(clinic, "es")
    signoff.sign_session(clinic.app, clinic.physician, sid, PASSWORDS["drlee"])
    signed = records.get_signed_pdf(clinic.app, sid)
    result: Any = records.verify_record_pdf(clinic.app, signed)
    assert result.ok, result
    one = flat(pdf_text(signed, tmp_path))
    assert "Registro firmado — versión 1, firmado el" in one
    assert "Firmado por" in one and "Fecha y hora" in one and "Significado" in one
    assert "[usuario drlee]" in one and "Firmado digitalmente por" in one  # and the stamp
    assert "UNSIGNED DRAFT" not in one and "BORRADOR SIN FIRMAR" not in one
    # the clinic goes back to English: the signed record is the stored bytes, still Spanish
    set_language(clinic, "en")
    assert records.export_record(clinic.app, sid) == signed
