"""Sharing agreements: the administrator of the organisation holding the cases agrees;
only then are its cases counted for the receiving organisation."""

from __future__ import annotations

import re
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


# -- an agreement that ends within a snapshot ---------------------------------------

def _row(html: str, label: str) -> list[str]:
    table = html.split('id="stats-table"', 1)[1].split("</table>", 1)[0]
    m = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', table)
    assert m, label
    return re.findall(r"<td[^>]*>([^<]*)</td>", m.group(1))


def _two_holders(orgs: dict[str, Any], share: Callable[..., Any],
                 bulk_cases: Callable[..., list[Any]]) -> Any:
    """H1 (ngo): 30 Burmese and 14 Vietnamese cases; H2 (ngo_kh): 3 Vietnamese cases.
    Both share with the analyst's organisation; H2's agreement is returned."""
    share(orgs["ngo"], orgs["other"])
    h2 = share(orgs["ngo_kh"], orgs["other"])
    bulk_cases(30, nationality="MMR")
    bulk_cases(14, nationality="VNM")
    bulk_cases(3, org=orgs["ngo_kh"], nationality="VNM")
    return h2


WITHHELD = "the figures will be available again from the next monthly snapshot"


def test_after_an_agreement_ends_the_figures_are_withheld_until_the_next_snapshot(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    """Over {H1, H2}, then over {H1} from the same snapshot, "before minus after" would
    be H2's 3 Vietnamese cases (a new population has a fresh ledger). And H2 withdrew its
    consent, so nothing is published over its cases either: withheld, with a message."""
    from wayhome.apps.statistics.models import ReleasedCell

    h2 = _two_holders(orgs, share, bulk_cases)
    analyst = client_for(users["analyst"])
    html = analyst.get("/statistics/?row=nationality").content.decode()
    assert _row(html, "VNM") == ["17"] and 'id="stats-grand-total">47<' in html
    released = ReleasedCell.objects.count()

    r = client_for(make_admin_of(orgs["ngo_kh"], users)).post(
        f"/statistics/agreements/{h2.pk}/end/")
    assert r.status_code == 302

    html = analyst.get("/statistics/?row=nationality").content.decode()
    assert 'id="stats-table"' not in html
    assert WITHHELD in html
    for url in ("/statistics/?row=sex", "/statistics/?row=nationality&period=2026"):
        assert 'id="stats-table"' not in analyst.get(url).content.decode()
    for url in ("/statistics/table.csv?row=nationality", "/statistics/htcds.csv"):
        r = analyst.get(url)
        assert r.status_code == 409 and WITHHELD in r.content.decode()
    r = analyst.get("/api/v1/statistics/table/", {"row": "nationality"})
    assert r.status_code == 409 and WITHHELD in r.json()["detail"]
    assert ReleasedCell.objects.count() == released  # nothing more published


def test_after_the_next_snapshot_the_one_that_left_is_not_counted_nor_worked_out(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    """The next snapshot counts H1 alone, with a fresh ledger; the cases did not change,
    so last snapshot's Vietnamese (17) minus this one's (14) would still be H2's 3. The
    new snapshot's releases are audited against the earlier ones: those cells are
    hidden, the rest is published."""
    from wayhome.apps.statistics.models import ReleasedCell, SnapshotPopulation
    from wayhome.apps.statistics.services import population_key
    from wayhome.apps.statistics.snapshot import take_snapshot

    h2 = _two_holders(orgs, share, bulk_cases)
    analyst = client_for(users["analyst"])
    analyst.get("/statistics/?row=nationality")
    client_for(make_admin_of(orgs["ngo_kh"], users)).post(
        f"/statistics/agreements/{h2.pk}/end/")
    snapshot = take_snapshot()

    population = SnapshotPopulation.objects.get(snapshot=snapshot, recipient=orgs["other"])
    assert population.holders == population_key([orgs["ngo"].pk]) and population.changed
    html = analyst.get("/statistics/?row=nationality").content.decode()
    assert "Cases of 1 organisation." in html
    assert _row(html, "MMR") == ["30"]  # the same before and after: no one's cases
    assert _row(html, "VNM") == ["x"]  # 17 before, 14 now: H2's 3
    assert 'id="stats-grand-total">x<' in html  # 47 before, 44 now
    assert not ReleasedCell.objects.filter(snapshot=snapshot, value__in=[14, 44]).exists()


def test_an_agreement_made_after_the_snapshot_counts_from_the_next_one(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    """H2's cases are in the snapshot (it shares with another monitor): counting them
    for the analyst as soon as it agrees would change the population mid-snapshot."""
    from wayhome.apps.accounts.models import Organisation, OrganisationKind
    from wayhome.apps.statistics.snapshot import take_snapshot

    monitor = Organisation.objects.create(name="Monitor 2", country="THA",
                                          kind=OrganisationKind.MONITORING)
    share(orgs["ngo"], orgs["other"])
    share(orgs["ngo_kh"], monitor)
    bulk_cases(30, nationality="MMR")
    bulk_cases(20, org=orgs["ngo_kh"], nationality="KHM")
    analyst = client_for(users["analyst"])
    assert 'id="stats-grand-total">30<' in analyst.get("/statistics/").content.decode()
    share(orgs["ngo_kh"], orgs["other"])
    html = analyst.get("/statistics/").content.decode()
    assert 'id="stats-grand-total">30<' in html and "Cases of 1 organisation." in html
    take_snapshot()
    assert 'id="stats-grand-total">50<' in analyst.get("/statistics/").content.decode()


def test_an_analyst_whose_first_agreement_is_newer_than_the_snapshot_is_told_when(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    from wayhome.apps.statistics.snapshot import take_snapshot

    bulk_cases(30)
    take_snapshot()
    share(orgs["ngo"], orgs["other"])
    html = client_for(users["analyst"]).get("/statistics/").content.decode()
    assert 'id="stats-table"' not in html
    assert "counted from the next monthly snapshot" in html


def test_when_one_organisation_leaves_and_another_joins_the_leaver_is_not_worked_out(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    """{H1, H2} then {H1, H3}: H3 has no Vietnamese case, so last snapshot's Vietnamese
    (17) minus this one's (14) is H2's 3, although neither population is inside the
    other. Audited as if H3's own counts were known: those cells are hidden."""
    from wayhome.apps.accounts.models import Organisation, OrganisationKind
    from wayhome.apps.statistics.models import ReleasedCell, SnapshotPopulation
    from wayhome.apps.statistics.services import population_key
    from wayhome.apps.statistics.snapshot import take_snapshot

    h3 = Organisation.objects.create(name="NGO Ranong", country="THA",
                                     kind=OrganisationKind.NGO)
    h2 = _two_holders(orgs, share, bulk_cases)
    bulk_cases(20, org=h3, nationality="KHM")
    analyst = client_for(users["analyst"])
    html = analyst.get("/statistics/?row=nationality").content.decode()
    assert _row(html, "VNM") == ["17"]
    share(h3, orgs["other"])
    client_for(make_admin_of(orgs["ngo_kh"], users)).post(
        f"/statistics/agreements/{h2.pk}/end/")
    snapshot = take_snapshot()

    population = SnapshotPopulation.objects.get(snapshot=snapshot, recipient=orgs["other"])
    assert population.holders == population_key([orgs["ngo"].pk, h3.pk])
    assert population.changed
    html = analyst.get("/statistics/?row=nationality").content.decode()
    assert _row(html, "MMR") == ["30"]
    assert _row(html, "KHM") == ["20"]  # H3's alone: not in the earlier population
    assert _row(html, "VNM") == ["x"]  # 17 before, 14 now: H2's 3
    assert 'id="stats-grand-total">x<' in html  # 47 before, 64 now with H3's 20
    assert not ReleasedCell.objects.filter(snapshot=snapshot, value__in=[14, 64]).exists()


def test_when_an_organisation_joins_its_counts_are_not_worked_out(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    """{H1} then {H1, H2}: this snapshot's Vietnamese (17) minus last one's (14) would be
    H2's 3 Vietnamese cases."""
    from wayhome.apps.statistics.models import ReleasedCell, SnapshotPopulation
    from wayhome.apps.statistics.snapshot import take_snapshot

    share(orgs["ngo"], orgs["other"])
    bulk_cases(30, nationality="MMR")
    bulk_cases(14, nationality="VNM")
    bulk_cases(3, org=orgs["ngo_kh"], nationality="VNM")
    analyst = client_for(users["analyst"])
    html = analyst.get("/statistics/?row=nationality").content.decode()
    assert _row(html, "VNM") == ["14"] and 'id="stats-grand-total">44<' in html
    share(orgs["ngo_kh"], orgs["other"])
    snapshot = take_snapshot()

    assert SnapshotPopulation.objects.get(snapshot=snapshot, recipient=orgs["other"]).changed
    html = analyst.get("/statistics/?row=nationality").content.decode()
    assert "Cases of 2 organisations." in html
    assert _row(html, "MMR") == ["30"]
    assert _row(html, "VNM") == ["x"]
    assert 'id="stats-grand-total">x<' in html
    assert not ReleasedCell.objects.filter(snapshot=snapshot, value__in=[17, 47]).exists()
