"""One chair on the board: what a nurse must see from a step away.

``ChairTile`` shows the figures ``ui.tile_figures.compute_figures`` computes for an instant (the
board refreshes every chair every second).

Decisions:
- Due states are told by words and weight as well as colour: "Next vitals in 7:12" (normal),
  "VITALS DUE in 1:45" (amber, bold, within the protocol's due-soon minutes),
  "VITALS OVERDUE by 3:10" (red, bold).
- Alerts in the red banner: the session's open (stored) alerts, each with an Acknowledge
  button, plus computed ones (vitals overdue; dose limit near, at the protocol's dose-near
  share of its maximum total). Computed ones clear themselves when the situation does.
- A compact layout (``set_compact``) for short screens (1366×768, 1920×1080 at 150 %): the board
  then puts four tiles across instead of two rows of two. The timer (24 pt) and the due bar
  (16 pt bold, on two lines if need be) stay the biggest type; every line wraps instead of
  being cut (the text is smaller, 11 pt at least, the margins narrower, the detail line goes
  under the timer). Two things leave the short tile: the alert box's repeat of "Vitals
  overdue by …" under the red due bar that says it, and the protocol · nurse line (the
  tile's tooltip then; the session page shows it), so a tile with an alert and its
  Acknowledge button still fits 1280×720.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from chairlog.clinical.readouts import Due
from chairlog.domain import AlertView, ChairInfo, SessionView
from chairlog.present.units import STORED, Units
from chairlog.ui import tokens
from chairlog.ui.i18n import alert_text, translate
from chairlog.ui.returned import ReturnedNotices
from chairlog.ui.tile_figures import TileFigures, compute_figures
from chairlog.ui.widgets import big_font, set_prop

#: point sizes (full, compact) of each text of the tile, by object name
FONT_PT: dict[str, tuple[float, float]] = {
    "tileChair": (24, 17), "statePill": (14, 11), "tilePatient": (15, 13), "tileInfo": (11, 11),
    "tileTimer": (34, 24), "tileCaption": (12, 11), "tileDetail": (12, 11),
    "tileRate": (14, 12.5), "tileDose": (13, 11.5), "tileVitals": (13, 11.5),
    "tileMonitor": (12, 11), "dueBar": (17, 16), "alertText": (12.5, 11.5),
}
#: the smallest tile, full and compact
FULL_MIN_SIZE = (420, 330)
COMPACT_MIN_SIZE = (250, 0)


def _label(name: str, *, bold: bool = False, wrap: bool = False) -> QLabel:
    lab = QLabel()
    lab.setObjectName(name)
    lab.setFont(big_font(FONT_PT[name][0], bold=bold))
    lab.setWordWrap(wrap)
    return lab


class ChairTile(QFrame):
    """A chair: free ("Free — start session") or its running session's figures.

    Click, Enter or Space activates it (open the session / start one). Each stored alert has
    its own Acknowledge button (``acknowledge_requested(alert)``)."""

    activated = Signal()
    acknowledge_requested = Signal(object)
    #: the nurse accepts the newest monitor set from the tile (pending set id)
    monitor_accept_requested = Signal(int)
    #: the nurse wants to edit, complete, reject or clear the chair's monitor sets
    monitor_review_requested = Signal()

    def __init__(self, chair: ChairInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chair = chair
        self.view: SessionView | None = None
        self.figures: TileFigures | None = None
        self.can_start = True
        #: the clinic's units (the board sets them from ``ctx.units``)
        self.units: Units = STORED
        self.flash_on = False
        self._alert_key: tuple[object, ...] = ()
        self._computed_labels: list[QLabel] = []
        self.setObjectName("chairTile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.compact = False
        self.setMinimumSize(*FULL_MIN_SIZE)
        self._lay = lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(4)
        head = QHBoxLayout()
        self.name_label = _label("tileChair", bold=True)
        self.state_label = _label("statePill", bold=True)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        head.addWidget(self.name_label, 1)
        head.addWidget(self.state_label)
        lay.addLayout(head)
        self.patient_label = _label("tilePatient", bold=True, wrap=True)
        lay.addWidget(self.patient_label)
        self.info_label = _label("tileInfo", wrap=True)
        lay.addWidget(self.info_label)
        timer_row = QHBoxLayout()
        self.timer_label = _label("tileTimer", bold=True)
        self._captions = captions = QVBoxLayout()
        captions.setSpacing(0)
        self.timer_caption = _label("tileCaption", wrap=True)
        self.detail_label = _label("tileDetail", wrap=True)
        captions.addStretch(1)
        captions.addWidget(self.timer_caption)
        captions.addWidget(self.detail_label)
        timer_row.addWidget(self.timer_label)
        timer_row.addSpacing(8)
        timer_row.addLayout(captions, 1)
        lay.addLayout(timer_row)
        #: where the detail line goes in the compact tile: on its own line below the timer
        self._detail_row = lay.count()
        self.rate_label = _label("tileRate", bold=True, wrap=True)
        self.dose_label = _label("tileDose", wrap=True)
        self.vitals_label = _label("tileVitals", wrap=True)
        for w in (self.rate_label, self.dose_label, self.vitals_label):
            lay.addWidget(w)
        # the newest monitor set waiting for a nurse: grey, "not charted", never an alarm
        self.monitor_label = _label("tileMonitor", wrap=True)
        self.monitor_label.hide()
        self.monitor_accept = QPushButton(translate("ChairTile", "Accept monitor set"))
        self.monitor_accept.setObjectName("tileMonitorAccept")
        self.monitor_accept.setAccessibleName(
            translate("ChairTile", "Accept the monitor's vitals set as charted")
        )
        self.monitor_accept.setMinimumHeight(tokens.TILE_BUTTON_PX)
        self.monitor_accept.setAutoDefault(False)
        self.monitor_accept.hide()
        self.monitor_pending_id = 0
        self.monitor_accept.clicked.connect(
            lambda: self.monitor_accept_requested.emit(self.monitor_pending_id)
            if self.monitor_pending_id else None)
        self.monitor_review = QPushButton(translate("ChairTile", "Review…"))
        self.monitor_review.setObjectName("tileMonitorReview")
        self.monitor_review.setAccessibleName(
            translate(
                "ChairTile",
                "Review the monitor's set: edit or complete values, reject with a reason, "
                "clear older sets",
            )
        )
        self.monitor_review.setMinimumHeight(tokens.TILE_BUTTON_PX)
        self.monitor_review.setAutoDefault(False)
        self.monitor_review.hide()
        self.monitor_review.clicked.connect(self.monitor_review_requested.emit)
        monitor_row = QHBoxLayout()
        monitor_row.addWidget(self.monitor_label, 1)
        monitor_row.addWidget(self.monitor_accept)
        monitor_row.addWidget(self.monitor_review)
        lay.addLayout(monitor_row)
        #: records of this chair a physician returned to the nurse (``ui.returned``)
        self.returned = ReturnedNotices()
        lay.addWidget(self.returned)
        lay.addStretch(1)
        self.due_label = _label("dueBar", bold=True)
        self.due_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.due_label.setMinimumHeight(tokens.TILE_BUTTON_PX)
        lay.addWidget(self.due_label)
        self.alert_box = QFrame()
        self.alert_box.setObjectName("alertBanner")
        self.alert_layout = QVBoxLayout(self.alert_box)
        self.alert_layout.setContentsMargins(10, 6, 10, 6)
        self.alert_box.hide()
        lay.addWidget(self.alert_box)
        self.set_view(None)

    # ---- content --------------------------------------------------------------------------
    def set_view(self, view: SessionView | None) -> None:
        self.view = view
        self.name_label.setText(self.chair.name)
        if view is None:
            self.figures = None
            self.patient_label.setText("")
            self.info_label.setText("")
            self.timer_label.setText(translate("ChairTile", "Free"))
            self.timer_caption.setText("")
            self.state_label.setText(translate("ChairTile", "FREE"))
            for w in (self.detail_label, self.rate_label, self.dose_label, self.vitals_label):
                w.setText("")
            self.due_label.setText(
                translate("ChairTile", "Free — start session")
                if self.can_start
                else translate("ChairTile", "Free")
            )
            self._set_alerts((), ())
            set_prop(self, "state", "free")
            set_prop(self.due_label, "due", "none")
            set_prop(self.state_label, "state", "free")
            self._keep_fonts()
            self.setAccessibleName(
                translate("ChairTile", "{name}: free").format(name=self.chair.name)
            )
            return
        p = view.patient
        self.patient_label.setText(f"{p.display_name}  ·  {p.mrn}")
        self.info_label.setText(
            translate("ChairTile", "{name}  ·  Nurse {nurse_name}").format(
                name=view.protocol.name, nurse_name=view.nurse_name
            )
        )
        if self.compact:
            self.setToolTip(self.info_label.text())

    def set_compact(self, on: bool) -> None:
        """The compact layout for short screens (see the module's Decisions) or the full one."""
        if on == self.compact:
            return
        self.compact = on
        self.setMinimumSize(*(COMPACT_MIN_SIZE if on else FULL_MIN_SIZE))
        self._keep_fonts()
        # in the narrow tile the due bar may wrap too rather than be cut (the other lines
        # always may)
        self.due_label.setWordWrap(on)
        self._lay.setContentsMargins(*((10, 4, 10, 4) if on else (16, 12, 16, 12)))
        self._lay.setSpacing(2 if on else 4)
        self.alert_layout.setContentsMargins(*((8, 3, 8, 3) if on else (10, 6, 10, 6)))
        # the protocol and the nurse: the tile's tooltip in the short tile (two lines it
        # needs for the alert and its Acknowledge button); on the session page as always
        self.info_label.setVisible(not on)
        self.setToolTip(self.info_label.text() if on else "")
        self.due_label.setMinimumHeight(
            tokens.TILE_BUTTON_COMPACT_PX if on else tokens.TILE_BUTTON_PX)
        set_prop(self.state_label, "compact", on)  # a narrower pill (style.qss)
        # compact: the detail line under the timer, full width, not a narrow column beside it
        self._captions.removeWidget(self.detail_label)
        self._lay.removeWidget(self.detail_label)
        if on:
            self._lay.insertWidget(self._detail_row, self.detail_label)
        else:
            self._captions.addWidget(self.detail_label)
        self._alert_key = ()  # the alert rows are rebuilt in the new size at the next refresh

    def _keep_fonts(self) -> None:
        """Each text in its size for the layout (full or compact). Called again after a
        style property changes: a re-polish can put a label back in the size it was made
        with."""
        for lab in self.findChildren(QLabel):
            sizes = FONT_PT.get(lab.objectName())
            if sizes is not None and lab.font().pointSizeF() != sizes[self.compact]:
                lab.setFont(big_font(sizes[self.compact], bold=lab.font().bold()))

    def set_monitor(self, text: str, pending_id: int = 0) -> None:
        """The board's badge for unvalidated monitor numbers ("" hides it), with one click to
        accept the newest set (``pending_id``) without opening the chair, and Review… to edit,
        complete or reject it (``ui.monitor_review``)."""
        shown = bool(text) and self.view is not None
        self.monitor_label.setText(text)
        self.monitor_label.setVisible(shown)
        self.monitor_pending_id = pending_id if shown else 0
        self.monitor_accept.setVisible(shown and bool(pending_id))
        self.monitor_review.setVisible(shown and bool(pending_id))

    def refresh(self, now: datetime) -> TileFigures | None:
        """Recompute from the cached view (called every second; no database access)."""
        if self.view is None:
            return None
        f = compute_figures(self.view, now, self.units)
        self.figures = f
        self.state_label.setText(f.state_label.upper())
        self.timer_label.setText(f.timer)
        self.timer_caption.setText(f.timer_caption)
        self.detail_label.setText(f.timer_detail)
        self.rate_label.setText(f.rate)
        self.dose_label.setText(
            (translate("ChairTile", "Dose ") + f.dose) if f.state_key != "pre" else f.dose
        )
        self.vitals_label.setText(f"{f.vitals}   ({f.vitals_age})" if f.vitals
                                  else translate("ChairTile", "No vitals recorded yet"))
        self.due_label.setText(f.due_text)
        set_prop(self, "state", f.state_key)
        set_prop(self.state_label, "state", f.state_key)
        set_prop(self.due_label, "due", f.due.value)
        set_prop(self, "alert", bool(f.alerts))
        if self.compact:
            self._keep_fonts()
        lines = f.alerts
        if self.compact and f.due is Due.OVERDUE:
            # the red due bar already says "VITALS OVERDUE by …": the short tile does not
            # repeat it in the alert box (the alert count and the strip still include it)
            # (compute_figures puts it right after the stored alerts)
            n = len(f.stored_alerts)
            lines = lines[:n] + lines[n + 1:]
        self._set_alerts(lines, f.stored_alerts)
        self.setAccessibleName(
            translate("ChairTile", "{name}: {state_label}, {due_text}, {value} alert(s)").format(
                name=self.chair.name,
                state_label=f.state_label,
                due_text=f.due_text,
                value=len(f.alerts),
            )
        )
        return f

    def set_flash(self, on: bool) -> None:
        """Visual reminder: alternates the due bar while vitals are overdue."""
        self.flash_on = on
        set_prop(self.due_label, "flash", on)
        if self.compact:
            self._keep_fonts()

    def _set_alerts(self, lines: tuple[str, ...], stored: tuple[AlertView, ...]) -> None:
        computed = lines[len(stored):]
        key: tuple[object, ...] = (len(computed), tuple(a.id for a in stored))
        if key == self._alert_key:
            # only the computed lines' numbers moved on: update their text in place
            self._update_computed(computed)
            return
        self._alert_key = key
        while self.alert_layout.count():
            item = self.alert_layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self._computed_labels = []
        for a in stored:
            self.alert_layout.addWidget(self._alert_row(alert_text(a.message), a))
        for text in computed:
            row = self._alert_row(text, None)
            self.alert_layout.addWidget(row)
        self.alert_box.setVisible(bool(lines))

    def _update_computed(self, computed: tuple[str, ...]) -> None:
        for lab, text in zip(self._computed_labels, computed, strict=False):
            lab.setText("⚠ " + text)

    def _alert_row(self, text: str, alert: AlertView | None) -> QWidget:
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        lab = QLabel("⚠ " + text)
        lab.setObjectName("alertText")
        lab.setFont(big_font(FONT_PT["alertText"][self.compact], bold=True))
        lab.setWordWrap(True)
        h.addWidget(lab, 1)
        if alert is None:
            self._computed_labels.append(lab)
        else:
            b = QPushButton(translate("ChairTile", "Acknowledge"))
            b.setObjectName("ackButton")
            b.setMinimumHeight(
                tokens.TILE_BUTTON_COMPACT_PX if self.compact else tokens.TILE_BUTTON_PX)
            b.setFont(big_font(tokens.PT_BASE, bold=True))
            b.setToolTip(
                translate("ChairTile", "Say what was done; the alert then leaves the board")
            )
            b.clicked.connect(lambda _=False, a=alert: self.acknowledge_requested.emit(a))
            h.addWidget(b)
        return row

    # ---- input ----------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.activated.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            event.accept()
            return
        super().keyPressEvent(event)
