"""The free text of needs and referrals is encrypted at rest like a name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.security.test_raw_database_holds_no_plaintext import _raw_bytes
from wayhome.apps.referrals import services

SECRETS = ["burn scars on both arms", "pregnant, 5 months", "refused to run the scam"]


def test_needs_notes_referral_messages_and_answers_are_not_in_a_copy_of_the_database(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    tmp_path: Path
) -> None:
    case = consenting_case()
    services.assess_needs(caseworker, case, ["medical"], note=SECRETS[0])
    referral = services.send_referral(caseworker, case, make_service(), message=SECRETS[1])
    services.change_status(provider_user, referral, "accepted", note=SECRETS[2])
    raw = _raw_bytes(tmp_path)
    assert case.case_number.encode() in raw
    for secret in SECRETS:
        assert secret.encode() not in raw, secret
