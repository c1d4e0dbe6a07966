"""The window's language: chairlog's own catalog (``resources/translations/chairlog_<lang>.qm``)
and Qt's (``qtbase_<lang>.qm`` from PySide6's translations folder, for the standard dialog
buttons) installed on the QApplication for the clinic's ``language`` setting.

Every word the window owns goes through Qt's translation: ``self.tr("…")`` in QObject
subclasses, ``translate("Context", "…")`` (this module's function, which ``pyside6-lupdate``
extracts like ``QCoreApplication.translate``) elsewhere. ``tools/translations.sh`` re-extracts
the catalog and compiles it.

Decisions:
- A language change rebuilds the main window instead of retranslating every widget live:
  running sessions live in the database, so a new window loses nothing, and no screen needs a
  ``retranslateUi`` of its own (a forgotten one would leave words in the old language). The new
  window takes the old one's place and size and reopens the session tabs that were open. The
  switch waits while a dialog is open (e.g. the Administration window where the language was
  chosen), and happens when it closes.
- English is the source language: choosing it removes the translators. A missing catalog for a
  language is not fatal: the window stays in English and the log says why.
- Words that come from the services (error messages, validation texts) are built below the
  window as ``chairlog.words.words(template, **params)`` (no Qt there); the catalog holds their
  templates under the empty context, and :func:`error_text` renders an error in the window's
  language. Every place in the window that shows an error shows ``error_text(exc)``, never
  ``str(exc)`` (which stays the English text, for the command line and the logs).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from chairlog import paths
from chairlog.clinical.vitals import alert_words
from chairlog.errors import ChairlogError
from chairlog.present.catalog import VITALS_ABBREVIATIONS
from chairlog.present.units import Units
from chairlog.present.vitals_text import entry_summary
from chairlog.services import accounts
from chairlog.words import Words

if TYPE_CHECKING:
    from chairlog.domain import EntryView
    from chairlog.ui.context import UiContext
    from chairlog.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
#: how often a pending switch looks whether the dialog in the way has closed
WAIT_MS = 300

_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for the catalog (under ``context``) and returns it unchanged: for words kept
    in module constants, translated with ``translate(context, text)`` where they are shown.
    (Qt's own ``QT_TRANSLATE_NOOP`` is typed to return ``object``.)"""
    return text


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate`` (the name ``pyside6-lupdate`` looks for)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


#: the clinical core's words shown by the window (``chairlog.clinical`` knows no Qt): session
#: states and the assessment scales' names and items, translated where they are shown
CLINICAL_WORDS = (
    QT_TRANSLATE_NOOP("clinical", "Checked in"), QT_TRANSLATE_NOOP("clinical", "Pre-infusion"),
    QT_TRANSLATE_NOOP("clinical", "Infusing"), QT_TRANSLATE_NOOP("clinical", "Paused"),
    QT_TRANSLATE_NOOP("clinical", "Monitoring"), QT_TRANSLATE_NOOP("clinical", "Discharged"),
    QT_TRANSLATE_NOOP("clinical", "Stopped early"), QT_TRANSLATE_NOOP("clinical", "Signed"),
    QT_TRANSLATE_NOOP("clinical", "Addendum open"),
    QT_TRANSLATE_NOOP("clinical", "Pain NRS"), QT_TRANSLATE_NOOP("clinical", "Mood NRS"),
    QT_TRANSLATE_NOOP("clinical", "Modified Aldrete"),
    QT_TRANSLATE_NOOP("clinical", "Things seem unreal"),
    QT_TRANSLATE_NOOP("clinical", "Time seems to change"),
    QT_TRANSLATE_NOOP("clinical", "Body feels changed"),
    QT_TRANSLATE_NOOP("clinical", "Feel disconnected"),
    QT_TRANSLATE_NOOP("clinical", "Sounds or colours changed"),
    QT_TRANSLATE_NOOP("clinical", "Gaps in memory"),
    QT_TRANSLATE_NOOP("clinical", "Activity"), QT_TRANSLATE_NOOP("clinical", "Respiration"),
    QT_TRANSLATE_NOOP("clinical", "Circulation"), QT_TRANSLATE_NOOP("clinical", "Consciousness"),
    QT_TRANSLATE_NOOP("clinical", "Oxygen saturation"),
    QT_TRANSLATE_NOOP("clinical", "Vital signs"),
    QT_TRANSLATE_NOOP("clinical", "Nausea and vomiting"), QT_TRANSLATE_NOOP("clinical", "Pain"),
    QT_TRANSLATE_NOOP("clinical", "Bleeding"),
)


#: a patient's recorded sex (``patients.SEXES``), as the window shows it
SEX_WORDS = {
    "female": QT_TRANSLATE_NOOP("patient", "female"), "male": QT_TRANSLATE_NOOP("patient", "male"),
    "other": QT_TRANSLATE_NOOP("patient", "other"),
    "unknown": QT_TRANSLATE_NOOP("patient", "unknown"),
}


def sex_word(code: str) -> str:
    """A stored sex code in the window's language (an unknown code shown as stored)."""
    return QCoreApplication.translate("patient", SEX_WORDS.get(code, code))


def vital(key: str) -> str:
    """A vital sign's abbreviation (``hr``, ``sbp``, ``spo2``, ``temp_c`` …) in the window's
    language: HR → FC, SBP → PAS in Spanish. The words live in ``present.catalog`` (context
    "vitals"), shared with the PDF record."""
    return QCoreApplication.translate("vitals", VITALS_ABBREVIATIONS.get(key, key))


def clinical(text: str) -> str:
    """A word of the clinical core (a session state's or a scale's label) in the window's
    language; words the catalog does not know come back unchanged."""
    return QCoreApplication.translate("clinical", text)


#: the catalog's context of the services' messages (``words`` is read as ``QT_TR_NOOP``)
SERVICE_CONTEXT = ""


def service_word(text: str) -> str:
    """One template of the layers below the window in the window's language."""
    return QCoreApplication.translate(SERVICE_CONTEXT, text)


def words_text(message: str) -> str:
    """A message built below the window (a :class:`~chairlog.words.Words`, or a plain English
    string the catalog may know) in the window's language."""
    if isinstance(message, Words):
        return message.render(service_word,
                              translate if current_language() != SOURCE_LANGUAGE else None)
    return service_word(message) if message else message


def alert_text(message: str) -> str:
    """An alert's stored (English) message in the window's language (``words.recognise``)."""
    return words_text(alert_words(message))


def vocabulary(table: Mapping[str, str]) -> dict[str, str]:
    """A vocabulary of the domain (code → label marked with ``words``, e.g. the side effects)
    with its labels in the window's language, in the same order."""
    return {code: words_text(text) for code, text in table.items()}


def entry_text(entry: EntryView, units: Units) -> str:
    """An entry's one-line summary in the window's language (``present.vitals_text``): the
    stored English line in English, the lines of ``present.entry_text`` in another."""
    return entry_summary(entry, units, translate, current_language())


def error_text(error: BaseException) -> str:
    """What the window says for ``error``: a ChairlogError's message in the window's language
    (template translated, word parameters translated, then formatted); any other exception as
    ``str(error)``."""
    if isinstance(error, ChairlogError):
        return words_text(error.words)
    return str(error)


def catalog_path(language: str) -> str:
    """chairlog's compiled catalog for ``language`` (``MissingResource`` if not shipped)."""
    return str(paths.resource(f"translations/chairlog_{language}.qm"))


def current_language() -> str:
    return _language


def install_language(language: str, qapp: QCoreApplication | None = None) -> bool:
    """Install the translators for ``language`` (removing the previous ones); True when the
    window's language changed."""
    global _language
    qapp = qapp or QCoreApplication.instance()
    if qapp is None:
        raise RuntimeError("install_language needs a QApplication")
    if language == _language and (_installed or language == SOURCE_LANGUAGE):
        return False
    before = _language
    for old in _installed:
        qapp.removeTranslator(old)
    _installed.clear()
    _language = SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        return True
    try:
        ours = QTranslator(qapp)
        if not ours.load(catalog_path(language)):
            raise paths.MissingResource(f"translations/chairlog_{language}.qm (unreadable)",
                                        paths.resources_dir())
    except paths.MissingResource as exc:
        log.warning("no %s catalog, the window stays in English: %s", language, exc)
        return _language != before
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(qapp)
    if qt_own.load(f"qtbase_{language}", qt_folder):
        qapp.installTranslator(qt_own)
        _installed.append(qt_own)
    else:
        log.info("Qt has no qtbase_%s catalog in %s", language, qt_folder)
    qapp.installTranslator(ours)
    _installed.append(ours)
    _language = language
    return True


def clinic_language(ctx: UiContext) -> str:
    """The clinic's chosen language (the source language if it cannot be read)."""
    try:
        return accounts.get_clinic(ctx.app).language
    except ChairlogError:
        log.exception("the clinic's language could not be read")
        return SOURCE_LANGUAGE


class LanguageSwitch(QObject):
    """Keeps the window in the clinic's language: on a ``clinic`` change with another language
    it installs the catalogs and replaces the main window by a new one (see Decisions)."""

    def __init__(self, ctx: UiContext, build: Callable[[], MainWindow],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.build = build
        install_language(clinic_language(ctx))
        self.window = build()
        #: windows replaced so far (for the status line and the tests)
        self.rebuilds = 0
        self._wait = QTimer(self)
        self._wait.setInterval(WAIT_MS)
        self._wait.timeout.connect(self._rebuild_when_free)
        ctx.events.data_changed.connect(self._on_data_changed)

    def _on_data_changed(self, entity: str, _id: int) -> None:
        if entity != "clinic":
            return
        before, wanted = current_language(), clinic_language(self.ctx)
        if wanted != before:
            install_language(wanted)
            if current_language() != before:  # (a catalog that failed to load changes nothing)
                self._rebuild_when_free()

    def _rebuild_when_free(self) -> None:
        if QApplication.activeModalWidget() is not None or self.window.locked:
            self._wait.start()
            return
        self._wait.stop()
        self.rebuild()

    def rebuild(self) -> MainWindow:
        """A new main window in the installed language, in the old one's place."""
        old = self.window
        sessions = list(old.pages)
        new = self.build()
        new.setGeometry(old.geometry())
        if old.isVisible():
            new.show()
        self.window = new
        old.quit_now()
        old.deleteLater()
        for session_id in sessions:
            new.open_session(session_id)
        if not sessions:
            new.show_board()
        self.rebuilds += 1
        return new


def clock_date(at: datetime) -> str:
    """"Wed 02 Dec" / "mié 02 dic" — the board clock's date in the window's language (Qt's
    locale names: strftime's would follow the workstation's C locale, always English)."""
    loc = QLocale(current_language())
    short = QLocale.FormatType.ShortFormat
    return f"{loc.dayName(at.isoweekday(), short)} {at.day:02d} {loc.monthName(at.month, short)}"
