"""Nothing due is ever out of sight (issue 13, points 1 and 4): the strip of every chair's state
on every screen, a chime that repeats until the condition ends, a mute that ends by itself,
a visible notice without a sound device, and quitting with sessions running."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from chairlog.services import charting, doses
from chairlog.ui.context import UiContext
from chairlog.ui.main_window import MainWindow
from chairlog.ui.quit_dialog import QuitDialog
from chairlog.ui.reminders import ReminderBell
from tests.conftest import ready_to_infuse
from tests.reliability.helpers.dbs import VITALS


class Mono:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def bell_with_fake_time(ctx: UiContext) -> tuple[ReminderBell, Mono, list[float]]:
    mono = Mono()
    bell = ReminderBell(ctx, mono=mono)
    volumes: list[float] = []
    bell.play = lambda volume=0.8: (volumes.append(volume),  # type: ignore[method-assign]
                                    setattr(bell, "sounds_played", bell.sounds_played + 1))
    return bell, mono, volumes


def test_the_chime_repeats_louder_until_the_condition_ends(ctx: UiContext) -> None:
    bell, mono, volumes = bell_with_fake_time(ctx)
    assert bell.observe(7, True, "due 14:15")
    for _ in range(59):
        mono.t += 1
        assert not bell.observe(7, True, "due 14:15")
    mono.t += 1
    assert bell.observe(7, True, "due 14:15")  # 60 s later: again
    mono.t += 60
    assert bell.observe(7, True, "due 14:15")
    assert volumes == [0.5, 0.7, 0.9]
    assert bell.due_events == 1
    assert not bell.observe(7, False, None)  # vitals recorded: the condition ended
    mono.t += 120
    assert not bell.observe(7, False, None)
    assert bell.observe(7, True, "due 14:30") and bell.due_events == 2  # a new one rings at once


def test_mute_lasts_at_most_ten_minutes(ctx: UiContext) -> None:
    bell, mono, volumes = bell_with_fake_time(ctx)
    bell.mute(3600)  # asked for an hour: ten minutes
    assert 599 <= bell.mute_left_s() <= 600
    bell.observe(1, True, "a")
    assert volumes == []  # muted: counted, not heard
    mono.t += 601
    assert bell.mute_left_s() == 0 and not ctx.settings.sound_muted
    bell.observe(1, True, "a")
    assert volumes == [0.7]  # the first repeat after the mute ended, heard


def test_the_window_shows_the_mute_countdown_and_ends_it(window: MainWindow) -> None:
    mono = Mono()
    window.bell.mono = mono
    act = window.actions_by_name["mute"]
    act.trigger()
    window._on_tick()
    assert act.isChecked() and act.text() == "Muted 10:00"
    mono.t += 125
    window._on_tick()
    assert act.text() == "Muted 7:55"
    mono.t += 480
    window._on_tick()
    assert not act.isChecked() and act.text() == "Mute reminders"


def test_without_a_sound_device_the_window_says_so(window: MainWindow) -> None:
    window.bell._no_audio()
    assert window.no_audio_label.isVisible()
    assert "No sound device" in window.no_audio_label.text()


def test_other_chairs_stay_in_sight_from_a_session_tab(clinic: Any, window: MainWindow,
                                                      qtbot: Any) -> None:
    a = ready_to_infuse(clinic)
    b = ready_to_infuse(clinic, patient=clinic.patient2, chair=1)
    for s in (a, b):
        doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    window.board.reload()
    window.open_session(a.id)
    assert window.tabs.currentIndex() != 0  # a session tab, not the board
    clinic.clock.advance(minutes=20)
    charting.record_vitals(clinic.app, clinic.nurse, a.id, VITALS)
    window.board.reload()
    window.board.tick()
    pills = [p.text() for p in window.strip.pills]
    assert any(t.startswith("Chair 2: VITALS OVERDUE") for t in pills), pills
    assert not any(t.startswith("Chair 1: VITALS OVERDUE") for t in pills), pills
    assert window.strip.isVisible() and all(p.isVisible() for p in window.strip.pills)
    # one click opens that chair's session
    pill = next(p for p in window.strip.pills if p.text().startswith("Chair 2"))
    pill.click()
    assert window.tabs.currentWidget() is window.pages[b.id]


def test_quitting_with_sessions_running_asks(clinic: Any, window: MainWindow,
                                             qtbot: Any) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    window.board.reload()
    window.actions_by_name["quit"].trigger()
    dlg = window.quit_dialog
    assert isinstance(dlg, QuitDialog) and dlg.isVisible()
    assert window.isVisible() and window.board.tick_timer.isActive()
    assert "Chair 1: Infusing" in dlg.findChild(type(dlg.layout().itemAt(0).widget()),
                                                "quitSessions").text()
    dlg.findChild(QPushButton, "quitCancel").click()
    assert window.isVisible() and window.board.tick_timer.isActive()
    window.close()
    window.quit_dialog.keep_button.click()  # keep running, minimized: timers unaffected
    assert window.isMinimized() and window.board.tick_timer.isActive()
    window.showNormal()
    window.close()
    window.quit_dialog.quit_button.click()
    assert not window.isVisible() and not window.board.tick_timer.isActive()


def test_the_strip_updates_a_countdown_in_place(clinic: Any, window: MainWindow) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    window.board.reload()
    clinic.clock.advance(minutes=16)
    window.board.tick()
    (pill,) = window.strip.pills
    first = pill.text()
    clinic.clock.advance(seconds=5)
    window.board.tick()
    assert window.strip.pills == [pill] and pill.text() != first  # same widget, new time
