"""One rule for "due soon", "overdue" and "dose limit near", the board, the timer strip and the
handover all read it; its thresholds are the protocol's (``vitals_due_soon_min``,
``dose_near_pct``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chairlog.clinical.protocol import ProtocolValues
from chairlog.clinical.readouts import Due, dose_near, vitals_due

DEFAULT = ProtocolValues(name="p", indication="", max_total_mg_per_kg=6.0)
SOON = timedelta(minutes=DEFAULT.vitals_due_soon_min)


@pytest.mark.parametrize(("left", "want"), [
    (None, Due.NONE), (timedelta(minutes=10), Due.OK), (SOON + timedelta(seconds=1), Due.OK),
    (SOON, Due.SOON), (timedelta(seconds=1), Due.SOON), (timedelta(0), Due.OVERDUE),
    (timedelta(minutes=-5), Due.OVERDUE),
])
def test_vitals_due_by_default_two_minutes_before(left: timedelta | None, want: Due) -> None:
    assert DEFAULT.vitals_due_soon_min == 2
    assert vitals_due(left, DEFAULT) is want


def test_vitals_due_soon_follows_the_protocol() -> None:
    five = replace(DEFAULT, vitals_due_soon_min=5)
    assert vitals_due(timedelta(minutes=4), five) is Due.SOON
    assert vitals_due(timedelta(minutes=4), DEFAULT) is Due.OK
    never_soon = replace(DEFAULT, vitals_due_soon_min=0)
    assert vitals_due(timedelta(seconds=1), never_soon) is Due.OK
    assert vitals_due(timedelta(0), never_soon) is Due.OVERDUE


def test_dose_near_from_ninety_percent_once_started() -> None:
    assert not dose_near(True, 5.39, DEFAULT)
    assert dose_near(True, 5.4, DEFAULT)
    assert not dose_near(False, 6.0, DEFAULT)


def test_dose_near_follows_the_protocol() -> None:
    eighty = replace(DEFAULT, dose_near_pct=80)
    assert dose_near(True, 4.8, eighty) and not dose_near(True, 4.79, eighty)
    assert not dose_near(True, 4.8, DEFAULT)


def test_every_screen_reads_the_same_rule() -> None:
    """No second copy of the thresholds survives in the screens or the handover."""
    import inspect

    from chairlog.services import handover
    from chairlog.ui import tile, tile_figures
    from chairlog.ui.session import timer_panel

    for module in (tile, tile_figures, timer_panel, handover):
        source = inspect.getsource(module)
        assert "timedelta(minutes=2)" not in source and "0.9 *" not in source, module.__name__
        assert "readouts" in source, module.__name__
