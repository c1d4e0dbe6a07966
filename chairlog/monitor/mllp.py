"""MLLP framing (``0x0B`` message ``0x1C 0x0D``), owned by chairlog.

Why not a library's: the common Python MLLP readers lose the second of two frames in one TCP
read, hang on non-ASCII bytes, or fail on frames longer than their receive buffer (see
docs of the monitor section in README). This decoder is a small state machine fed with
whatever bytes arrive, in any split:

- several frames in one read and one frame across many reads are both decoded;
- bytes before a start block (``0x0B``) are ignored (text, stray CR/LF, garbage);
- a new ``0x0B`` inside an unfinished frame drops the half frame and starts again (resync);
- a frame growing beyond ``max_frame`` bytes is reported once as :class:`Oversize` and the
  rest of it is discarded without being kept (memory stays bounded by ``max_frame``); the
  listener answers AR and closes the connection;
- a ``0x1C`` not followed by ``0x0D`` is kept as data (it is not an end block).
"""

from __future__ import annotations

from dataclasses import dataclass

SB = 0x0B
EB = 0x1C
CR = 0x0D
MAX_FRAME = 1024 * 1024  # 1 MiB


@dataclass(frozen=True)
class Frame:
    """One complete message (the bytes between the start and end blocks)."""

    data: bytes


@dataclass(frozen=True)
class Oversize:
    """A frame was longer than the limit; ``head`` is its first bytes (to read MSH-10)."""

    head: bytes


Event = Frame | Oversize


class FrameDecoder:
    """Feed bytes in, get complete frames out. Never raises on any input."""

    def __init__(self, max_frame: int = MAX_FRAME) -> None:
        self.max_frame = max_frame
        self._buf = bytearray()
        self._in_frame = False
        self._oversize = False  # discarding the rest of an oversize frame
        self._pending_eb = False  # the last byte seen inside a frame was 0x1C

    @property
    def buffered(self) -> int:
        return len(self._buf)

    def feed(self, data: bytes) -> list[Event]:
        out: list[Event] = []
        i, n = 0, len(data)
        while i < n:
            if not self._in_frame:
                j = data.find(SB, i)
                if j < 0:
                    return out  # nothing but bytes before a start block: ignored
                self._start()
                i = j + 1
                continue
            if self._pending_eb:
                self._pending_eb = False
                if data[i] == CR:
                    i += 1
                    self._end(out)
                    continue
                self._append(bytes([EB]), out)
            # scan to the next byte that matters: a start block or an end block
            j = _next_special(data, i)
            if j < 0:
                self._append(data[i:], out)
                return out
            self._append(data[i:j], out)
            if data[j] == SB:
                self._start()  # resync: the half frame is dropped
                i = j + 1
            else:  # EB
                self._pending_eb = True
                i = j + 1
        return out

    def _start(self) -> None:
        self._buf.clear()
        self._in_frame = True
        self._oversize = False
        self._pending_eb = False

    def _append(self, chunk: bytes, out: list[Event]) -> None:
        if self._oversize or not chunk:
            return
        if len(self._buf) + len(chunk) > self.max_frame:
            room = self.max_frame - len(self._buf)
            self._buf += chunk[: max(room, 0)]
            out.append(Oversize(bytes(self._buf[:4096])))
            self._buf.clear()
            self._oversize = True
            return
        self._buf += chunk

    def _end(self, out: list[Event]) -> None:
        if not self._oversize:
            out.append(Frame(bytes(self._buf)))
        self._buf.clear()
        self._in_frame = False
        self._oversize = False


def _next_special(data: bytes, start: int) -> int:
    a = data.find(SB, start)
    b = data.find(EB, start)
    if a < 0:
        return b
    if b < 0:
        return a
    return min(a, b)


def wrap(message: bytes) -> bytes:
    """One MLLP frame around a message."""
    return bytes([SB]) + message + bytes([EB, CR])
