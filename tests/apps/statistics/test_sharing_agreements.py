"""Sharing agreements: the administrator of the organisation holding the cases agrees;
only then are its cases counted for the receiving organisation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def make_admin_of(org: Any, users: dict[str, Any]) -> Any:
    from wayhome.apps.accounts.models import Role, User

    admin = User(username="admin-kh", role=Role.ADMINISTRATOR, organisation=org)
    admin.set_password("x-long-password-1")
    admin.save()
    return admin


def test_administrator_records_an_agreement_and_the_analyst_then_sees_the_cases(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    client_for: Callable[..., Any],
) -> None:
    from wayhome.apps.statistics.models import SharingAgreement

    bulk_cases(15)
    analyst = client_for(users["analyst"])
    assert 'id="stats-table"' not in analyst.get("/statistics/").content.decode()
    r = client_for(users["administrator"]).post("/statistics/agreements/", {
        "recipient": orgs["other"].pk, "agreed_on": "2026-01-10", "terms": "MoU 2026/3"})
    assert r.status_code == 302
    agreement = SharingAgreement.objects.get()
    assert agreement.holder == orgs["ngo"] and agreement.agreed_by == users["administrator"]
    assert 'id="stats-grand-total">15<' in analyst.get("/statistics/").content.decode()


def test_a_new_agreement_does_not_start_a_new_snapshot_and_so_keeps_the_ledger(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    client_for: Callable[..., Any],
) -> None:
    """A new snapshot starts a new ledger of released cells: if any administrator's new
    agreement took one, the differencing protection of every analyst could be reset."""
    from wayhome.apps.statistics.models import Snapshot
    from wayhome.apps.statistics.snapshot import take_snapshot

    bulk_cases(15)
    client_for(users["administrator"]).post("/statistics/agreements/", {
        "recipient": orgs["other"].pk, "agreed_on": "2026-01-10"})
    take_snapshot()
    before = Snapshot.objects.count()
    other_admin = make_admin_of(orgs["ngo_kh"], users)
    r = client_for(other_admin).post("/statistics/agreements/", {
        "recipient": orgs["other"].pk, "agreed_on": "2026-02-01"})
    assert r.status_code == 302
    assert Snapshot.objects.count() == before


def test_a_bad_agreement_form_changes_nothing(
    users: dict[str, Any], orgs: dict[str, Any], client_for: Callable[..., Any],
) -> None:
    from wayhome.apps.statistics.models import SharingAgreement

    r = client_for(users["administrator"]).post("/statistics/agreements/", {
        "recipient": orgs["other"].pk, "agreed_on": "not a date"})
    assert r.status_code == 200 and "errorlist" in r.content.decode()
    assert not SharingAgreement.objects.exists()


def test_only_monitoring_organisations_can_receive_aggregates(
    users: dict[str, Any], orgs: dict[str, Any], client_for: Callable[..., Any],
) -> None:
    from wayhome.apps.statistics.models import SharingAgreement

    r = client_for(users["administrator"]).post("/statistics/agreements/", {
        "recipient": orgs["immigration"].pk, "agreed_on": "2026-01-10"})
    assert r.status_code == 200
    assert not SharingAgreement.objects.exists()


def test_ending_an_agreement_stops_counting_the_cases(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    agreement = share(orgs["ngo"], orgs["other"])
    bulk_cases(15)
    analyst = client_for(users["analyst"])
    assert 'id="stats-grand-total">15<' in analyst.get("/statistics/").content.decode()
    r = client_for(users["administrator"]).post(
        f"/statistics/agreements/{agreement.pk}/end/")
    assert r.status_code == 302
    assert 'id="stats-table"' not in analyst.get("/statistics/").content.decode()


def test_an_administrator_cannot_end_another_organisations_agreement(
    users: dict[str, Any], orgs: dict[str, Any], share: Callable[..., Any],
    client_for: Callable[..., Any],
) -> None:
    agreement = share(orgs["ngo_kh"], orgs["other"])
    r = client_for(users["administrator"]).post(
        f"/statistics/agreements/{agreement.pk}/end/")
    assert r.status_code == 404
    agreement.refresh_from_db()
    assert agreement.active
