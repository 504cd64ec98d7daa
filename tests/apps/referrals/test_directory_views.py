"""The directory of services: filtered by country, kind and who a service takes; the
case team adds services; bad input changes nothing."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.accounts.models import Organisation, OrganisationKind, Role
from wayhome.apps.referrals.models import Service

NEW_SERVICE = {"name": "Safe House Sisaket", "kind": "shelter", "country": "THA",
               "area": "Sisaket", "accepts_adult_men": "on", "languages": ["my", "th"],
               "capacity": "12", "how_to_reach": "+66 2 000 0000 (office)"}


def test_the_directory_filters_by_country_kind_and_who_the_service_takes(
    caseworker: Any, make_service: Any, client_for: Any
) -> None:
    make_service(name="Men's shelter Mae Sot")
    make_service(name="Women's shelter Bangkok", accepts_adult_men=False,
                 accepts_adult_women=True)
    make_service(name="Trauma clinic", kind="torture_rehabilitation", org="clinic")
    make_service(name="Legal aid Phnom Penh", kind="legal_aid", country="KHM")
    make_service(name="Closed shelter", active=False)
    client = client_for(caseworker)
    url = reverse("referrals:directory")

    everything = client.get(url).content.decode()
    assert "Men&#x27;s shelter Mae Sot" in everything and "Legal aid Phnom Penh" in everything
    assert "Closed shelter" not in everything

    in_thailand = client.get(url, {"country": "THA"}).content.decode()
    assert "Trauma clinic" in in_thailand and "Legal aid Phnom Penh" not in in_thailand

    shelters = client.get(url, {"country": "THA", "kind": "shelter"}).content.decode()
    assert "Women&#x27;s shelter Bangkok" in shelters and "Trauma clinic" not in shelters

    for_men = client.get(url, {"kind": "shelter", "takes": "accepts_adult_men"}).content.decode()
    assert "Men&#x27;s shelter Mae Sot" in for_men
    assert "Women&#x27;s shelter Bangkok" not in for_men

    in_cambodia = client.get(url, {"country": "KHM", "kind": "shelter"}).content.decode()
    assert "No service matches these filters." in in_cambodia


def test_service_providers_see_the_directory_but_cannot_add_to_it(
    provider_user: Any, make_service: Any, client_for: Any
) -> None:
    make_service(name="Men's shelter Mae Sot")
    client = client_for(provider_user)
    page = client.get(reverse("referrals:directory"))
    assert page.status_code == 200 and "Mae Sot" in page.content.decode()
    assert reverse("referrals:service_new") not in page.content.decode()
    assert client.get(reverse("referrals:service_new")).status_code == 403
    assert client.post(reverse("referrals:service_new"), NEW_SERVICE).status_code == 403
    assert not Service.objects.filter(name="Safe House Sisaket").exists()


def test_roles_outside_the_case_team_and_providers_do_not_see_the_directory(
    users: dict[str, Any], client_for: Any
) -> None:
    for role in (Role.ENFORCEMENT_LIAISON, Role.CONSULAR_OFFICER, Role.TRACER, Role.ANALYST,
                 Role.ADMINISTRATOR):
        assert client_for(users[role]).get(reverse("referrals:directory")).status_code == 403


def test_a_case_worker_adds_a_service_of_an_existing_provider(
    caseworker: Any, providers: dict[str, Organisation], client_for: Any
) -> None:
    client = client_for(caseworker)
    response = client.post(reverse("referrals:service_new"),
                           {**NEW_SERVICE, "provider": providers["shelter"].pk})
    assert response.status_code == 302, response.content.decode()[:3000]
    service = Service.objects.get(name="Safe House Sisaket")
    assert service.organisation == providers["shelter"]
    assert service.accepts_adult_men and not service.accepts_adult_women
    assert service.languages == "my,th" and service.capacity == 12 and service.active
    listed = client.get(response["Location"]).content.decode()
    assert "Safe House Sisaket" in listed


def test_a_case_worker_adds_a_service_of_a_provider_not_yet_in_wayhome(
    caseworker: Any, client_for: Any, orgs: dict[str, Organisation]
) -> None:
    response = client_for(caseworker).post(
        reverse("referrals:service_new"), {**NEW_SERVICE, "new_provider_name": "Sisaket Care"})
    assert response.status_code == 302, response.content.decode()[:3000]
    org = Organisation.objects.get(name="Sisaket Care")
    assert org.kind == OrganisationKind.SERVICE and org.country == "THA"
    assert Service.objects.get(name="Safe House Sisaket").organisation == org


def test_a_service_that_takes_nobody_or_has_no_provider_is_refused_and_nothing_is_written(
    caseworker: Any, providers: dict[str, Organisation], client_for: Any
) -> None:
    client = client_for(caseworker)
    url = reverse("referrals:service_new")
    orgs_before = Organisation.objects.count()
    takes_nobody = {k: v for k, v in NEW_SERVICE.items() if k != "accepts_adult_men"}
    refused = client.post(url, {**takes_nobody, "new_provider_name": "Nobody's Shelter"})
    assert refused.status_code == 200 and "Say who the service takes" in refused.content.decode()
    no_provider = client.post(url, NEW_SERVICE)
    assert "Choose the provider that runs the service" in no_provider.content.decode()
    both = client.post(url, {**NEW_SERVICE, "provider": providers["shelter"].pk,
                             "new_provider_name": "Another"})
    assert "not both" in both.content.decode()
    no_name = client.post(url, {**NEW_SERVICE, "name": "",
                                "provider": providers["shelter"].pk})
    assert no_name.status_code == 200 and "This field is required." in no_name.content.decode()
    assert not Service.objects.exists()
    assert Organisation.objects.count() == orgs_before


def test_the_services_provider_errors_are_shown_at_the_provider_field_and_the_others_at_theirs(
    caseworker: Any, client_for: Any
) -> None:
    takes_nobody = {k: v for k, v in NEW_SERVICE.items() if k != "accepts_adult_men"}
    response = client_for(caseworker).post(reverse("referrals:service_new"), takes_nobody)
    form = response.context["form"]
    assert form.errors["provider"] == [
        "Choose the provider that runs the service, or name it."]
    assert form.errors["accepts_adult_men"] == [
        "Say who the service takes: adult men, adult women, children or families."]
    assert not form.non_field_errors()
    assert not Service.objects.exists()


def test_only_service_provider_organisations_can_be_chosen_to_run_a_service(
    caseworker: Any, orgs: dict[str, Organisation], client_for: Any
) -> None:
    response = client_for(caseworker).post(reverse("referrals:service_new"),
                                           {**NEW_SERVICE, "provider": orgs["immigration"].pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Service.objects.exists()


def test_a_new_provider_with_the_name_of_one_already_listed_is_refused(
    caseworker: Any, providers: dict[str, Organisation], client_for: Any
) -> None:
    response = client_for(caseworker).post(
        reverse("referrals:service_new"),
        {**NEW_SERVICE, "new_provider_name": "open shelter mae sot"})
    assert response.status_code == 200
    assert "already in the list" in response.content.decode()
    assert not Service.objects.exists()
    assert Organisation.objects.filter(name__iexact="open shelter mae sot").count() == 1
