"""Reminders: a sound and a visual cue while a chair needs attention.

Decisions:
- A chair needs attention while its vitals are overdue or it has an alert nobody has
  acknowledged. The chime rings when that starts and **repeats every 60 s** (``repeat_s``)
  until it is acknowledged or the condition ends, louder each time (volume 0.5, 0.7, then
  0.9 and up): a nurse at another chair cannot miss it. A new condition (vitals recorded,
  then due again; another alert) rings at once.
- Muting (Ctrl+M) lasts **at most 10 minutes** and shows its countdown; it silences the
  sound only: tiles still flash and due texts still turn red. It ends by itself.
- The sound is a short two-tone chime (``resources/sounds/vitals_due.wav``, written by
  ``write_chime`` with the standard ``wave`` module — no downloaded assets), played with
  QtMultimedia's QSoundEffect. When the machine has no audio output (or no audio libraries)
  the bell says so (``audio_missing``) and the window shows it in red; the board keeps
  flashing. A missing chime file is an incomplete installation, refused at start
  (``chairlog.paths``). QtMultimedia is imported on the first ring only (start-up stays fast).
"""

from __future__ import annotations

import math
import struct
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWidgets import QApplication

from chairlog import paths
from chairlog.ui.context import UiContext

CHIME_NAME = "vitals_due.wav"


def chime_path() -> Path:
    """The shipped chime; ``paths.MissingResource`` if the installation lacks it."""
    return paths.resource(f"sounds/{CHIME_NAME}")


def write_chime(path: Path, rate: int = 22050) -> Path:
    """Write the reminder chime: two soft tones (880 Hz then 660 Hz), 0.6 s, mono 16-bit."""
    frames = bytearray()
    for freq, dur in ((880.0, 0.28), (660.0, 0.32)):
        n = int(rate * dur)
        for i in range(n):
            env = min(1.0, i / (0.01 * rate)) * (1.0 - i / n) ** 1.5
            sample = 0.55 * env * math.sin(2 * math.pi * freq * i / rate)
            frames += struct.pack("<h", int(sample * 32767))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return path


MUTE_MAX_S = 600.0
REPEAT_S = 60.0


@dataclass
class _Ringing:
    key: object
    last: float
    count: int = 0


class ReminderBell(QObject):
    """Rings when a chair starts needing attention and every ``repeat_s`` while it does."""

    #: a session started needing attention (session id)
    rang = Signal(int)
    #: no audio output: the window must say so (emitted once)
    audio_missing = Signal()

    def __init__(self, ctx: UiContext, parent: QObject | None = None,
                 mono: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mono = mono
        self.repeat_s = REPEAT_S
        self._active: dict[int, _Ringing] = {}
        self.due_events = 0
        self.sounds_played = 0
        self.muted_until: float | None = None
        self.audio_ok: bool | None = None  # None: not tried yet
        self._effect: Any = None
        self._effect_tried = False

    # ---- muting -----------------------------------------------------------------------------
    def mute(self, seconds: float = MUTE_MAX_S) -> None:
        self.muted_until = self.mono() + min(max(seconds, 0.0), MUTE_MAX_S)
        self.ctx.settings.sound_muted = True

    def unmute(self) -> None:
        self.muted_until = None
        self.ctx.settings.sound_muted = False

    def mute_left_s(self) -> float:
        """Seconds of mute left (0: the sound is on); an expired mute ends here."""
        if self.ctx.settings.sound_muted and self.muted_until is None:
            self.mute()  # muted by a setting: the same 10-minute limit
        if self.muted_until is None:
            return 0.0
        left = self.muted_until - self.mono()
        if left <= 0:
            self.unmute()
            return 0.0
        return left

    # ---- ringing ----------------------------------------------------------------------------
    def observe(self, session_id: int, alarming: bool, key: object) -> bool:
        """Report a session's state at a tick: ``alarming`` while it needs attention; ``key``
        identifies the condition (a new key is a new event). Returns True if this call rang."""
        if not alarming:
            self._active.pop(session_id, None)
            return False
        now = self.mono()
        ringing = self._active.get(session_id)
        if ringing is None or ringing.key != key:
            self._active[session_id] = _Ringing(key, now)
            self.due_events += 1
            self.rang.emit(session_id)
            self._ring(0)
            return True
        if now - ringing.last < self.repeat_s:
            return False
        ringing.last = now
        ringing.count += 1
        self._ring(ringing.count)
        return True

    def forget_except(self, session_ids: set[int]) -> None:
        """Drop state of sessions that left the board (keeps the dict small)."""
        self._active = {k: v for k, v in self._active.items() if k in session_ids}

    def _ring(self, repeat: int) -> None:
        if self.mute_left_s() > 0:
            return
        self.play(volume=min(0.5 + 0.2 * repeat, 1.0))

    def play(self, volume: float = 0.8) -> None:
        self.sounds_played += 1
        effect = self._sound_effect()
        if effect is not None:
            effect.setVolume(volume)
            effect.play()
        else:
            QApplication.beep()

    def _sound_effect(self) -> Any:
        if self._effect_tried:
            return self._effect
        self._effect_tried = True
        path = chime_path()
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except (ImportError, OSError):  # no audio libraries on this machine
            self._no_audio()
            return None
        if not QMediaDevices.audioOutputs():
            self._no_audio()
            return None
        self.audio_ok = True
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effect = effect
        return effect

    def _no_audio(self) -> None:
        self.audio_ok = False
        self.audio_missing.emit()
