#!/usr/bin/env bash
# Re-extract chairlog's words into resources/translations/chairlog_es.ts: the window's
# (chairlog/ui) and those drawn without Qt, read by chairlog/present/catalog.py (the PDF
# record in chairlog/reports, the vitals abbreviations in chairlog/present). (pyside6-lupdate
# keeps the translations already made and marks new words unfinished; -no-obsolete drops the
# words the code no longer has) and compile it into chairlog_es.qm (pyside6-lrelease).
# tests/ui/test_translation_catalog.py fails while the catalog is out of date or unfinished.
# Besides the window (chairlog/ui), the messages of the layers below it: chairlog/errors.py and
# the services, clinical core, domain and outbox build them with chairlog.words.words(...),
# which lupdate reads as QT_TR_NOOP (the empty context) through -tr-function-alias.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${PYSIDE6_BIN:-$(dirname "$(command -v python)")}"
[ -x "$bin/pyside6-lupdate" ] || bin=/work/venv/bin
sources=$(find chairlog/ui chairlog/errors.py chairlog/services chairlog/clinical chairlog/domain \
    chairlog/outbox chairlog/reports chairlog/present -name '*.py' | sort)
for lang in es; do
    ts=resources/translations/chairlog_$lang.ts
    # shellcheck disable=SC2086
    "$bin/pyside6-lupdate" -no-obsolete -locations none -tr-function-alias QT_TR_NOOP+=words -source-language en -target-language "$lang" $sources -ts "$ts"
    "$bin/pyside6-lrelease" "$ts" -qm "resources/translations/chairlog_$lang.qm"
done
