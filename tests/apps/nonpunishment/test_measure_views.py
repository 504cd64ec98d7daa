"""Legal measures: recorded with a date, analysed under non-punishment once there are
reasonable grounds, tracked until resolved; bad input changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from wayhome.apps.nonpunishment.models import LegalMeasure, MeasureStatus
from wayhome.apps.protection.models import ProtectionStatus

CHARGE = {"kind": "charge", "offence": "fraud", "country": "THA",
          "authority": "Mae Sot Provincial Court", "ordered_on": "2026-03-02",
          "reference": "Black case 123/2569"}


def _protect(case: Any) -> None:
    ProtectionStatus.objects.update_or_create(
        case=case, defaults={"active": True, "since": timezone.now(),
                             "basis": "reasonable_grounds"})


def test_a_fraud_charge_in_thailand_is_covered_by_the_international_standard_only(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    _protect(case)
    client = client_for(caseworker)
    response = client.post(reverse("nonpunishment:new", args=[case.case_number]), CHARGE)
    assert response.status_code == 302, response.content.decode()[:2000]
    measure = LegalMeasure.objects.get(case=case)
    page = client.get(reverse("nonpunishment:detail", args=[measure.pk])).content.decode()
    assert "covered under the international standard only" in page
    assert "s.41" in page  # the national provision is named...
    assert "A/HRC/47/34" in page or "Protocol" in page  # ...and so is the standard
    assert "non-punishment applies to this measure" in page


def test_an_overstay_fine_in_thailand_is_covered_by_national_law(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    _protect(case)
    client = client_for(caseworker)
    client.post(reverse("nonpunishment:new", args=[case.case_number]),
                {**CHARGE, "kind": "fine", "offence": "immigration"})
    measure = LegalMeasure.objects.get(case=case)
    page = client.get(reverse("nonpunishment:detail", args=[measure.pk])).content.decode()
    assert "Covered by national law." in page


def test_before_reasonable_grounds_the_page_says_non_punishment_does_not_apply_yet(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    client = client_for(caseworker)
    client.post(reverse("nonpunishment:new", args=[case.case_number]), CHARGE)
    measure = LegalMeasure.objects.get(case=case)
    page = client.get(reverse("nonpunishment:detail", args=[measure.pk])).content.decode()
    assert "No reasonable-grounds decision is recorded yet" in page


def test_a_country_without_a_profile_falls_back_to_the_international_standard(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    _protect(case)
    client = client_for(caseworker)
    client.post(reverse("nonpunishment:new", args=[case.case_number]),
                {**CHARGE, "country": "CHN"})
    measure = LegalMeasure.objects.get(case=case)
    page = client.get(reverse("nonpunishment:detail", args=[measure.pk])).content.decode()
    assert "Whether national law covers it is not known" in page


def test_a_measure_with_no_date_or_a_future_date_is_refused_and_nothing_is_saved(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    client = client_for(caseworker)
    url = reverse("nonpunishment:new", args=[case.case_number])
    no_date = client.post(url, {**CHARGE, "ordered_on": ""})
    assert no_date.status_code == 200 and "This field is required." in no_date.content.decode()
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    in_future = client.post(url, {**CHARGE, "ordered_on": future})
    assert "cannot be in the future" in in_future.content.decode()
    no_offence = client.post(url, {**CHARGE, "offence": ""})
    assert "Say which offence" in no_offence.content.decode()
    assert not LegalMeasure.objects.exists()


def test_a_measure_is_tracked_until_resolved_and_the_case_shows_open_ones(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    client = client_for(caseworker)
    client.post(reverse("nonpunishment:new", args=[case.case_number]),
                {**CHARGE, "kind": "detention", "offence": "immigration"})
    measure = LegalMeasure.objects.get(case=case)
    detail = client.get(reverse("cases:detail", args=[case.case_number])).content.decode()
    assert 'id="measures"' in detail and "Open" in detail
    client.post(reverse("nonpunishment:requested", args=[measure.pk]),
                {"requested_on": "2026-03-03"})
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.REQUESTED
    refused = client.post(reverse("nonpunishment:resolve", args=[measure.pk]),
                          {"resolved_on": "2026-03-01", "outcome": "Released"}, follow=True)
    assert "cannot be resolved before" in refused.content.decode()
    client.post(reverse("nonpunishment:resolve", args=[measure.pk]),
                {"resolved_on": "2026-03-05", "outcome": "Released to the shelter."})
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.RESOLVED and measure.outcome == "Released to the shelter."


def test_the_measure_and_offence_choices_are_the_law_engines_vocabulary() -> None:
    from wayhome.apps.nonpunishment.models import MeasureKind, Offence
    from wayhome.domain.law import model as law

    assert set(MeasureKind.values) == {m.value for m in law.Measure}
    assert set(Offence.values) == {o.value for o in law.Offence}
