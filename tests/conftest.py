"""Shared fixtures: organisations, one user per role, verified (second factor) logins."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from django.test import Client

    from wayhome.apps.accounts.models import Organisation, User

# Django is imported inside the fixtures, so the pure-domain tests also run without it:
#     pytest -p no:django tests/domain

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def orgs(db: Any) -> dict[str, Organisation]:
    from wayhome.apps.accounts.models import Organisation, OrganisationKind

    return {
        "ngo": Organisation.objects.create(name="NGO Mae Sot", country="THA", kind=OrganisationKind.NGO),
        "ngo_kh": Organisation.objects.create(name="NGO Phnom Penh", country="KHM", kind=OrganisationKind.NGO),
        "immigration": Organisation.objects.create(name="Immigration Tak", country="THA", kind=OrganisationKind.ENFORCEMENT),
        "immigration_kh": Organisation.objects.create(name="Immigration Poipet", country="KHM", kind=OrganisationKind.ENFORCEMENT),
        "embassy_mm": Organisation.objects.create(name="Embassy of Myanmar", country="MMR", kind=OrganisationKind.CONSULATE),
        "embassy_vn": Organisation.objects.create(name="Embassy of Viet Nam", country="VNM", kind=OrganisationKind.CONSULATE),
        "other": Organisation.objects.create(name="Other", country="THA", kind=OrganisationKind.MONITORING),
    }


ROLE_ORG = {
    "case_worker": "ngo",
    "screening_officer": "ngo",
    "enforcement_liaison": "immigration",
    "consular_officer": "embassy_mm",
    "tracer": "other",
    "service_provider": "other",
    "analyst": "other",
    "administrator": "ngo",
}


@pytest.fixture
def make_user(orgs: dict[str, Organisation]) -> Callable[..., User]:
    from wayhome.apps.accounts.models import User

    def make(role: str, org: str | None = None, username: str | None = None) -> User:
        u = User(username=username or f"{role}-{org or ROLE_ORG[role]}", role=role,
                 organisation=orgs[org or ROLE_ORG[role]])
        u.set_password(PASSWORD)
        u.save()
        return u
    return make


@pytest.fixture
def users(make_user: Callable[..., User]) -> dict[str, User]:
    from wayhome.apps.accounts.models import Role

    return {role: make_user(role) for role in Role.values}


def verified_client(user: User) -> Client:
    """A client logged in with password and a confirmed second factor."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or \
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    return verified_client


@pytest.fixture
def caseworker(users: dict[str, User]) -> User:
    return users["case_worker"]


@pytest.fixture
def make_case(caseworker: User) -> Callable[..., Any]:
    from wayhome.apps.cases import services

    def make(user: User | None = None, **person: Any) -> Any:
        data = {"given_name": "Aung Ko", "family_name": "Htet", "nationality": "MMR", "sex": "M",
                "age_years": 27, "languages": "my"}
        data.update(person)
        return services.register_case(user or caseworker, data, narrative="Held at KK Park.")
    return make



def _audit_triggers() -> Any:
    import importlib

    return importlib.import_module("wayhome.apps.audit.migrations.0002_append_only_triggers")


def _ensure_audit_triggers() -> None:
    from django.db import connection

    sql = _audit_triggers()
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                        "AND name LIKE 'audit_no_%'")
        else:
            cur.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'audit_no_%'")
        if cur.fetchone()[0] == 0:
            for stmt in {"sqlite": sql.SQLITE, "postgresql": sql.POSTGRES}[connection.vendor]:
                cur.execute(stmt)


def _drop_audit_triggers() -> None:
    from django.db import connection

    sql = _audit_triggers()
    with connection.cursor() as cur:
        for stmt in {"sqlite": sql.SQLITE_REVERSE,
                     "postgresql": sql.POSTGRES_REVERSE}[connection.vendor]:
            cur.execute(stmt)


@pytest.fixture(autouse=True)
def _audit_log_stays_append_only(request: pytest.FixtureRequest) -> Any:
    """Every database test runs against the real append-only triggers. Transactional
    tests (browser, live server) end with a flush of every table, which those triggers
    refuse, so they are dropped just before that flush and put back when the next
    database test starts."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        names & {"transactional_db", "live_server"})
    if not (marker or transactional or "db" in names):
        yield
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.unblock():
        _ensure_audit_triggers()
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # so this teardown runs before its flush
    yield
    with blocker.unblock():
        _drop_audit_triggers()
