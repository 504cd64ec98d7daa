"""Certificate tokens: verify offline with the public key only; anything altered fails."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from wayhome.domain.certificates import (
    PAYLOAD_KEYS,
    CertificateError,
    Claims,
    VerificationReason,
    generate_private_key,
    keyring,
    public_key_from_pem,
    public_key_to_pem,
    read_claims,
    short_code,
    verify,
)

from certificate_helpers import (
    FIELDS,
    ISSUED,
    KEY,
    OTHER_KEY,
    PHOTO,
    TODAY,
    TRUSTED,
    UNTIL,
    b64,
    make_token,
    payload_of,
    sign_raw,
    unb64,
)

R = VerificationReason
TOKEN = make_token()


def test_a_valid_certificate_verifies_offline_with_only_the_public_key() -> None:
    # What the official's device holds: the organisation's public key, as PEM text.
    public = public_key_from_pem(public_key_to_pem(KEY.public_key()))
    result = verify(TOKEN, keyring(public), today=TODAY)
    assert result.valid and result.reason == "ok"
    assert result.claims == Claims(
        key_id=next(iter(TRUSTED)),
        issuer_id="12",
        case_number="THA-7KM3-Q9XP",
        cert_id="238JJK2TXK7V0QZP",
        issued_on=ISSUED,
        valid_until=UNTIL,
        is_child=False,
        photo_sha256=None,
    )
    assert result.short_code == short_code(TOKEN)


def test_token_is_versioned_ascii_and_short_enough_for_a_qr_code() -> None:
    assert TOKEN.startswith("WH1.") and TOKEN.count(".") == 2 and TOKEN.isascii()
    assert len(TOKEN) < 300
    assert len(make_token(photo_sha256=PHOTO)) < 400


def test_child_flag_and_photo_hash_are_carried() -> None:
    result = verify(make_token(is_child=True, photo_sha256=PHOTO), TRUSTED, today=TODAY)
    assert result.valid
    assert result.claims is not None
    assert result.claims.is_child is True and result.claims.photo_sha256 == PHOTO


def test_issuing_is_deterministic_so_the_short_code_is_stable() -> None:
    assert make_token() == TOKEN
    assert short_code(make_token()) == short_code(TOKEN)
    assert make_token(cert_id="OTHER") != TOKEN


def test_certificate_holds_only_the_allowed_fields_and_no_name() -> None:
    payload = payload_of(make_token(is_child=True, photo_sha256=PHOTO))
    assert set(payload) == {"v", "kid", "iss", "case", "id", "issued", "until", "child", "photo"}
    assert set(payload) == PAYLOAD_KEYS
    assert payload == {
        "v": 1,
        "kid": next(iter(TRUSTED)),
        "iss": "12",
        "case": "THA-7KM3-Q9XP",
        "id": "238JJK2TXK7V0QZP",
        "issued": "2025-11-25",
        "until": "2026-05-24",
        "child": True,
        "photo": PHOTO,
    }
    assert "photo" not in payload_of(TOKEN)


def test_a_correctly_signed_payload_with_an_extra_field_such_as_a_name_is_rejected() -> None:
    payload = {**payload_of(TOKEN), "name": "Aung Aung"}
    data = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    assert verify(sign_raw("WH1", data), TRUSTED, today=TODAY).reason == R.MALFORMED


def test_case_number_with_spaces_is_refused_at_issue_so_a_name_cannot_slip_in() -> None:
    with pytest.raises(CertificateError, match="case_number: only letters"):
        make_token(case_number="Aung Aung")


def test_tampered_payload_fails_with_bad_signature() -> None:
    payload = payload_of(TOKEN)
    for field, value in [("until", "2030-01-01"), ("child", True), ("case", "THA-AAAA-BBBB")]:
        forged = {**payload, field: value}
        data = json.dumps(forged, sort_keys=True, separators=(",", ":")).encode()
        head, _, sig = TOKEN.split(".")
        tampered = f"WH1.{b64(data)}.{sig}"
        result = verify(tampered, TRUSTED, today=TODAY)
        assert result.reason == R.BAD_SIGNATURE and not result.valid
        assert result.claims is None


def test_tampered_signature_fails_with_bad_signature() -> None:
    head, payload, sig = TOKEN.split(".")
    raw = bytearray(unb64(sig))
    raw[10] ^= 0x01
    assert verify(f"{head}.{payload}.{b64(bytes(raw))}", TRUSTED, today=TODAY).reason == (
        R.BAD_SIGNATURE
    )


def test_token_signed_by_an_untrusted_key_fails_with_unknown_issuer() -> None:
    result = verify(make_token(OTHER_KEY), TRUSTED, today=TODAY)
    assert result.reason == R.UNKNOWN_ISSUER and result.claims is None


def test_token_from_another_key_claiming_the_trusted_key_id_fails_with_bad_signature() -> None:
    data = unb64(TOKEN.split(".")[1])  # the real payload, naming the trusted key id
    assert verify(sign_raw("WH1", data, OTHER_KEY), TRUSTED, today=TODAY).reason == (
        R.BAD_SIGNATURE
    )


def test_a_key_trusted_later_verifies_its_own_tokens() -> None:
    both = keyring(KEY.public_key(), OTHER_KEY.public_key())
    assert verify(make_token(OTHER_KEY), both, today=TODAY).valid


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "WH1",
        "WH1..",
        "WH1.e30.",
        TOKEN[:-1],
        TOKEN[: len(TOKEN) // 2],
        TOKEN + ".x",
        TOKEN.replace("WH1.", "WH2.", 1),
        TOKEN.replace("WH1.", "wh1.", 1),
        TOKEN.replace(".", ".=", 1),
        TOKEN + "=",
        "WH1.évalué.signé",
        TOKEN[:20] + "ü" + TOKEN[21:],
        "WH1.\x00\x00.\x00",
        "not a token at all",
        "WH1." + "A" * 5000 + ".AAAA",
        "[" * 3000,
        "WH1." + b64(b"[" * 1500) + "." + "A" * 86,
    ],
)
def test_truncated_garbage_or_non_ascii_tokens_fail_as_malformed(garbage: str) -> None:
    result = verify(garbage, TRUSTED, today=TODAY)
    assert result.reason == R.MALFORMED and not result.valid and result.claims is None


@pytest.mark.parametrize("thing", [None, 42, b"WH1.abc.def", ["WH1"]])
def test_non_string_tokens_fail_as_malformed_without_raising(thing: Any) -> None:
    assert verify(thing, TRUSTED, today=TODAY).reason == R.MALFORMED


def test_surrounding_whitespace_from_a_scanner_is_ignored() -> None:
    assert verify(f"  {TOKEN}\n", TRUSTED, today=TODAY).valid


def canon(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


P = payload_of(TOKEN)
NOT_CANONICAL: dict[str, bytes] = {
    "spaces": json.dumps(P, sort_keys=True).encode(),
    "unsorted keys": json.dumps(dict(reversed(P.items())), separators=(",", ":")).encode(),
    "escaped ascii": canon(P).replace(b"THA", b"\\u0054HA"),
    "compact date": canon({**P, "issued": "20251125"}),
    "null photo": canon({**P, "photo": None}),
    "upper-case photo": canon({**P, "photo": "A" * 64}),
    "child as 0": canon({**P, "child": 0}),
    "version 2": canon({**P, "v": 2}),
    "version true": canon({**P, "v": True}),
    "no such date": canon({**P, "until": "2025-02-30"}),
    "ends before it starts": canon({**P, "until": "2025-01-01"}),
    "child missing": canon({k: v for k, v in P.items() if k != "child"}),
    "duplicate key": canon(P)[:-1] + b',"v":1}',
    "a list": b"[1,2]",
    "not ascii": b"\xff\xfe",
    "NaN": b'{"kid":NaN}',
    "huge number": b'{"v":' + b"9" * 5000 + b"}",
}


@pytest.mark.parametrize("case", sorted(NOT_CANONICAL))
def test_signed_but_non_canonical_or_invalid_payloads_fail_as_malformed(case: str) -> None:
    token = sign_raw("WH1", NOT_CANONICAL[case])
    assert verify(token, TRUSTED, today=TODAY).reason == R.MALFORMED


def test_every_single_character_change_fails_and_never_raises() -> None:
    alphabet = "Ag_."
    for i, ch in enumerate(TOKEN):
        for new in alphabet:
            if new != ch:
                changed = TOKEN[:i] + new + TOKEN[i + 1 :]
                assert not verify(changed, TRUSTED, today=TODAY).valid, (i, new)


def test_every_truncation_fails_and_never_raises() -> None:
    for n in range(len(TOKEN)):
        assert verify(TOKEN[:n], TRUSTED, today=TODAY).reason == R.MALFORMED


def test_validity_includes_the_first_and_last_day() -> None:
    assert verify(TOKEN, TRUSTED, today=ISSUED).valid
    assert verify(TOKEN, TRUSTED, today=UNTIL).valid


def test_expired_certificate_fails_but_still_shows_its_claims() -> None:
    result = verify(TOKEN, TRUSTED, today=UNTIL + timedelta(days=1))
    assert result.reason == R.EXPIRED and not result.valid
    assert result.claims is not None and result.claims.valid_until == UNTIL


def test_certificate_used_before_its_issue_date_fails_as_not_yet_valid() -> None:
    result = verify(TOKEN, TRUSTED, today=ISSUED - timedelta(days=1))
    assert result.reason == R.NOT_YET_VALID and not result.valid


def test_revoked_certificate_fails_even_inside_its_validity() -> None:
    result = verify(TOKEN, TRUSTED, today=TODAY, revoked={"238JJK2TXK7V0QZP"})
    assert result.reason == R.REVOKED and not result.valid
    assert verify(TOKEN, TRUSTED, today=TODAY, revoked={"SOMETHING-ELSE"}).valid


def test_revocation_is_reported_before_expiry() -> None:
    late = UNTIL + timedelta(days=30)
    assert verify(TOKEN, TRUSTED, today=late, revoked=["238JJK2TXK7V0QZP"]).reason == R.REVOKED


def test_today_must_be_a_calendar_day_not_a_datetime() -> None:
    with pytest.raises(TypeError, match="today"):
        verify(TOKEN, TRUSTED, today=datetime(2025, 12, 1, 9, 0))


def test_reason_codes_are_plain_strings() -> None:
    assert {r.value for r in R} >= {
        "ok", "malformed", "unknown_issuer", "bad_signature", "expired", "not_yet_valid",
        "revoked", "unknown_code", "register_malformed", "register_unknown_issuer",
        "register_bad_signature",
    }


def test_verification_and_claims_cannot_be_changed() -> None:
    result = verify(TOKEN, TRUSTED, today=TODAY)
    with pytest.raises(FrozenInstanceError):
        result.reason = R.OK  # type: ignore[misc]


def test_read_claims_decodes_without_a_key_for_the_issuing_side() -> None:
    assert read_claims(TOKEN).cert_id == "238JJK2TXK7V0QZP"
    with pytest.raises(CertificateError, match="not a certificate token"):
        read_claims("nonsense")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"case_number": ""}, "case_number: expected 1 to 32 characters"),
        ({"case_number": "x" * 33}, "case_number: expected 1 to 32 characters"),
        ({"case_number": "THA-ÄÖ"}, "case_number: only letters"),
        ({"case_number": 12}, "case_number: expected a string"),
        ({"issuer_id": "NGO Mae Sot"}, "issuer_id: only letters"),
        ({"cert_id": "-leading"}, "cert_id: only letters"),
        ({"issued_on": "2025-11-25"}, "issued_on: expected a date"),
        ({"valid_until": datetime(2026, 1, 1)}, "valid_until: expected a date"),
        ({"valid_until": date(2025, 11, 24)}, "valid_until: 2025-11-24 is before issued_on"),
        ({"is_child": 1}, "is_child: expected True or False"),
        ({"photo_sha256": "abc"}, "photo_sha256: expected 64 lowercase hexadecimal"),
        ({"photo_sha256": PHOTO.upper()}, "photo_sha256: expected 64 lowercase hexadecimal"),
    ],
)
def test_issue_refuses_bad_fields_naming_the_field(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(CertificateError, match=message) as info:
        make_token(**changes)
    assert isinstance(info.value, ValueError)


def test_a_one_day_certificate_is_allowed() -> None:
    token = make_token(valid_until=ISSUED)
    assert verify(token, TRUSTED, today=ISSUED).valid


def test_fields_fixture_is_what_the_token_says() -> None:
    claims = read_claims(TOKEN)
    assert {k: getattr(claims, k) for k in FIELDS} == FIELDS


def test_fresh_keys_work_too() -> None:
    key = generate_private_key()
    assert verify(make_token(key), keyring(key), today=TODAY).valid
