"""Short codes verify offline against a signed register, which is also the revocation list."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from wayhome.domain.certificates import (
    CertificateError,
    Register,
    RegisterEntry,
    RegisterError,
    VerificationReason,
    build_register,
    keyring,
    open_register,
    register_entry,
    revoked_from_register,
    short_code,
    verify,
    verify_short_code,
)

from certificate_helpers import (
    ISSUED,
    KEY,
    OTHER_KEY,
    PHOTO,
    TODAY,
    TRUSTED,
    UNTIL,
    b64,
    make_token,
    sign_raw,
    unb64,
)

R = VerificationReason
ACTIVE = make_token()
CHILD = make_token(cert_id="CHILD-1", case_number="KHM-AAAA-BBBB", is_child=True,
                   photo_sha256=PHOTO)
REVOKED = make_token(cert_id="REVOKED-1", case_number="THA-CCCC-DDDD")
REGISTER_DAY = date(2025, 11, 28)
REGISTER = build_register(
    KEY,
    "12",
    [register_entry(ACTIVE), register_entry(CHILD), register_entry(REVOKED, status="revoked")],
    REGISTER_DAY,
)


def test_short_code_verifies_via_a_signed_register() -> None:
    result = verify_short_code(short_code(ACTIVE), REGISTER, TRUSTED, today=TODAY)
    assert result.valid and result.reason == "ok"
    assert result.claims == verify(ACTIVE, TRUSTED, today=TODAY).claims
    assert result.short_code == short_code(ACTIVE)
    assert result.register_issued_on == REGISTER_DAY and result.register_age_days == 3


def test_short_code_gives_the_child_flag_and_photo_hash() -> None:
    result = verify_short_code(short_code(CHILD), REGISTER, TRUSTED, today=TODAY)
    assert result.valid and result.claims is not None
    assert result.claims.is_child and result.claims.photo_sha256 == PHOTO


def test_typed_code_may_be_lower_case_spaced_and_confuse_o_and_0() -> None:
    code = short_code(ACTIVE)
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert verify_short_code(typed, REGISTER, TRUSTED, today=TODAY).valid


def test_revoked_code_fails_with_revoked() -> None:
    result = verify_short_code(short_code(REVOKED), REGISTER, TRUSTED, today=TODAY)
    assert result.reason == R.REVOKED and not result.valid
    assert result.claims is not None and result.claims.cert_id == "REVOKED-1"


def test_expired_and_not_yet_valid_codes_fail() -> None:
    code = short_code(ACTIVE)
    late = verify_short_code(code, REGISTER, TRUSTED, today=UNTIL + timedelta(days=1))
    early = verify_short_code(code, REGISTER, TRUSTED, today=ISSUED - timedelta(days=1))
    assert late.reason == R.EXPIRED and early.reason == R.NOT_YET_VALID


def test_unknown_code_fails_but_reports_the_register_age() -> None:
    other = short_code(make_token(cert_id="NOT-IN-REGISTER"))
    result = verify_short_code(other, REGISTER, TRUSTED, today=date(2026, 1, 27))
    assert result.reason == R.UNKNOWN_CODE and result.claims is None
    assert result.register_age_days == 60  # a stale register: the page can say so


@pytest.mark.parametrize("typed", ["", "1234", "7K2M-9QXD-4F8", "UUUU-UUUU-UUUU", "ÄK2M-9QXD-4F8A"])
def test_mistyped_or_garbage_code_fails_as_malformed(typed: str) -> None:
    result = verify_short_code(typed, REGISTER, TRUSTED, today=TODAY)
    assert result.reason == R.MALFORMED and result.register_issued_on == REGISTER_DAY


def test_one_wrong_character_is_caught_by_the_check_character() -> None:
    code = short_code(ACTIVE)
    wrong = code[:5] + ("A" if code[5] != "A" else "B") + code[6:]
    assert verify_short_code(wrong, REGISTER, TRUSTED, today=TODAY).reason == R.MALFORMED


def test_revoked_from_register_feeds_qr_verification() -> None:
    revoked = revoked_from_register(REGISTER, TRUSTED)
    assert revoked == {"REVOKED-1"}
    assert verify(REVOKED, TRUSTED, today=TODAY, revoked=revoked).reason == R.REVOKED
    assert verify(ACTIVE, TRUSTED, today=TODAY, revoked=revoked).valid


def _payload(register: str) -> dict[str, object]:
    obj: dict[str, object] = json.loads(unb64(register.split(".")[1]))
    return obj


def _reencode(payload: dict[str, object]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def test_register_with_a_tampered_entry_fails() -> None:
    payload = _payload(REGISTER)
    entries = payload["entries"]
    assert isinstance(entries, list)
    for entry in entries:
        entry["status"] = "active"  # un-revoke everything
    _, _, sig = REGISTER.split(".")
    tampered = f"WHR1.{b64(_reencode(payload))}.{sig}"
    result = verify_short_code(short_code(REVOKED), tampered, TRUSTED, today=TODAY)
    assert result.reason == R.REGISTER_BAD_SIGNATURE and not result.valid
    assert result.claims is None and result.register_age_days is None
    with pytest.raises(RegisterError, match="signature does not match") as info:
        revoked_from_register(tampered, TRUSTED)
    assert info.value.reason == R.REGISTER_BAD_SIGNATURE


def test_register_signed_by_another_key_fails() -> None:
    forged = build_register(OTHER_KEY, "12", [register_entry(ACTIVE)], REGISTER_DAY)
    result = verify_short_code(short_code(ACTIVE), forged, TRUSTED, today=TODAY)
    assert result.reason == R.REGISTER_UNKNOWN_ISSUER
    with pytest.raises(RegisterError) as info:
        revoked_from_register(forged, TRUSTED)
    assert info.value.reason == R.REGISTER_UNKNOWN_ISSUER


def test_register_from_another_key_claiming_the_trusted_key_id_fails() -> None:
    data = unb64(REGISTER.split(".")[1])
    forged = sign_raw("WHR1", data, OTHER_KEY)
    result = verify_short_code(short_code(ACTIVE), forged, TRUSTED, today=TODAY)
    assert result.reason == R.REGISTER_BAD_SIGNATURE


@pytest.mark.parametrize("garbage", ["", "WHR1", REGISTER[:-3], REGISTER[:40], "WHR1.e30.AAAA"])
def test_garbage_register_fails_as_register_malformed(garbage: str) -> None:
    result = verify_short_code(short_code(ACTIVE), garbage, TRUSTED, today=TODAY)
    assert result.reason == R.REGISTER_MALFORMED


def test_a_certificate_token_is_not_a_register_and_vice_versa() -> None:
    swapped = "WHR1." + ACTIVE.split(".", 1)[1]
    assert verify_short_code(short_code(ACTIVE), swapped, TRUSTED, today=TODAY).reason == (
        R.REGISTER_BAD_SIGNATURE
    )
    assert verify("WH1." + REGISTER.split(".", 1)[1], TRUSTED, today=TODAY).reason == (
        R.BAD_SIGNATURE
    )


def test_signed_but_non_canonical_register_fails_as_register_malformed() -> None:
    payload = _payload(REGISTER)
    entries = payload["entries"]
    assert isinstance(entries, list)
    payload["entries"] = list(reversed(entries))  # not sorted by code
    result = verify_short_code(short_code(ACTIVE), sign_raw("WHR1", _reencode(payload)), TRUSTED,
                               today=TODAY)
    assert result.reason == R.REGISTER_MALFORMED


def test_an_opened_register_can_be_reused_for_many_codes() -> None:
    opened = open_register(REGISTER, TRUSTED)
    assert isinstance(opened, Register) and len(opened.entries) == 3
    assert opened.issuer_id == "12" and opened.key_id == next(iter(TRUSTED))
    assert verify_short_code(short_code(ACTIVE), opened, TRUSTED, today=TODAY).valid
    untrusted = keyring(OTHER_KEY)
    assert verify_short_code(short_code(ACTIVE), opened, untrusted, today=TODAY).reason == (
        R.REGISTER_UNKNOWN_ISSUER
    )


def test_register_is_deterministic_whatever_the_entry_order() -> None:
    entries = [register_entry(ACTIVE), register_entry(CHILD)]
    assert build_register(KEY, "12", entries, REGISTER_DAY) == build_register(
        KEY, "12", list(reversed(entries)), REGISTER_DAY
    )


def test_empty_register_is_allowed() -> None:
    empty = build_register(KEY, "12", [], REGISTER_DAY)
    assert revoked_from_register(empty, TRUSTED) == frozenset()
    assert verify_short_code(short_code(ACTIVE), empty, TRUSTED, today=TODAY).reason == (
        R.UNKNOWN_CODE
    )


def test_build_register_refuses_duplicates_and_bad_entries() -> None:
    with pytest.raises(CertificateError, match="short code .* appears twice"):
        build_register(KEY, "12", [register_entry(ACTIVE), register_entry(ACTIVE)], REGISTER_DAY)
    with pytest.raises(CertificateError, match="issuer_id: only letters"):
        build_register(KEY, "NGO Mae Sot", [], REGISTER_DAY)
    with pytest.raises(CertificateError, match="code: expected a short code"):
        RegisterEntry("nope", "C1", "THA-1", ISSUED, UNTIL, False)
    good = register_entry(ACTIVE)
    bad_check = good.code[:-1] + ("A" if good.code[-1] != "A" else "B")
    with pytest.raises(CertificateError, match=r"entries\[0\]\.code: the check character"):
        build_register(KEY, "12", [replace(good, code=bad_check)], REGISTER_DAY)
    with pytest.raises(CertificateError, match="status: expected one of active, revoked"):
        register_entry(ACTIVE, status="lost")  # type: ignore[arg-type]
