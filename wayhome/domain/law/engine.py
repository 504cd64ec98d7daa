"""The non-punishment analysis: does national law cover this measure, and what applies anyway.

For one country, measure and (optionally) offence the engine answers:

- ``covered_by_national_law``: True when a national provision is known to bar the
  measure for the offence; False when the state has no provision listed, or the
  offence is outside a closed list; None when the provision's scope is not known
  (or the offence was not given and the list is closed). "Not known" is never
  turned into a yes or a no.
- the national provisions, each with whether it applies (True / False / None);
- the international standard, which applies whatever national law says;
- what to ask for and from what kind of authority, in which language;
- notes explaining the answer, including where national law falls short of the
  international standard (domain/law.md: "the engine says so and falls back to the
  international standard, naming both").

The engine recommends what to ask for; a named person decides and writes.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import (
    FORCED_CRIMINALITY_OFFENCES,
    OFFENCE_ALIASES,
    OFFENCE_LABELS,
    Analysis,
    CountryProfile,
    LawInputError,
    Measure,
    Note,
    Offence,
    Profiles,
    Provision,
    ProvisionResult,
    ReturnRiskFactor,
    Standard,
    weakest,
)
from .profiles import load_profiles

_STANDARD_TEXT = (
    "the international standard covers any unlawful act done as a direct consequence of "
    "being trafficked, however serious, and any detention (A/HRC/47/34 para. 57)"
)


# ------------------------------------------------------------------ inputs


def parse_measure(value: str) -> Measure:
    """A measure from user input (case-insensitive); LawInputError lists the valid values."""
    key = _key(value)
    try:
        return Measure(key)
    except ValueError:
        raise LawInputError(
            f"measure: unknown measure {value!r}; expected one of "
            + ", ".join(m.value for m in Measure)
        ) from None


def parse_offence(value: str | None) -> Offence | None:
    """An offence from user input (case-insensitive, a few aliases such as "overstay")."""
    if value is None or not str(value).strip():
        return None
    key = _key(value)
    if key in OFFENCE_ALIASES:
        return OFFENCE_ALIASES[key]
    try:
        return Offence(key)
    except ValueError:
        raise LawInputError(
            f"offence: unknown offence {value!r}; expected one of "
            + ", ".join(o.value for o in Offence)
        ) from None


def find_country(value: str, profiles: Profiles | None = None) -> CountryProfile:
    """The profile for an ISO 3166 alpha-3 code (case-insensitive)."""
    if profiles is None:
        profiles = load_profiles()
    code = str(value).strip().upper()
    profile = profiles.countries.get(code)
    if profile is None:
        raise LawInputError(
            f"country: no profile for {value!r}; expected one of "
            + ", ".join(sorted(profiles.countries))
        )
    return profile


def return_risk_factors(
    *, child: bool, profiles: Profiles | None = None
) -> tuple[ReturnRiskFactor, ...]:
    """The factors to assess before a person's return (domain/law.md section 2), in the
    data's order: every factor for a child (or a person presumed to be one), and the
    factors that apply to everyone for an adult."""
    if profiles is None:
        profiles = load_profiles()
    return tuple(
        f for f in profiles.return_risk_factors if child or f.applies_to == "all"
    )


def _key(value: object) -> str:
    return str(value).strip().lower().replace("-", "_").replace(" ", "_")


# ------------------------------------------------------------------ rules


def provision_applies(
    provision: Provision, measure: Measure, offence: Offence | None
) -> tuple[bool | None, str]:
    """Whether `provision` bars `measure` for `offence`, with a reason code.

    An offence outside a closed list makes the answer False whatever the measure; a
    measure the provision is not known to bar makes it None (law.md says nothing
    about it, which is not the same as saying no).
    """
    if provision.offences == "unknown":
        return None, "scope_unknown"
    if isinstance(provision.offences, tuple):
        if offence is None:
            return None, "offence_not_given"
        if offence not in provision.offences:
            return False, "offence_not_listed"
    if measure not in provision.measures:
        return None, "measure_unknown"
    return True, "conditional" if provision.conditional else "covered"


def _combine(results: Iterable[ProvisionResult]) -> bool | None:
    """True if any provision covers it; else None if any is unknown; else False."""
    answers = [r.applies for r in results]
    if True in answers:
        return True
    if None in answers:
        return None
    return False


def _standards(profiles: Profiles, measure: Measure, asean: bool) -> tuple[Standard, ...]:
    return tuple(
        s for s in profiles.standards if measure in s.measures and (s.applies_to == "all" or asean)
    )


def analyse(
    country: str,
    measure: str,
    offence: str | None = None,
    profiles: Profiles | None = None,
) -> Analysis:
    """Analyse one measure taken in `country` under the non-punishment principle.

    `country` is an ISO 3166 alpha-3 code, `measure` one of detention, fine, charge,
    conviction, deportation, `offence` one of the :class:`Offence` values (or None).
    All are case-insensitive. Raises LawInputError for anything else.
    """
    if profiles is None:
        profiles = load_profiles()
    profile = find_country(country, profiles)
    m = parse_measure(measure)
    o = parse_offence(offence)

    results = tuple(ProvisionResult(p, *provision_applies(p, m, o)) for p in profile.provisions)
    covered = _combine(results)
    international = _standards(profiles, m, profile.asean)
    notes = _national_notes(profile, results, m, o)
    notes += _standard_notes(profiles, m, international)

    guidance = profiles.guidance[m]
    return Analysis(
        data_version=profiles.version,
        country=profile.code,
        country_name=profile.name,
        measure=m,
        offence=o,
        covered_by_national_law=covered,
        national=results,
        international=international,
        request=guidance.request,
        authority=f"{guidance.authority} ({profile.name})",
        authority_language=profile.languages[0],
        notes=tuple(notes),
        return_risk_factors=profiles.return_risk_factors if m is Measure.DEPORTATION else (),
    )


def analyse_international(
    measure: str,
    offence: str | None = None,
    profiles: Profiles | None = None,
    country: str | None = None,
) -> Analysis:
    """The international standard alone, for a state without a profile.

    National law is then unknown (None). `country` is only echoed back. ACTIP is left
    out: without a profile the engine does not know whether the state is in ASEAN.
    """
    if profiles is None:
        profiles = load_profiles()
    m = parse_measure(measure)
    o = parse_offence(offence)
    code = country.strip().upper() if country else None
    international = _standards(profiles, m, asean=False)
    notes = [
        Note(
            "no_profile",
            "Wayhome has no profile of this state's law: whether national law covers this "
            f"{m} is not known; {_STANDARD_TEXT}.",
        )
    ]
    notes += _standard_notes(profiles, m, international)
    guidance = profiles.guidance[m]
    return Analysis(
        data_version=profiles.version,
        country=code,
        country_name=None,
        measure=m,
        offence=o,
        covered_by_national_law=None,
        national=(),
        international=international,
        request=guidance.request,
        authority=guidance.authority,
        authority_language=None,
        notes=tuple(notes),
        return_risk_factors=profiles.return_risk_factors if m is Measure.DEPORTATION else (),
    )


# ------------------------------------------------------------------ notes


def _national_notes(
    profile: CountryProfile,
    results: tuple[ProvisionResult, ...],
    measure: Measure,
    offence: Offence | None,
) -> list[Note]:
    name = profile.name
    notes: list[Note] = []
    if not profile.has_provision:
        notes.append(
            Note(
                "no_national_provision",
                f"No non-punishment provision of {name} is listed in the OHCHR 2023 paper "
                f"[checked]: national law gives no cover; {_STANDARD_TEXT}.",
            )
        )
    for r in results:
        p = r.provision
        cite = p.citation
        if r.reason == "scope_unknown":
            notes.append(
                Note(
                    "scope_unknown",
                    f"{name} has a non-punishment provision (OHCHR 2023 paper) [checked], but "
                    f"its instrument and scope are not known: whether it covers this {measure} "
                    f"is unknown; {_STANDARD_TEXT}.",
                )
            )
        elif r.reason == "offence_not_given":
            notes.append(
                Note(
                    "offence_not_given",
                    f"{cite} covers only a closed list of offences "
                    f"({_offence_list(p)}): say which offence the {measure} is for.",
                )
            )
        elif r.reason == "offence_not_listed" and offence is not None:
            notes.append(
                Note(
                    "offence_not_listed",
                    f"{OFFENCE_LABELS[offence].capitalize()} is not among the offences {cite} "
                    f"covers ({_offence_list(p)}): national law does not cover it; "
                    f"{_STANDARD_TEXT}.",
                )
            )
        elif r.reason == "measure_unknown":
            notes.append(
                Note(
                    "measure_unknown",
                    f"What {cite} says about a {measure} is not known (domain/law.md gives "
                    f"the offences it covers, not this measure); {_STANDARD_TEXT}.",
                )
            )
        elif r.reason == "conditional":
            notes.append(
                Note(
                    "conditional",
                    f"Covered by {cite} {p.condition}; the international standard makes it "
                    "unconditional: any unlawful act done as a direct consequence of being "
                    "trafficked, however serious (A/HRC/47/34 para. 57).",
                )
            )
        if r.applies and p.measures.get(measure) == "to verify":
            notes.append(
                Note(
                    "measure_reading_to_verify",
                    f"That {cite} bars a {measure} is Wayhome's reading [to verify]: check the "
                    "text before relying on it.",
                )
            )
        if r.applies is not False and p.firmness == "to verify":
            unsure = sorted({s.about or "source" for s in p.sources if s.firmness == "to verify"})
            if unsure != ["measures"]:
                notes.append(
                    Note(
                        "provision_to_verify",
                        f"Parts of {cite} are marked 'to verify' ({', '.join(unsure)}): check "
                        "the text of the law before citing it.",
                    )
                )
        if offence is not None and offence in p.offence_notes:
            notes.append(Note("provision_offence_note", p.offence_notes[offence]))

    if offence in FORCED_CRIMINALITY_OFFENCES:
        owner = f"{name}'" if name.endswith("s") else f"{name}'s"
        detail = ""
        if profile.forced_criminality_note:
            mark = weakest(profile.forced_criminality_sources)
            detail = f"; {profile.forced_criminality_note} [{mark}]"
        if profile.forced_criminality:
            notes.append(
                Note(
                    "forced_criminality_recognised",
                    f"{owner} trafficking law recognises forced criminality as a purpose of "
                    f"exploitation (OHCHR 2023 paper) [checked]{detail}.",
                )
            )
        else:
            notes.append(
                Note(
                    "forced_criminality_not_recognised",
                    f"{owner} trafficking law does not recognise forced criminality as a "
                    f"purpose of exploitation (OHCHR 2023 paper) [checked]{detail}: set out "
                    "expressly that the person was trafficked into forced criminality "
                    "(forced labour or services).",
                )
            )
    for fact in profile.facts:
        notes.append(Note(f"fact_{fact.code}", fact.text))
    return notes


def _standard_notes(
    profiles: Profiles, measure: Measure, international: tuple[Standard, ...]
) -> list[Note]:
    notes = [
        Note(
            "applies_from_reasonable_grounds",
            "Non-punishment applies as soon as there are reasonable grounds to believe the "
            "person was trafficked, or as soon as the person or their lawyer raises it "
            "(OHCHR 2023 paper) [checked].",
        )
    ]
    if measure is Measure.DETENTION:
        notes.append(
            Note(
                "release_from_detention",
                "It must then lead to release from any detention, including immigration "
                "detention and detention pending removal (OHCHR 2023 paper; A/HRC/47/34 "
                "para. 57(d)) [checked].",
            )
        )
    if measure is Measure.CONVICTION:
        notes.append(
            Note(
                "expungement",
                "Where non-punishment was not applied, the conviction is to be expunged, "
                "including for irregular entry or stay (OHCHR 2023 paper) [checked].",
            )
        )
    if measure is Measure.DEPORTATION:
        rules = profiles.return_rules
        notes.append(
            Note(
                "non_refoulement",
                "No removal where there are substantial grounds to believe the person risks "
                "irreparable harm (HRC general comment 31 para. 12; CAT art. 3) [checked]. "
                "Assess the return risk factors first. " + rules.block_rule,
            )
        )
        notes.append(
            Note(
                "consent_to_return",
                "Consent to return must be " + ", ".join(rules.consent_conditions) + ".",
            )
        )
    for s in international:
        if s.conditional:
            notes.append(
                Note(
                    f"standard_conditional_{s.id}",
                    f"{s.instrument} {s.article or ''}".strip()
                    + f' is discretionary ("shall consider", {s.condition}) [{s.firmness}]; '
                    "the other international norms listed are not.",
                )
            )
    return notes


def _offence_list(p: Provision) -> str:
    if isinstance(p.offences, tuple):
        return "; ".join(OFFENCE_LABELS[o] for o in p.offences)
    return p.offences
