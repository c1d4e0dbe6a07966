"""Review and sign records: a physician goes through the records awaiting signature one
after another, sees each as the PDF it will become, and signs it with their password.

Decisions:
- The signer is the signed-in physician. The first signature of a sitting asks for the
  username and the password; the next ones in the same sitting only a click
  (``ui.sitting_panel``, ``services.sitting``; 21 CFR Part 11 §11.200(a)(1)(i)). Each record
  is still signed on its own, after its deviations and its preview were on screen.
- Each queue line counts the record's deviations by kind (one record view read per record,
  kept until a change to that record is announced); the full list stands above the preview
  of the selected record.
- *Return to nurse…* (physicians) asks for the reason and takes the record out of the queue
  until the nurse marks it ready again (``services.returns``).
- The preview is the record's PDF (an unsigned draft) rendered with QtPdf (the
  ``PySide6-Pdf`` wheel); the record is built on the background worker. Without QtPdf the
  dialog says so and signing still works.
- Signing (PDF build, key unlock, PAdES signature) runs on the runner's interactive lane
  (``ctx.runner``), never behind a backup; the service opens its own database sessions. The
  decrypted key only ever exists inside that service call. When the workstation locks, the
  dialog clears the password and closes.
- After a signature the next record in the queue is selected and previewed.
"""

from __future__ import annotations

import contextlib
import html
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import Role, SessionSummary, SignedRecordInfo
from chairlog.errors import ChairlogError
from chairlog.services import accounts, deviations, records, returns, signoff
from chairlog.services.records import record_id
from chairlog.services.views import signing_queue
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, clinical, error_text, translate, words_text
from chairlog.ui.pdf_preview import PdfPreview
from chairlog.ui.sitting_panel import SittingControls

RETURN_REASONS = (
    QT_TRANSLATE_NOOP("words", "Entry missing — please chart it"),
    QT_TRANSLATE_NOOP("words", "Value looks wrong — please check"),
    QT_TRANSLATE_NOOP("words", "Discharge details incomplete"),
    QT_TRANSLATE_NOOP("words", "Correction needs a clearer reason"),
)


class SignoffDialog(QDialog):
    """The physician's sign-off queue: preview, problems, meaning, comment, password."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("SignoffDialog", "Sign records"))
        self.resize(1180, 800)
        self.busy = False
        self._queue: list[SessionSummary] = []
        self._current: int | None = None
        self._preview_token = 0
        self._problems: list[str] = []
        #: deviation counts by session (read once per record, again when it changes)
        self._counts: dict[int, dict[str, int]] = {}
        user = ctx.user
        self._can_sign = user is not None and user.role is Role.PHYSICIAN
        self._build()
        ctx.on_lock.append(self._on_lock)
        self.finished.connect(self._detach)
        ctx.events.data_changed.connect(self._on_data_changed)
        self.refresh_queue()

    # ---- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        user = self.ctx.user
        who = QLabel(
            translate("SignoffDialog", "Signing as <b>{display_name}</b>").format(
                display_name=user.display_name
            )
            if user and self._can_sign
            else translate(
                "SignoffDialog",
                "Only physicians sign records. You can review the records awaiting signature.",
            )
        )
        who.setObjectName("signerLine")
        self.today_only = QCheckBox(translate("SignoffDialog", "Today only"))
        self.today_only.toggled.connect(lambda _on: self.refresh_queue())
        self.queue_list = QListWidget()
        self.queue_list.setObjectName("signQueue")
        self.queue_list.currentItemChanged.connect(self._on_selected)
        self.queue_title = QLabel()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.queue_title)
        lv.addWidget(self.today_only)
        lv.addWidget(self.queue_list)

        self.preview = PdfPreview()
        self.deviations = QLabel()
        self.deviations.setObjectName("signDeviations")
        self.deviations.setWordWrap(True)
        self.deviations.setTextFormat(Qt.TextFormat.RichText)
        self.problems = QLabel()
        self.problems.setObjectName("signProblems")
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.meaning = QComboBox()
        self.meaning.setEditable(True)
        self.meaning.addItems(list(signoff.MEANINGS))
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(translate("SignoffDialog", "optional"))
        form = QFormLayout()
        form.addRow(translate("SignoffDialog", "Meaning of the signature"), self.meaning)
        form.addRow(translate("SignoffDialog", "Comment"), self.comment)
        self.credentials = SittingControls(self.ctx)
        self.password = self.credentials.password
        self.password_label = self.credentials.password_label  # "Token PIN" on a token
        self.password.returnPressed.connect(self.sign_current)
        self.credentials.username.returnPressed.connect(self.password.setFocus)
        self.sign_button = QPushButton(translate("SignoffDialog", "Sign record"))
        self.sign_button.setObjectName("signButton")
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.sign_current)
        self.skip_button = QPushButton(translate("SignoffDialog", "Next record"))
        self.skip_button.clicked.connect(self.select_next)
        self.return_button = QPushButton(translate("SignoffDialog", "Return to nurse…"))
        self.return_button.setObjectName("returnButton")
        self.return_button.setToolTip(
            translate(
                "SignoffDialog",
                "Send this record back to the nurse with a reason; it "
                "leaves the queue until the nurse marks it ready",
            )
        )
        self.return_button.clicked.connect(self.ask_return)
        self.return_dialog: QDialog | None = None
        close = QPushButton(translate("SignoffDialog", "Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.status = QLabel()
        self.status.setObjectName("signStatus")
        self.status.setWordWrap(True)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.deviations)
        rv.addWidget(self.preview, 1)
        rv.addWidget(self.problems)
        rv.addLayout(form)
        rv.addWidget(self.credentials)
        rv.addLayout(buttons)
        rv.addWidget(self.status)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([380, 800])  # names and deviation counts readable in full
        outer = QVBoxLayout(self)
        outer.addWidget(who)
        outer.addWidget(split, 1)
        for w in (self.meaning, self.comment, self.credentials):
            w.setEnabled(self._can_sign)
        with contextlib.suppress(ChairlogError):
            self.credentials.set_timezone(ZoneInfo(accounts.get_clinic(self.ctx.app).timezone))
        self._update_buttons()

    # ---- queue --------------------------------------------------------------------------
    def _since(self) -> datetime | None:
        if not self.today_only.isChecked():
            return None
        tz = ZoneInfo(accounts.get_clinic(self.ctx.app).timezone)
        today = self.ctx.app.now().astimezone(tz).date()
        return datetime.combine(today, time(0), tzinfo=tz)

    def refresh_queue(self, select: int | None = None, *, reload: bool = True) -> None:
        """Reload the records awaiting signature; keep (or choose) the selection. The
        selected record is previewed again when ``reload`` or when the selection changed."""
        keep = select if select is not None else self._current
        self._queue = signing_queue(self.ctx.app, since=self._since())
        missing = [q.id for q in self._queue if q.id not in self._counts]
        self._counts.update(deviations.deviation_counts(self.ctx.app, missing))
        counts = self._counts
        self.queue_list.blockSignals(True)
        self.queue_list.clear()
        row_to_select = 0
        for i, s in enumerate(self._queue):
            start = (s.infusion_started_at or s.checked_in_at).strftime("%Y-%m-%d")
            seen = counts.get(s.id, {})
            item = QListWidgetItem(f"{record_id(s.id)}  {s.patient_name}\n"
                                   f"{start} · {s.chair_name} · {clinical(s.state.label)}\n"
                                   f"⚑ {deviations.counts_text(seen)}")
            item.setToolTip(f"{s.patient_name}: {deviations.counts_text(seen)}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.queue_list.addItem(item)
            if s.id == keep:
                row_to_select = i
        self.queue_list.blockSignals(False)
        self.queue_title.setText(
            translate("SignoffDialog", "<b>Awaiting signature ({value})</b>").format(
                value=len(self._queue)
            )
        )
        if self._queue:
            self.queue_list.setCurrentRow(row_to_select)
            if reload or self._queue[row_to_select].id != self._current:
                self._on_selected(self.queue_list.currentItem(), None)
        else:
            self._current = None
            self.problems.hide()
            self.preview.show_message(
                translate("SignoffDialog", "No records are waiting for a signature.")
            )
            self._update_buttons()

    def select_next(self) -> None:
        row = self.queue_list.currentRow()
        if self.queue_list.count():
            self.queue_list.setCurrentRow((row + 1) % self.queue_list.count())

    def _on_selected(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        sid = int(item.data(Qt.ItemDataRole.UserRole))
        self._current = sid
        self._show_deviations(sid)
        self._show_problems(signoff.signing_problems(self.ctx.app, sid))
        self._load_preview(sid)

    def _show_deviations(self, sid: int) -> None:
        """Before the preview: every deviation the physician must review (also on the
        record's first page)."""
        devs = deviations.get_deviations(self.ctx.app, sid)
        if not devs:
            self.deviations.setText(translate("SignoffDialog", "<b>Deviations:</b> none."))
            return
        shown = devs[:12]
        more = len(devs) - len(shown)
        self.deviations.setText(
            translate("SignoffDialog", "<b>Deviations to review ({value}):</b><br>").format(
                value=len(devs)
            )
            + "<br>".join(f"• {html.escape(words_text(d.text))}" for d in shown)
            + (
                translate("SignoffDialog", "<br>… and {more} more in the record.").format(more=more)
                if more
                else ""
            )
        )

    def _show_problems(self, problems: list[str]) -> None:
        self._problems = problems
        if problems:
            self.problems.setText(
                translate("SignoffDialog", "<b>This record cannot be signed yet:</b><br>")
                + "<br>".join(f"• {words_text(p)}" for p in problems)
            )
            self.problems.show()
        else:
            self.problems.hide()
        self._update_buttons()

    def _load_preview(self, sid: int) -> None:
        self._preview_token += 1
        token = self._preview_token
        self.preview.show_message(translate("SignoffDialog", "Preparing the record…"))
        app = self.ctx.app
        self.ctx.runner.interactive(self, records.export_record, app, sid).success(
            lambda pdf: self._preview_ready(token, pdf)).failure(
            lambda exc: self._preview_failed(token, exc))

    def _preview_ready(self, token: int, pdf: bytes) -> None:
        if token == self._preview_token and self.isVisible():
            self.preview.show_pdf(pdf)

    def _preview_failed(self, token: int, exc: BaseException) -> None:
        if token == self._preview_token:
            self.preview.show_message(
                translate("SignoffDialog", "The record could not be prepared: {exc}").format(
                    exc=error_text(exc)
                )
            )

    def _on_data_changed(self, entity: str, entity_id: int) -> None:
        """Another change (here or on another workstation): the queue may have changed;
        the preview is rebuilt only when the record on screen changed."""
        if entity == "session":  # its counts are read again with the next refresh
            if entity_id:
                self._counts.pop(entity_id, None)
            else:
                self._counts.clear()
        if entity == "session" and not self.busy and self.isVisible():
            self.refresh_queue(reload=entity_id == self._current)

    # ---- signing ------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        ready = (self._can_sign and not self.busy and self._current is not None
                 and not self._problems)
        self.sign_button.setEnabled(ready)
        self.skip_button.setEnabled(not self.busy and self.queue_list.count() > 1)
        self.return_button.setEnabled(self._can_sign and not self.busy
                                      and self._current is not None)
        self.return_button.setVisible(self._can_sign)

    def sign_current(self) -> None:
        if not self.sign_button.isEnabled() or self._current is None:
            return
        sid = self._current
        work = self.credentials.work_for(sid, self.meaning.currentText(), self.comment.text())
        if isinstance(work, str):
            self._say(work, error=True)
            self.credentials.focus()
            return
        self.busy = True
        self._update_buttons()
        self._say(translate("SignoffDialog", "Signing {value}…").format(value=record_id(sid)))
        self.ctx.runner.interactive(self, work).success(self._signed).failure(
            self._sign_failed)

    def _signed(self, result: tuple[Any, SignedRecordInfo]) -> None:
        opened, info = result
        self.busy = False
        self.credentials.signed(opened)
        self.comment.clear()
        name = next((s.patient_name for s in self._queue if s.id == info.session_id), "")
        self._say(
            translate("SignoffDialog", "Signed {value}, version {record_version} — {name}.").format(
                value=record_id(info.session_id), record_version=info.record_version, name=name
            )
        )
        row = self.queue_list.currentRow()
        following = [s.id for s in self._queue[row + 1:]] + [s.id for s in self._queue[:row]]
        self._current = None
        self.refresh_queue(select=following[0] if following else None)
        if not self.isVisible():
            return
        (self.sign_button if self.credentials.is_open() else self.password).setFocus()

    def _sign_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.credentials.failed()
        message = (
            error_text(exc)
            if isinstance(exc, ChairlogError)
            else translate("SignoffDialog", "Signing failed: {exc}").format(exc=error_text(exc))
        )
        self._say(message, error=True)
        if self._current is not None:
            self._show_problems(signoff.signing_problems(self.ctx.app, self._current))
        self._update_buttons()
        self.credentials.focus()

    # ---- return to the nurse --------------------------------------------------------------
    def ask_return(self) -> QDialog | None:
        """Ask why, then send the selected record back to the nurse (off the UI thread)."""
        from chairlog.ui.session.dialogs import ReasonDialog

        if not self.return_button.isEnabled() or self._current is None:
            return None
        sid, app, user = self._current, self.ctx.app, self.ctx.require_user()
        name = next((s.patient_name for s in self._queue if s.id == sid), "")
        dlg = ReasonDialog(
            translate("SignoffDialog", "Return to nurse"),
            translate(
                "SignoffDialog",
                "Why does {value} ({name}) go back to the nurse? The nurse sees this on the board "
                "and in the session; the record returns to this queue when marked ready.",
            ).format(value=record_id(sid), name=name),
            quick=RETURN_REASONS,
            ok_text=translate("SignoffDialog", "Return to nurse"),
            parent=self,
        )

        def done(_view: object) -> None:
            dlg.accept()
            self._say(
                translate("SignoffDialog", "Returned {value} to the nurse: {value2}").format(
                    value=record_id(sid), value2=dlg.reason()
                )
            )
            self._current = None
            self.refresh_queue()

        def save() -> None:
            why = dlg.reason()
            self.ctx.runner.interactive(dlg, returns.return_to_nurse, app, user, sid, why).success(
                done).failure(lambda exc: dlg.show_error(error_text(exc)))
        dlg.submitted.connect(save)
        dlg.finished.connect(lambda _r: setattr(self, "return_dialog", None))
        self.return_dialog = dlg
        dlg.open()
        return dlg

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(
            translate("SignoffDialog", "<b>{text}</b>").format(text=text) if error else text
        )
        self.status.setProperty("error", error)

    # ---- lock and close -----------------------------------------------------------------
    def _on_lock(self) -> None:
        self.credentials.end("screen locked")
        self.reject()

    def _detach(self, _result: int = 0) -> None:
        self.credentials.end("sign dialog closed")
        if self._on_lock in self.ctx.on_lock:
            self.ctx.on_lock.remove(self._on_lock)
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self.ctx.events.data_changed.disconnect(self._on_data_changed)
