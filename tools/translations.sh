#!/usr/bin/env bash
# Re-extract chairlog's words into resources/translations/chairlog_es.ts: the window's
# (chairlog/ui) and those drawn without Qt, read by chairlog/present/catalog.py (the PDF
# record in chairlog/reports, the vitals abbreviations in chairlog/present). (pyside6-lupdate
# keeps the translations already made and marks new words unfinished; -no-obsolete drops the
# words the code no longer has) and compile it into chairlog_es.qm (pyside6-lrelease).
# tests/ui/test_translation_catalog.py fails while the catalog is out of date or unfinished.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${PYSIDE6_BIN:-$(dirname "$(command -v python)")}"
[ -x "$bin/pyside6-lupdate" ] || bin=/work/venv/bin
sources=$(find chairlog/ui chairlog/reports chairlog/present -name '*.py' | sort)
for lang in es; do
    ts=resources/translations/chairlog_$lang.ts
    # shellcheck disable=SC2086
    "$bin/pyside6-lupdate" -no-obsolete -locations none -source-language en -target-language "$lang" $sources -ts "$ts"
    "$bin/pyside6-lrelease" "$ts" -qm "resources/translations/chairlog_$lang.qm"
done
