"""The Spanish catalog (``resources/translations/chairlog_es.ts``) is complete, up to date with
the window's source and the services' messages, and its compiled ``.qm`` says what the ``.ts``
says.
``tools/translations.sh`` brings both up to date."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "chairlog_es.ts"
QM = ROOT / "resources" / "translations" / "chairlog_es.qm"
#: PySide6-Essentials installs it beside the interpreter
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"

Message = tuple[str, str, str]  # context, source, disambiguation


def messages(ts: Path) -> dict[Message, ET.Element]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            key = (name, msg.findtext("source") or "", msg.findtext("comment") or "")
            out[key] = msg
    return out


def translations(msg: ET.Element) -> list[str]:
    tr = msg.find("translation")
    assert tr is not None
    forms = tr.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [tr.text or ""]


def test_every_message_is_translated() -> None:
    found = messages(TS)
    assert len(found) > 20
    unfinished = [key for key, msg in found.items()
                  if (msg.find("translation") is not None
                      and msg.find("translation").get("type") in ("unfinished", "obsolete",
                                                                  "vanished"))
                  or not all(t.strip() for t in translations(msg))]
    assert unfinished == []


#: what tools/translations.sh extracts: the window, and the messages of the layers below it
#: (built with chairlog.words.words, read by lupdate as QT_TR_NOOP), and the PDFs' words
#: (reports, present: read without Qt by chairlog.present.catalog)
SOURCE_DIRS = ("ui", "services", "clinical", "domain", "outbox", "reports", "present")
SOURCE_FILES = ("errors.py",)


def catalog_sources() -> list[str]:
    package = ROOT / "chairlog"
    found = [p for d in SOURCE_DIRS for p in (package / d).rglob("*.py")]
    return sorted(str(p) for p in [*found, *(package / f for f in SOURCE_FILES)])


def test_catalog_is_up_to_date_with_the_source(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(LUPDATE), "-no-obsolete", "-locations", "none",
                    "-tr-function-alias", "QT_TR_NOOP+=words", *catalog_sources(),
                    "-ts", str(fresh)], check=True, capture_output=True, cwd=ROOT)
    assert set(messages(fresh)) == set(messages(TS)), "run tools/translations.sh"


def test_compiled_catalog_matches_the_source_catalog(qapp: object) -> None:
    qm = QTranslator()
    assert qm.load(str(QM))
    stale = []
    for (context, source, comment), msg in messages(TS).items():
        if msg.get("numerus") == "yes":
            got = qm.translate(context, source, comment or None, 1)
            if got not in translations(msg):
                stale.append((context, source))
        elif qm.translate(context, source, comment or None) != translations(msg)[0]:
            stale.append((context, source))
    assert stale == [], "run tools/translations.sh (the .qm is older than the .ts)"
