"""Analysts keep the registry: add places, record dated status changes, cite sources.
Every edit is audited; bad input changes nothing; other roles cannot edit."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.compounds.models import Citation, Compound, Source, StatusChange

NEW = {"slug": "new-park", "name": "New Park", "aliases": "NP\n New P ", "kind": "compound",
       "country": "mmr", "place": "Kayin State", "latitude": "16.5", "longitude": "98.6",
       "location_precision": "approximate, compound centre"}


def _first(source: Source, **extra: Any) -> dict[str, Any]:
    return {"first-source": source.pk, "first-locator": "p. 3", "first-quote": "New Park",
            "first-status": "active", "first-on": "2025-02-01", **extra}


def test_an_analyst_adds_a_place_with_its_source_and_first_status(
        seeded: Any, users: dict[str, Any], client_for: Any) -> None:
    source = Source.objects.get(seed_key="al-oth-17-2025")
    client = client_for(users["analyst"])
    response = client.post(reverse("compounds:new"), {**NEW, **_first(source)})
    assert response.status_code == 302, response.content.decode()[:3000]
    place = Compound.objects.get(slug="new-park")
    assert place.country == "MMR" and place.alias_list == ["NP", "New P"]
    assert place.status == "active"
    assert place.citations.get().source == source
    assert AuditEvent.objects.filter(action="compound.create", object_id=str(place.pk)).exists()


def test_a_new_place_without_a_source_or_with_bad_data_changes_nothing(
        seeded: Any, users: dict[str, Any], client_for: Any) -> None:
    client = client_for(users["analyst"])
    before = (Compound.objects.count(), Citation.objects.count(), StatusChange.objects.count())
    source = Source.objects.first()
    assert source is not None
    no_source = client.post(reverse("compounds:new"), {**NEW, **_first(source, **{
        "first-source": ""})})
    assert no_source.status_code == 200
    assert "Choose the source that names the place." in no_source.content.decode()
    bad_country = client.post(reverse("compounds:new"), {**NEW, "country": "XYZ",
                                                         **_first(source)})
    assert "Not an ISO 3166 alpha-3 country code" in bad_country.content.decode()
    no_precision = client.post(reverse("compounds:new"), {**NEW, "location_precision": "",
                                                          **_first(source)})
    assert "Say how precise the coordinates are" in no_precision.content.decode()
    reserved = client.post(reverse("compounds:new"), {**NEW, "slug": "map", **_first(source)})
    assert "reserved" in reserved.content.decode()
    assert before == (Compound.objects.count(), Citation.objects.count(),
                      StatusChange.objects.count())


def test_status_history_is_kept_in_date_order_and_the_latest_date_wins(
        kk_park: Compound, users: dict[str, Any], client_for: Any) -> None:
    client = client_for(users["analyst"])
    source = Source.objects.get(seed_key="al-tha-3-2025")
    url = reverse("compounds:status_new", args=[kk_park.slug])
    r = client.post(url, {"on": "2025-03-20", "status": "raided", "source": source.pk,
                          "note": "reported raid"})
    assert r.status_code == 302
    # A back-dated entry fills in history and does not change the current status.
    client.post(url, {"on": "2024-01-15", "status": "active", "source": source.pk})
    kk_park.refresh_from_db()
    assert kk_park.status == "raided"
    page = client.get(reverse("compounds:detail", args=[kk_park.slug])).content.decode()
    order = [page.index(d) for d in ("2023-07-31", "2024-01-15", "2025-03-10", "2025-03-20")]
    assert order == sorted(order)
    assert AuditEvent.objects.filter(action="compound.status.add").count() == 2


def test_a_status_change_without_source_or_in_the_future_changes_nothing(
        kk_park: Compound, users: dict[str, Any], client_for: Any) -> None:
    client = client_for(users["analyst"])
    source = Source.objects.first()
    assert source is not None
    before = StatusChange.objects.count()
    url = reverse("compounds:status_new", args=[kk_park.slug])
    no_source = client.post(url, {"on": "2025-03-20", "status": "closed", "source": ""})
    assert "Choose the source that reports this status." in no_source.content.decode()
    future = client.post(url, {"on": "2999-01-01", "status": "closed", "source": source.pk})
    assert "cannot be dated in the future" in future.content.decode()
    assert StatusChange.objects.count() == before
    kk_park.refresh_from_db()
    assert kk_park.status == "reported"


def test_an_analyst_adds_a_source_and_cites_it_for_a_fact(
        kk_park: Compound, users: dict[str, Any], client_for: Any) -> None:
    client = client_for(users["analyst"])
    empty = client.post(reverse("compounds:source_new"), {
        "title": "Report", "publisher": "NGO", "published": "2025-13"})
    assert "YYYY-MM-DD, YYYY-MM or YYYY" in empty.content.decode()
    unfindable = client.post(reverse("compounds:source_new"), {
        "title": "Report", "publisher": "NGO", "published": "2025-04"})
    assert "Give a web address or a document reference" in unfindable.content.decode()
    assert not Source.objects.filter(title="Report").exists()
    client.post(reverse("compounds:source_new"), {
        "title": "Report", "publisher": "NGO", "published": "2025-04",
        "url": "https://example.org/report"})
    source = Source.objects.get(title="Report")
    r = client.post(reverse("compounds:citation_new", args=[kk_park.slug]), {
        "source": source.pk, "fact": "controlling_group", "locator": "p. 12",
        "quote": "run by the group"})
    assert r.status_code == 302
    assert kk_park.citations.filter(source=source, fact="controlling_group").exists()
    assert AuditEvent.objects.filter(action="compound.source.add").exists()
    assert AuditEvent.objects.filter(action="compound.citation.add").exists()


def test_an_analyst_edits_a_place_and_bad_coordinates_change_nothing(
        kk_park: Compound, users: dict[str, Any], client_for: Any) -> None:
    client = client_for(users["analyst"])
    url = reverse("compounds:edit", args=[kk_park.slug])
    data = {"slug": kk_park.slug, "name": kk_park.name, "aliases": kk_park.aliases,
            "kind": kk_park.kind, "country": kk_park.country, "place": kk_park.place,
            "latitude": "16.6", "longitude": "", "location_precision": "x",
            "sez": "", "controlling_group": "Someone"}
    bad = client.post(url, data)
    assert "Give both latitude and longitude, or neither." in bad.content.decode()
    kk_park.refresh_from_db()
    assert kk_park.controlling_group.startswith("Karen Border Guard Force")
    ok = client.post(url, {**data, "longitude": "98.6"})
    assert ok.status_code == 302
    kk_park.refresh_from_db()
    assert kk_park.controlling_group == "Someone"
    assert AuditEvent.objects.filter(action="compound.edit", object_id=str(kk_park.pk)).exists()


def test_only_analysts_edit_and_only_analysts_and_the_case_team_read(
        kk_park: Compound, users: dict[str, Any], client_for: Any) -> None:
    pages = [reverse("compounds:registry"), reverse("compounds:map"),
             reverse("compounds:detail", args=[kk_park.slug])]
    edits = [reverse("compounds:new"), reverse("compounds:source_new"),
             reverse("compounds:edit", args=[kk_park.slug]),
             reverse("compounds:status_new", args=[kk_park.slug]),
             reverse("compounds:citation_new", args=[kk_park.slug])]
    for role, user in users.items():
        client = client_for(user)
        reads = role in ("analyst", "case_worker", "screening_officer")
        for url in pages:
            assert client.get(url).status_code == (200 if reads else 403), (role, url)
        for url in edits:
            assert client.get(url).status_code == (200 if role == "analyst" else 403), (role,
                                                                                        url)
    client_for(users["case_worker"]).post(reverse("compounds:status_new", args=[kk_park.slug]),
                                          {"on": "2025-03-20", "status": "closed"})
    kk_park.refresh_from_db()
    assert kk_park.status == "reported"
