"""The window shows stored English sentences in its language: an alert's message on the tile,
the session page and the acknowledgement dialogs (``i18n.alert_text``), and the restore offer's
day and month names (Qt's locale, not strftime's C locale)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chairlog.ui import i18n, recovery


@pytest.fixture
def spanish(qapp: Any) -> Iterator[None]:
    i18n.install_language("es")
    yield
    i18n.install_language("en")


def test_an_alert_reads_in_spanish_and_unknown_text_as_stored(spanish: None) -> None:
    assert i18n.alert_text("Heart rate 130 > 120/min") == "Frecuencia cardíaca 130 > 120/min"
    assert i18n.alert_text("Systolic rose 40 mmHg over baseline 120") == (
        "Sistólica subió 40 mmHg sobre la basal 120")
    assert i18n.alert_text("a message typed by hand") == "a message typed by hand"


def test_an_alert_reads_as_stored_in_english(qapp: Any) -> None:
    i18n.install_language("en")
    assert i18n.alert_text("Heart rate 130 > 120/min") == "Heart rate 130 > 120/min"


def test_the_restore_offer_names_the_day_in_spanish(spanish: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery.backups, "read_sidecar",
                        lambda _p: {"created_at": "2026-12-02T12:00:00+00:00"})
    text = recovery.backup_taken(Path("x.sqlite3"))
    assert "dic" in text and "2026 a las" in text and "Dec" not in text
