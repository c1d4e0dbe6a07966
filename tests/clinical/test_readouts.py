"""One rule for "due soon", "overdue" and "dose limit near", the board, the timer strip and the
handover all read it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chairlog.clinical.readouts import DUE_SOON, Due, dose_near, vitals_due


@pytest.mark.parametrize(("left", "want"), [
    (None, Due.NONE), (timedelta(minutes=10), Due.OK), (DUE_SOON + timedelta(seconds=1), Due.OK),
    (DUE_SOON, Due.SOON), (timedelta(seconds=1), Due.SOON), (timedelta(0), Due.OVERDUE),
    (timedelta(minutes=-5), Due.OVERDUE),
])
def test_vitals_due(left: timedelta | None, want: Due) -> None:
    assert vitals_due(left) is want


def test_dose_near_from_ninety_percent_once_started() -> None:
    assert not dose_near(True, 5.39, 6.0)
    assert dose_near(True, 5.4, 6.0)
    assert not dose_near(False, 6.0, 6.0)


def test_every_screen_reads_the_same_rule() -> None:
    """No second copy of the thresholds survives in the screens or the handover."""
    import inspect

    from chairlog.services import handover
    from chairlog.ui import tile
    from chairlog.ui.session import timer_panel

    for module in (tile, timer_panel, handover):
        source = inspect.getsource(module)
        assert "timedelta(minutes=2)" not in source and "0.9 *" not in source, module.__name__
        assert "readouts" in source, module.__name__
