"""A small, strict reader for the HL7 v2 pipe-delimited segments a monitor sends.

Decision (written down as the issue asks): chairlog parses the PCD-01 subset itself rather than
use ``hl7`` (python-hl7) or ``hl7apy``. The segments needed are few (MSH, PV1, OBR, OBX), the
rules are short, and the libraries' known traps are exactly where monitors differ: LF or CRLF
segment ends, non-ASCII text, separators taken from MSH-1/MSH-2. Owning ~150 lines keeps each
refusal explicit (AR vs AE) and keeps the listener free of a dependency on the critical path.

Rules:
- bytes are decoded as UTF-8 (PCD-01's MSH-18 ``UNICODE UTF-8``); bytes that are not UTF-8 are
  read as ISO 8859-1 (the other charset monitors use), so any byte sequence decodes;
- segments end with CR; CRLF and a bare LF are tolerated (monitors and serial gateways send
  them) and read as CR;
- the message must start with ``MSH`` (leading whitespace is ignored), MSH-1 is the field
  separator (any printable non-alphanumeric character), MSH-2 must be exactly ``^~\\&``;
- escape sequences ``\\F\\ \\S\\ \\T\\ \\R\\ \\E\\`` are undone in text values; others are left out;
- the work per message is bounded whatever a sender does inside its 1 MiB: more than
  ``MAX_SEGMENTS`` segments is refused with AR (a monitor sends a few dozen; 300 000 empty
  segments took 20 s of the one worker every monitor's ACK waits for), fields beyond
  ``MAX_FIELDS`` stay unsplit in the last one (no segment chairlog reads has that many), and
  unescaping splits once on the escape character instead of a loop per character.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_SEGMENTS = 5000
MAX_FIELDS = 100


class Refused(Exception):
    """A message that cannot be accepted. ``code`` is the MSA-1 answer (AR or AE)."""

    def __init__(self, code: str, text: str, control_id: str = "") -> None:
        super().__init__(text)
        self.code = code
        self.text = text
        self.control_id = control_id


ENCODING_CHARS = "^~\\&"


@dataclass
class Segment:
    name: str
    fields: list[str]  # fields[i] is SEG-i (for MSH, fields[1] is MSH-1, the separator)

    def raw(self, n: int) -> str:
        return self.fields[n] if 0 <= n < len(self.fields) else ""


@dataclass
class Message:
    segments: list[Segment]
    field_sep: str
    text: str = field(repr=False, default="")

    def all(self, name: str) -> list[Segment]:
        return [s for s in self.segments if s.name == name]

    def first(self, name: str) -> Segment | None:
        return next((s for s in self.segments if s.name == name), None)

    @property
    def msh(self) -> Segment:
        return self.segments[0]

    def get(self, seg: Segment | None, n: int, comp: int = 1, sub: int = 0) -> str:
        """SEG-n.comp (1-based component; first repetition), unescaped; ``sub`` > 0 picks a
        subcomponent, 0 keeps the whole component."""
        if seg is None:
            return ""
        return component(seg.raw(n), comp, sub)


def component(raw: str, comp: int = 1, sub: int = 0) -> str:
    first = raw.split("~", 1)[0]
    parts = first.split("^")
    value = parts[comp - 1] if 0 < comp <= len(parts) else ""
    if sub > 0:
        subs = value.split("&")
        value = subs[sub - 1] if sub <= len(subs) else ""
    return unescape(value)


_ESCAPES = {"F": "|", "S": "^", "T": "&", "R": "~", "E": "\\"}


def unescape(value: str) -> str:
    if "\\" not in value:
        return value
    parts = value.split("\\")  # text, code, text, code, ... text
    tail = ""
    if len(parts) % 2 == 0:  # an odd number of backslashes: the last one opens nothing
        tail = "\\" + parts.pop()
    out = parts[:]
    out[1::2] = [_ESCAPES.get(code, "") for code in parts[1::2]]
    return "".join(out) + tail


def escape(value: str) -> str:
    """Make text safe inside one HL7 component (for the ACK's echoed fields)."""
    out = value.replace("\\", "\\E\\").replace("|", "\\F\\").replace("^", "\\S\\")
    out = out.replace("&", "\\T\\").replace("~", "\\R\\")
    return "".join(c for c in out if c >= " ")


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def parse(data: bytes) -> Message:
    """Split a message into segments and fields; refuse (AR) what is not an HL7 v2 message."""
    text = decode(data).replace("\r\n", "\r").replace("\n", "\r").lstrip(" \t\r\x00")
    if not text.startswith("MSH") or len(text) < 8:
        raise Refused("AR", "not an HL7 message: it must start with an MSH segment")
    sep = text[3]
    if sep.isalnum() or sep in "\r \t" or not sep.isprintable():
        raise Refused("AR", "MSH-1 field separator is not a printable separator character")
    segments: list[Segment] = []
    for line in text.split("\r"):
        line = line.strip("\x00")
        if not line.strip():
            continue
        if len(segments) == MAX_SEGMENTS:
            head = Message(segments, sep, text)
            raise Refused("AR", f"more than {MAX_SEGMENTS} segments: too large",
                          head.get(head.msh, 10))
        parts = line.split(sep, MAX_FIELDS)
        name = parts[0].strip()
        if name == "MSH" and not segments:
            parts = ["MSH", sep, *parts[1:]]
        segments.append(Segment(name, parts))
    msg = Message(segments, sep, text)
    control_id = msg.get(msg.msh, 10)
    if msg.msh.raw(2) != ENCODING_CHARS:
        raise Refused("AR", "MSH-2 encoding characters must be ^~\\&", control_id)
    return msg


def control_id_of(head: bytes) -> str:
    """MSH-10 read from the first bytes of a message that will not be parsed (too large)."""
    try:
        msg = parse(head.split(b"\r", 1)[0].split(b"\n", 1)[0])
    except Refused:
        return ""
    return msg.get(msg.msh, 10)
