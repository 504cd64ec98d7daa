"""Compose a request letter from the law engine's analysis and the case's facts.

The analysis (:func:`wayhome.domain.law.analyse`, or its ``to_dict()``) says what national
law provides and which international standard applies; the facts (:class:`LetterFacts`)
say who writes, about which case and measure, and since when reasonable grounds are
recorded. The sentences come from the language's template file (:mod:`.templates`).

A letter sets out, in this order: the writer, the date and the case number; the
addressee and the subject; the measure; the reasonable grounds; national law (each
provision cited by instrument and article, with its limits where it does not cover the
measure); the international standard with its citations; what is requested; a closing
and a signature block; and the references.

Provisions to verify. The law data marks some facts "to verify" (recalled or synthesised,
not re-read). A letter that cites such a provision (:func:`unverified_citations`) is a
*draft* until a staff member confirms, citation by citation, that they checked it against
the text of the law (the ``checked`` keys): the draft opens with a notice naming each one
and what is to verify (in the letter's own language, from its template), prints :data:`TO_VERIFY_MARK` after each such citation, and its
footer says it is not to be sent. So the letter never asserts an unverified fact
silently: either the mark is there, or a named person has taken the check on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from wayhome.domain.law import Analysis, LawInputError, Offence, parse_measure, parse_offence

from .model import (
    TO_VERIFY_FACTS,
    TO_VERIFY_MARK,
    Block,
    Letter,
    LetterFacts,
    LetterInputError,
    MeasureFacts,
    UnverifiedCitation,
)
from .templates import Template, available_languages, load_template

#: The keys of an analysis dict the letter reads.
ANALYSIS_KEYS: tuple[str, ...] = (
    "country",
    "country_name",
    "measure",
    "offence",
    "covered_by_national_law",
    "national_provisions",
    "international_standard",
    "authority_language",
)

#: Offences that come from the forced work in the scam compound: the letter says
#: expressly that the person was trafficked into forced criminality.
FORCED_CRIMINALITY: frozenset[Offence] = frozenset(
    {Offence.FRAUD, Offence.MONEY_LAUNDERING, Offence.ORGANISED_CRIME}
)

#: Sources that are Wayhome's own reading or general knowledge: never cited to an authority.
UNCITED_SOURCES: frozenset[str] = frozenset({"wayhome_synthesis", "official_language"})

_NATIONAL_REASONS: Mapping[str, str] = {
    "covered": "national_covered",
    "conditional": "national_conditional",
    "offence_not_listed": "national_offence_not_listed",
    "offence_not_given": "national_offence_not_given",
    "measure_unknown": "national_measure_unknown",
    "scope_unknown": "national_scope_unknown",
}


# ------------------------------------------------------------------ input checks


def _analysis(analysis: Analysis | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(analysis, Analysis):
        return analysis.to_dict()
    if not isinstance(analysis, Mapping):
        raise LetterInputError(
            f"analysis: expected a law analysis (Analysis or its to_dict()), got {type(analysis).__name__}"
        )
    missing = [k for k in ANALYSIS_KEYS if k not in analysis]
    if missing:
        raise LetterInputError(f"analysis: missing {', '.join(missing)}")
    for key in ("national_provisions", "international_standard"):
        if not isinstance(analysis[key], Sequence) or isinstance(analysis[key], str):
            raise LetterInputError(f"analysis: {key}: expected a list")
    return analysis


def _one_line(value: object, where: str, *, required: bool) -> str:
    if not isinstance(value, str):
        raise LetterInputError(f"{where}: expected text, got {type(value).__name__}")
    text = " ".join(value.split())
    if required and not text:
        raise LetterInputError(f"{where}: required")
    return text


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise LetterInputError(
            f"{where}: expected a date (not a datetime: convert to the local date first), "
            f"got {value!r}"
        )
    return value


def _facts(facts: LetterFacts) -> LetterFacts:
    if not isinstance(facts, LetterFacts):
        raise LetterInputError(f"facts: expected LetterFacts, got {type(facts).__name__}")
    if not isinstance(facts.measure, MeasureFacts):
        raise LetterInputError(f"facts.measure: expected MeasureFacts, got {facts.measure!r}")
    letter_date = _date(facts.letter_date, "facts.letter_date")
    grounds = _date(facts.grounds_recorded_on, "facts.grounds_recorded_on")
    ordered = _date(facts.measure.ordered_on, "facts.measure.ordered_on")
    if grounds > letter_date:
        raise LetterInputError("facts.grounds_recorded_on: after the date of the letter")
    if ordered > letter_date:
        raise LetterInputError("facts.measure.ordered_on: after the date of the letter")
    return LetterFacts(
        organisation=_one_line(facts.organisation, "facts.organisation", required=True),
        case_number=_one_line(facts.case_number, "facts.case_number", required=True),
        letter_date=letter_date,
        grounds_recorded_on=grounds,
        measure=MeasureFacts(
            ordered_on=ordered,
            authority=_one_line(facts.measure.authority, "facts.measure.authority", required=False),
            reference=_one_line(facts.measure.reference, "facts.measure.reference", required=False),
        ),
    )


# ------------------------------------------------------------------ pieces


def _offence_label(t: Template, code: object, where: str) -> str:
    label = t.entry("offence", str(code))
    if label is None:
        raise LetterInputError(f"{where}: unknown offence {code!r}")
    return label


def _citation(parts: Sequence[object]) -> str:
    return ", ".join(str(p) for p in parts if p)


def _provision_citation(t: Template, provision: Mapping[str, Any]) -> str:
    override = t.entry("provision", str(provision.get("id", "")))
    if override:
        return override
    cite = _citation((provision.get("instrument"), provision.get("article")))
    return cite or str(provision.get("id") or "?")


def _marked(citation: str, key: str, pending: Collection[str]) -> str:
    return f"{citation} {TO_VERIFY_MARK}" if key in pending else citation


def _national(
    t: Template, a: Mapping[str, Any], offence: Offence | None, pending: Collection[str]
) -> list[Block]:
    provisions = a["national_provisions"]
    if not provisions:
        none = "national_unknown_country" if a["country_name"] is None else "national_none"
        return [Block("paragraph", t.text[none])]
    blocks: list[Block] = []
    for i, p in enumerate(provisions):
        where = f"analysis: national_provisions[{i}]"
        if not isinstance(p, Mapping):
            raise LetterInputError(f"{where}: expected a mapping")
        reason = p.get("reason")
        key = _NATIONAL_REASONS.get(str(reason))
        if key is None:
            raise LetterInputError(
                f"{where}.reason: unknown {reason!r}; expected one of " + ", ".join(_NATIONAL_REASONS)
            )
        values: dict[str, str] = {}
        if key != "national_scope_unknown":
            values["provision"] = _marked(_provision_citation(t, p),
                                          f"national:{p.get('id', '')}", pending)
        if key in ("national_offence_not_listed", "national_offence_not_given"):
            listed = p.get("offences")
            if not isinstance(listed, Sequence) or isinstance(listed, str) or not listed:
                raise LetterInputError(f"{where}.offences: expected the closed list of offences")
            values["offence_list"] = t.text["list_separator"].join(
                _offence_label(t, o, f"{where}.offences") for o in listed
            )
        if key == "national_offence_not_listed":
            if offence is None:
                raise LetterInputError(f"{where}: offence_not_listed but the analysis has no offence")
            values["offence"] = _offence_label(t, offence, "analysis: offence")
        blocks.append(Block("paragraph", t.fill(key, **values)))
    return blocks


def _international(t: Template, a: Mapping[str, Any], pending: Collection[str]) -> list[Block]:
    blocks = [Block("paragraph", t.text["standard_intro"])]
    for i, s in enumerate(a["international_standard"]):
        if not isinstance(s, Mapping) or not s.get("instrument"):
            raise LetterInputError(f"analysis: international_standard[{i}]: expected an instrument")
        citation = _marked(_citation((s.get("instrument"), s.get("article"))),
                           f"standard:{s.get('id', '')}", pending)
        statement = t.entry("standard", str(s.get("id", "")))
        text = t.fill("standard_item", citation=citation, statement=statement) if statement else citation
        blocks.append(Block("item", text))
    return blocks


def _references(a: Mapping[str, Any]) -> list[str]:
    """Each source title once, national provisions first, Wayhome's own readings left out."""
    seen: dict[str, str] = {}
    for group in ("national_provisions", "international_standard"):
        for entry in a[group]:
            for source in entry.get("sources", ()) if isinstance(entry, Mapping) else ():
                ref, title = source.get("ref"), source.get("title")
                if ref and title and ref not in UNCITED_SOURCES and ref not in seen:
                    seen[ref] = str(title)
    return list(seen.values())


# ------------------------------------------------------------------ provisions to verify

#: The facts each kind of national sentence relies on (besides the measure reading, see
#: :func:`_national_to_verify`). A provision of unknown scope is not cited by name: the
#: letter relies only on its existence.
_RELIES_ON: Mapping[str, frozenset[str]] = {
    "national_covered": frozenset({"existence", "article", "scope"}),
    "national_conditional": frozenset({"existence", "article", "scope", "condition"}),
    "national_offence_not_listed": frozenset({"existence", "article", "scope"}),
    "national_offence_not_given": frozenset({"existence", "article", "scope"}),
    "national_measure_unknown": frozenset({"existence", "article", "scope"}),
    "national_scope_unknown": frozenset({"existence"}),
}
#: Sentences that say the provision bars this measure.
_ASSERTS_MEASURE = frozenset({"national_covered", "national_conditional"})


def _to_verify(sources: object) -> list[Mapping[str, Any]]:
    if not isinstance(sources, Sequence) or isinstance(sources, str):
        return []
    return [s for s in sources if isinstance(s, Mapping) and s.get("firmness") == "to verify"]


def _national_to_verify(p: Mapping[str, Any], measure: str) -> tuple[str, ...]:
    key = _NATIONAL_REASONS.get(str(p.get("reason")))
    if key is None:
        return ()
    relies = _RELIES_ON[key]
    found: set[str] = set()
    for source in _to_verify(p.get("sources")):
        about = source.get("about")
        if about is None:
            found.add("source")
        elif about in relies:
            found.add(str(about))
    # Which measures a provision bars is marked per measure: only this one counts.
    measures = p.get("measures")
    if (key in _ASSERTS_MEASURE and isinstance(measures, Mapping)
            and measures.get(measure) == "to verify"):
        found.add("measures")
    return tuple(f for f in TO_VERIFY_FACTS if f in found)


def _unverified(a: Mapping[str, Any]) -> tuple[UnverifiedCitation, ...]:
    measure = str(a["measure"])
    out: list[UnverifiedCitation] = []
    for p in a["national_provisions"]:
        if not isinstance(p, Mapping):
            continue  # _national refuses it with the position
        facts = _national_to_verify(p, measure)
        if facts:
            cite = _citation((p.get("instrument"), p.get("article"))) or str(p.get("id") or "?")
            out.append(UnverifiedCitation(f"national:{p.get('id', '')}", cite, facts))
    for s in a["international_standard"]:
        if isinstance(s, Mapping) and _to_verify(s.get("sources")):
            cite = _citation((s.get("instrument"), s.get("article")))
            out.append(UnverifiedCitation(f"standard:{s.get('id', '')}", cite, ("source",)))
    return tuple(out)


def unverified_citations(analysis: Analysis | Mapping[str, Any]) -> tuple[UnverifiedCitation, ...]:
    """The provisions a letter on `analysis` cites although the law data marks what the
    letter relies on "to verify", in the order the letter cites them (national law first).
    Empty when every cited fact is checked or from a secondary source."""
    return _unverified(_analysis(analysis))


def _pending(
    unverified: tuple[UnverifiedCitation, ...], checked: Collection[str]
) -> tuple[UnverifiedCitation, ...]:
    if isinstance(checked, str) or not all(isinstance(k, str) for k in checked):
        raise LetterInputError(f"checked: expected a collection of citation keys, got {checked!r}")
    known = {u.key for u in unverified}
    stray = sorted(set(checked) - known)
    if stray:
        raise LetterInputError(
            f"checked: {', '.join(stray)} is not a citation of this letter marked to verify "
            f"(those are: {', '.join(sorted(known)) or 'none'})"
        )
    return tuple(u for u in unverified if u.key not in checked)


def _draft_notice(t: Template, pending: tuple[UnverifiedCitation, ...]) -> str:
    """The notice on top of a draft, in the letter's language: the staff member who
    prints it reads what is to verify in the language they will check the letter in."""
    sep = t.text["list_separator"]
    citations = sep.join(
        t.fill("draft_citation", citation=u.citation,
               facts=sep.join(t.tables["to_verify"][f] for f in u.facts))
        if u.facts else u.citation
        for u in pending)
    if len(pending) == 1:
        return t.fill("draft_notice_one", citations=citations, mark=TO_VERIFY_MARK)
    return t.fill("draft_notice_many", count=str(len(pending)), citations=citations,
                  mark=TO_VERIFY_MARK)


# ------------------------------------------------------------------ the letter


def compose_letter(
    analysis: Analysis | Mapping[str, Any],
    facts: LetterFacts,
    language: str,
    *,
    checked: Collection[str] = (),
) -> Letter:
    """The request letter in `language` (ISO 639-1: en, th, km, my, lo, vi, ms, id).

    `checked` holds the keys of the :func:`unverified_citations` a staff member has
    confirmed checking; any other one makes the letter a draft (see the module's notes).

    Raises :class:`LetterInputError` for an unknown language, a missing or bad fact, an
    analysis without the keys the letter needs, or a `checked` key the letter does not
    cite as to verify.
    """
    if not isinstance(language, str):
        raise LetterInputError(f"language: expected a language code, got {language!r}")
    t = load_template(language)
    a = _analysis(analysis)
    f = _facts(facts)
    try:
        measure = parse_measure(str(a["measure"]))
        offence = parse_offence(a["offence"])
    except LawInputError as exc:
        raise LetterInputError(f"analysis: {exc.message}") from None
    pending = _pending(_unverified(a), checked)
    pending_keys = {u.key for u in pending}

    blocks: list[Block] = [Block("draft_notice", _draft_notice(t, pending))] if pending else []
    blocks += [
        Block("organisation", f.organisation),
        Block("meta", t.fill("date_line", date=t.date.write(f.letter_date))),
        Block("meta", t.fill("our_reference", case_number=f.case_number)),
        Block("version", t.text["version"]),
    ]
    title = t.tables["request_title"][measure]
    addressee = Block(
        "addressee",
        t.fill("addressee", addressee=f.measure.authority or t.tables["authority"][measure]),
    )
    subject = Block("subject", t.fill("subject", request_title=title))
    blocks += [subject, addressee] if t.subject_first else [addressee, subject]
    if t.text["salutation"].strip():
        blocks.append(Block("salutation", t.text["salutation"]))
    blocks.append(
        Block("paragraph", t.fill("introduction", organisation=f.organisation,
                                  case_number=f.case_number))
    )

    blocks.append(Block("heading", t.text["heading_measure"]))
    offence_clause = (
        t.fill("offence_clause", offence=_offence_label(t, offence, "analysis: offence"))
        if offence is not None
        else ""
    )
    reference_clause = (
        t.fill("reference_clause", reference=f.measure.reference) if f.measure.reference else ""
    )
    blocks.append(
        Block(
            "paragraph",
            t.fill(
                "measure",
                measure_date=t.date.write(f.measure.ordered_on),
                measure_authority=f.measure.authority or t.text["unknown_authority"],
                measure_action=t.tables["measure_action"][measure],
                offence_clause=offence_clause,
                reference_clause=reference_clause,
            ),
        )
    )

    blocks.append(Block("heading", t.text["heading_grounds"]))
    blocks.append(
        Block("paragraph", t.fill("grounds", grounds_date=t.date.write(f.grounds_recorded_on),
                                  organisation=f.organisation))
    )
    blocks.append(Block("paragraph", t.text["grounds_effect"]))
    blocks.append(Block("paragraph", t.text["direct_consequence"]))
    if offence in FORCED_CRIMINALITY:
        blocks.append(Block("paragraph", t.text["forced_criminality"]))

    blocks.append(Block("heading", t.text["heading_law"]))
    blocks += _national(t, a, offence, pending_keys)

    blocks.append(Block("heading", t.text["heading_standard"]))
    blocks += _international(t, a, pending_keys)

    blocks.append(Block("heading", t.text["heading_request"]))
    blocks.append(Block("paragraph", t.fill("request", request=t.tables["request"][measure])))
    blocks.append(Block("paragraph", t.fill("reply", case_number=f.case_number)))
    blocks.append(Block("paragraph", t.text["closing"]))
    blocks.append(Block("valediction", t.text["valediction"]))
    blocks.append(Block("signature", t.text["signature_line"]))
    blocks.append(Block("signatory", t.fill("signatory", organisation=f.organisation)))

    references = _references(a)
    if references:
        blocks.append(Block("references_heading", t.text["heading_references"]))
        blocks += [Block("reference", r) for r in references]

    return Letter(
        language=t.language,
        language_name=t.name,
        font=t.font,
        line_height=t.line_height,
        review=t.review,
        title=f"{title} · {f.case_number}",
        blocks=tuple(blocks),
        to_verify=pending,
    )


def letter_languages(analysis: Analysis | Mapping[str, Any]) -> tuple[str, ...]:
    """English, then the language the authority is written to in, if it is another one.

    A language without a template (none of the law data's first languages lacks one)
    leaves English alone.
    """
    a = _analysis(analysis)
    language = a.get("authority_language")
    if isinstance(language, str) and language != "en" and language in available_languages():
        return ("en", language)
    return ("en",)


def compose_letters(
    analysis: Analysis | Mapping[str, Any],
    facts: LetterFacts,
    *,
    checked: Collection[str] = (),
) -> tuple[Letter, ...]:
    """The letter in English, then in the authority's language (see :func:`letter_languages`);
    `checked` as for :func:`compose_letter`."""
    return tuple(compose_letter(analysis, facts, lang, checked=checked)
                 for lang in letter_languages(analysis))
