"""The header: who is in the chair and under which protocol, readable from a step away.

Allergies are shown in a red pill when any are recorded (with the word "Allergies", not colour
alone); the dosing weight is always visible because every mg/kg figure depends on it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from chairlog.clinical.states import SessionState
from chairlog.domain import SessionView
from chairlog.present.units import STORED, Units
from chairlog.ui import tokens
from chairlog.ui.i18n import clinical, sex_word, translate

from .common import Card, age_years, button, label, num
from .style import set_tone

#: the state badge's fill: the board's state colours (white text on each, ≥ 4.5:1)
STATE_COLOURS = {
    SessionState.CHECKED_IN: tokens.STATE_CLOSED,
    SessionState.PRE_INFUSION: tokens.STATE_PRE,
    SessionState.INFUSING: tokens.STATE_INFUSING,
    SessionState.PAUSED: tokens.STATE_PAUSED,
    SessionState.MONITORING: tokens.STATE_MONITORING,
    SessionState.DISCHARGED: tokens.STATE_CLOSED,
    SessionState.STOPPED_EARLY: tokens.STATE_CLOSED,
    SessionState.SIGNED: tokens.STATE_SIGNED,
    SessionState.AMENDING: tokens.STATE_AMENDING,
}


class HeaderBar(Card):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.body.setContentsMargins(16, 6, 12, 6)
        self.body.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(16)
        self.name = label(size=tokens.FONT_HEADLINE, bold=True, name="patient_name")
        self.ident = label(size=tokens.FONT_BODY_L, bold=True, name="patient_ident")
        self.allergies = label(size=tokens.FONT_EMPHASIS, name="allergies", wrap=True)
        self.state = label(size=tokens.FONT_LARGE, bold=True, name="state_badge")
        self.alerts = label(size=tokens.FONT_EMPHASIS, name="alert_count")
        self.reload_button = button(
            translate("HeaderBar", "Reload"),
            shortcut="F5",
            name="reload_session",
            tip=translate("HeaderBar", "Read the session again (other workstations' entries)"),
        )
        self.close_button = button(
            translate("HeaderBar", "Close tab"),
            name="close_session",
            tip=translate("HeaderBar", "Close this session tab (the infusion keeps running)"),
        )
        top.addWidget(self.name)
        top.addWidget(self.allergies)
        top.addStretch(1)
        top.addWidget(self.alerts)
        self.top = top  # the page adds its session-level buttons here
        top.addWidget(self.state)
        top.addWidget(self.reload_button)
        top.addWidget(self.close_button)
        self.body.addLayout(top)
        second = QHBoxLayout()
        second.setSpacing(16)
        # wraps on a narrow screen rather than widening the page (1366×768, 150 % scaling)
        self.details = label(size=tokens.FONT_BODY_L, name="session_details", wrap=True)
        second.addWidget(self.ident, 0, Qt.AlignmentFlag.AlignTop)
        second.addWidget(self.details, 1)
        self.body.addLayout(second)
        self.compact = False

    def set_compact(self, on: bool) -> None:
        """A smaller name on a short screen (the panels below get the room)."""
        if on != self.compact:
            self.compact = on
            size = tokens.FONT_TITLE if on else tokens.FONT_HEADLINE
            self.name.setStyleSheet(f"font-size: {size}px; font-weight: 700;")

    def update_view(self, v: SessionView, now: datetime, tz: ZoneInfo,
                    units: Units = STORED) -> None:
        p = v.patient
        self.name.setText(p.display_name)
        age = age_years(p.date_of_birth, now.astimezone(tz).date())
        bits = [p.mrn if p.mrn.upper().startswith("MRN") else f"MRN {p.mrn}"]
        if age is not None:
            bits.append(translate("HeaderBar", "{age} y").format(age=age))
        if p.sex:
            bits.append(sex_word(p.sex))
        self.ident.setText("  ·  ".join(bits))
        if p.allergies.strip():
            self.allergies.setText(
                translate("HeaderBar", "⚠ Allergies: {value}").format(value=p.allergies.strip())
            )
            _restyle(
                self.allergies,
                f"color: {tokens.ON_FILL}; background: {tokens.ALERT}; font-weight: 700; "
                    f"border-radius: {tokens.RADIUS_M}px; "
                    f"padding: {tokens.SPACE_XS}px {tokens.SPACE_L}px;",
            )
        else:
            self.allergies.setText(translate("HeaderBar", "No known allergies"))
            _restyle(
                self.allergies,
                f"color: {tokens.MUTED}; font-size: {tokens.FONT_BODY_L}px;",
            )
        colour = STATE_COLOURS.get(v.state, tokens.MUTED)
        self.state.setText(
            clinical(v.state.label).upper()
            + (translate("HeaderBar", "  ·  IMPORTED FROM PAPER") if v.imported_from_paper else "")
        )
        _restyle(
            self.state,
            f"color: {tokens.ON_FILL}; background: {colour}; border-radius: {tokens.RADIUS_M}px; "
                f"padding: {tokens.SPACE_S}px {tokens.SPACE_2XL}px; "
                f"font-size: {tokens.FONT_LARGE}px; font-weight: 700;",
        )
        n_open = len(v.open_alerts)
        if n_open:
            self.alerts.setText(
                translate("HeaderBar", "⚠ {n_open} open alert{value}").format(
                    n_open=n_open, value="s" if n_open > 1 else ""
                )
            )
            set_tone(self.alerts, "bad")
        else:
            self.alerts.setText("")
            set_tone(self.alerts, "")
        self.alerts.setVisible(bool(n_open))
        pr = v.protocol
        # in lb clinics the lb as typed with the dosing kg beside it: "154 lb (69.85 kg)"
        weight = units.show_weight(v.weight_kg) if units.lb else f"{num(v.weight_kg)} kg"
        self.details.setText(
            translate(
                "HeaderBar",
                "· &nbsp;<b>{name}</b> &nbsp;·&nbsp; Dosing weight <b>{weight}</b> "
                "&nbsp;·&nbsp; <b>{name2}</b> — {indication} &nbsp;·&nbsp; Nurse {nurse_name}",
            ).format(
                name=v.chair.name,
                weight=weight,
                name2=pr.name,
                indication=pr.indication,
                nurse_name=v.nurse_name,
            )
        )


def _restyle(widget: QWidget, sheet: str) -> None:
    """Set a style sheet only when it changes: each call re-polishes the widget (≈ 0.3 ms),
    and the header is updated after every save."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
