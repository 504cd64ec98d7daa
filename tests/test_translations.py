"""The message catalogues under wayhome/locale are complete, compiled and safe to format.

Refresh them with scripts/i18n.sh (makemessages + compilemessages); these tests fail while
a string is left untranslated or fuzzy, while a committed .mo lags behind its .po, or when a
translation drops or invents a placeholder (which would raise KeyError or show raw data).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "wayhome" / "locale"
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
PO_IDS = [str(p.relative_to(LOCALE_DIR)) for p in PO_FILES]

# %(name)s-style (also %(name)d etc.) and str.format-style {name} placeholders.
NAMED_PRINTF = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
POSITIONAL_PRINTF = re.compile(r"%(?!\()[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
BRACES = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)\}(?!\})")


def _entries(po_path: Path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(po_path)) if not e.obsolete]


def _translations(entries) -> dict[tuple[str | None, str], tuple[str, ...]]:
    out = {}
    for e in entries:
        if not e.msgid:  # header
            continue
        if e.msgid_plural:
            value = tuple(e.msgstr_plural[k] for k in sorted(e.msgstr_plural))
        else:
            value = (e.msgstr,)
        out[(e.msgctxt, e.msgid)] = value
    return out


def _placeholders(text: str, printf_positional: bool) -> Counter:
    found: Counter = Counter()
    for name in NAMED_PRINTF.findall(text):
        found[f"%({name})"] += 1
    for name in BRACES.findall(text):
        found[f"{{{name}}}"] += 1
    if printf_positional:
        text = text.replace("%%", "")
        found["%positional"] += len(POSITIONAL_PRINTF.findall(text))
    return +found


# Languages of the whole app: every string translated. Languages of the public job-ad
# checker only: every string of the public page and the header translated; the staff pages
# fall back to English in them.
FULL_LANGUAGES = {"th", "vi", "my"}
PUBLIC_ONLY_LANGUAGES = {"id", "fil", "km", "zh_Hans"}
PUBLIC_SOURCES = ("apps/prevention/", "web/templates/base.html", "web/settings.py")


def _language(po_path: Path) -> str:
    return po_path.parent.parent.name


def _required(po_path: Path, entry: polib.POEntry) -> bool:
    """Must this entry be translated in this catalogue?"""
    if _language(po_path) not in PUBLIC_ONLY_LANGUAGES:
        return True
    return any(path.startswith(PUBLIC_SOURCES) for path, _line in entry.occurrences)


def test_every_language_of_the_app_has_a_catalogue() -> None:
    langs = {_language(p) for p in PO_FILES}
    assert FULL_LANGUAGES | PUBLIC_ONLY_LANGUAGES <= langs, f"found {sorted(langs)}"


def test_catalogues_exist() -> None:
    langs = {p.parent.parent.name for p in PO_FILES}
    assert {"th", "vi", "my"} <= langs, f"missing catalogues, found {sorted(langs)}"


@pytest.mark.parametrize("po_path", PO_FILES, ids=PO_IDS)
def test_no_untranslated_or_fuzzy(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries() if _required(po_path, e)]
    fuzzy = [e.msgid for e in po.fuzzy_entries() if _required(po_path, e)]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:10]}"
    assert not po.metadata_is_fuzzy, "the header is still marked fuzzy"


@pytest.mark.parametrize("po_path", PO_FILES, ids=PO_IDS)
def test_header(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    lang = po_path.parent.parent.name
    assert po.metadata.get("Language") == lang
    assert "nplurals=" in po.metadata.get("Plural-Forms", "")
    assert po.metadata.get("Content-Type", "").lower().endswith("charset=utf-8")


@pytest.mark.parametrize("po_path", PO_FILES, ids=PO_IDS)
def test_mo_matches_po(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path.name} missing: run scripts/i18n.sh"
    po_entries = [e for e in _entries(po_path) if "fuzzy" not in e.flags and e.translated()]
    expected = _translations(po_entries)
    compiled = _translations(polib.mofile(str(mo_path)))
    stale = sorted(k[1] for k in expected if compiled.get(k) != expected[k])
    extra = sorted(k[1] for k in compiled if k not in expected)
    assert not stale and not extra, (
        f"{mo_path} is out of date with its .po (run scripts/i18n.sh): "
        f"changed or missing {stale[:10]}, not in .po {extra[:10]}"
    )


@pytest.mark.parametrize("po_path", PO_FILES, ids=PO_IDS)
def test_placeholders_match(po_path: Path) -> None:
    problems = []
    for e in _entries(po_path):
        if not e.msgid or not e.translated():
            continue
        positional = "python-format" in e.flags
        if e.msgid_plural:
            # A language with one plural form uses msgid_plural's placeholders.
            sources = [e.msgid_plural] * len(e.msgstr_plural)
            targets = [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)]
        else:
            sources, targets = [e.msgid], [e.msgstr]
        for source, target in zip(sources, targets):
            want = _placeholders(source, positional)
            got = _placeholders(target, positional)
            if want != got:
                problems.append(f"{e.msgid!r}: expected {dict(want)}, got {dict(got)}")
    assert not problems, "\n".join(problems)


def test_burmese_is_unicode_not_zawgyi() -> None:
    """Zawgyi text puts vowel signs and medials before their consonant, so in Unicode terms a
    combining Myanmar mark opens a word; Unicode text never does that. Zawgyi also uses
    U+1060..U+1097 for stacked and variant glyphs that Burmese in Unicode does not use."""
    po_path = LOCALE_DIR / "my" / "LC_MESSAGES" / "django.po"
    if not po_path.exists():
        pytest.skip("no Burmese catalogue")
    mark_first = re.compile(r"(?:^|[^\u1000-\u109f])[\u102b-\u103e]")
    zawgyi_range = re.compile(r"[\u1060-\u1097]")
    bad = [
        e.msgid
        for e in _entries(po_path)
        if e.msgstr and (mark_first.search(e.msgstr) or zawgyi_range.search(e.msgstr))
    ]
    assert not bad, f"looks like Zawgyi, not Myanmar Unicode: {bad[:10]}"


def test_every_string_marked_in_the_code_is_in_the_catalogues(tmp_path: Path) -> None:
    """Extract the marked strings afresh (as scripts/i18n.sh does) from a copy of the code:
    a string added to a view or template without refreshing the catalogues fails here."""
    import shutil
    import subprocess
    import sys

    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is missing: scripts/test.sh installs it (apt-get install gettext)")
    src = LOCALE_DIR.parent
    copy = tmp_path / "wayhome"
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("__pycache__", "locale", "domain"))
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "th", "--no-obsolete",
         "--settings=wayhome.web.settings"],
        cwd=copy, check=True, capture_output=True,
        env={**os.environ, "WAYHOME_HOME": str(tmp_path / "home")},
    )
    fresh = {(e.msgctxt, e.msgid) for e in _entries(copy / "locale/th/LC_MESSAGES/django.po")}
    for po_path in PO_FILES:
        committed = {(e.msgctxt, e.msgid) for e in _entries(po_path)}
        missing = sorted(m for _ctx, m in fresh - committed)
        assert missing == [], f"{po_path.parent.parent.name}: run scripts/i18n.sh; missing {missing}"
