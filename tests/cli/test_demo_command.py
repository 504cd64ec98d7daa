"""`wayhome demo --no-serve` loads the synthetic dataset once, with a user per role, and
a synthetic volume of cases (WAYHOME_DEMO_VOLUME, 0 to skip it in the tests that do not
need it) so the demo analyst sees real, unsuppressed statistics."""

from __future__ import annotations

from typing import Any

import pytest

from wayhome.apps.accounts.models import Role, User
from wayhome.apps.audit.log import verify
from wayhome.apps.cases.models import Case
from wayhome.apps.certificates.models import Certificate
from wayhome.apps.nonpunishment.models import LegalMeasure
from wayhome.cli import main


@pytest.fixture
def no_volume(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYHOME_DEMO_VOLUME", "0")


def test_demo_loads_one_user_per_role_and_synthetic_cases(
    db: Any, capsys: pytest.CaptureFixture[str], no_volume: None
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


def _counts() -> tuple[int, ...]:
    from wayhome.apps.compounds.models import CaseCompoundLink, ExploitationFacts
    from wayhome.apps.statistics.models import Snapshot

    return (User.objects.count(), Case.objects.count(), CaseCompoundLink.objects.count(),
            ExploitationFacts.objects.count(), Snapshot.objects.count())


def test_loading_the_demo_twice_changes_nothing(db: Any, capsys: pytest.CaptureFixture[str]) -> None:
    main(["demo", "--no-serve"])  # with the synthetic volume
    counts = _counts()
    assert counts[1] >= 400
    main(["demo", "--no-serve"])
    assert _counts() == counts


def test_the_demo_analyst_sees_unsuppressed_numbers_from_the_synthetic_volume(
    db: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    from wayhome.apps.statistics.models import CaseFact, Snapshot
    from wayhome.apps.statistics.services import deployment_k
    from wayhome.apps.statistics.snapshot import current_snapshot
    from wayhome.security import crypto
    from tests.conftest import verified_client

    assert main(["demo", "--no-serve"]) == 0
    cases = Case.objects.select_related("person")
    synthetic = [c for c in cases if c.narrative.startswith("SYNTHETIC DEMO CASE")]
    assert 380 <= len(synthetic) <= 420
    assert all(c.person.given_name.endswith("Demo") for c in synthetic)
    assert {c.organisation.name for c in synthetic} == {
        "Mae Sot Migrant Assistance (demo)", "Phnom Penh Survivor Support (demo)"}
    # The snapshot is taken by the demo, with every case, before any page asks for it.
    snapshot = Snapshot.objects.get()
    assert current_snapshot() == snapshot and snapshot.cases == cases.count()
    facts = CaseFact.objects.filter(snapshot=snapshot)
    assert facts.exclude(recruitment_channel="unknown").count() > 300
    assert facts.exclude(exit_month="unknown").count() > 300
    # Personal fields are encrypted at rest and the name look-up works as for any case.
    person = synthetic[0].person
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT given_name FROM cases_person WHERE id = %s", [person.pk])
        stored = cur.fetchone()[0]
    assert person.given_name not in stored and crypto.decrypt(stored) == person.given_name
    assert person.name_tokens.exists()
    analyst = User.objects.get(username="analyst")
    for dim in ("nationality", "recruitment_channel", "exit_month"):
        html = verified_client(analyst).get(f"/statistics/?row={dim}").content.decode()
        table = html.split('id="stats-table"', 1)[1].split("</table>", 1)[0]
        counts = [int(c) for c in re.findall(r"<td[^>]*>(\d+)</td>", table)]
        assert any(c >= deployment_k() for c in counts), dim  # real numbers, not only "x"
        assert not [c for c in counts if 1 <= c < deployment_k()], dim


def test_a_demo_loaded_without_the_volume_gets_it_once_on_the_next_load(
    db: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from wayhome import demo

    assert demo.load(volume=0)
    hand_written = Case.objects.count()
    assert hand_written == len(demo.PERSONS)
    assert demo.load(volume=50) is False
    assert Case.objects.count() == hand_written + 50
    assert demo.load(volume=50) is False
    assert Case.objects.count() == hand_written + 50


def test_demo_code_prints_a_six_digit_code_or_a_clear_error(
    db: Any, capsys: pytest.CaptureFixture[str], no_volume: None
) -> None:
    main(["demo", "--no-serve"])
    capsys.readouterr()
    assert main(["demo-code", "caseworker"]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    assert main(["demo-code", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err
