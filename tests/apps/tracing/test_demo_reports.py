"""The demo dataset gives the tracer family reports with candidates to review."""

from __future__ import annotations

from typing import Any

import pytest

from wayhome.apps.tracing.models import Candidate, FamilyReport


@pytest.mark.django_db
def test_the_demo_tracer_has_reports_and_cross_script_candidates(settings: Any) -> None:
    from wayhome import demo

    assert demo.load()
    reports = {r.missing_name: r for r in FamilyReport.objects.all()}
    assert len(reports) == 3
    found = {c.report.missing_name: c.evidence["registered_name"]
             for c in Candidate.objects.select_related("report")}
    assert found["Nguyễn Văn Hùng Demo"] == "Hùng Demo Nguyễn Văn"
    assert found["สมหญิง ใจดี Demo"] == "Somying Demo Jaidee"
    assert "Trần Thị Mai Demo" not in found  # no family consent: never matched
