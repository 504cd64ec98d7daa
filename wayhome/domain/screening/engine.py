"""The screening rules: legal elements, ILO/EC dimensions and combination rule, grounds level.

The engine recommends; it never decides. It never returns "conclusive", and no
fact about contracts, pay, knowledge of the work or missing documents can lower
what it recommends (see domain/screening.md, section 7).
"""

from __future__ import annotations

from collections.abc import Iterable

from .catalogue import Catalogue, load_catalogue
from .model import (
    DIMENSIONS,
    ELEMENTS,
    GROUNDS_NOT_INDICATED,
    GROUNDS_REASONABLE,
    GROUNDS_VULNERABLE,
    Answer,
    Assessment,
    ChildStatus,
    CombinationResult,
    DimensionResult,
    Element,
    ElementResult,
    Evidence,
    Indicator,
    PersonFacts,
    Reason,
    ScreeningInput,
    ScreeningInputError,
    Strength,
)

ADULT_AGE = 18
_RANK: dict[Strength, int] = {"S": 3, "M": 2, "W": 1}
_INTERVIEW = ("interview",)
_CORROBORATION = ("corroboration",)
_BOTH = ("interview", "corroboration")


def child_status(person: PersonFacts) -> tuple[ChildStatus, Reason]:
    """Child, presumed child or adult, with the reason (art. 3(d); presumption of childhood)."""
    age = person.age
    if person.age_verified and age is not None:
        if age < ADULT_AGE:
            return ChildStatus(True, False, "age_under_18"), Reason("child_under_18", {"age": age})
        return ChildStatus(False, False, "age_verified_adult"), Reason(
            "adult_age_verified", {"age": age}
        )
    if age is not None and not person.age_is_estimate and age < ADULT_AGE:
        return ChildStatus(True, False, "age_under_18"), Reason("child_under_18", {"age": age})
    if person.may_be_child or (age is not None and age < ADULT_AGE):
        return ChildStatus(False, True, "presumed_age_uncertain"), Reason("child_presumed")
    if age is None:
        return ChildStatus(False, False, "age_unknown_no_indication"), Reason("adult_age_unknown")
    return ChildStatus(False, False, "age_stated_adult"), Reason("adult_age_stated", {"age": age})


def dimension_positive(strong: int, medium: int, weak: int) -> bool:
    """ILO/EC rule: >=2 S; or 1 S + >=1 M/W; or >=3 M; or 2 M + 1 W."""
    if strong >= 2:
        return True
    if strong == 1 and medium + weak >= 1:
        return True
    if medium >= 3:
        return True
    return medium == 2 and weak >= 1


def _present(inp: ScreeningInput, cat: Catalogue) -> tuple[dict[str, tuple[str, ...]], bool]:
    """Indicator id -> where it comes from; and whether corroboration was counted."""
    present: dict[str, tuple[str, ...]] = {}
    for key, answer in inp.answers.items():
        indicators = cat.question_indicators.get(key)
        if indicators is None:
            raise ScreeningInputError(f"answers.{key}: unknown question")
        if answer == Answer.YES:
            for ind in indicators:
                present[ind.id] = _INTERVIEW
    corr = inp.context.corroboration
    counted = bool(corr.indicators) and corr.independent_cases >= cat.corroboration_min_cases
    if counted:
        for ind_id in corr.indicators:
            if ind_id not in cat.indicators:
                raise ScreeningInputError(
                    f"context.corroboration.indicators: unknown indicator {ind_id!r}"
                )
            present[ind_id] = _BOTH if ind_id in present else _CORROBORATION
    return present, counted


def _dimensions(present: Iterable[Indicator], child: bool) -> dict[str, DimensionResult]:
    # Per dimension: count key -> (rank, indicator id) of the strongest present member.
    best: dict[str, dict[str, tuple[int, str]]] = {d: {} for d in DIMENSIONS}
    for ind in present:
        if ind.dimension is None:
            continue
        strength = ind.strength(child)
        if strength is None:
            continue
        rank = _RANK[strength]
        groups = best[ind.dimension]
        current = groups.get(ind.count_key)
        if current is None or rank > current[0]:
            groups[ind.count_key] = (rank, ind.id)
    out: dict[str, DimensionResult] = {}
    for dim, groups in best.items():
        tiers: dict[int, list[str]] = {3: [], 2: [], 1: []}
        for rank, ind_id in groups.values():
            tiers[rank].append(ind_id)
        strong, medium, weak = tuple(tiers[3]), tuple(tiers[2]), tuple(tiers[1])
        out[dim] = DimensionResult(
            dim, dimension_positive(len(strong), len(medium), len(weak)), strong, medium, weak
        )
    return out


def assess(inp: ScreeningInput, catalogue: Catalogue | None = None) -> Assessment:
    """Recommend a grounds level for one screening, with reasons. Never decides."""
    cat = catalogue or load_catalogue()
    status, status_reason = child_status(inp.person)
    child = status.child_rules
    present, corroborated = _present(inp, cat)
    # Catalogue order keeps every list stable whatever the order of the answers.
    present_inds = [ind for ind in cat.indicators.values() if ind.id in present]

    # Legal elements (Protocol art. 3).
    evidence: dict[Element, list[Evidence]] = {e: [] for e in ELEMENTS}
    for ind in present_inds:
        for element, form in ind.elements.items():
            evidence[element].append(Evidence(ind.id, form, present[ind.id]))
    elements = tuple(
        ElementResult(e, bool(evidence[e]), not (child and e == "means"), tuple(evidence[e]))
        for e in ELEMENTS
    )
    supported = {r.element: r.supported for r in elements}
    elements_met = supported["act"] and supported["purpose"] and (child or supported["means"])

    # ILO/EC dimensions and combination rule.
    dims = _dimensions(present_inds, child)
    pos = {d: r.positive for d, r in dims.items()}
    if child:
        combination = CombinationResult("child", supported["act"] and pos["D4"], "to verify")
    else:
        combination = CombinationResult(
            "adult",
            (pos["D1"] or pos["D2"] or pos["D3"]) and pos["D4"] and (pos["D5"] or pos["D6"]),
            "to verify",
        )

    # Grounds level: a low threshold ("reasonable grounds to believe").
    reasons: list[Reason] = [status_reason]
    for r in elements:
        if r.supported:
            ids = tuple(dict.fromkeys(e.indicator for e in r.evidence))
            reasons.append(Reason("element_supported", {"element": r.element, "indicators": ids}))
        elif r.required:
            reasons.append(Reason("element_not_supported", {"element": r.element}))
    if child:
        reasons.append(Reason("means_not_required_child"))
    for d in dims.values():
        if d.strong or d.medium or d.weak:
            reasons.append(
                Reason(
                    "dimension_positive" if d.positive else "dimension_negative",
                    {
                        "dimension": d.dimension,
                        "strong": len(d.strong),
                        "medium": len(d.medium),
                        "weak": len(d.weak),
                    },
                )
            )
    reasons.append(
        Reason("combination_positive" if combination.positive else "combination_negative")
    )

    has_dimension_indicator = any(ind.dimension is not None for ind in present_inds)
    if elements_met:
        level = GROUNDS_REASONABLE
        reasons.append(Reason("grounds_elements_child" if child else "grounds_elements_adult"))
        if combination.positive:
            reasons.append(Reason("grounds_combination"))
    elif combination.positive:
        level = GROUNDS_REASONABLE
        reasons.append(Reason("grounds_combination"))
    elif has_dimension_indicator:
        level = GROUNDS_VULNERABLE
        reasons.append(Reason("grounds_vulnerable"))
    else:
        level = GROUNDS_NOT_INDICATED
        reasons.append(Reason("grounds_not_indicated"))

    corr = inp.context.corroboration
    if corroborated:
        reasons.append(
            Reason(
                "corroboration_counted",
                {"cases": corr.independent_cases, "indicators": corr.indicators},
            )
        )
    elif corr.indicators:
        reasons.append(Reason("corroboration_no_cases"))

    # Never-do rules: record that these facts were considered and changed nothing.
    notes: list[Reason] = [Reason("note_engine_recommends")]
    ctx = inp.context
    if ctx.signed_contract:
        notes.append(Reason("note_contract_irrelevant"))
    if ctx.was_paid:
        notes.append(Reason("note_payment_irrelevant"))
    if ctx.knew_work_was_fraud:
        notes.append(Reason("note_knew_fraud_irrelevant"))
    if ctx.documents_missing:
        notes.append(Reason("note_documents_missing"))
    unanswered = sum(1 for a in inp.answers.values() if a in (Answer.UNKNOWN, Answer.DECLINED))
    if unanswered:
        notes.append(Reason("note_declined_unknown", {"count": unanswered}))
    if any(e.form == "forced_criminality" for e in evidence["purpose"]):
        notes.append(Reason("note_forced_criminality_purpose"))

    # Protective actions that follow at once.
    actions: list[str] = list(cat.actions.get(level, ()))
    if child:
        actions.extend(cat.actions.get("child", ()))
    actions.extend(cat.actions.get("always", ()))

    ilo11: dict[str, list[str]] = {}
    for ind in present_inds:
        for hit in ind.ilo11:
            ilo11.setdefault(hit, []).append(ind.id)

    return Assessment(
        catalogue_version=cat.version,
        grounds_level=level,
        child=status,
        elements=elements,
        dimensions=tuple(dims.values()),
        combination=combination,
        ilo11={k: tuple(ilo11[k]) for k in cat.ilo11_titles if k in ilo11},
        indicators_present=tuple(ind.id for ind in present_inds),
        protective_actions=tuple(dict.fromkeys(actions)),
        reasons=tuple(reasons),
        notes=tuple(notes),
    )
