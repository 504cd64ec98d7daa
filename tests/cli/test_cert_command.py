"""`wayhome cert verify`: a certificate checked offline with public keys on disk."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from wayhome.cli import main
from wayhome.domain import certificates as cert

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def issued(tmp_path: Path) -> dict[str, str]:
    key = cert.generate_private_key()
    token = cert.issue(key, case_number="THA-7KM3-Q9XP", issuer_id="12",
                       cert_id=cert.new_cert_id(), issued_on=TODAY,
                       valid_until=TODAY + dt.timedelta(days=180), is_child=False)
    (tmp_path / "org.pem").write_bytes(cert.public_key_to_pem(key.public_key()))
    register = cert.build_register(key, "12", [cert.register_entry(token, status="revoked")],
                                   TODAY)
    (tmp_path / "register.txt").write_text(register)
    return {"token": token, "key": str(tmp_path / "org.pem"),
            "register": str(tmp_path / "register.txt")}


def test_a_valid_token_verifies_with_the_public_key_alone(
    issued: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cert", "verify", issued["token"], "--key", issued["key"],
                 "--today", TODAY.isoformat()]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["valid"] is True and out["case_number"] == "THA-7KM3-Q9XP"


def test_the_register_revokes_it_by_token_and_by_short_code(
    issued: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    for text in (issued["token"], cert.short_code(issued["token"])):
        assert main(["cert", "verify", text, "--key", issued["key"], "--register",
                     issued["register"], "--today", TODAY.isoformat()]) == 1
        assert json.loads(capsys.readouterr().out)["reason"] == "revoked"


def test_a_missing_key_file_or_a_short_code_without_register_is_a_clear_error(
    issued: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cert", "verify", issued["token"], "--key", str(tmp_path / "none.pem")]) == 2
    assert "none.pem" in capsys.readouterr().err
    assert main(["cert", "verify", cert.short_code(issued["token"]),
                 "--key", issued["key"]]) == 2
    assert "--register" in capsys.readouterr().err
