"""The board clock's date follows the window's language (strftime's day and month names would be
the workstation's C locale: English in a Spanish clinic)."""

from __future__ import annotations

from datetime import datetime

import pytest

from chairlog.ui import i18n


@pytest.mark.parametrize(("language", "want"), [("en", "Wed 02 Dec"), ("es", "mié 02 dic")])
def test_clock_date_in_the_windows_language(language: str, want: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_language", language)
    assert i18n.clock_date(datetime(2026, 12, 2, 9, 54)) == want
