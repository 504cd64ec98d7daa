"""The registry's writes and reads, the case links, and the corroboration counts.

Writes: each asks the policy first, validates everything, writes in one transaction,
and writes an audit event (registry data is public, but edits are accountable).

Corroboration: only counts leave the case level, and each count below k is published
as "fewer than k" (small-cell suppression). What "independent" means here:

* a *case* counts once per compound however many times it was edited (links are unique
  per case and compound), so the count is the number of distinct persons' accounts;
* distinct *organisations* that hold those cases are counted too, because accounts
  gathered by different organisations are less likely to share a single interpreter,
  interview or rumour. That figure counts organisations, not people, so it is not
  itself held to k (it would then almost never show); it is published only when the
  case count is (at least k cases), and suppressed with it otherwise.

Neither count can identify a case: no case number, no organisation name, no date
leaves this module, only suppressed numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from wayhome.apps.audit.log import record as audit
from wayhome.domain.disclosure import DEFAULT_K, MIN_K
from wayhome.domain.places.model import Place
from wayhome.domain.places.registry import load_registry
from wayhome.security.policy import Action, require

from .models import (
    Abuse,
    CaseCompoundLink,
    Citation,
    Compound,
    ExploitationFacts,
    RecruitmentChannel,
    Source,
    Status,
    StatusChange,
)

COMPOUND_FIELDS = ("slug", "name", "aliases", "kind", "country", "place", "latitude",
                   "longitude", "location_precision", "sez", "controlling_group")
SOURCE_FIELDS = ("title", "publisher", "published", "reference", "url")


# -- suppression -------------------------------------------------------------------------

def stats_k() -> int:
    """The suppression threshold: settings.WAYHOME_STATS_K (default 11), never below 5."""
    return max(MIN_K, int(getattr(settings, "WAYHOME_STATS_K", DEFAULT_K)))


@dataclass(frozen=True)
class Suppressed:
    """A count as it may be published: the number when it is 0 or at least k, else
    nothing but the fact that it is below k."""

    value: int | None
    k: int

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.value is None:
            return _("fewer than %(k)d") % {"k": self.k}
        return str(self.value)


def suppress(count: int, k: int | None = None) -> Suppressed:
    """The one-cell threshold rule (the same k and floor as wayhome.domain.disclosure,
    whose lattice engine is for multi-dimensional tables; here every published figure
    is a single count per compound, or per compound and abuse)."""
    k = stats_k() if k is None else max(MIN_K, k)
    return Suppressed(count if count == 0 or count >= k else None, k)


@dataclass(frozen=True)
class Corroboration:
    cases: Suppressed
    organisations: Suppressed
    abuses: tuple[tuple[str, str, Suppressed], ...]   # (code, label, count)

    @property
    def reported_abuses(self) -> tuple[tuple[str, str, Suppressed], ...]:
        return tuple(a for a in self.abuses if a[2].value != 0)


def _corroborate(links: QuerySet[CaseCompoundLink]) -> Corroboration:
    k = stats_k()
    rows = list(links.values_list("case_id", "case__organisation_id", "abuses"))
    cases = {r[0] for r in rows}
    orgs = {r[1] for r in rows}
    per_abuse: dict[str, set[int]] = {a: set() for a in Abuse.values}
    for case_id, _org, abuses in rows:
        for a in abuses or []:
            if a in per_abuse:
                per_abuse[a].add(case_id)
    published = suppress(len(cases), k)
    organisations = Suppressed(None if published.suppressed else len(orgs), k)
    return Corroboration(
        cases=published, organisations=organisations,
        abuses=tuple((a, str(Abuse(a).label), suppress(len(per_abuse[a]), k))
                     for a in Abuse.values))


def corroboration(compound: Compound) -> Corroboration:
    """Suppressed counts over every case linked to the compound. The caller checks
    COMPOUND_VIEW; nothing here identifies a case."""
    return _corroborate(CaseCompoundLink.objects.filter(compound=compound))


def corroboration_table() -> dict[int, Suppressed]:
    """Suppressed case counts for every compound at once (for the registry list)."""
    k = stats_k()
    counts = dict(CaseCompoundLink.objects.values("compound_id")
                  .annotate(n=Count("case_id", distinct=True)).values_list("compound_id", "n"))
    return {pk: suppress(n, k) for pk, n in counts.items()}


@dataclass(frozen=True)
class CaseCorroboration:
    compound: Compound
    link: CaseCompoundLink
    counts: Corroboration


def corroboration_for_case(case: Any) -> list[CaseCorroboration]:
    """For each compound this case is linked to: the same suppressed counts as the
    compound page, this case included. Counts over the other cases only would give, next
    to the compound page's figure, the exact number of a cell shown as "fewer than k".
    The caller checks the policy (CASE_COMPOUND_LINK or SCREENING_VIEW on this case)."""
    links = CaseCompoundLink.objects.filter(case=case).select_related("compound")
    return [CaseCorroboration(link.compound, link, corroboration(link.compound))
            for link in links]


# -- registry writes ---------------------------------------------------------------------

def _errors_of(exc: ValidationError, into: dict[str, list[str]], prefix: str = "") -> None:
    if hasattr(exc, "error_dict"):
        for field, msgs in exc.message_dict.items():
            into.setdefault(prefix + field if field != "__all__" else "__all__", []).extend(msgs)
    else:
        into.setdefault("__all__", []).extend(exc.messages)


def _clean_compound(compound: Compound, exclude: Iterable[str] = ()) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    compound.country = (compound.country or "").upper()
    compound.aliases = "\n".join(a.strip() for a in compound.aliases.splitlines() if a.strip())
    try:
        compound.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        _errors_of(exc, errors)
    return errors


def _source_from(data: dict[str, Any], user: Any) -> tuple[Source, dict[str, list[str]]]:
    source = Source(added_by=user, **{k: (data.get(k) or "").strip() for k in SOURCE_FIELDS})
    errors: dict[str, list[str]] = {}
    try:
        source.full_clean(exclude=["added_by"])
    except ValidationError as exc:
        _errors_of(exc, errors)
    return source, errors


def add_source(user: Any, data: dict[str, Any]) -> Source:
    require(user, Action.COMPOUND_EDIT)
    source, errors = _source_from(data, user)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        source.save()
        audit(user, "compound.source.add", obj=source, purpose="monitoring")
    return source


def create_compound(user: Any, data: dict[str, Any], citation: dict[str, Any]) -> Compound:
    """A new place needs at least one source naming it, and its first dated status."""
    require(user, Action.COMPOUND_EDIT)
    compound = Compound(**{k: v for k, v in data.items() if k in COMPOUND_FIELDS})
    errors = _clean_compound(compound)
    cite, status = _citation_and_status(compound, citation, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        compound.status = status.status
        compound.save()
        cite.compound = status.compound = compound
        cite.added_by = status.recorded_by = user
        cite.save()
        status.save()
        audit(user, "compound.create", obj=compound, purpose="monitoring")
    return compound


def _citation_and_status(compound: Compound, data: dict[str, Any],
                         errors: dict[str, list[str]]) -> tuple[Citation, StatusChange]:
    source = data.get("source")
    cite = Citation(compound=compound, source=source, fact="named",
                    locator=(data.get("locator") or "").strip(),
                    quote=(data.get("quote") or "").strip())
    # A missing date reaches full_clean(), which reports it with the other errors.
    status = StatusChange(compound=compound, source=source, on=data.get("on"),  # type: ignore[misc]
                          status=data.get("status") or Status.REPORTED,
                          locator=cite.locator, quote=cite.quote)
    if source is None:
        errors.setdefault("source", []).append(_("Choose the source that names the place."))
    for obj in (cite, status):
        try:
            obj.full_clean(exclude=["compound", "source", "added_by", "recorded_by"])
        except ValidationError as exc:
            _errors_of(exc, errors)
    return cite, status


def update_compound(user: Any, compound: Compound, data: dict[str, Any]) -> Compound:
    require(user, Action.COMPOUND_EDIT)
    fresh = Compound.objects.get(pk=compound.pk)
    changed = [k for k in COMPOUND_FIELDS if k in data and getattr(fresh, k) != data[k]]
    for k in changed:
        setattr(fresh, k, data[k])
    errors = _clean_compound(fresh)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        fresh.save()
        audit(user, "compound.edit", obj=fresh, purpose="monitoring",
              detail="changed: " + ",".join(changed))
    return fresh


def add_citation(user: Any, compound: Compound, data: dict[str, Any]) -> Citation:
    require(user, Action.COMPOUND_EDIT)
    cite = Citation(compound=compound, source=data.get("source"), added_by=user,
                    fact=data.get("fact") or "", locator=(data.get("locator") or "").strip(),
                    quote=(data.get("quote") or "").strip())
    errors: dict[str, list[str]] = {}
    if cite.source_id is None:
        errors["source"] = [_("Choose a source.")]
    try:
        cite.full_clean(exclude=["compound", "source", "added_by"])
    except ValidationError as exc:
        _errors_of(exc, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cite.save()
        audit(user, "compound.citation.add", obj=compound, purpose="monitoring",
              detail=f"citation {cite.pk}")
    return cite


def add_status_change(user: Any, compound: Compound, data: dict[str, Any]) -> StatusChange:
    """Append a dated status with its source; the current status becomes the latest by
    date (a change dated before the latest one fills in history without changing it)."""
    require(user, Action.COMPOUND_EDIT)
    # A missing date reaches full_clean(), which reports it with the other errors.
    change = StatusChange(compound=compound, on=data.get("on"),  # type: ignore[misc]
                          status=data.get("status") or "",
                          source=data.get("source"), recorded_by=user,
                          locator=(data.get("locator") or "").strip(),
                          quote=(data.get("quote") or "").strip(),
                          note=(data.get("note") or "").strip())
    errors: dict[str, list[str]] = {}
    if change.source_id is None:
        errors["source"] = [_("Choose the source that reports this status.")]
    if isinstance(change.on, date) and change.on > date.today():
        errors["on"] = [_("A status change cannot be dated in the future.")]
    try:
        change.full_clean(exclude=["compound", "source", "recorded_by"])
    except ValidationError as exc:
        _errors_of(exc, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        change.save()
        _refresh_status(compound)
        audit(user, "compound.status.add", obj=compound, purpose="monitoring",
              detail=f"{change.status} on {change.on.isoformat()}")
    return change


def _refresh_status(compound: Compound) -> None:
    latest = compound.status_changes.order_by("-on", "-id").first()
    compound.status = latest.status if latest else Status.REPORTED
    Compound.objects.filter(pk=compound.pk).update(status=compound.status)


def history(compound: Compound) -> QuerySet[StatusChange]:
    """Oldest first; same-day changes in the order they were recorded."""
    return compound.status_changes.select_related("source").order_by("on", "id")


# -- case links --------------------------------------------------------------------------

def link_case(user: Any, case: Any, compound: Compound | None, abuses: Iterable[str],
              held_from: date | None = None, held_until: date | None = None
              ) -> CaseCompoundLink:
    """Record (or update) that this case was held at this compound, with the abuses
    reported there. Policy: the case team, on its own organisation's cases."""
    require(user, Action.CASE_COMPOUND_LINK, case)
    abuses = list(abuses)
    errors: dict[str, list[str]] = {}
    if compound is None:
        errors["compound"] = [_("Choose the compound or place where the person was held.")]
    unknown = [a for a in abuses if a not in Abuse.values]
    if unknown:
        errors["abuses"] = [_("Unknown abuse: %(a)s.") % {"a": ", ".join(unknown)}]
    if held_from and held_until and held_until < held_from:
        errors["held_until"] = [_("The end of the stay is before its start.")]
    today = date.today()
    for field, value in (("held_from", held_from), ("held_until", held_until)):
        if value and value > today:
            errors.setdefault(field, []).append(_("This date is in the future."))
    if errors:
        raise ValidationError(errors)
    ordered = [a for a in Abuse.values if a in set(abuses)]
    with transaction.atomic():
        link, created = CaseCompoundLink.objects.select_for_update().get_or_create(
            case=case, compound=compound,
            defaults={"abuses": ordered, "held_from": held_from, "held_until": held_until,
                      "linked_by": user})
        if not created:
            link.abuses, link.held_from, link.held_until = ordered, held_from, held_until
            link.save(update_fields=["abuses", "held_from", "held_until"])
        audit(user, "case.compound.link.saved", obj=link, purpose="case_management")
    return link


def unlink_case(user: Any, link: CaseCompoundLink) -> None:
    require(user, Action.CASE_COMPOUND_LINK, link.case)
    with transaction.atomic():
        audit(user, "case.compound.link.removed", obj=link, purpose="case_management")
        link.delete()


# -- exploitation facts of a case ------------------------------------------------------

def first_of_month(value: date) -> date:
    return value.replace(day=1)


def record_exploitation_facts(user: Any, case: Any, recruitment_channel: str,
                              exited_on: date | None) -> ExploitationFacts:
    """Record how the person was recruited and the month they left the compound (both
    optional: "" and None mean not recorded). Only the month is kept: the day is set to
    1. A month after the current one is refused. Policy: the case team, on its own
    organisation's cases, as for the compound links on the same page."""
    require(user, Action.CASE_COMPOUND_LINK, case)
    channel = (recruitment_channel or "").strip()
    errors: dict[str, list[str]] = {}
    if channel and channel not in RecruitmentChannel.values:
        errors["recruitment_channel"] = [_("Unknown recruitment channel: %(c)s.")
                                         % {"c": channel}]
    month = first_of_month(exited_on) if exited_on else None
    if month and month > first_of_month(date.today()):
        errors["exit_month"] = [_("This month is in the future.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        facts, created = ExploitationFacts.objects.select_for_update().get_or_create(
            case=case, defaults={"recruitment_channel": channel, "exited_on": month,
                                 "recorded_by": user})
        changed = ["recruitment_channel", "exited_on"] if created else [
            f for f, v in (("recruitment_channel", channel), ("exited_on", month))
            if getattr(facts, f) != v]
        if not created and changed:
            facts.recruitment_channel, facts.exited_on = channel, month
            facts.recorded_by = user
            facts.save(update_fields=["recruitment_channel", "exited_on", "recorded_by",
                                      "updated_at"])
        audit(user, "case.exploitation_facts.saved", obj=facts, purpose="case_management",
              detail="changed: " + (",".join(changed) or "nothing"))
    return facts


def exploitation_facts_of(case: Any) -> ExploitationFacts | None:
    """The recorded facts of this case, if any. The caller checks the policy."""
    return ExploitationFacts.objects.filter(case=case).first()


# -- the starting registry ---------------------------------------------------------------

@dataclass(frozen=True)
class SeedResult:
    sources_added: int
    places_added: int
    places_present: int


def load_seed() -> SeedResult:
    """Load the places named in the seed documents, each with its sources and dated
    history. Idempotent: sources are matched on their seed key and places on their
    slug; a place already present is left as the analysts have it."""
    registry = load_registry()
    sources_added = places_added = 0
    with transaction.atomic():
        by_key: dict[str, Source] = {}
        for s in registry.sources.values():
            obj, created = Source.objects.get_or_create(seed_key=s.id, defaults={
                "title": s.title, "publisher": s.publisher, "published": s.published,
                "reference": s.reference, "url": s.url})
            by_key[s.id] = obj
            sources_added += created
        present = set(Compound.objects.filter(slug__in=[p.slug for p in registry.places])
                      .values_list("slug", flat=True))
        for place in registry.places:
            if place.slug not in present:
                _create_seed_place(place, by_key)
                places_added += 1
    return SeedResult(sources_added, places_added, len(present))


def _create_seed_place(place: Place, sources: dict[str, Source]) -> None:
    compound = Compound.objects.create(
        slug=place.slug, name=place.name, aliases="\n".join(place.aliases),
        kind=place.kind.value, country=place.country, place=place.place,
        latitude=None if place.lat is None else Decimal(str(place.lat)),
        longitude=None if place.lon is None else Decimal(str(place.lon)),
        location_precision=place.precision, sez=place.sez,
        controlling_group=place.controlling_group, status=place.status.value)
    Citation.objects.bulk_create(
        Citation(compound=compound, source=sources[c.source_id], fact=c.fact.value,
                 locator=c.locator, quote=c.quote) for c in place.citations)
    StatusChange.objects.bulk_create(
        StatusChange(compound=compound, on=e.on, status=e.status.value,
                     source=sources[e.citation.source_id], locator=e.citation.locator,
                     quote=e.citation.quote, note=e.note) for e in place.history)
