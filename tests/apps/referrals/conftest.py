"""Fixtures for services and referrals: two service providers (organisations of kind
"service") in Thailand, a user for each, and services they run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from wayhome.apps.accounts.models import Organisation, OrganisationKind, Role
from wayhome.apps.cases import services as case_services
from wayhome.apps.referrals.models import Service


@pytest.fixture
def providers(orgs: dict[str, Organisation]) -> dict[str, Organisation]:
    """Added to ``orgs`` too, so that ``make_user(role, org="shelter")`` works."""
    orgs["shelter"] = Organisation.objects.create(
        name="Open Shelter Mae Sot", country="THA", kind=OrganisationKind.SERVICE)
    orgs["clinic"] = Organisation.objects.create(
        name="Border Clinic", country="THA", kind=OrganisationKind.SERVICE)
    return {"shelter": orgs["shelter"], "clinic": orgs["clinic"]}


@pytest.fixture
def provider_user(providers: dict[str, Organisation], make_user: Callable[..., Any]) -> Any:
    return make_user(Role.SERVICE_PROVIDER, org="shelter")


@pytest.fixture
def other_provider_user(providers: dict[str, Organisation],
                        make_user: Callable[..., Any]) -> Any:
    return make_user(Role.SERVICE_PROVIDER, org="clinic")


@pytest.fixture
def make_service(providers: dict[str, Organisation], caseworker: Any) -> Callable[..., Service]:
    def make(org: str = "shelter", **fields: Any) -> Service:
        data: dict[str, Any] = {"name": "Men's shelter", "country": "THA", "kind": "shelter",
                                "accepts_adult_men": True, "accepts_adult_women": False,
                                "accepts_children": False, "accepts_families": False,
                                "languages": "my,th", "capacity": 20}
        data.update(fields)
        return Service.objects.create(organisation=providers[org], added_by=caseworker, **data)
    return make


@pytest.fixture
def consenting_case(make_case: Callable[..., Any], caseworker: Any) -> Callable[..., Any]:
    """A case whose person has given consent to referral to services."""
    def make(**person: Any) -> Any:
        case = make_case(**person)
        case_services.record_consent(caseworker, case, "services", True, "my")
        return case
    return make
