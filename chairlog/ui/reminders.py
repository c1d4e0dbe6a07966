"""Vitals reminders: a sound and a visual cue when a chair's vitals become due.

Decisions:
- One ring per due event, not one per second: an event is identified by (session, due time);
  recording vitals moves the due time, so the next due event rings again.
- The sound is a short two-tone chime (``resources/sounds/vitals_due.wav``, written by
  ``write_chime`` with the standard ``wave`` module — no downloaded assets), played with
  QtMultimedia's QSoundEffect when that module loads; otherwise ``QApplication.beep()``. A
  missing chime file is an incomplete installation, refused at start (``chairlog.paths``).
  QtMultimedia is imported on the first ring only (start-up stays fast, and a machine without
  audio libraries still gets the beep).
- Muting (Ctrl+M, ``ctx.settings.sound_muted``) silences the sound only; the tile still
  flashes and the due text still turns red.
"""

from __future__ import annotations

import math
import struct
import wave
from datetime import datetime
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


class ReminderBell(QObject):
    """Tracks due events per session and rings once for each new one."""

    #: a session's vitals just became due (session id)
    rang = Signal(int)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rung: set[tuple[int, datetime]] = set()
        self.due_events = 0
        self.sounds_played = 0
        self._effect: Any = None
        self._effect_tried = False

    def observe(self, session_id: int, overdue: bool, due_at: datetime | None) -> bool:
        """Report a session's due state at a tick; returns True if this call rang."""
        if not overdue or due_at is None:
            return False
        key = (session_id, due_at)
        if key in self._rung:
            return False
        self._rung.add(key)
        self.due_events += 1
        self.rang.emit(session_id)
        if not self.ctx.settings.sound_muted:
            self.play()
        return True

    def forget_except(self, session_ids: set[int]) -> None:
        """Drop state of sessions that left the board (keeps the set small)."""
        self._rung = {k for k in self._rung if k[0] in session_ids}

    def play(self) -> None:
        self.sounds_played += 1
        effect = self._sound_effect()
        if effect is not None:
            effect.play()
        else:
            QApplication.beep()

    def _sound_effect(self) -> Any:
        if self._effect_tried:
            return self._effect
        self._effect_tried = True
        path = chime_path()
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except (ImportError, OSError):  # no audio libraries on this machine
            return None
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(0.8)
        self._effect = effect
        return effect
