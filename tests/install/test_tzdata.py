"""The declared ``tzdata`` package serves zoneinfo where the system has no zone files
(Windows, the bundle). It looks names up as files, so an impossible name must still be a
refusal naming the field, never an OSError (found by the hostile-input suite once tzdata was
installed: a 1 000-character zone name raised "File name too long")."""

from __future__ import annotations

from typing import Any

import pytest

from chairlog.errors import ValidationError
from chairlog.services import accounts


def test_tzdata_is_installed_and_used() -> None:
    import importlib.util
    from zoneinfo import ZoneInfo

    assert importlib.util.find_spec("tzdata") is not None
    assert ZoneInfo("Europe/Berlin").key == "Europe/Berlin"


@pytest.mark.parametrize("zone", ["a" * 1000, "America", "Europe/", "../../etc/passwd", "x\x00y"])
def test_impossible_zone_names_are_refused(clinic: Any, zone: str) -> None:
    before = accounts.get_clinic(clinic.app).timezone
    with pytest.raises(ValidationError, match="time zone"):
        accounts.update_clinic(clinic.app, clinic.admin,
                               expected_version=accounts.get_clinic(clinic.app).version,
                               timezone=zone)
    assert accounts.get_clinic(clinic.app).timezone == before
