"""The window while the server cannot be reached: a vitals set typed on the session page is
kept on this workstation and acknowledged as such, the banner counts it, and the banner's
replay (on the background worker) sends it once the server is back; an entry the server then
refuses is listed in the conflicts dialog and discarded with a reason."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from chairlog.outbox import QUEUED_WORDS
from chairlog.services import doses, views
from chairlog.ui.outbox_banner import OutboxBanner, outbox_for
from chairlog.ui.outbox_conflicts import ConflictsDialog
from tests.outbox.helpers import server_down
from tests.ui.session.driving import Keys
from tests.ui.session.test_session_vitals import infusing, type_set


def test_vitals_kept_while_down_then_replayed(clinic: Any, ui: Any, open_page: Any,
                                              keys: Keys, qtbot: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    sid = infusing(clinic)
    page = open_page(sid)
    banner = OutboxBanner(ui)
    qtbot.addWidget(banner)
    assert banner.isHidden()
    before = len(views.get_session(clinic.app, sid).entries)
    with server_down(clinic.app, monkeypatch):
        type_set(keys, ["77", "124", "78", "98", "14"])
        assert QUEUED_WORDS in page.message.text()
        assert all(e.text() == "" for e in page.vitals.edits.values())  # the form cleared
        qtbot.waitUntil(lambda: "1 entry waiting" in banner.label.text())
        assert not banner.isHidden()
    banner.try_replay()
    qtbot.waitUntil(lambda: outbox_for(ui).waiting() == 0, timeout=10_000)
    qtbot.waitUntil(banner.isHidden)
    v = views.get_session(clinic.app, sid)
    assert len(v.entries) == before + 1 and v.latest_vitals is not None
    assert v.latest_vitals.data["hr"] == 77 and v.latest_vitals.user_name == "Nina Nurse, RN"


def test_refused_replay_listed_and_discarded(clinic: Any, ui: Any, qtbot: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    sid = infusing(clinic)
    box = outbox_for(ui)
    version = views.get_session(clinic.app, sid).version
    with server_down(clinic.app, monkeypatch):
        box.submit("pause_infusion", {"session_id": sid, "reason": "nausea",
                                      "expected_version": version}, clinic.nurse)
    doses.stop_infusion(clinic.app, clinic.nurse2, sid, "stopped at the other desk")
    assert len(box.replay([clinic.nurse]).conflicts) == 1
    banner = OutboxBanner(ui)
    qtbot.addWidget(banner)
    assert "1 refused by the server" in banner.conflicts_button.text()
    dlg = ConflictsDialog(ui, box, sid)
    qtbot.addWidget(dlg)
    assert dlg.list.count() == 1
    text = dlg.list.item(0).text()
    assert "pause infusion" in text and "nina" in text and "changed on another" in text
    monkeypatch.setattr("chairlog.ui.outbox_conflicts.QInputDialog.getText",
                        lambda *_a, **_k: ("", True))
    qtbot.mouseClick(dlg.discard, Qt.MouseButton.LeftButton)
    assert "required" in dlg.error.text() and dlg.list.count() == 1  # a reason is needed
    monkeypatch.setattr("chairlog.ui.outbox_conflicts.QInputDialog.getText",
                        lambda *_a, **_k: ("the infusion was already stopped", True))
    qtbot.mouseClick(dlg.discard, Qt.MouseButton.LeftButton)
    assert dlg.list.count() == 0 and box.conflicts() == []
    banner.refresh()
    assert banner.isHidden()
