"""A vitals set's one-line summary in a given language ("Vitals: HR 72, BP 120/78, SpO2 97%,
RR 14" → "Constantes: FC 72, PA 120/78, SpO₂ 97%, FR 14"), for the timeline of the window and
of the PDF record.

In English it is the domain's own line (``domain.describe``), so an English record and an
English window are unchanged. ``translate`` is the caller's translation function: the window
passes Qt's (``chairlog.ui.i18n.translate``), the PDF its catalog's (``Catalog.translate``); both
read the same catalog (contexts "vitals" and "record").

The other kinds' lines in another language are ``present.entry_text``'s; :func:`entry_summary`
chooses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from chairlog.domain.payloads import EntryKind, VitalsData, vitals_data
from chairlog.present.catalog import VITALS_ABBREVIATIONS
from chairlog.present.entry_text import entry_line
from chairlog.present.units import STORED, Units
from chairlog.words import Drawn, Words

if TYPE_CHECKING:
    from chairlog.domain import EntryView

Translate = Callable[[str, str], str]


def vitals_line(d: VitalsData, units: Units | None, translate: Translate) -> str:
    """The summary of the vitals data ``d`` with ``translate``'s words."""
    def ab(key: str) -> str:
        return translate("vitals", VITALS_ABBREVIATIONS[key])

    parts = [f"{ab('hr')} {d['hr']}", f"{ab('bp')} {d['sbp']}/{d['dbp']}",
             f"{ab('spo2')} {d['spo2']}%", f"{ab('rr')} {d['rr']}"]
    if d.get("etco2") is not None:
        parts.append(f"{ab('etco2')} {d['etco2']}")
    if (temp_c := d.get("temp_c")) is not None:
        u = units or STORED
        parts.append(f"T {u.temperature_number(temp_c)}{u.temperature_symbol}")
    if d.get("rhythm"):
        parts.append(translate("record", "rhythm: {rhythm}").format(rhythm=d["rhythm"]))
    values = ", ".join(parts)
    line = (translate("record", "Baseline vitals: {values}") if d.get("is_baseline")
            else translate("record", "Vitals: {values}")).format(values=values)
    if d.get("text"):
        line = translate("record", "{line} — source: {source}").format(line=line,
                                                                       source=d["text"])
    return line


def _line(entry: EntryView, units: Units | None, translate: Translate) -> str | None:
    if entry.kind is EntryKind.VITALS:
        return vitals_line(vitals_data(entry), units, translate)
    return entry_line(entry, translate)


def summary_words(entry: EntryView) -> Words:
    """An entry's stored English line as it sits inside a sentence built below the window (a
    deviation: "Corrected dose of 14:05 (Rate changed …) by …"): English as stored, and in
    another language this module's line (units as stored: kg, °C)."""
    english = entry.summary

    def draw(translate: Translate) -> str:
        if not entry.data:
            return english
        line = _line(entry, None, translate)
        return english if line is None else line

    return Drawn(english, draw)


def entry_summary(entry: EntryView, units: Units, translate: Translate, language: str) -> str:
    """An entry's timeline line in ``language``; in English (or without data) the domain's line
    as ``Units.summary`` gives it, byte for byte."""
    if language == "en" or not entry.data:
        return units.summary(entry)
    if entry.kind is EntryKind.VITALS:
        return vitals_line(vitals_data(entry), units, translate)
    try:
        line = entry_line(entry, translate)
    except (KeyError, TypeError, ValueError):
        line = None  # an entry whose data lacks a field: the stored English line
    return units.summary(entry) if line is None else line
