"""Taking a snapshot: one row of categorical facts per case of the organisations that
share, computed in the database (joins and correlated subqueries, no decryption).

Cases are read once per snapshot (in chunks) and written as :class:`CaseFact` rows;
every statistics page then counts with GROUP BY over that one indexed table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.utils import timezone

from wayhome.apps.cases.models import Case
from wayhome.apps.certificates.models import Certificate
from wayhome.apps.nonpunishment.models import LegalMeasure, MeasureStatus
from wayhome.apps.returns.models import FollowUpOutcome, OptionChoice, PlanStatus, ReturnPlan
from wayhome.apps.screening.models import GroundsDecision

from .dimensions import DIMENSIONS, UNKNOWN, age_band
from .models import CaseFact, SharingAgreement, Snapshot, SnapshotPopulation

CHUNK = 5000


def compound_link_model() -> Any | None:
    """The hook to the compounds registry: its case-to-compound link model, if the app
    is installed (``compounds.CaseCompoundLink``: case, compound, linked_at)."""
    try:
        return apps.get_model("compounds", "CaseCompoundLink")
    except LookupError:
        return None


def exploitation_facts_model() -> Any | None:
    """The compounds app's per-case facts (``compounds.ExploitationFacts``: case,
    recruitment_channel, exited_on), if the app is installed."""
    try:
        return apps.get_model("compounds", "ExploitationFacts")
    except LookupError:
        return None


def month_of(value: Any) -> str | None:
    """YYYY-MM of a date (or of an ISO date string, as some backends return a subquery's
    date); None for nothing."""
    if not value:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m")
    return str(value)[:7]


def epoch_of(when: dt.datetime) -> str:
    return when.strftime("%Y-%m")


def population_key(holder_ids: Iterable[int]) -> str:
    return "orgs:" + ",".join(str(i) for i in sorted(set(holder_ids)))


def holders_of(key: str) -> list[int]:
    """The organisations of a :func:`population_key`."""
    rest = key.removeprefix("orgs:")
    return [int(i) for i in rest.split(",")] if rest else []


def populations_in_force() -> dict[int | None, set[int]]:
    """Per recipient, the organisations whose agreement with it is in force; under None,
    every organisation sharing with anyone (the export's population, and the only cases
    a snapshot reads)."""
    out: dict[int | None, set[int]] = {}
    for recipient, holder in SharingAgreement.objects.filter(
            ended_at__isnull=True).values_list("recipient_id", "holder_id"):
        out.setdefault(recipient, set()).add(holder)
        out.setdefault(None, set()).add(holder)
    return out


def _record_populations(snapshot: Snapshot, populations: dict[int | None, set[int]]) -> None:
    """Fix the snapshot's population per recipient; mark those that changed (an earlier
    snapshot counted other organisations for that recipient: one left, one joined, or
    both, as when {H1, H2} becomes {H1, H3})."""
    earlier: dict[int | None, list[set[int]]] = {}
    for recipient, key in SnapshotPopulation.objects.exclude(snapshot=snapshot).values_list(
            "recipient_id", "holders").distinct():
        earlier.setdefault(recipient, []).append(set(holders_of(key)))
    SnapshotPopulation.objects.bulk_create(
        SnapshotPopulation(snapshot=snapshot, recipient_id=recipient,
                           holders=population_key(holders),
                           changed=any(before != holders
                                       for before in earlier.get(recipient, [])))
        for recipient, holders in populations.items())


def _annotated_cases(holder_ids: list[int]) -> Any:
    today = timezone.localdate()
    latest_decision = GroundsDecision.objects.filter(case=OuterRef("pk")).order_by(
        "-decided_at", "-id").values("level")[:1]
    latest_option = OptionChoice.objects.filter(case=OuterRef("pk")).order_by(
        "-recorded_at", "-id").values("option")[:1]
    measures = LegalMeasure.objects.filter(case=OuterRef("pk"))
    outcomes = FollowUpOutcome.objects.filter(follow_up__plan__case=OuterRef("pk"))
    qs = Case.objects.filter(organisation_id__in=holder_ids).annotate(
        nationality=F("person__nationality"), sex=F("person__sex"),
        age=F("person__age_years"),
        grounds=Subquery(latest_decision),
        protected=F("protection__active"),
        certificate=Exists(Certificate.objects.filter(
            case=OuterRef("pk"), revoked_at__isnull=True, valid_until__gte=today)),
        any_measure=Exists(measures),
        measure_open=Exists(measures.filter(status=MeasureStatus.OPEN)),
        measure_requested=Exists(measures.filter(status=MeasureStatus.REQUESTED)),
        option=Subquery(latest_option),
        travelled=Exists(ReturnPlan.objects.filter(case=OuterRef("pk"),
                                                   status=PlanStatus.TRAVELLED)),
        serious=Exists(outcomes.filter(rating="serious")),
        concern=Exists(outcomes.filter(rating="concern")),
        followed=Exists(outcomes.exclude(rating="unknown")),
    )
    link = compound_link_model()
    if link is not None:
        first_link = link.objects.filter(case=OuterRef("pk")).order_by("linked_at", "id")
        qs = qs.annotate(
            compound_slug=Subquery(first_link.values("compound__slug")[:1]),
            compound_country=Subquery(first_link.values("compound__country")[:1]),
        )
        last_held = link.objects.filter(case=OuterRef("pk"), held_until__isnull=False)
        qs = qs.annotate(last_held_until=Subquery(
            last_held.order_by("-held_until").values("held_until")[:1]))
    facts = exploitation_facts_model()
    if facts is not None:
        own = facts.objects.filter(case=OuterRef("pk"))
        qs = qs.annotate(recruitment=Subquery(own.values("recruitment_channel")[:1]),
                         exited_on=Subquery(own.values("exited_on")[:1]))
    fields = ["organisation_id", "created_at", "nationality", "sex", "age", "grounds",
              "protected", "certificate", "any_measure", "measure_open",
              "measure_requested", "option", "travelled", "serious", "concern", "followed"]
    if link is not None:
        fields += ["compound_slug", "compound_country", "last_held_until"]
    if facts is not None:
        fields += ["recruitment", "exited_on"]
    return qs.order_by("pk").values(*fields)


def _fact(snapshot: Snapshot, row: dict[str, Any]) -> CaseFact:
    if row["protected"]:
        protection = "certificate" if row["certificate"] else "protected"
    else:
        protection = "not_protected"
    if not row["any_measure"]:
        nonpunishment = "no_measure"
    elif row["measure_open"]:
        nonpunishment = "not_requested"
    elif row["measure_requested"]:
        nonpunishment = "requested"
    else:
        nonpunishment = "resolved"
    if not row["travelled"]:
        reintegration = "not_returned"
    elif row["serious"]:
        reintegration = "serious"
    elif row["concern"]:
        reintegration = "concern"
    elif row["followed"]:
        reintegration = "ok"
    else:
        reintegration = "no_follow_up"
    fact = CaseFact(
        snapshot=snapshot, organisation_id=row["organisation_id"],
        month=row["created_at"].strftime("%Y-%m"),
        nationality=row["nationality"] or UNKNOWN, sex=row["sex"] or UNKNOWN,
        age_band=age_band(row["age"]),
        exploitation_country=row.get("compound_country") or UNKNOWN,
        compound=row.get("compound_slug") or UNKNOWN,
        screening_outcome=row["grounds"] or "none", protection=protection,
        nonpunishment=nonpunishment, return_option=row["option"] or "none",
        reintegration=reintegration,
        recruitment_channel=row.get("recruitment") or UNKNOWN,
        # The month recorded as the month of exit, else the end of the latest stay in a
        # compound (the person was out by then), else not recorded.
        exit_month=month_of(row.get("exited_on")) or month_of(row.get("last_held_until"))
        or UNKNOWN,
    )
    for key, dim in DIMENSIONS.items():
        # A value outside a fixed list (a legacy or mistyped code) counts as unknown,
        # so every case falls in exactly one value of every dimension.
        if dim.fixed and getattr(fact, key) not in dim.codes:
            setattr(fact, key, UNKNOWN if UNKNOWN in dim.codes else "none")
    return fact


def take_snapshot(*, automatic: bool = False) -> Snapshot:
    """Freeze the facts of every case of the sharing organisations, and the population
    of every recipient (all or nothing).

    ``automatic``: the month's snapshot, taken on first use; if another request took it
    meanwhile, that one is returned (one automatic snapshot a month: the latest snapshot
    is locked and the month re-read inside the transaction, and a unique constraint
    catches the very first snapshot)."""
    epoch = epoch_of(timezone.now())
    with transaction.atomic():
        if automatic:
            Snapshot.objects.select_for_update().order_by("-taken_at", "-id").first()
            # Re-read after the lock: a request that held it may have just taken it.
            latest = Snapshot.objects.order_by("-taken_at", "-id").first()
            if latest is not None and latest.epoch == epoch:
                return latest
        snapshot = Snapshot.objects.create(epoch=epoch, automatic=automatic)
        populations = populations_in_force()
        _record_populations(snapshot, populations)
        batch: list[CaseFact] = []
        n = 0
        for row in _annotated_cases(sorted(populations.get(None, set()))).iterator(
                chunk_size=CHUNK):
            batch.append(_fact(snapshot, row))
            if len(batch) >= CHUNK:
                CaseFact.objects.bulk_create(batch)
                n += len(batch)
                batch = []
        CaseFact.objects.bulk_create(batch)
        n += len(batch)
        snapshot.cases = n
        snapshot.save(update_fields=["cases"])
    return snapshot


def monthly_snapshot() -> Snapshot:
    """:func:`take_snapshot` on first use in the month; when two requests race for the
    first snapshot ever (nothing to lock yet), the loser reads the winner's."""
    try:
        return take_snapshot(automatic=True)
    except IntegrityError:
        latest = Snapshot.objects.order_by("-taken_at", "-id").first()
        if latest is None or latest.epoch != epoch_of(timezone.now()):
            raise
        return latest


def current_snapshot() -> Snapshot:
    """This month's snapshot, taken on first use in the month."""
    snapshot = Snapshot.objects.order_by("-taken_at", "-id").first()
    if snapshot is None or snapshot.epoch != epoch_of(timezone.now()):
        snapshot = monthly_snapshot()
    return snapshot


def populations_of(recipient_id: int | None) -> QuerySet[SnapshotPopulation]:
    """The recipient's populations, snapshot by snapshot (None: the export's)."""
    if recipient_id is None:
        return SnapshotPopulation.objects.filter(recipient__isnull=True)
    return SnapshotPopulation.objects.filter(recipient_id=recipient_id)


def current_population(recipient_id: int | None) -> tuple[Snapshot, SnapshotPopulation | None]:
    """This month's snapshot (taken on first use in the month) and the recipient's
    population in it (None: nobody shared with it when it was taken), in one query."""
    mine = populations_of(recipient_id).filter(snapshot=OuterRef("pk"))
    latest = Snapshot.objects.annotate(
        population_id=Subquery(mine.values("pk")[:1]),
        population_holders=Subquery(mine.values("holders")[:1]),
        population_changed=Subquery(mine.values("changed")[:1]),
    ).order_by("-taken_at", "-id").first()
    if latest is None or latest.epoch != epoch_of(timezone.now()):
        snapshot = monthly_snapshot()
        return snapshot, populations_of(recipient_id).filter(snapshot=snapshot).first()
    pk = getattr(latest, "population_id", None)
    if pk is None:
        return latest, None
    return latest, SnapshotPopulation(
        pk=pk, snapshot=latest, recipient_id=recipient_id,
        holders=getattr(latest, "population_holders"),
        changed=bool(getattr(latest, "population_changed")))
