"""Writes that the web pages and the API share; each is one transaction or nothing."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from wayhome.security import crypto
from wayhome.security.policy import Action, require

from .models import Case, ConsentRecord, Person, new_case_number

PERSON_FIELDS = (
    "given_name", "family_name", "aliases", "date_of_birth", "contact", "sex", "nationality",
    "languages", "interpreter_needed", "age_years", "age_is_estimate", "may_be_child",
    "age_verified",
)


def register_case(user: Any, person_data: dict[str, Any], narrative: str = "") -> Case:
    require(user, Action.CASE_CREATE)
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    case = Case.objects.create(
                        case_number=new_case_number(user.organisation.country),
                        organisation=user.organisation, created_by=user, narrative=narrative,
                    )
                break
            except IntegrityError:
                continue
        else:
            raise RuntimeError("could not allocate a case number")
        person = Person(case=case, **{k: v for k, v in person_data.items() if k in PERSON_FIELDS})
        person.full_clean(exclude=["case"])
        person.save()
        person.refresh_name_tokens()
        require(user, Action.CASE_EDIT, case)
    return case


def update_person(user: Any, case: Case, person_data: dict[str, Any], narrative: str | None) -> Case:
    require(user, Action.CASE_EDIT, case)
    with transaction.atomic():
        person = case.person
        for key, value in person_data.items():
            if key in PERSON_FIELDS:
                setattr(person, key, value)
        person.full_clean(exclude=["case"])
        person.save()
        person.refresh_name_tokens()
        if narrative is not None:
            case.narrative = narrative
            case.save(update_fields=["narrative"])
    return case


def record_consent(
    user: Any, case: Case, purpose: str, granted: bool, language: str, note: str = ""
) -> ConsentRecord:
    require(user, Action.CONSENT_RECORD, case)
    rec = ConsentRecord(
        case=case, purpose=purpose, granted=granted, language=language, note=note,
        recorded_by=user,
    )
    rec.full_clean(exclude=["case", "recorded_by"])
    rec.save()
    return rec


def search(qs: QuerySet[Case], query: str) -> QuerySet[Case]:
    """Exact case number, or every name token matched through its keyed hash."""
    query = query.strip()
    if not query:
        return qs
    upper = query.upper()
    if qs.filter(case_number=upper).exists():
        return qs.filter(case_number=upper)
    tokens = crypto.name_tokens(query)
    if not tokens:
        return qs.none()
    # One join per token (each must match). A join, not "person IN (subquery)": SQLite
    # plans the IN form as a nested loop and took over a minute to count 100,000 cases.
    # A person's tokens are a set, so the joins cannot duplicate rows.
    for token in sorted(tokens):
        qs = qs.filter(person__name_tokens__token_hash=crypto.blind_index(token, domain="name"))
    return qs


def page_of_cases(qs: QuerySet[Case], number: Any, per_page: int = 50) -> Page:
    """One page of cases, fetched in two steps: the page's ids from the ordering index
    alone, then those rows with their person and status. Deep pages stay fast: OFFSET
    skips index entries rather than joined, decrypted rows."""
    ids_page = Paginator(qs.values_list("pk", flat=True), per_page).get_page(number)
    ids_page.object_list = cases_in_order(list(ids_page.object_list))  # type: ignore[assignment]
    return ids_page


def cases_in_order(ids: list[int]) -> list[Case]:
    """The cases with these ids, in this order, with what a list row shows."""
    rows = {c.pk: c for c in Case.objects.filter(pk__in=ids)
            .select_related("person", "protection", "organisation")}
    return [rows[pk] for pk in ids if pk in rows]
