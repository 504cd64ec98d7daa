"""`wayhome demo --no-serve` loads the synthetic dataset once, with a user per role."""

from __future__ import annotations

from typing import Any

import pytest

from wayhome.apps.accounts.models import Role, User
from wayhome.apps.audit.log import verify
from wayhome.apps.cases.models import Case
from wayhome.apps.certificates.models import Certificate
from wayhome.apps.nonpunishment.models import LegalMeasure
from wayhome.cli import main


def test_demo_loads_one_user_per_role_and_synthetic_cases(
    db: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--no-serve"]) == 0
    out = capsys.readouterr().out
    assert "http://" in out
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    for user in User.objects.all():
        assert user.username in out  # every demo login is printed
    cases = Case.objects.select_related("person")
    assert cases.count() >= 10
    assert all("Demo" in c.person.given_name for c in cases)  # clearly synthetic
    assert len({c.organisation.country for c in cases}) >= 2
    assert LegalMeasure.objects.exists() and Certificate.objects.exists()
    from wayhome.apps.referrals.models import Referral, Service

    assert Service.objects.exists() and Referral.objects.exists()
    assert verify().ok


def test_loading_the_demo_twice_changes_nothing(db: Any, capsys: pytest.CaptureFixture[str]) -> None:
    main(["demo", "--no-serve"])
    counts = (User.objects.count(), Case.objects.count())
    main(["demo", "--no-serve"])
    assert (User.objects.count(), Case.objects.count()) == counts


def test_demo_code_prints_a_six_digit_code_or_a_clear_error(
    db: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["demo", "--no-serve"])
    capsys.readouterr()
    assert main(["demo-code", "caseworker"]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    assert main(["demo-code", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err
