"""The newest pending monitor set beside the vitals form, and the board's badge text.

Unvalidated numbers are grey and say "from monitor, not charted"; they are never shown as
alarms (the monitor's own alarms stay primary). One key (Shift+F2) or the Accept button charts the
set as the signed-in nurse's vitals entry at the observation time (``monitor.validate_pending``,
which goes through ``charting.record_vitals``: plausibility, alerts, late-entry marking). The
fields are pre-filled with the monitor's values and editable before accepting: an edited value
is recorded as nurse-entered and the monitor's value is kept; an empty required field must be
filled. Reject needs a reason; "Clear older" rejects every older set of the chair at once.

The pending set is read off the UI thread (``ctx.runner``); accepting and rejecting are writes
through the host's ``submit`` like every other chart entry. The host is the session page, or the
board's review dialog (``chairlog.ui.monitor_review``): anything with ``ctx``, ``session_id``,
``tz``, ``editable()``, ``submit()``, ``say()`` and ``show_alerts()``.

Decisions:
- A set the nurse has started to edit stays on screen when newer sets arrive (the info line says
  a newer one waits): new numbers never overwrite what is being typed, and the set accepted is
  the one whose numbers were looked at. After accepting or rejecting it, the newest is shown.
- A required field the monitor did not send is empty with the placeholder "type it"; the
  service refuses the set until it is filled (never guessed).
- If the set was decided meanwhile (accepted on the tile, on another workstation, by the CLI),
  the refusal is shown and the edits are dropped for the newest set; a refused value (e.g.
  implausible) keeps the edits for the nurse to correct.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QWidget

from chairlog.clinical.numbers import decimal_text
from chairlog.clinical.vitals import REQUIRED
from chairlog.errors import ValidationError
from chairlog.present.times import local_time
from chairlog.present.units import Units
from chairlog.services import monitor as mon
from chairlog.services.monitor import PendingInfo
from chairlog.ui import tokens
from chairlog.ui.i18n import error_text, translate, vital

from .common import Card, button, clock_time, label

FIELDS = (("hr", "HR"), ("sbp", "SBP"), ("dbp", "DBP"), ("spo2", "SpO2"), ("rr", "RR"),
          ("etco2", "EtCO2"), ("temp_c", "Temp"))
GREY = f"color: {tokens.MUTED};"


def badge_text(p: PendingInfo, count: int) -> str:
    """The board tile's line: the newest set's numbers, grey, never an alarm."""
    v = p.values
    parts = [f"{vital('hr')} {v.get('hr') or '—'}",
             f"{vital('bp')} {v.get('sbp') or '—'}/{v.get('dbp') or '—'}",
             f"{vital('spo2')} {v.get('spo2') or '—'}", f"{vital('rr')} {v.get('rr') or '—'}"]
    more = (
        translate("monitor_panel", " (+{value} older)").format(value=count - 1) if count > 1 else ""
    )
    return translate("monitor_panel", "From monitor, not charted: ") + "  ".join(parts) + more


class MonitorPendingPanel(Card):
    #: a read came back and is shown (or the panel hid: nothing waits)
    loaded = Signal()

    def __init__(self, page: Any, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.page = page
        self.setObjectName("monitorPending")
        self.pending: PendingInfo | None = None
        self.count = 0
        self.loads = 0
        self._busy = self._dirty = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.load)
        head = QHBoxLayout()
        self.title = label("FROM MONITOR, NOT CHARTED", size=tokens.FONT_XS, bold=True,
                           name="monitor_title")
        self.title.setStyleSheet(GREY)
        head.addWidget(self.title)
        self.info = label(muted=True, name="monitor_info")
        self.info.setStyleSheet(GREY)
        head.addWidget(self.info, 1)
        self.body.addLayout(head)
        grid = QGridLayout()
        self.edits: dict[str, QLineEdit] = {}
        for col, (name, _text) in enumerate(FIELDS):
            text = vital(name)
            if name == "temp_c":  # the monitor's °C, shown in the clinic's unit
                text = f"{text} {page.ctx.units.temperature_symbol}"
            grid.addWidget(label(text), 0, col)
            e = QLineEdit()
            e.setObjectName(f"monitor_{name}")
            e.setFixedWidth(tokens.SHORT_FIELD_PX)
            e.setStyleSheet(GREY)
            e.textEdited.connect(lambda _t, w=e: w.setStyleSheet(""))  # typed: nurse-entered
            e.returnPressed.connect(self.accept)
            grid.addWidget(e, 1, col)
            self.edits[name] = e
        self.body.addLayout(grid)
        self.refused = label(muted=True, wrap=True, name="monitor_refused")
        self.refused.setStyleSheet(GREY)
        self.body.addWidget(self.refused)
        row = QHBoxLayout()
        self.accept_button = button(
            translate("MonitorPendingPanel", "Accept (Shift+F2)"),
            primary=True,
            name="monitor_accept",
            tip=translate(
                "MonitorPendingPanel", "Chart this set as your vitals, at the monitor's time"
            ),
        )
        self.accept_button.clicked.connect(self.accept)
        row.addWidget(self.accept_button)
        self.reason = QLineEdit()
        self.reason.setObjectName("monitor_reason")
        self.reason.setPlaceholderText(
            translate("MonitorPendingPanel", "reason to reject (e.g. artefact)")
        )
        row.addWidget(self.reason, 1)
        self.reject_button = button(
            translate("MonitorPendingPanel", "Reject"), name="monitor_reject"
        )
        self.reject_button.clicked.connect(self.reject)
        row.addWidget(self.reject_button)
        self.clear_button = button(
            translate("MonitorPendingPanel", "Clear older"),
            name="monitor_clear",
            tip=translate(
                "MonitorPendingPanel", "Reject every older set of this chair, in one step"
            ),
        )
        self.clear_button.clicked.connect(self.clear_older)
        row.addWidget(self.clear_button)
        self.body.addLayout(row)
        page.ctx.events.data_changed.connect(self._changed)
        self.hide()
        self.load()

    # --- data (read off the UI thread) ---------------------------------------------------
    def _changed(self, entity: str, _id: int) -> None:
        # a burst of monitor messages gives one read 300 ms after its first message
        if entity in ("monitor", "session") and not self._debounce.isActive():
            self._debounce.start()

    def load(self) -> None:
        """One read at a time, off the UI thread; a burst of messages gives one more read."""
        if self._busy:
            self._dirty = True
            return
        self._busy, self._dirty = True, False
        app, sid = self.page.ctx.app, self.page.session_id
        # (while the window closes the runner starts nothing and calls nothing back)
        self.page.ctx.runner.interactive(self, mon.newest_pending, app, sid).success(
            self._loaded).failure(self._failed)

    @property
    def busy(self) -> bool:
        """A read is in flight."""
        return self._busy

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False
        self.loaded.emit()

    def _loaded(self, result: tuple[PendingInfo | None, int]) -> None:
        self._busy = False
        self.loads += 1
        if self._dirty:
            self.load()
        p, n = result
        if p is None:
            self.pending, self.count = None, 0
            self.hide()
            self.loaded.emit()
            return
        current = self.pending
        if current is not None and current.id != p.id and self.changes():
            self.count = n  # the nurse is editing an older set: keep it (and the edits)
            self._show_info(current, n, newer=True)
            self.clear_button.setEnabled(n > 1)
            self.loaded.emit()
            return
        self.pending, self.count = p, n
        self._show_info(p, n)
        if current is None or current.id != p.id:
            self._fill(p)
        self.clear_button.setEnabled(n > 1)
        editable = bool(self.page.editable())
        for w in (self.accept_button, self.reject_button, *self.edits.values()):
            w.setEnabled(editable)
        self.show()
        self.loaded.emit()

    def _show_info(self, p: PendingInfo, n: int, *, newer: bool = False) -> None:
        tz = self.page.tz
        self.info.setText(
            translate("MonitorPendingPanel", "· {device} · observed {value} · {n} waiting").format(
                device=p.device, value=clock_time(p.observed_at, tz), n=n
            )
            + (translate("MonitorPendingPanel", " · a newer set arrived") if newer else "")
        )
        self.info.setToolTip(
            translate("MonitorPendingPanel", "control id {control_id}; received {value}").format(
                control_id=p.control_id, value=local_time(p.received_at, tz, with_date=True)
            )
        )

    def _fill(self, p: PendingInfo) -> None:
        for name, e in self.edits.items():
            v = p.values.get(name)
            e.setText(self._shown(name, v))
            e.setPlaceholderText(
                translate("MonitorPendingPanel", "type it")
                if v is None and name in REQUIRED
                else ""
            )
            if e.styleSheet() != GREY:
                e.setStyleSheet(GREY)
        self.refused.setText("; ".join(f"{r['field']} {r['value']} refused: {r['reason']}"
                                       for r in p.refused))
        self.refused.setVisible(bool(p.refused))

    def _drop(self) -> None:
        """Forget the set on screen (decided elsewhere): the next read shows the newest."""
        self.pending = None
        self.load()

    def _shown(self, name: str, v: Any) -> str:
        """A monitor value as the field shows it (a temperature in the clinic's unit)."""
        if v is None:
            return ""
        units: Units = self.page.ctx.units
        if name == "temp_c" and units.fahrenheit:
            return units.temperature_number(v)
        return str(v)

    # --- actions -------------------------------------------------------------------------
    def changes(self) -> dict[str, Any]:
        """What the nurse changed or added (only those fields: the rest stay the monitor's).
        A temperature typed in °F is given to the service in °C (``ValidationError`` naming
        the field and the °F range if it is refused here)."""
        assert self.pending is not None
        out: dict[str, Any] = {}
        for name, e in self.edits.items():
            typed = e.text().strip()
            v = self.pending.values.get(name)
            shown = self._shown(name, v)
            if (decimal_text(typed) or typed) != (decimal_text(shown) or shown):
                out[name] = typed or None
        if out.get("temp_c") is not None:
            out["temp_c"] = self.page.ctx.units.temperature_to_c(out["temp_c"])
        return out

    def accept(self) -> None:
        if self.pending is None or not self.isVisible() or not self.accept_button.isEnabled():
            return
        try:
            changes = self.changes()
        except ValidationError as e:
            self.page.say(error_text(e), "error")
            return
        self._decide(mon.validate_pending, self.pending.id, changes or None,
                     done=self._accepted)

    def _decide(self, fn: Any, *args: Any, done: Any) -> None:
        invalid: list[ValidationError] = []

        def refused(e: ValidationError) -> None:
            invalid.append(e)
            self.page.say(error_text(e), "error")

        ok = self.page.submit(fn, *args, version=False, on_success=done, on_invalid=refused)
        if not ok and not invalid and self.page.ctx.user is not None:
            self._drop()  # decided meanwhile (or gone): show the newest instead

    def _accepted(self, result: Any) -> None:
        self.page.say(
            translate("MonitorPendingPanel", "Monitor set charted ({value})").format(
                value=clock_time(result.entry.charted_at, self.page.tz)
            )
            + (translate("MonitorPendingPanel", " — LATE entry") if result.entry.is_late else ""),
            "ok",
        )
        if result.alerts:
            self.page.show_alerts(result.alerts)
        self._drop()

    def reject(self) -> None:
        if self.pending is None:
            return
        self._decide(mon.reject_pending, self.pending.id, self.reason.text(),
                     done=self._rejected)

    def _rejected(self, _result: Any) -> None:
        self.reason.clear()
        self.page.say(
            translate("MonitorPendingPanel", "Monitor set rejected (nothing charted)."), "ok"
        )
        self._drop()

    def clear_older(self) -> None:
        if self.pending is None:
            return
        self.page.submit(mon.clear_older_pending, self.pending.chair, version=False,
                         on_success=self._cleared)

    def _cleared(self, n: int) -> None:
        self.page.say(
            translate("MonitorPendingPanel", "{n} older monitor set(s) cleared.").format(n=n), "ok"
        )
        self._drop()
