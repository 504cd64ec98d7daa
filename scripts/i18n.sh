#!/usr/bin/env bash
# Refresh the message catalogues from the code and templates, then compile them. Thai,
# Vietnamese and Burmese cover the whole app; Indonesian, Filipino, Khmer and Chinese cover
# the public job-ad checker and the header (other strings stay empty and show in English). The compiled .mo files are committed (Wayhome must run without gettext).
# Needs GNU gettext (xgettext, msgmerge, msgfmt). New or changed strings come out empty or
# "fuzzy": translate them in wayhome/locale/*/LC_MESSAGES/django.po and run this again;
# tests/test_translations.py fails while any are left.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export WAYHOME_HOME="${WAYHOME_HOME:-$(mktemp -d)}"
cd "$ROOT/wayhome"
mkdir -p locale
LANGS=(-l th -l vi -l my -l id -l fil -l km -l zh_Hans)
"$PY" -m django makemessages "${LANGS[@]}" --settings=wayhome.web.settings \
  --ignore 'domain/*' --no-obsolete
"$PY" -m django compilemessages "${LANGS[@]}" --settings=wayhome.web.settings
for f in locale/*/LC_MESSAGES/django.po; do
  untranslated=$(msgattrib --untranslated "$f" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy "$f" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is selected
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  echo "$f: $untranslated untranslated, $fuzzy fuzzy"
done
echo "(id, fil, km and zh_Hans need only the public page and header strings:"
echo " tests/test_translations.py says which ones are still missing)"
