"""Matching family reports with registered persons: across scripts, only persons who
consented to tracing, idempotent re-runs, decided candidates kept."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command

from wayhome.apps.cases import services as case_services
from wayhome.apps.tracing import services
from wayhome.apps.tracing.models import Candidate, CandidateStatus

from .conftest import HUNG


def test_a_vietnamese_report_finds_the_person_registered_in_capitals(
    make_report: Any, traceable_case: Any
) -> None:
    report = make_report(missing_name="Nguyễn Văn Hùng", other_names="")
    case = traceable_case(**HUNG)
    traceable_case(given_name="Aung Ko", family_name="Htet", nationality="MMR")
    services.run_matching([report])
    found = list(Candidate.objects.filter(report=report))
    assert [c.case_id for c in found] == [case.pk]
    ev = found[0].evidence
    assert ev["registered_name"] == "HUNG NGUYEN VAN"
    assert ev["report_name"] == "Nguyễn Văn Hùng"
    assert ev["variants"]["report"] and ev["variants"]["score"] > 0.9
    assert {a["field"] for a in ev["fields_agreed"]} == {"sex", "birth", "nationality"}
    assert found[0].band == "auto"


def test_a_report_in_thai_script_finds_the_person_registered_in_latin(
    make_report: Any, traceable_case: Any
) -> None:
    report = make_report(missing_name="สมหญิง ใจดี", other_names="", sex="F",
                         birth="1994-08-02", nationality="THA")
    case = traceable_case(given_name="Somying", family_name="Jaidee", sex="F",
                          date_of_birth="1994-08-02", nationality="THA", languages="th")
    services.run_matching([report])
    found = Candidate.objects.get(report=report)
    assert found.case_id == case.pk
    assert found.evidence["registered_scripts"] == ["Latin"]
    assert found.evidence["variants"]["registered"].startswith("somying")


def test_only_persons_who_consented_to_tracing_are_candidates(
    make_report: Any, make_case: Any, traceable_case: Any, caseworker: Any
) -> None:
    report = make_report()
    no_consent = make_case(**HUNG)
    refused = make_case(**HUNG)
    case_services.record_consent(caseworker, refused, "tracing", False, "vi")
    consenting = traceable_case(**HUNG)
    services.run_matching([report])
    assert set(Candidate.objects.filter(report=report).values_list("case_id", flat=True)) \
        == {consenting.pk}
    assert not Candidate.objects.filter(case__in=[no_consent, refused]).exists()


def test_withdrawing_consent_hides_the_candidate_at_once_and_removes_it_on_the_next_run(
    candidate: Candidate, caseworker: Any, tracer: Any
) -> None:
    report = candidate.report
    assert list(services.visible_candidates(tracer, report)) == [candidate]
    case_services.record_consent(caseworker, candidate.case, "tracing", False, "vi")
    assert list(services.visible_candidates(tracer, report)) == []
    services.run_matching([report])
    assert not Candidate.objects.filter(pk=candidate.pk).exists()


def test_a_report_without_the_familys_consent_is_never_matched(
    make_report: Any, traceable_case: Any
) -> None:
    report = make_report(consent=False)
    traceable_case(**HUNG)
    summary = services.run_matching()
    assert summary.reports == 0
    assert not Candidate.objects.filter(report=report).exists()


def test_re_running_is_idempotent_and_keeps_decided_candidates(
    candidate: Candidate, tracer: Any, traceable_case: Any
) -> None:
    report = candidate.report
    services.reject(tracer, candidate, "Different village")
    first = services.run_matching([report])
    second = services.run_matching([report])
    assert (first.created, second.created) == (0, 0)
    assert Candidate.objects.filter(report=report).count() == 1
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.REJECTED


def test_two_registered_persons_alike_are_both_listed_for_review(
    make_report: Any, traceable_case: Any
) -> None:
    report = make_report(birth="1999", other_names="")
    a = traceable_case(**{**HUNG, "date_of_birth": "1999"})
    b = traceable_case(**{**HUNG, "date_of_birth": "1999"})
    services.run_matching([report])
    found = {c.case_id: c.band for c in Candidate.objects.filter(report=report)}
    assert set(found) == {a.pk, b.pk}
    assert set(found.values()) == {"review"}


def test_the_cron_command_matches_every_open_report_and_prints_counts_only(
    make_report: Any, traceable_case: Any, capsys: Any
) -> None:
    report = make_report()
    traceable_case(**HUNG)
    call_command("trace_match")
    out = capsys.readouterr().out
    assert "1 reports" in out and "1 new candidates" in out
    assert "Hung" not in out and "HUNG" not in out
    assert Candidate.objects.filter(report=report).count() == 1
    call_command("trace_match", "--report", report.reference)
    assert "0 new candidates, 1 updated" in capsys.readouterr().out


def test_the_cron_command_refuses_an_unknown_or_unconsented_report(
    make_report: Any
) -> None:
    import pytest
    from django.core.management.base import CommandError

    unconsented = make_report(consent=False)
    for ref in ("FR-NOPE-NOPE", unconsented.reference):
        with pytest.raises(CommandError) as info:
            call_command("trace_match", "--report", ref)
        assert info.value.returncode == 2
    assert not Candidate.objects.exists()
