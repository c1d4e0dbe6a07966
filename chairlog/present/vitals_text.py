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

from collections.abc import Callable, Mapping
from typing import Any

from chairlog.present.catalog import VITALS_ABBREVIATIONS
from chairlog.present.entry_text import entry_line
from chairlog.present.units import STORED, Units
from chairlog.words import Drawn, Words

Translate = Callable[[str, str], str]


def vitals_line(d: Mapping[str, Any], units: Units | None, translate: Translate) -> str:
    """The summary of the vitals data ``d`` with ``translate``'s words."""
    def ab(key: str) -> str:
        return translate("vitals", VITALS_ABBREVIATIONS[key])

    parts = [f"{ab('hr')} {d['hr']}", f"{ab('bp')} {d['sbp']}/{d['dbp']}",
             f"{ab('spo2')} {d['spo2']}%", f"{ab('rr')} {d['rr']}"]
    if d.get("etco2") is not None:
        parts.append(f"{ab('etco2')} {d['etco2']}")
    if d.get("temp_c") is not None:
        u = units or STORED
        parts.append(f"T {u.temperature_number(d['temp_c'])}{u.temperature_symbol}")
    if d.get("rhythm"):
        parts.append(translate("record", "rhythm: {rhythm}").format(rhythm=d["rhythm"]))
    values = ", ".join(parts)
    line = (translate("record", "Baseline vitals: {values}") if d.get("is_baseline")
            else translate("record", "Vitals: {values}")).format(values=values)
    if d.get("text"):
        line = translate("record", "{line} — source: {source}").format(line=line,
                                                                       source=d["text"])
    return line


def summary_words(entry: Any) -> Words:
    """An entry's stored English line as it sits inside a sentence built below the window (a
    deviation: "Corrected dose of 14:05 (Rate changed …) by …"): English as stored, and in
    another language this module's line (units as stored: kg, °C)."""
    kind = getattr(getattr(entry, "kind", None), "value", getattr(entry, "kind", ""))
    english = str(getattr(entry, "summary", ""))

    def draw(translate: Translate) -> str:
        data = getattr(entry, "data", None)
        if not data:
            return english
        line = (vitals_line(data, None, translate) if kind == "vitals"
                else entry_line(kind, data, translate))
        return english if line is None else line

    return Drawn(english, draw)


def entry_summary(entry: Any, units: Units, translate: Translate, language: str) -> str:
    """An entry's timeline line in ``language``; in English (or without data) the domain's line
    as ``Units.summary`` gives it, byte for byte."""
    kind = getattr(getattr(entry, "kind", None), "value", getattr(entry, "kind", ""))
    if language == "en" or not getattr(entry, "data", None):
        return units.summary(entry)
    if kind == "vitals":
        return vitals_line(entry.data, units, translate)
    try:
        line = entry_line(kind, entry.data, translate)
    except (KeyError, TypeError, ValueError):
        line = None  # an entry whose data lacks a field: the stored English line
    return units.summary(entry) if line is None else line
