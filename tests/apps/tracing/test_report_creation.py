"""Taking a family report: valid input is stored encrypted; invalid input is refused
field by field and writes nothing; without the family's consent nothing is matched."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from wayhome.apps.tracing import services
from wayhome.apps.tracing.models import Candidate, FamilyConsent, FamilyReport

from .conftest import HUNG, REPORT


def _form(**extra: Any) -> dict[str, Any]:
    data = dict(REPORT)
    data.update({"consent_given": "on", "consent_by": "Nguyễn Thị Lan",
                 "consent_on": "2026-01-05", "consent_language": "vi"})
    data.update(extra)
    return data


def test_a_tracer_takes_a_report_with_the_familys_consent(tracer: Any, client_for: Any) -> None:
    response = client_for(tracer).post(reverse("tracing:report_new"), _form())
    assert response.status_code == 302
    report = FamilyReport.objects.get()
    assert response["Location"] == reverse("tracing:report", args=[report.reference])
    assert report.organisation == tracer.organisation
    assert report.missing_name == "Nguyễn Văn Hùng"
    assert report.has_consent
    consent = FamilyConsent.objects.get()
    assert (consent.given_by, consent.language) == ("Nguyễn Thị Lan", "vi")


def test_the_familys_words_are_encrypted_at_rest(make_report: Any) -> None:
    report = make_report()
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM tracing_familyreport WHERE id = %s", [report.pk])
        raw = " ".join(str(v) for v in cur.fetchone())
        cur.execute("SELECT * FROM tracing_familyconsent")
        raw += " ".join(str(v) for v in cur.fetchone())
    for secret in ("Nguyễn", "Hung", "912 000", "Poipet", "Sihanoukville", "1999-04-12",
                   "mother"):
        assert secret not in raw


def test_invalid_input_is_refused_field_by_field_and_nothing_is_written(
    tracer: Any, client_for: Any
) -> None:
    bad = _form(missing_name="12345", other_names="Hung\n\x07", sex="Q", birth="12/04/1999",
                nationality="XXX", approximate_age="300", consent_by="",
                consent_language="")
    response = client_for(tracer).post(reverse("tracing:report_new"), bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be used as a name" in page
    assert "Write the date as YYYY, YYYY-MM or YYYY-MM-DD." in page
    assert FamilyReport.objects.count() == 0 and FamilyConsent.objects.count() == 0


def test_the_service_lists_every_problem_and_writes_nothing(tracer: Any) -> None:
    with pytest.raises(ValidationError) as info:
        services.create_report(tracer, {**REPORT, "missing_name": "", "birth": "2999",
                                        "nationality": "ZZZ", "consent_given": True})
    errors = info.value.message_dict
    assert {"missing_name", "birth", "nationality", "consent_by", "consent_on",
            "consent_language"} <= set(errors)
    assert FamilyReport.objects.count() == 0


def test_without_the_familys_consent_the_report_cannot_be_matched(
    make_report: Any, traceable_case: Any, tracer: Any, client_for: Any
) -> None:
    report = make_report(consent=False)
    traceable_case(**HUNG)
    client = client_for(tracer)
    page = client.post(reverse("tracing:report_match", args=[report.reference]))
    assert page.status_code == 200
    assert "consent for tracing is not recorded" in page.content.decode()
    assert not Candidate.objects.exists()

    recorded = client.post(reverse("tracing:report_consent", args=[report.reference]),
                           {"granted": "yes", "consent_by": "Nguyễn Thị Lan",
                            "consent_on": "2026-01-06", "consent_language": "vi"})
    assert recorded.status_code == 302
    matched = client.post(reverse("tracing:report_match", args=[report.reference]))
    assert matched.status_code == 302
    assert Candidate.objects.filter(report=report).count() == 1


def test_the_family_withdrawing_consent_stops_matching_and_drops_undecided_candidates(
    candidate: Any, tracer: Any
) -> None:
    report = candidate.report
    services.record_family_consent(tracer, report, False,
                                   {"consent_by": "Nguyễn Thị Lan", "consent_language": "vi"})
    assert not report.has_consent
    assert not Candidate.objects.filter(report=report).exists()
    with pytest.raises(ValidationError):
        services.match_report(tracer, report)
