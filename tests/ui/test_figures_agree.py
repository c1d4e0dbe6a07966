"""The same figure reads the same on the board, in the session view and in the record PDF
(one formatting rule, ``present.numbers``): never scientific notation."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

from chairlog.present.numbers import fmt
from chairlog.services import doses, records, views
from chairlog.ui.session.timer_panel import timer_figures
from chairlog.ui.tile_figures import compute_figures
from tests.conftest import Clinic, ready_to_infuse
from tests.record_helpers import pdf_text


def test_a_rate_and_a_dose_read_the_same_everywhere(clinic: Clinic, tmp_path: Path) -> None:
    s = ready_to_infuse(clinic)  # 80 kg
    app, n = clinic.app, clinic.nurse
    doses.start_infusion(app, n, s.id, 90, "mg/h")  # 1.125 mg/kg/h
    clinic.clock.advance(minutes=37)
    now = clinic.clock.now()
    v = views.get_session(app, s.id)
    board = compute_figures(v, now)
    session = timer_figures(v, now, ZoneInfo("Europe/Berlin"))
    assert "1.13 mg/kg/h" in board.rate
    assert session.rate.big == "1.13 mg/kg/h"
    mg = fmt(v.cumulative_mg(now))
    assert mg == "55.5"
    assert board.dose.startswith(f"{mg} mg") and session.dose.big == f"{mg} mg"
    text = pdf_text(records.export_draft(app, s.id), tmp_path)
    assert "1.13" in text and "1.125" not in text
    assert not re.search(r"\d\.\d+e[+-]\d", text)


def test_the_rule_by_size() -> None:
    assert [fmt(x) for x in (3150.0, 297.3, 52.45, 1.125, 0.35, 0.1333, 0.0, None)] == [
        "3150", "297", "52.5", "1.13", "0.35", "0.133", "0", "—"]
    assert fmt(12.0, 0) == "12"
