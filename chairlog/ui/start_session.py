"""Start a session: find (or register) the patient, pick the chair and protocol, enter
today's weight.

Decisions:
- Search as you type (name or MRN, accent-insensitive in the service), debounced 200 ms so a
  fast typist does not query per keystroke.
- "New patient" opens an inline form in the same dialog (no second window). A patient
  registered here stays selected even if starting the session then fails (e.g. a mistyped
  weight), so a retry never registers them twice.
- The weight box is plain text handed to the service as typed: the service names the field
  in its error, the error shows under the box, and the typed text stays for correction.
  Where the clinic types weights in lb (``ctx.units``), the box takes lb, the range is checked
  in lb here (``present.units``) and the service is given the kg; the kg is shown beside it.
  The last session's weight is shown for comparison; a difference over 10 % is pointed out.
- Chairs already in use (from the board's cache) are listed but cannot be chosen.
- Every read (the search, the last weight, the chairs and protocols offered) runs on the
  window's operation runner (``ctx.runner``): a hung server never blocks the window. An answer
  ready within the runner's fast wait is shown in the same event; a search answered after a
  newer one was typed is dropped (a sequence number), as is a last weight read for a patient no
  longer selected. A read that fails says so in the banner; the dialog stays usable.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import ChairInfo, PatientInfo, ProtocolInfo, SessionView
from chairlog.errors import ChairlogError, ValidationError
from chairlog.present.numbers import fmt
from chairlog.services import Chairlog, patients, protocols, sessions
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import error_text, sex_word, translate
from chairlog.ui.widgets import (
    BigButton,
    ErrorBanner,
    FieldErrors,
    FitScrollArea,
    action_row,
    big_font,
    form_label,
    label_fields,
    tab_in_reading_order,
)
from chairlog.words import words

SEARCH_DELAY_MS = 200
#: the forms' height at most, so the dialog stays under 700 px with Start in view
MAX_FORM_PX = 540
WEIGHT_WARN_FRACTION = 0.10


def _line(placeholder: str = "") -> QLineEdit:
    e = QLineEdit()
    e.setFont(big_font(tokens.PT_M))
    e.setMinimumHeight(tokens.TOUCH_PX)
    e.setPlaceholderText(placeholder)
    return e


def _choices(app: Chairlog) -> tuple[list[ChairInfo], list[ProtocolInfo]]:
    """The chairs and protocols the dialog offers (one read on the runner)."""
    return list(protocols.list_chairs(app)), list(protocols.list_protocols(app))


class StartSessionDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 chair_id: int | None = None, busy_chairs: set[int] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.patient: PatientInfo | None = None
        self.session: SessionView | None = None
        self._last_weight: float | None = None
        self._last_text = ""
        self._search_seq = 0
        self.setWindowTitle(translate("StartSessionDialog", "Start a session"))
        self.setMinimumWidth(tokens.DIALOG_3XL)
        lay = QVBoxLayout(self)
        head = QLabel(translate("StartSessionDialog", "Start a session"))
        head.setFont(big_font(tokens.PT_4XL, bold=True))
        lay.addWidget(head)
        self.banner = ErrorBanner()
        self.errors = FieldErrors(self.banner)
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 8, 0)
        body.addWidget(self._patient_box())
        body.addWidget(self._new_patient_box())
        body.addWidget(self._session_box(chair_id, busy_chairs or set()))
        # the forms scroll on a small screen; the banner and Start stay in view
        self.form_scroll = FitScrollArea(content, reserve=240)
        self.form_scroll.setMaximumHeight(MAX_FORM_PX)
        lay.addWidget(self.form_scroll, 1)
        lay.addWidget(self.banner)
        row, self.start_button, _cancel = action_row(
            self, translate("StartSessionDialog", "Start session  (Enter)"), self.submit
        )
        self.start_button.setAutoDefault(False)
        lay.addLayout(row)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        tab_in_reading_order(self)
        self.search.setFocus()
        self.resize(max(self.width(), 760), self.sizeHint().height())

    # ---- patient ------------------------------------------------------------------------
    def _patient_box(self) -> QGroupBox:
        box = QGroupBox(translate("StartSessionDialog", "Patient"))
        v = QVBoxLayout(box)
        row = QHBoxLayout()
        self.search = _line(translate("StartSessionDialog", "Type a name or MRN…"))
        self.search.setAccessibleName(translate("StartSessionDialog", "Find patient"))
        self.search.setAccessibleDescription(
            translate(
                "StartSessionDialog", "Type a name or MRN; matching patients are listed below"
            )
        )
        self.new_patient_button = BigButton(
            translate("StartSessionDialog", "New patient…  (Ctrl+N)")
        )
        self.new_patient_button.setShortcut(QKeySequence("Ctrl+N"))
        self.new_patient_button.setAutoDefault(False)
        self.new_patient_button.setCheckable(True)
        self.new_patient_button.toggled.connect(self.show_new_patient_form)
        row.addWidget(self.search, 1)
        row.addWidget(self.new_patient_button)
        v.addLayout(row)
        self.results = QListWidget()
        self.results.setFont(big_font(tokens.PT_M))
        self.results.setFixedHeight(tokens.LIST_BOX_PX)
        self.results.setAccessibleName(translate("StartSessionDialog", "Matching patients"))
        self.results.currentItemChanged.connect(self._on_result)
        v.addWidget(self.results)
        self.no_match = QLabel(
            translate("StartSessionDialog", "No patient matches — New patient  (Ctrl+N)")
        )
        self.no_match.setObjectName("noPatientMatch")
        self.no_match.setFont(big_font(tokens.PT_M, bold=True))
        self.no_match.hide()
        v.addWidget(self.no_match)
        self.selected_label = QLabel(translate("StartSessionDialog", "No patient selected"))
        self.selected_label.setObjectName("selectedPatient")
        self.selected_label.setFont(big_font(tokens.PT_M, bold=True))
        self.selected_label.setWordWrap(True)
        self.selected_label.setMinimumHeight(self.selected_label.fontMetrics().lineSpacing() * 2)
        v.addWidget(self.selected_label)
        v.addWidget(self.errors.label_for("patient_id", self.search))
        return box

    def run_search(self) -> None:
        """Search on the runner; the list fills when the answer arrives."""
        self._search_timer.stop()
        self._search_seq += 1
        seq, text = self._search_seq, self.search.text()
        self.ctx.runner.interactive(self, patients.search_patients, self.ctx.app, text).success(
            lambda found: self._show_found(seq, text, found)).failure(
            self._read_failed).wait_briefly()

    def _read_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError):
            raise exc
        self.banner.show_message(error_text(exc))

    def _show_found(self, seq: int, text: str, found: list[PatientInfo]) -> None:
        if seq != self._search_seq:
            return  # a newer search is on its way
        self.results.clear()
        for p in found:
            dob = (
                translate("StartSessionDialog", " · born {value}").format(
                    value=p.date_of_birth.isoformat()
                )
                if p.date_of_birth
                else ""
            )
            item = QListWidgetItem(f"{p.display_name}   ·   {p.mrn}{dob}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.results.addItem(item)
        if len(found) == 1:
            self.results.setCurrentRow(0)
        self.no_match.setVisible(not found and bool(text.strip()))

    def _on_result(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        if item is not None:
            self.select_patient(item.data(Qt.ItemDataRole.UserRole))

    def select_patient(self, p: PatientInfo) -> None:
        self.patient = p
        allergies = (
            f"   ALLERGIES: {p.allergies}"
            if p.allergies
            else translate("StartSessionDialog", "   No known allergies")
        )
        self.selected_label.setText(
            translate("StartSessionDialog", "Selected: {display_name} · {mrn}{allergies}").format(
                display_name=p.display_name, mrn=p.mrn, allergies=allergies
            )
        )
        self._last_weight, self._last_text = None, ""
        self._compare_weight()
        self.ctx.runner.interactive(self, patients.last_weight_kg, self.ctx.app, p.id).success(
            lambda last: self._show_last_weight(p, last)).failure(
            lambda _e: self._show_last_weight(p, None)).wait_briefly()

    def _show_last_weight(self, p: PatientInfo, last: tuple[float, date] | None) -> None:
        if self.patient is None or self.patient.id != p.id:
            return  # another patient was picked meanwhile
        self._last_weight = last[0] if last else None
        self._last_text = (
            translate("StartSessionDialog", "Last weight {weight} on {date}").format(
                weight=self.ctx.units.show_weight(last[0]), date=last[1].isoformat()
            )
            if last
            else translate("StartSessionDialog", "No earlier weight on record")
        )
        self._compare_weight()

    # ---- new patient form -----------------------------------------------------------------
    def _new_patient_box(self) -> QGroupBox:
        box = QGroupBox(translate("StartSessionDialog", "New patient"))
        self.new_patient_box = box
        form = QFormLayout(box)
        self.mrn = _line()
        self.family_name = _line()
        self.given_name = _line()
        self.date_of_birth = _line("YYYY-MM-DD")
        self.sex = QComboBox()
        self.sex.setMinimumHeight(tokens.TOUCH_PX)
        for s in patients.SEXES:
            self.sex.addItem(sex_word(s).capitalize(), s)
        self.sex.setCurrentIndex(patients.SEXES.index("unknown"))
        self.allergies = _line(
            translate("StartSessionDialog", "e.g. Penicillin (leave empty if none)")
        )
        for label, name, w in (
            ("MRN", "mrn", self.mrn),
            (translate("StartSessionDialog", "Family name"), "family_name", self.family_name),
            (translate("StartSessionDialog", "Given name"), "given_name", self.given_name),
            (translate("StartSessionDialog", "Date of birth"), "date_of_birth", self.date_of_birth),
            (translate("StartSessionDialog", "Sex"), "sex", self.sex),
            (translate("StartSessionDialog", "Allergies"), "allergies", self.allergies),
        ):
            form.addRow(form_label(label, 12), w)
            form.addRow("", self.errors.label_for(name, w))
        label_fields(form)
        for w, text in (
            (self.mrn, translate("StartSessionDialog", "The clinic's medical record number")),
            (self.family_name, translate("StartSessionDialog", "Surname")),
            (self.given_name, translate("StartSessionDialog", "First name")),
            (
                self.date_of_birth,
                translate("StartSessionDialog", "Year-month-day, e.g. 1970-04-23"),
            ),
            (self.allergies, translate("StartSessionDialog", "Leave empty if none are known")),
        ):
            w.setAccessibleDescription(text)
        box.hide()
        return box

    def show_new_patient_form(self, on: bool) -> None:
        self.new_patient_box.setVisible(on)
        self.results.setVisible(not on)
        self.no_match.hide()
        tab_in_reading_order(self)
        if on:
            self.results.clearSelection()
            self.patient = None
            self.selected_label.setText(
                translate("StartSessionDialog", "New patient: fill in the form below")
            )
            text = self.search.text().strip()
            if text and not self.mrn.text() and not self.family_name.text():
                (self.mrn if any(ch.isdigit() for ch in text) else self.family_name).setText(text)
            self.mrn.setFocus()
        elif self.patient is None:
            self.selected_label.setText(translate("StartSessionDialog", "No patient selected"))

    def _register_patient(self) -> PatientInfo:
        return patients.create_patient(
            self.ctx.app, self.ctx.require_user(), mrn=self.mrn.text(),
            family_name=self.family_name.text(), given_name=self.given_name.text(),
            date_of_birth=self.date_of_birth.text().strip() or None,
            sex=self.sex.currentData(), allergies=self.allergies.text())

    # ---- chair, protocol, weight ----------------------------------------------------------
    def _session_box(self, chair_id: int | None, busy: set[int]) -> QGroupBox:
        box = QGroupBox(translate("StartSessionDialog", "Session"))
        form = QFormLayout(box)
        self.chair = QComboBox()
        self.chair.setMinimumHeight(tokens.TOUCH_PX)
        self.chair.setFont(big_font(tokens.PT_M))
        self.protocol = QComboBox()
        self.protocol.setMinimumHeight(tokens.TOUCH_PX)
        self.protocol.setFont(big_font(tokens.PT_M))
        self.ctx.runner.interactive(self, _choices, self.ctx.app).success(
            lambda got: self._fill_choices(*got, chair_id, busy)).failure(
            self._read_failed).wait_briefly()
        units = self.ctx.units
        self.weight = _line(self.tr("{unit}, measured today").format(unit=units.weight_symbol))
        self.weight.textEdited.connect(lambda _t: self._compare_weight())
        self.last_weight_label = QLabel("")
        self.last_weight_label.setObjectName("lastWeight")
        self.last_weight_label.setFont(big_font(tokens.PT_BASE))
        self.last_weight_label.setWordWrap(True)
        form.addRow(form_label(translate("StartSessionDialog", "Chair"), 12), self.chair)
        form.addRow("", self.errors.label_for("chair_id", self.chair))
        form.addRow(form_label(translate("StartSessionDialog", "Protocol"), 12), self.protocol)
        form.addRow("", self.errors.label_for("protocol_id", self.protocol))
        form.addRow(form_label(self.tr("Weight today ({unit})").format(unit=units.weight_symbol),
                               12), self.weight)
        form.addRow("", self.last_weight_label)
        form.addRow("", self.errors.label_for("weight_kg", self.weight))
        label_fields(form)
        self.weight.setAccessibleDescription(self.tr(
            "Measured today, in {unit}; the last weight on record is shown below"
        ).format(unit=units.weight_symbol))
        return box

    def _fill_choices(self, chairs: list[ChairInfo], protos: list[ProtocolInfo],
                      chair_id: int | None, busy: set[int]) -> None:
        for c in chairs:
            in_use = c.id in busy and c.id != chair_id
            self.chair.addItem(
                c.name + (translate("StartSessionDialog", "  (in use)") if in_use else ""), c.id
            )
            if in_use:
                item = self.chair.model().item(self.chair.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
        if chair_id is not None:
            self.chair.setCurrentIndex(max(0, self.chair.findData(chair_id)))
        else:
            free = [i for i in range(self.chair.count()) if self.chair.itemData(i) not in busy]
            if free:
                self.chair.setCurrentIndex(free[0])
        for p in protos:
            self.protocol.addItem(f"{p.name} (v{p.version})", p.id)

    def _compare_weight(self) -> None:
        text = self._last_text
        units = self.ctx.units
        typed_kg = units.typed_kg(self.weight.text())
        if units.lb and typed_kg is not None:  # the kg the doses will use, beside the lb
            text = self.tr("= {kg} kg").format(kg=fmt(typed_kg, 2)) + "   ·   " + text
        if self._last_weight is not None:
            now_kg = typed_kg
            if now_kg is not None and now_kg > 0:
                change = abs(now_kg - self._last_weight) / self._last_weight
                if change > WEIGHT_WARN_FRACTION:
                    text += translate(
                        "StartSessionDialog",
                        "   ⚠ {change:.0%} different from last time: check the weight",
                    ).format(change=change)
        self.last_weight_label.setText(text)

    # ---- submit ---------------------------------------------------------------------------
    def submit(self) -> None:
        if self._search_timer.isActive():  # Enter right after typing: search first
            self.run_search()
        self.errors.clear()
        try:
            if self.new_patient_box.isVisible():
                p = self._register_patient()
                self.new_patient_button.setChecked(False)
                self.select_patient(p)
                self.search.setText(p.mrn)
            if self.patient is None:
                raise ValidationError("patient_id", self.search.text(),
                                      words("a patient: search by name or MRN and pick one, "
                                            "or register a new patient"), words("patient"))
            chair_id, protocol_id = self.chair.currentData(), self.protocol.currentData()
            if chair_id is None:
                raise ValidationError("chair_id", "", words("a chair"), words("chair"))
            if protocol_id is None:
                raise ValidationError("protocol_id", "", words("a protocol"), words("protocol"))
            self.session = sessions.start_session(
                self.ctx.app, self.ctx.require_user(), patient_id=self.patient.id,
                chair_id=chair_id, protocol_id=protocol_id,
                weight_kg=self.ctx.units.weight_to_kg(self.weight.text()))
        except ChairlogError as exc:
            self.errors.show(exc)
            return
        self.accept()
