"""Discharge (F7, in monitoring): the criteria as checkboxes with what the chart says beside
them (latest discharge score, vitals against baseline, monitoring time), the escort's name and
the written instructions. The service refuses unmet criteria without an explanation; the refusal
is shown inline and nothing typed is lost.

When the protocol's discharge rule is not met (minimum monitoring, discharge score), the
dialog says why and asks for a physician's authorisation: a reason and the physician's own
username and password (a physician discharging gives the reason only)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from chairlog.clinical.scales import SCALES, Scale
from chairlog.clinical.vitals import near_baseline
from chairlog.domain import EntryKind, SessionView, vitals_of
from chairlog.domain.payloads import assessment_data, side_effect_data, vitals_data
from chairlog.present.times import clock_text
from chairlog.services.discharge import discharge_shortfalls
from chairlog.ui import tokens
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, clinical, translate, words_text

from .assessments import latest
from .common import BigCheckBox, clock_time, label
from .dialogs import FormDialog
from .style import set_tone

#: the default criteria's labels (chairlog.clinical.policy), for the catalog; a protocol's own
#: labels are shown as the clinic wrote them
DEFAULT_CRITERIA_WORDS = (
    QT_TRANSLATE_NOOP("clinical", "Vitals within 20 % of baseline"),
    QT_TRANSLATE_NOOP("clinical", "Alert and oriented"),
    QT_TRANSLATE_NOOP("clinical", "Walks steadily"),
    QT_TRANSLATE_NOOP("clinical", "Nausea controlled"),
    QT_TRANSLATE_NOOP("clinical", "Pain acceptable"),
)


class DischargeDialog(FormDialog):
    def __init__(self, view: SessionView, now: datetime, tz: ZoneInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            translate("DischargeDialog", "Discharge"),
            translate("DischargeDialog", "Discharge patient"),
            parent,
        )
        self.setMinimumWidth(tokens.DIALOG_2XL)
        scale = Scale(view.protocol.discharge_scale)
        need = view.protocol.discharge_score_min
        name = clinical(SCALES[scale].label)
        ald = latest(view, scale)
        if ald is None:
            text = translate("DischargeDialog", "{name}: not scored yet (Assessments)").format(
                name=name
            )
            tone = "warn"
        else:
            score = assessment_data(ald)["score"]
            ready = score >= need
            text = f"{name} {score}/10 at {clock_time(ald.charted_at, tz)}" + (
                translate("DischargeDialog", " ✓ discharge-ready (≥ {need})").format(need=need)
                if ready
                else translate("DischargeDialog", " — below {need}: not discharge-ready").format(
                    need=need
                )
            )
            tone = "ok" if ready else "warn"
        self.aldrete = label(text, bold=True, wrap=True, name="discharge_aldrete")
        set_tone(self.aldrete, tone)
        self.body.addWidget(self.aldrete)
        if view.infusion_stopped_at is not None:
            left = (view.infusion_stopped_at
                    + timedelta(minutes=view.protocol.min_monitoring_min) - now)
            mon = (
                translate(
                    "DischargeDialog", "Monitoring: ⚠ protocol minimum not reached — {value} to go"
                ).format(value=clock_text(left))
                if left.total_seconds() > 0
                else translate("DischargeDialog", "Monitoring: ✓ protocol minimum reached")
            )
            mon_label = label(mon, wrap=True, name="discharge_monitoring")
            set_tone(mon_label, "warn" if left.total_seconds() > 0 else "ok")
            self.body.addWidget(mon_label)
        hints = self._hints(view)
        self.body.addWidget(label(translate("DischargeDialog", "Criteria:"), bold=True))
        self.criteria: dict[str, QCheckBox] = {}
        for criterion in view.protocol.discharge_criteria:  # the session's protocol's
            key, text = criterion.key, clinical(criterion.label)
            box = BigCheckBox(text + (f"\n      {hints[key]}" if key in hints else ""))
            box.setObjectName(f"criterion_{key}")
            self.body.addWidget(box)
            self.criteria[key] = box
        self.escort = QLineEdit()
        self.escort.setObjectName("escort_name")
        self.escort.setPlaceholderText(
            translate("DischargeDialog", "Escort's name (a responsible adult)")
        )
        self.escort.setAccessibleName(translate("DischargeDialog", "Released to (escort's name)"))
        self.body.addWidget(label(translate("DischargeDialog", "Released to:"), bold=True))
        self.body.addWidget(self.escort)
        self.given = BigCheckBox(
            translate(
                "DischargeDialog",
                "Written instructions given\n      (no driving for 24 h, "
                "no alcohol or sedatives today)",
            )
        )
        self.given.setObjectName("instructions_given")
        self.body.addWidget(self.given)
        self.instructions = QPlainTextEdit()
        self.instructions.setObjectName("instructions")
        self.instructions.setPlaceholderText(
            translate(
                "DischargeDialog", "Instructions / note — required to explain any criterion not met"
            )
        )
        self.instructions.setFixedHeight(tokens.NOTE_BOX_TALL_PX)
        self.instructions.setAccessibleName(
            translate("DischargeDialog", "Discharge instructions and note")
        )
        self.multiline(self.instructions)
        self.body.addWidget(self.instructions)
        self.fields = {"criteria": next(iter(self.criteria.values())), "escort_name": self.escort,
                       "instructions_given": self.given, "instructions": self.instructions}
        self._authorisation(view, now)
        self.first_focus = next(iter(self.criteria.values()))

    def _authorisation(self, view: SessionView, now: datetime) -> None:
        p = view.protocol
        scores = [(e.charted_at, int(a["score"])) for e in view.active_entries(
            EntryKind.ASSESSMENT) if (a := assessment_data(e)).get("scale") == p.discharge_scale]
        self.shortfalls = discharge_shortfalls(p, view.infusion_stopped_at, now, scores)
        self.auth_reason = QLineEdit()
        self.auth_reason.setObjectName("authorisation_reason")
        self.auth_reason.setPlaceholderText(
            translate("DischargeDialog", "Reason for discharging now")
        )
        self.auth_reason.setAccessibleName(
            translate("DischargeDialog", "Reason for the physician's authorisation")
        )
        self.auth_user = QLineEdit()
        self.auth_user.setObjectName("physician_username")
        self.auth_user.setPlaceholderText(translate("DischargeDialog", "Physician's username"))
        self.auth_user.setAccessibleName(
            translate("DischargeDialog", "Authorising physician's username")
        )
        self.auth_password = QLineEdit()
        self.auth_password.setObjectName("physician_password")
        self.auth_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.auth_password.setPlaceholderText(translate("DischargeDialog", "Physician's password"))
        self.auth_password.setAccessibleName(
            translate("DischargeDialog", "Authorising physician's password")
        )
        self.fields |= {"authorisation_reason": self.auth_reason, "authorised_by": self.auth_user}
        if not self.shortfalls:
            for w in (self.auth_reason, self.auth_user, self.auth_password):
                w.hide()
            return
        warn = label(
            translate("DischargeDialog", "⚠ Not yet discharge-ready by the protocol: ")
            + "; ".join(words_text(s) for s in self.shortfalls)
            + translate(
                "DischargeDialog", ". Discharging now needs a physician's authorisation (below)."
            ),
            bold=True,
            wrap=True,
            name="discharge_shortfalls",
        )
        set_tone(warn, "bad")
        self.body.insertWidget(0, warn)  # first: what stands in the way, before the criteria
        self.body.addWidget(
            label(translate("DischargeDialog", "Physician's authorisation:"), bold=True)
        )
        self.body.addWidget(self.auth_reason)
        row = QHBoxLayout()
        row.addWidget(self.auth_user)
        row.addWidget(self.auth_password)
        self.body.addLayout(row)

    @staticmethod
    def _hints(view: SessionView) -> dict[str, str]:
        out: dict[str, str] = {}
        base = view.baseline_vitals
        last = view.latest_vitals
        if base is not None and last is not None and not vitals_data(last).get("is_baseline"):
            v = vitals_of(last)
            ok = near_baseline(v, base)
            out["vitals_near_baseline"] = translate(
                "DischargeDialog", "last {sbp}/{dbp}, HR {hr} vs baseline {sbp2}/{dbp2}, HR {hr2}: "
            ).format(sbp=v.sbp, dbp=v.dbp, hr=v.hr, sbp2=base.sbp, dbp2=base.dbp, hr2=base.hr) + (
                translate("DischargeDialog", "within 20 %")
                if ok
                else translate("DischargeDialog", "NOT within 20 %")
            )
        nausea = [e for e in view.open_side_effects
                  if side_effect_data(e)["effect_type"] in ("nausea", "vomiting")]
        if nausea:
            out["nausea_controlled"] = translate("DischargeDialog", "nausea / vomiting still open")
        return out

    def values(self) -> dict[str, object]:
        user, password = self.auth_user.text().strip(), self.auth_password.text()
        return {"criteria": {k: b.isChecked() for k, b in self.criteria.items()},
                "escort_name": self.escort.text(), "instructions_given": self.given.isChecked(),
                "instructions": self.instructions.toPlainText(),
                "authorisation_reason": self.auth_reason.text(),
                "authorised_by": (user, password) if user and password else None}
