"""The request letter download: a PDF for the case team once reasonable grounds are
recorded, naming the case number and never the person; refused before; 403 for others."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from wayhome.apps.accounts.models import Role
from wayhome.apps.nonpunishment import services
from wayhome.apps.nonpunishment.models import LegalMeasure
from wayhome.apps.protection.models import ProtectionStatus

CHARGE = {"kind": "charge", "offence": "fraud", "country": "THA",
          "authority": "Mae Sot Provincial Court", "ordered_on": dt.date(2026, 3, 2),
          "reference": "Black case 123/2569"}


def _protect(case: Any) -> None:
    ProtectionStatus.objects.update_or_create(
        case=case, defaults={"active": True, "since": timezone.now(),
                             "basis": "reasonable_grounds"})


@pytest.fixture
def measure(caseworker: Any, make_case: Any) -> LegalMeasure:
    case = make_case()  # the person is "Aung Ko Htet"
    return services.record_measure(caseworker, case, dict(CHARGE))


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_protected_case_gets_the_letter_as_a_pdf_without_the_person_s_name(
    caseworker: Any, client_for: Any, measure: LegalMeasure
) -> None:
    _protect(measure.case)
    response = client_for(caseworker).get(reverse("nonpunishment:letter", args=[measure.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # s.41's scope and ACTIP are "to verify": this is the draft (test_letter_checked_view.py)
    assert response["Content-Disposition"].startswith(
        'attachment; filename="DRAFT-non-punishment-')
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")
    text = _text(response.content)
    assert "s.41" in text and "A/HRC/47/34" in text
    assert measure.case.case_number in text
    assert "NGO Mae Sot" in text and "Black case 123/2569" in text
    assert any(0x0E00 <= ord(c) <= 0x0E7F for c in text)  # then the Thai letter
    for part in ("Aung", "Htet"):
        assert part not in text


def test_a_screening_officer_of_the_organisation_gets_it_too(
    users: dict[str, Any], client_for: Any, measure: LegalMeasure
) -> None:
    _protect(measure.case)
    client = client_for(users[Role.SCREENING_OFFICER])
    response = client.get(reverse("nonpunishment:letter", args=[measure.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_before_reasonable_grounds_the_letter_is_refused_with_a_message(
    caseworker: Any, client_for: Any, measure: LegalMeasure
) -> None:
    client = client_for(caseworker)
    url = reverse("nonpunishment:letter", args=[measure.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("nonpunishment:detail", args=[measure.pk])
    page = client.get(url, follow=True).content.decode()
    assert "No reasonable-grounds decision is recorded yet, so there is no request letter" in page
    assert "can be downloaded once reasonable grounds are recorded" in page


@pytest.mark.parametrize("role", [Role.ENFORCEMENT_LIAISON, Role.CONSULAR_OFFICER,
                                  Role.ANALYST, Role.ADMINISTRATOR])
def test_other_roles_are_forbidden(
    users: dict[str, Any], client_for: Any, measure: LegalMeasure, role: str
) -> None:
    _protect(measure.case)
    response = client_for(users[role]).get(reverse("nonpunishment:letter", args=[measure.pk]))
    assert response.status_code == 403


def test_a_case_worker_of_another_organisation_is_forbidden(
    make_user: Any, client_for: Any, measure: LegalMeasure
) -> None:
    _protect(measure.case)
    other = make_user(Role.CASE_WORKER, org="ngo_kh", username="worker-kh")
    response = client_for(other).get(reverse("nonpunishment:letter", args=[measure.pk]))
    assert response.status_code == 403


def test_the_detail_page_links_to_the_letter_once_protected(
    caseworker: Any, client_for: Any, measure: LegalMeasure
) -> None:
    _protect(measure.case)
    page = client_for(caseworker).get(
        reverse("nonpunishment:detail", args=[measure.pk])).content.decode()
    assert reverse("nonpunishment:letter", args=[measure.pk]) in page
    assert "Download the draft letter (PDF, marked [TO VERIFY])" in page


def test_only_get_is_allowed(caseworker: Any, client_for: Any, measure: LegalMeasure) -> None:
    _protect(measure.case)
    response = client_for(caseworker).post(reverse("nonpunishment:letter", args=[measure.pk]))
    assert response.status_code == 405
