"""Fill finished translations into a Qt Linguist .ts from a Python dict file (a helper for
adding a batch of reviewed translations). Run tools/translations.sh afterwards: lupdate
rewrites the file in its own layout (this script's XML writer drops the DOCTYPE line) and
lrelease compiles the .qm.

    python tools/fill_translations.py resources/translations/chairlog_es.ts words.py

``words.py`` defines ``ES = {(context, source): translation}``. Only messages whose source
matches are touched; their ``type="unfinished"`` mark is removed. Placeholders ({name}) must
be the same in the source and the translation, else the script stops.
"""

from __future__ import annotations

import re
import runpy
import sys
import xml.etree.ElementTree as ET


def main(ts: str, words: str) -> int:
    table = runpy.run_path(words)["ES"]
    tree = ET.parse(ts)
    done = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            key = (name, msg.findtext("source") or "")
            if key not in table:
                continue
            text = table[key]
            if sorted(re.findall(r"{\w*}", key[1])) != sorted(re.findall(r"{\w*}", text)):
                raise SystemExit(f"placeholders differ: {key} → {text!r}")
            tr = msg.find("translation")
            assert tr is not None
            tr.text = text
            tr.attrib.pop("type", None)
            done += 1
    ET.indent(tree, space="    ")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    print(f"{done} translation(s) filled of {len(table)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
