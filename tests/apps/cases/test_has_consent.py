"""``Case.has_consent``: the latest record of the purpose decides, read from the database
or from the complete prefetch of every consent record (``Case.ALL_CONSENTS``), never from
another prefetch of the consents, which may be partial."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext

from wayhome.apps.cases import services
from wayhome.apps.cases.models import Case, ConsentRecord


@pytest.fixture
def withdrawn(make_case: Any, caseworker: Any) -> Case:
    """A case whose consent to tracing was given, then withdrawn."""
    case = make_case()
    services.record_consent(caseworker, case, "tracing", True, "my")
    services.record_consent(caseworker, case, "tracing", False, "my")
    return case


def test_a_partial_prefetch_of_the_consents_does_not_read_as_a_grant(withdrawn: Case) -> None:
    granted_only = Case.objects.prefetch_related(
        Prefetch("consents", queryset=ConsentRecord.objects.filter(granted=True))
    ).get(pk=withdrawn.pk)
    assert [r.granted for r in granted_only.consents.all()] == [True]  # the withdrawal left out
    assert not granted_only.has_consent("tracing")


def test_the_complete_prefetch_is_read_without_a_query_and_agrees_with_the_database(
    withdrawn: Case, caseworker: Any
) -> None:
    services.record_consent(caseworker, withdrawn, "family", True, "my")
    cases = list(Case.objects.filter(pk=withdrawn.pk).prefetch_related(
        Prefetch("consents", to_attr=Case.ALL_CONSENTS)))
    with CaptureQueriesContext(connection) as ctx:
        answers = {p: cases[0].has_consent(p) for p in ("tracing", "family", "services")}
    assert ctx.captured_queries == []
    fresh = Case.objects.get(pk=withdrawn.pk)
    assert answers == {p: fresh.has_consent(p) for p in answers}
    assert answers == {"tracing": False, "family": True, "services": False}


def test_the_consent_state_is_not_read_from_a_partial_prefetch(withdrawn: Case) -> None:
    granted_only = Case.objects.prefetch_related(
        Prefetch("consents", queryset=ConsentRecord.objects.filter(granted=True))
    ).get(pk=withdrawn.pk)
    assert granted_only.consent_state()["tracing"].granted is False
