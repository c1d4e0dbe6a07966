"""The clinic's language without Qt: a reader of the window's own catalog
(``resources/translations/chairlog_<lang>.ts``) for the code below ``chairlog.ui`` that draws
words, the PDF record first (PySide6 is forbidden there, so no ``QTranslator``).

``catalog_of(language).translate(context, text)`` gives ``text`` in ``language``: the same catalog,
the same contexts and the same Spanish as the window. The report code marks its words with
calls ``pyside6-lupdate`` extracts — ``w.translate("record", "Patient")`` and, for words kept
in constants, ``QT_TRANSLATE_NOOP("record", "Patient")`` — and ``tools/translations.sh`` scans
``chairlog/reports`` and ``chairlog/present`` as well as ``chairlog/ui``.

Decisions:
- The method is ``translate`` and not ``tr``: lupdate reads ``x.tr("a", "b")`` as
  ``QObject.tr`` (source "a", disambiguation "b") and would file the word under a wrong key.
  Marked words are plain string literals (adjacent literals are joined, as in Python); a
  formatted word uses ``str.format`` placeholders (``"version {version}"``), never an
  f-string, and the translation keeps the same placeholders.
- Only finished translations are used; an unfinished, obsolete or vanished message, a
  numerus (plural) message, a word the catalog does not have, an unknown language or a
  missing catalog file all give the English text back (the log says why, once). English is
  the source language and reads no file at all.
- The catalog is parsed once per language and kept (``functools.lru_cache``); the parsed
  ``Catalog`` is immutable, so threads rendering PDFs at the same time share it safely.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from chairlog import paths
from chairlog.clinical.vitals import alert_words
from chairlog.words import Words

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
# the languages chairlog ships a catalog for (besides the source language). (Plain comments
# here: lupdate files a "#:" comment as the translator's note of the next marked word.)
CATALOG_LANGUAGES = ("es",)

Key = tuple[str, str, str]  # context, source, disambiguation


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for the catalog under ``context`` and returns it unchanged (for words in
    module constants, translated with ``catalog_of(lang).translate(context, text)`` where drawn)."""
    return text


@dataclass(frozen=True)
class Catalog:
    """One language's finished translations."""

    language: str = SOURCE_LANGUAGE
    messages: Mapping[Key, str] = field(default_factory=dict)

    def translate(self, context: str, text: str, disambiguation: str = "") -> str:
        """``text`` in this language (``text`` itself when there is no finished translation)."""
        return self.messages.get((context, text, disambiguation), text)

    def message(self, text: str) -> str:
        """A message built below the window (a :class:`chairlog.words.Words`: a deviation, a
        handover line) in this language; a plain string as the catalog's empty context has it."""
        if isinstance(text, Words):
            return text.render(lambda t: self.translate("", t),
                               self.translate if self.language != SOURCE_LANGUAGE else None)
        return self.translate("", text) if text else text

    def alert(self, message: str) -> str:
        """An alert's stored (English) message in this language (``words.recognise``)."""
        return self.message(alert_words(message))

    def __len__(self) -> int:
        return len(self.messages)


ENGLISH = Catalog()


def parse_catalog(ts: Path | str, language: str) -> Catalog:
    """The finished, singular translations of a Qt Linguist ``.ts`` file."""
    root = ET.parse(ts).getroot()
    found: dict[Key, str] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            tr = msg.find("translation")
            source = msg.findtext("source")
            if tr is None or source is None or msg.get("numerus") == "yes":
                continue
            if tr.get("type") in ("unfinished", "obsolete", "vanished") or not (tr.text or ""):
                continue
            found[(name, source, msg.findtext("comment") or "")] = tr.text or ""
    return Catalog(language, found)


def catalog_file(language: str) -> Path:
    """The shipped source catalog of ``language`` (``paths.MissingResource`` if absent)."""
    return paths.resource(f"translations/chairlog_{language}.ts")


@lru_cache(maxsize=8)
def catalog_of(language: str | None) -> Catalog:
    """The words of ``language`` (``en``, ``es``; anything unknown reads as English)."""
    lang = (language or SOURCE_LANGUAGE).strip().lower()
    if lang == SOURCE_LANGUAGE:
        return ENGLISH
    if lang not in CATALOG_LANGUAGES:
        log.warning("no catalog for language %r: words stay in English", language)
        return ENGLISH
    try:
        return parse_catalog(catalog_file(lang), lang)
    except (paths.MissingResource, ET.ParseError, OSError) as exc:
        log.warning("the %s catalog could not be read, words stay in English: %s", lang, exc)
        return ENGLISH


# the vital signs' abbreviations, shared by the window and the PDF record (context "vitals")
VITALS_ABBREVIATIONS: dict[str, str] = {
    "hr": QT_TRANSLATE_NOOP("vitals", "HR"),
    "bp": QT_TRANSLATE_NOOP("vitals", "BP"),
    "sbp": QT_TRANSLATE_NOOP("vitals", "SBP"),
    "dbp": QT_TRANSLATE_NOOP("vitals", "DBP"),
    "map": QT_TRANSLATE_NOOP("vitals", "MAP"),
    "spo2": QT_TRANSLATE_NOOP("vitals", "SpO2"),
    "rr": QT_TRANSLATE_NOOP("vitals", "RR"),
    "etco2": QT_TRANSLATE_NOOP("vitals", "EtCO2"),
    "temp_c": QT_TRANSLATE_NOOP("vitals", "Temp"),
}


def vital(w: Catalog, key: str) -> str:
    """A vital sign's abbreviation (``hr``, ``sbp``, ``spo2`` …) in ``w``'s language."""
    return w.translate("vitals", VITALS_ABBREVIATIONS.get(key, key))
