"""The Qt-free reader of the window's catalog (``chairlog.present.catalog``), used by the PDF."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chairlog import paths
from chairlog.domain.describe import describe
from chairlog.present import catalog
from chairlog.present.catalog import ENGLISH, catalog_of, parse_catalog, vital
from chairlog.present.units import Units
from chairlog.present.vitals_text import vitals_line

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context><name>record</name>
  <message><source>Patient</source><translation>Paciente</translation></message>
  <message><source>Draft</source><translation type="unfinished">Borrador</translation></message>
  <message><source>Gone</source><translation type="vanished">Ido</translation></message>
  <message><source>Empty</source><translation></translation></message>
  <message><source>Chair</source><comment>furniture</comment>
    <translation>Sillón</translation></message>
  <message numerus="yes"><source>%n page(s)</source>
    <translation><numerusform>%n página</numerusform><numerusform>%n páginas</numerusform>
    </translation></message>
</context>
<context><name>other</name>
  <message><source>Patient</source><translation>Enfermo</translation></message>
</context>
</TS>
"""


def test_only_finished_singular_translations_are_read(tmp_path: Path) -> None:
    ts = tmp_path / "chairlog_es.ts"
    ts.write_text(TS, encoding="utf-8")
    w = parse_catalog(ts, "es")
    assert w.language == "es"
    assert w.translate("record", "Patient") == "Paciente"
    assert w.translate("other", "Patient") == "Enfermo"  # contexts are kept apart
    assert w.translate("record", "Chair", "furniture") == "Sillón"
    assert w.translate("record", "Chair") == "Chair"  # another disambiguation
    for english in ("Draft", "Gone", "Empty", "%n page(s)", "Never catalogued"):
        assert w.translate("record", english) == english
    assert len(w) == 3


def test_the_shipped_catalog_gives_the_record_and_vitals_words() -> None:
    es = catalog_of("es")
    assert es.language == "es" and len(es) > 1000
    assert [vital(es, k) for k in ("hr", "bp", "sbp", "dbp", "spo2", "rr")] == [
        "FC", "PA", "PAS", "PAD", "SpO₂", "FR"]
    assert es.translate("record", "Dose summary") == "Resumen de dosis"
    assert es.translate("clinical", "Pain NRS") == "Dolor EVN"  # the window's own words
    assert catalog_of("es") is es  # parsed once


@pytest.mark.parametrize("language", ["en", None, "", "xx", "EN"])
def test_english_and_unknown_languages_read_no_file(language: str | None) -> None:
    w = catalog_of(language)
    assert w is ENGLISH
    assert w.translate("vitals", "HR") == "HR"


def test_a_missing_catalog_leaves_the_words_english(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    def missing(language: str) -> Path:
        raise paths.MissingResource(f"translations/chairlog_{language}.ts", tmp_path)

    monkeypatch.setattr(catalog, "catalog_file", missing)
    catalog_of.cache_clear()
    try:
        assert catalog_of("es") is ENGLISH
    finally:
        catalog_of.cache_clear()


def test_every_translation_keeps_its_placeholders() -> None:
    """No translation names a placeholder its source lacks (``format`` would fail); the
    record's and the vitals' translations keep every one (the window's may drop a plural
    suffix such as ``{value}``)."""
    root = ET.parse(catalog.catalog_file("es")).getroot()
    wrong = []
    for context in root.iter("context"):
        name = context.findtext("name")
        for msg in context.iter("message"):
            source = set(re.findall(r"{\w*}", msg.findtext("source") or ""))
            text = set(re.findall(r"{\w*}", msg.findtext("translation") or ""))
            if not text <= source or (name in ("record", "vitals") and text != source):
                wrong.append((name, msg.findtext("source")))
    assert wrong == []


VITALS = [
    {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14, "is_baseline": True},
    {"hr": 130, "sbp": 150, "dbp": 95, "spo2": 91, "rr": 22, "etco2": 38, "temp_c": 37.2,
     "rhythm": "sinus tachycardia", "text": "monitor M1, validated by Nina"},
]


@pytest.mark.parametrize("data", VITALS)
@pytest.mark.parametrize("units", [Units(), Units("lb", "F")], ids=["C", "F"])
def test_the_vitals_line_in_english_is_the_domains(data: dict[str, object], units: Units) -> None:
    assert vitals_line(data, units, ENGLISH.translate) == describe("vitals", data, units=units)


def test_the_vitals_line_in_spanish() -> None:
    es = catalog_of("es")
    assert vitals_line(VITALS[0], None, es.translate) == (
        "Signos vitales basales: FC 72, PA 120/78, SpO₂ 98%, FR 14")
    assert vitals_line(VITALS[1], Units(), es.translate) == (
        "Signos vitales: FC 130, PA 150/95, SpO₂ 91%, FR 22, EtCO₂ 38, T 37.2°C, "
        "ritmo: sinus tachycardia — origen: monitor M1, validated by Nina")


def test_the_pdf_reads_its_words_without_qt() -> None:
    code = ("import sys\n"
            "from chairlog.present.catalog import catalog_of\n"
            "from chairlog.reports import record_pdf, sections, timeline, chart\n"
            "assert catalog_of('es').translate('vitals', 'HR') == 'FC'\n"
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
