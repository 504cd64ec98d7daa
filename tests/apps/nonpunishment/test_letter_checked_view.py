"""Provisions to verify in the request letter: the measure's page names each cited provision
the law data marks "to verify"; the letter downloaded from it is a draft marked [TO VERIFY]
and "not to be sent"; the letter to send comes only from confirming, box ticked, that the
listed provisions were checked (audited under the staff member's name). A letter citing
only checked facts has no warning and no draft."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from wayhome.apps.accounts.models import Role
from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.nonpunishment import services
from wayhome.apps.nonpunishment.models import LegalMeasure
from wayhome.apps.protection.models import ProtectionStatus

CHARGE = {"kind": "charge", "offence": "fraud", "country": "THA",
          "authority": "Mae Sot Provincial Court", "ordered_on": dt.date(2026, 3, 2),
          "reference": "Black case 123/2569"}
KEYS = ["national:tha_ahta_s41", "standard:actip_art14_7"]
CHECKED_ACTION = "measure.record.letter_citations_checked"


def _protect(case: Any) -> None:
    ProtectionStatus.objects.update_or_create(
        case=case, defaults={"active": True, "since": timezone.now(),
                             "basis": "reasonable_grounds"})


@pytest.fixture
def measure(caseworker: Any, make_case: Any) -> LegalMeasure:
    case = make_case()
    _protect(case)
    return services.record_measure(caseworker, case, dict(CHARGE))


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _confirm(client: Any, measure: LegalMeasure, **data: Any) -> Any:
    return client.post(reverse("nonpunishment:letter_checked", args=[measure.pk]), data)


def test_the_page_names_each_provision_to_verify_before_the_letter_is_sent(
    caseworker: Any, client_for: Any, measure: LegalMeasure
) -> None:
    page = client_for(caseworker).get(
        reverse("nonpunishment:detail", args=[measure.pk])).content.decode()
    assert "This letter cites 2 legal provisions that have not been verified:" in page
    assert 'data-citation="national:tha_ahta_s41"' in page
    assert "Anti-Human Trafficking Act B.E. 2551 (2008), s.41" in page
    assert "to verify: what it covers" in page
    assert 'data-citation="standard:actip_art14_7"' in page
    assert "Check them against the text of the law before sending." in page
    assert "Download the draft letter (PDF, marked [TO VERIFY])" in page
    assert reverse("nonpunishment:letter_checked", args=[measure.pk]) in page
    assert "I have checked each provision listed above against the text of the law." in page
    for key in KEYS:
        assert f'name="citations" value="{key}"' in page


def test_the_letter_downloaded_before_the_check_is_a_marked_draft(
    caseworker: Any, client_for: Any, measure: LegalMeasure
) -> None:
    response = client_for(caseworker).get(reverse("nonpunishment:letter", args=[measure.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="DRAFT-non-punishment-')
    text = _text(response.content)
    assert "DRAFT, NOT TO BE SENT" in text
    assert re.search(r"s\.41\s+\[TO\s+VERIFY\]", text)  # a line may break inside
    assert not AuditEvent.objects.filter(action=CHECKED_ACTION).exists()


def test_confirming_the_check_gives_the_letter_to_send_and_is_audited(
    caseworker: Any, client_for: Any, measure: LegalMeasure
) -> None:
    response = _confirm(client_for(caseworker), measure, citations=KEYS, checked="on")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="non-punishment-')
    text = _text(response.content)
    assert "s.41" in text and "A/HRC/47/34" in text and measure.case.case_number in text
    assert "VERIFY" not in text and "DRAFT" not in text
    event = AuditEvent.objects.get(action=CHECKED_ACTION)
    assert event.actor_username == caseworker.username
    assert (event.object_type, event.object_id) == ("legalmeasure", str(measure.pk))
    assert event.detail == ", ".join(KEYS)


def test_a_confirmation_writes_one_access_event_and_one_check_event(
    caseworker: Any, client_for: Any, measure: LegalMeasure
) -> None:
    client = client_for(caseworker)
    before = AuditEvent.objects.filter(action="measure.record").count()
    response = _confirm(client, measure, citations=KEYS, checked="on")
    assert response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="measure.record").count() == before + 1
    assert AuditEvent.objects.filter(action=CHECKED_ACTION).count() == 1


def test_a_letter_that_cannot_be_made_records_no_check(
    caseworker: Any, client_for: Any, make_case: Any
) -> None:
    case = make_case()
    _protect(case)
    # No packaged font prints Chinese characters: the letter cannot be rendered.
    unprintable = services.record_measure(caseworker, case,
                                          {**CHARGE, "reference": "Black case 案 123/2569"})
    client = client_for(caseworker)
    response = _confirm(client, unprintable, citations=KEYS, checked="on")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "The request letter could not be made" in page
    assert not AuditEvent.objects.filter(action=CHECKED_ACTION).exists()


def test_without_the_box_ticked_there_is_no_letter_and_nothing_is_recorded(
    caseworker: Any, client_for: Any, measure: LegalMeasure
) -> None:
    client = client_for(caseworker)
    response = _confirm(client, measure, citations=KEYS)
    assert response.status_code == 302
    assert response["Location"] == reverse("nonpunishment:detail", args=[measure.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Tick the box to confirm that you have checked each provision listed." in page
    assert not AuditEvent.objects.filter(action=CHECKED_ACTION).exists()


@pytest.mark.parametrize("citations", [
    ["national:tha_ahta_s41"],                                  # one left out
    [*KEYS, "national:idn_law21_2007_art18"],                   # one the letter does not cite
    [],                                                         # none
], ids=["fewer", "another", "none"])
def test_a_confirmation_of_another_list_than_the_letter_s_is_refused(
    caseworker: Any, client_for: Any, measure: LegalMeasure, citations: list[str]
) -> None:
    client = client_for(caseworker)
    response = _confirm(client, measure, citations=citations, checked="on")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "The provisions to verify have changed since the page was shown" in page
    assert not AuditEvent.objects.filter(action=CHECKED_ACTION).exists()


def test_a_letter_citing_only_checked_facts_has_no_warning_and_is_no_draft(
    caseworker: Any, client_for: Any, measure: LegalMeasure
) -> None:
    removal = services.record_measure(caseworker, measure.case, {
        "kind": "deportation", "offence": "", "country": "VNM",
        "ordered_on": dt.date(2026, 3, 2)})
    client = client_for(caseworker)
    page = client.get(reverse("nonpunishment:detail", args=[removal.pk])).content.decode()
    assert "have not been verified" not in page and "letter-checked" not in page
    assert "Download the request letter (PDF)" in page
    response = client.get(reverse("nonpunishment:letter", args=[removal.pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="non-punishment-')
    assert "DRAFT" not in _text(response.content)


def test_before_reasonable_grounds_the_confirmation_gives_no_letter(
    caseworker: Any, client_for: Any, make_case: Any
) -> None:
    unprotected = services.record_measure(caseworker, make_case(), dict(CHARGE))
    client = client_for(caseworker)
    response = _confirm(client, unprotected, citations=KEYS, checked="on")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "No reasonable-grounds decision is recorded yet, so there is no request letter" in page
    assert not AuditEvent.objects.filter(action=CHECKED_ACTION).exists()


@pytest.mark.parametrize("role", [Role.ENFORCEMENT_LIAISON, Role.CONSULAR_OFFICER,
                                  Role.ANALYST, Role.ADMINISTRATOR])
def test_other_roles_are_forbidden(
    users: dict[str, Any], client_for: Any, measure: LegalMeasure, role: str
) -> None:
    response = _confirm(client_for(users[role]), measure, citations=KEYS, checked="on")
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=CHECKED_ACTION).exists()


def test_only_post_is_allowed(caseworker: Any, client_for: Any, measure: LegalMeasure) -> None:
    response = client_for(caseworker).get(
        reverse("nonpunishment:letter_checked", args=[measure.pk]))
    assert response.status_code == 405
