"""The snapshot's bookkeeping: one automatic snapshot a month, populations of any number
of organisations, the population recorded by migration 0004 for the snapshot taken
before it, and the release that re-reads the agreements under its lock."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_the_months_snapshot_is_taken_once_when_two_requests_ask_for_it(
    orgs: dict[str, Any], share: Callable[..., Any], bulk_cases: Callable[..., list[Any]],
) -> None:
    """A request that read "no snapshot this month" before another took it gets that
    one, not a second snapshot with its own ledger."""
    from wayhome.apps.statistics.models import Snapshot
    from wayhome.apps.statistics.snapshot import take_snapshot

    share(orgs["ngo"], orgs["other"])
    bulk_cases(12)
    first = take_snapshot(automatic=True)
    assert take_snapshot(automatic=True) == first
    assert Snapshot.objects.count() == 1


def test_the_database_refuses_a_second_automatic_snapshot_in_a_month(db: Any) -> None:
    from django.db import IntegrityError, transaction

    from wayhome.apps.statistics.models import Snapshot

    Snapshot.objects.create(epoch="2026-03", automatic=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Snapshot.objects.create(epoch="2026-03", automatic=True)
    Snapshot.objects.create(epoch="2026-03")  # `wayhome stats snapshot` may take more
    assert Snapshot.objects.count() == 2


def test_a_population_of_eighty_organisations_is_recorded(
    orgs: dict[str, Any], share: Callable[..., Any],
) -> None:
    """The population key lists every organisation (over 200 characters here)."""
    from wayhome.apps.accounts.models import Organisation, OrganisationKind
    from wayhome.apps.statistics.models import SnapshotPopulation
    from wayhome.apps.statistics.snapshot import holders_of, take_snapshot

    holders = Organisation.objects.bulk_create(
        Organisation(name=f"NGO {i}", country="THA", kind=OrganisationKind.NGO)
        for i in range(80))
    for holder in holders:
        share(holder, orgs["other"])
    snapshot = take_snapshot()
    population = SnapshotPopulation.objects.get(snapshot=snapshot, recipient=orgs["other"])
    assert len(population.holders) > 200
    assert holders_of(population.holders) == sorted(h.pk for h in holders)


def _migration() -> Any:
    return importlib.import_module(
        "wayhome.apps.statistics.migrations.0004_snapshot_population")


def test_the_migration_records_the_agreements_in_force_when_the_snapshot_was_taken(
    users: dict[str, Any], orgs: dict[str, Any], share: Callable[..., Any],
    bulk_cases: Callable[..., list[Any]],
) -> None:
    """H2's agreement ended after the snapshot, before the migration: the snapshot
    counted H2, so its population holds H2 and the figures are withheld (not published
    over H1 alone, which would give H2's cases by subtraction). An agreement made after
    the snapshot is not in its population."""
    from django.apps import apps

    from wayhome.apps.statistics.models import (
        SharingAgreement,
        Snapshot,
        SnapshotPopulation,
    )
    from wayhome.apps.statistics.services import CHANGED, population_key, scope_for
    from wayhome.apps.statistics.snapshot import take_snapshot

    monitor = orgs["embassy_vn"]
    share(orgs["ngo"], orgs["other"])
    h2 = share(orgs["ngo_kh"], orgs["other"])
    bulk_cases(30)
    snapshot = take_snapshot()
    SnapshotPopulation.objects.all().delete()  # as before the migration
    taken = Snapshot.objects.get(pk=snapshot.pk).taken_at
    SharingAgreement.objects.filter(pk=h2.pk).update(ended_at=taken + dt.timedelta(days=3))
    later = share(orgs["ngo"], monitor)
    SharingAgreement.objects.filter(pk=later.pk).update(
        created_at=taken + dt.timedelta(days=2))
    SharingAgreement.objects.exclude(pk=later.pk).update(
        created_at=taken - dt.timedelta(days=20))

    _migration().record_latest(apps, None)

    mine = SnapshotPopulation.objects.get(snapshot=snapshot, recipient=orgs["other"])
    assert mine.holders == population_key([orgs["ngo"].pk, orgs["ngo_kh"].pk])
    assert not SnapshotPopulation.objects.filter(recipient=monitor).exists()
    export = SnapshotPopulation.objects.get(snapshot=snapshot, recipient__isnull=True)
    assert export.holders == population_key([orgs["ngo"].pk, orgs["ngo_kh"].pk])
    assert scope_for(orgs["other"].pk).withheld == CHANGED


def test_a_release_rereads_the_agreements_under_its_lock(
    users: dict[str, Any], orgs: dict[str, Any], share: Callable[..., Any],
    bulk_cases: Callable[..., list[Any]],
) -> None:
    """The scope was read while H2 still shared; H2's agreement ended before the release
    took its lock: nothing is published."""
    from django.utils import timezone

    from wayhome.apps.statistics.models import ReleasedCell
    from wayhome.apps.statistics.services import Withheld, scope_for, table_for
    from wayhome.domain.disclosure import parse_period

    share(orgs["ngo"], orgs["other"])
    h2 = share(orgs["ngo_kh"], orgs["other"])
    bulk_cases(30)
    bulk_cases(3, org=orgs["ngo_kh"])
    scope = scope_for(orgs["other"].pk)
    assert scope.holder_ids and not scope.withheld
    h2.ended_at = timezone.now()
    h2.save(update_fields=["ended_at"])
    with pytest.raises(Withheld):
        table_for(users["analyst"], "nationality", None, parse_period("all"), scope=scope)
    assert not ReleasedCell.objects.exists()
