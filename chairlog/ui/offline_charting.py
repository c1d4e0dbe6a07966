"""Charting one chair from the snapshot board, signed in offline: a vitals set (the session
page's own form, ``ui.session.vitals_form``), a note and a side effect, each kept in the
outbox (``outbox.offline``) and acknowledged as "saved on this workstation — not yet on the
server".

Decisions:
- The vitals form is the session page's, unchanged: this dialog is its ``Host``. Its refusals
  (a value out of the plausible range, DBP not below SBP) come from the same checks the
  service runs, which need no database (the use case's ``precheck``), so a typing error is
  named and outlined at once, every typed value kept.
- The charted time is the moment of saving (the board's steady clock); no earlier time can be
  chosen offline (the time control needs the session's server-side history).
- No alert is raised offline: the protocol's thresholds are judged by the server's rules on
  replay, which raise the alerts then (``outbox.provisional``); the dialog says so.
- Temperature is typed in °C: the clinic's unit setting is on the server.
- Every write (an fsynced SQLite commit) runs on the board's operation runner, off the UI
  thread; the acknowledgement arrives on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from chairlog.clinical.vitals import REQUIRED
from chairlog.domain import AlertView, SessionView
from chairlog.domain.describe import ACTIONS, SEVERITY_WORDS, SIDE_EFFECTS
from chairlog.errors import ChairlogError, ValidationError
from chairlog.outbox import QUEUED_WORDS, OutboxStore, Outcome, offline, waiting_words
from chairlog.outbox.provisional import Provisional, kept
from chairlog.outbox.store import Entry
from chairlog.outbox.usecases import bind, by_function
from chairlog.present.units import Units
from chairlog.services import charting
from chairlog.ui import tokens
from chairlog.ui.i18n import error_text, translate, vocabulary, words_text
from chairlog.ui.operations import OperationRunner
from chairlog.ui.session.common import clock_time
from chairlog.ui.session.vitals_form import VitalsForm
from chairlog.ui.widgets import BigButton, big_font, named


def kept_what(e: Entry) -> str:
    """What a kept entry says, short: the vitals set's figures, a note's first words."""
    a = e.arguments
    if e.use_case == "record_vitals":
        v = a.get("values") or {}
        return translate("offline_charting", "Vitals HR {hr} BP {sbp}/{dbp} SpO₂ {spo2} RR {rr}"
                         ).format(**{k: v.get(k) for k in REQUIRED})
    if e.use_case == "add_note":
        text = str(a.get("text") or "")
        return translate("offline_charting", "Note: {text}").format(
            text=text if len(text) <= 60 else text[:59] + "…")
    if e.use_case == "record_side_effect":
        return translate("offline_charting", "Side effect: {effect} ({severity})").format(
            effect=words_text(SIDE_EFFECTS.get(str(a.get("effect_type")), "?")),
            severity=words_text(SEVERITY_WORDS.get(str(a.get("severity")), "?")))
    return e.use_case.replace("_", " ")


def kept_line(e: Entry, tz: ZoneInfo) -> str:
    """One acknowledged entry as the board and the dialog list it."""
    at = datetime.fromisoformat(e.charted_at) if e.charted_at else None
    return translate("offline_charting", "{time} {what} — {who}: {queued}").format(
        time=clock_time(at, tz), what=kept_what(e), who=e.username, queued=QUEUED_WORDS)


class OfflineChartDialog(QDialog):
    """One running session, charted by ``user`` into ``store``."""

    # an entry was kept (the Outcome); the board refreshes its count and tiles
    entry_kept = Signal(object)

    def __init__(self, runner: OperationRunner, store: OutboxStore, user: offline.OfflineUser,
                 view: SessionView, tz: ZoneInfo, now: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.store, self.user = runner, store, user
        self._view, self._tz, self._now = view, tz, now
        self._units = Units()
        self.busy = False
        self.setObjectName("offlineChart")
        self.setWindowTitle(translate("OfflineChartDialog", "chairlog — OFFLINE charting — {chair}")
                            .format(chair=view.chair.name))
        self.setMinimumWidth(tokens.DIALOG_3XL)
        self.resize(980, 860)
        lay = QVBoxLayout(self)
        head = QLabel(translate(
            "OfflineChartDialog",
            "OFFLINE — {chair} · {patient} · charting as {nurse}").format(
                chair=view.chair.name, patient=view.patient.display_name,
                nurse=user.display_name))
        head.setObjectName("offlineBanner")
        head.setWordWrap(True)
        head.setFont(big_font(tokens.PT_XL, bold=True))
        lay.addWidget(head)
        note = QLabel(translate(
            "OfflineChartDialog",
            "Each entry is kept on this workstation, charted at the moment you save it, and "
            "sent to the server as you when it is back and you sign in there. Alerts are "
            "judged by the server then: watch the patient as on paper."))
        note.setWordWrap(True)
        lay.addWidget(note)
        self.vitals = VitalsForm(self, self)
        self.vitals.update_view(view, True)
        self.vitals.setMinimumHeight(self.vitals.sizeHint().height())
        lay.addWidget(self.vitals)
        lay.addLayout(self._note_row())
        lay.addLayout(self._side_effect_row())
        self.message = QLabel()
        self.message.setObjectName("outboxWaiting")
        self.message.setWordWrap(True)
        self.message.setFont(big_font(tokens.PT_L, bold=True))
        lay.addWidget(self.message)
        lay.addWidget(QLabel(translate("OfflineChartDialog", "Kept for this chair:")))
        self.kept_list = QListWidget()
        self.kept_list.setObjectName("offlineKept")
        self.kept_list.setWordWrap(True)
        self.kept_list.setMinimumHeight(tokens.TOUCH_PX * 2)
        lay.addWidget(self.kept_list, 1)
        close = BigButton(translate("OfflineChartDialog", "Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        lay.addWidget(close)
        self.refresh_kept()
        self.vitals.focus_first()

    def _note_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.note = QPlainTextEdit()
        self.note.setObjectName("offlineNote")
        self.note.setPlaceholderText(translate("OfflineChartDialog", "Note"))
        self.note.setMaximumHeight(tokens.TOUCH_PX * 2)
        named(self.note, translate("OfflineChartDialog", "Note"),
              translate("OfflineChartDialog", "A note for the chart; Save note keeps it"))
        self.save_note = BigButton(translate("OfflineChartDialog", "Save note"))
        self.save_note.setAutoDefault(False)
        self.save_note.clicked.connect(self.submit_note)
        row.addWidget(self.note, 1)
        row.addWidget(self.save_note)
        return row

    def _side_effect_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.effect = QComboBox()
        self.severity = QComboBox()
        self.action = QComboBox()
        for combo, table, what in (
                (self.effect, SIDE_EFFECTS, translate("OfflineChartDialog", "Side effect")),
                (self.severity, SEVERITY_WORDS, translate("OfflineChartDialog", "Severity")),
                (self.action, ACTIONS, translate("OfflineChartDialog", "Action taken"))):
            for code, text in vocabulary(table).items():
                combo.addItem(text, code)
            combo.setMinimumHeight(tokens.TOUCH_PX)
            named(combo, what, what)
            row.addWidget(combo, 1)
        self.save_effect = BigButton(translate("OfflineChartDialog", "Save side effect"))
        self.save_effect.setAutoDefault(False)
        self.save_effect.clicked.connect(self.submit_side_effect)
        row.addWidget(self.save_effect)
        return row

    # ---- Host (what the vitals form asks of its page) -----------------------------------
    @property
    def view(self) -> SessionView:
        return self._view

    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    @property
    def units(self) -> Units:
        return self._units

    def now(self) -> datetime:
        return self._now()

    def submit(self, fn: Callable[..., Any], *args: Any,
               on_success: Callable[[Any], None] | None = None,
               on_invalid: Callable[[ValidationError], None] | None = None,
               version: bool | int = True, timed: bool = False,
               time_as: str = "charted_at", **kwargs: Any) -> bool:
        """Keep ``fn(…)`` in the outbox for the offline nurse (off the UI thread)."""
        uc = by_function(fn)
        if uc is None or self.busy:
            return False
        arguments = bind(uc, args, kwargs)
        arguments.pop("expected_version", None)
        self.busy = True
        user, view, at = self.user, self._view, self._now()

        def saved(outcome: Outcome) -> None:
            self.busy = False
            result = kept(outcome, uc.name, user.user_id, user.display_name, view.id,
                          datetime.fromisoformat(outcome.charted_at or at.isoformat()), at)
            if on_success is not None:
                on_success(result)
            self._acknowledge(result)

        def invalid(exc: ValidationError) -> None:
            self.busy = False
            if on_invalid is not None:
                on_invalid(exc)
            else:
                self.say(error_text(exc), "error")

        def failed(exc: BaseException) -> None:
            self.busy = False
            if not isinstance(exc, ChairlogError):
                raise exc
            self.say(error_text(exc), "error")

        op = self.runner.interactive(self, offline.chart, self.store, user, uc.name, arguments,
                                     session_id=view.id, seen_version=view.version, now=at)
        op.success(saved).on_invalid(invalid).failure(failed)
        return True

    def open_dialog(self, dialog: QDialog) -> None:
        dialog.open()

    def say(self, text: str, tone: str = "info") -> None:
        self.message.setText(text)
        self.message.setProperty("tone", tone)

    def focus_vitals(self) -> None:
        self.vitals.focus_first()

    def show_alerts(self, alerts: Sequence[AlertView]) -> None:
        """Never called for a kept set (no alert is raised offline)."""
        if alerts:
            self.say(translate("OfflineChartDialog", "{n} alert(s): act as on paper.")
                     .format(n=len(alerts)), "error")

    # ---- the note and the side effect -----------------------------------------------------
    def submit_note(self) -> None:
        self.submit(charting.add_note, self._view.id, self.note.toPlainText(),
                    on_success=lambda _r: self.note.clear())

    def submit_side_effect(self) -> None:
        self.submit(charting.record_side_effect, self._view.id, self.effect.currentData(),
                    self.severity.currentData(), self.action.currentData())

    # ---- acknowledgement ------------------------------------------------------------------
    def _acknowledge(self, result: Provisional) -> None:
        e = self.store.get(result.outcome.entry_key)
        what = kept_what(e) if e is not None else result.entry.summary
        self.say(translate("OfflineChartDialog", "{time} {what}: {queued} ({waiting}).")
                 .format(what=what, time=clock_time(result.entry.charted_at, self._tz),
                         queued=QUEUED_WORDS, waiting=waiting_words(result.outcome.waiting)),
                 "warn")
        self.refresh_kept()
        self.entry_kept.emit(result.outcome)

    def refresh_kept(self) -> None:
        self.kept_list.clear()
        for e in reversed(self.store.entries(self.user.database, ("pending",),
                                             session_id=self._view.id)):
            self.kept_list.addItem(kept_line(e, self._tz))
