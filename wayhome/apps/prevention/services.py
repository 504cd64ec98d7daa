"""The job-ad checker's logic on top of the engine: language mapping, highlighting the
words that triggered each flag, country advice in the reader's language.

Nothing here writes anywhere or logs the ad: a person checking an offer must be able to
trust that the text leaves no trace (no database row, no audit event, no log line). The
functions holding the ad are marked ``sensitive_variables`` so that an error report never
shows it either.
"""

from __future__ import annotations

import gettext as gettext_module
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from wayhome.domain import jobads
from wayhome.domain.jobads import advice

# Django language code -> engine language code (the engine's LANGUAGES).
_ENGINE_LANG = {"zh-hans": "zh"}
# Django language code -> pycountry's gettext locale for country names.
_COUNTRY_LOCALE = {"zh-hans": "zh_CN"}


class AdTextError(ValueError):
    """The pasted text or uploaded file cannot be checked; the message is for the reader."""


class EngineFailed(RuntimeError):
    """The engine raised something unexpected. Raised in place of the original, whose
    traceback frames (and message) could hold the ad, so error reports never carry it."""


@sensitive_variables()
def score(text: str, engine_lang: str) -> dict[str, Any]:
    """The engine's verdict as a dict; ``AdInputError`` passes through (bad input), any
    other failure becomes ``EngineFailed`` naming only the exception type."""
    try:
        return jobads.check(text).to_dict(engine_lang)
    except jobads.AdInputError:
        raise
    except Exception as exc:  # noqa: BLE001 - re-raised without the ad, on purpose
        failure = type(exc).__name__
    raise EngineFailed(f"the job-ad engine failed ({failure})")


def site_languages() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def page_language(requested: str | None, fallback: str) -> str:
    """The Django language to show: ``requested`` when the site has it, else ``fallback``."""
    if requested and requested in site_languages():
        return requested
    return fallback if fallback in site_languages() else settings.LANGUAGE_CODE


def engine_language(django_code: str) -> str:
    """The engine's code for a site language (English when the engine lacks it)."""
    code = _ENGINE_LANG.get(django_code, django_code)
    return code if code in jobads.LANGUAGES else "en"


def input_messages(params: Mapping[str, int]) -> dict[str, str]:
    """The engine's bad-input messages (``jobads.INPUT_ERRORS``) by code, in the reader's
    language, with ``params`` filled in.

    The engine (``jobads.validate_text`` / ``read_text``) is the only place the ad is
    checked; this table only translates its messages. Each English sentence is the
    engine's own, word for word (a test holds the two together), so the page, the API
    and the CLI say the same thing.
    """
    return {
        "empty": _("The ad is empty: paste the text of the job advertisement."),
        "too_long": _("The ad is longer than %(limit_kb)d KB: paste one job advertisement "
                      "at a time.")
        % {"limit_kb": params.get("limit_kb", jobads.MAX_BYTES // 1000)},
        "binary": _("The ad looks like a binary file (an image or a document), not text: "
                    "copy the words of the advertisement instead."),
        "encoding": _("The ad is not valid UTF-8 text: save it as UTF-8 (or UTF-16 with a "
                      "byte-order mark) and try again."),
    }


def input_message(exc: jobads.AdInputError) -> str:
    """The engine's message for ``exc``, in the reader's language."""
    return input_messages(exc.params).get(exc.code, exc.message)


@sensitive_variables()
def text_from_form(text: str, upload: UploadedFile | None) -> str:
    """The ad to check: the uploaded file when there is one, else the pasted text; both
    validated by the engine (size, binary content, and for a file its encoding)."""
    if upload is not None:
        raw = upload.read(jobads.MAX_BYTES + 1)
        try:
            return jobads.read_text(raw)
        except jobads.AdInputError as exc:
            raise AdTextError(_("This file cannot be checked: %(reason)s")
                              % {"reason": input_message(exc)}) from None
    try:
        return jobads.validate_text(text)
    except jobads.AdInputError as exc:
        raise AdTextError(input_message(exc)) from None


@dataclass(frozen=True)
class Segment:
    """A piece of the ad: plain, or a match of the flags numbered in ``flags`` (1-based,
    the order of the list on the page)."""

    text: str
    flags: tuple[int, ...] = ()


def _term_pattern(term: str) -> str:
    """A matched term as a regex that tolerates runs of whitespace inside it."""
    return r"\s+".join(re.escape(part) for part in term.split())


@sensitive_variables()
def highlight(text: str, matched: list[list[str]]) -> list[Segment]:
    """Split ``text`` into segments, marking every case-insensitive occurrence of each
    flag's matched words. Longer terms win over shorter ones at the same place."""
    owners: dict[str, set[int]] = {}
    for number, terms in enumerate(matched, start=1):
        for term in terms:
            key = " ".join(term.split()).casefold()
            if key:
                owners.setdefault(key, set()).add(number)
    if not owners:
        return [Segment(text)]
    terms = sorted(owners, key=len, reverse=True)
    pattern = re.compile("|".join(_term_pattern(t) for t in terms), re.IGNORECASE)
    out: list[Segment] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() == m.end():
            continue
        if m.start() > pos:
            out.append(Segment(text[pos:m.start()]))
        key = " ".join(m.group(0).split()).casefold()
        flags = owners.get(key) or {n for t, ns in owners.items()
                                    if re.fullmatch(_term_pattern(t), m.group(0),
                                                    re.IGNORECASE) for n in ns}
        out.append(Segment(m.group(0), tuple(sorted(flags))))
        pos = m.end()
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


@sensitive_variables()
def check(text: str, django_lang: str) -> dict[str, Any]:
    """The engine's verdict in the reader's language, plus the highlighted ad."""
    result = score(text, engine_language(django_lang))
    result["segments"] = highlight(text, [list(f["matched"]) for f in result["flags"]])
    return result


@cache
def _country_names(django_lang: str) -> gettext_module.NullTranslations:
    locale = _COUNTRY_LOCALE.get(django_lang, django_lang)
    return gettext_module.translation("iso3166-1", pycountry.LOCALES_DIR,
                                      languages=[locale], fallback=True)


def country_name(code: str, django_lang: str) -> str:
    """The country's common name in the reader's language (English when untranslated)."""
    found = pycountry.countries.get(alpha_3=code)
    if found is None:
        return code
    name = getattr(found, "common_name", None) or found.name
    translated = _country_names(django_lang).gettext(name)
    if translated == name and name != found.name:
        translated = _country_names(django_lang).gettext(found.name)
    return translated


def country_choices(django_lang: str) -> list[tuple[str, str]]:
    return [(c.code, country_name(c.code, django_lang)) for c in advice.countries()]


@dataclass(frozen=True)
class CountryAdvice:
    code: str
    name: str
    country: advice.Country
    chosen: bool


def what_to_do(django_lang: str, chosen: str = "") -> dict[str, Any]:
    """The advice steps and, per country, the licensing body and hotlines; the chosen
    country first and open."""
    lang = engine_language(django_lang)
    per_country = [CountryAdvice(c.code, country_name(c.code, django_lang), c,
                                 c.code == chosen) for c in advice.countries()]
    per_country.sort(key=lambda c: not c.chosen)
    return {"steps": [s.text(lang) for s in advice.steps()], "countries": per_country}
