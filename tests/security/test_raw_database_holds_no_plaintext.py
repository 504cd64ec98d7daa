"""A copy of the database file must not contain any name, date of birth or narrative."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from wayhome.apps.cases import services

SECRETS = ["Nguyễn Văn Hùng", "Nguyen", "Hùng", "Somying", "สมหญิง", "ကိုအောင်", "1999-04-12",
           "+66 81 234 5678", "beaten for missing quotas", "KK Park compound B"]


def _raw_bytes(tmp_path: Path) -> bytes:
    if connection.vendor == "sqlite":
        # The database file image, byte for byte (what a stolen copy of db.sqlite3 holds).
        # serialize() rather than backup(): a backup waits forever for the test's own
        # open transaction to end.
        connection.ensure_connection()
        image = connection.connection.serialize()
        copy = tmp_path / "copy.sqlite3"
        copy.write_bytes(image)
        check = sqlite3.connect(copy)  # the image is a valid database file
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        check.close()
        return copy.read_bytes()
    # PostgreSQL: every text column of every table, as the server returns it.
    chunks: list[bytes] = []
    with connection.cursor() as cur:
        for table in connection.introspection.table_names(cur):
            cur.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            for row in cur.fetchall():
                chunks.append(repr(row).encode("utf-8"))
    return b"\n".join(chunks)


def test_a_copy_of_the_database_reveals_no_personal_field(
    caseworker: Any, make_case: Any, tmp_path: Path
) -> None:
    case = make_case(given_name="Hùng", family_name="Nguyễn Văn", aliases="Somying\nสมหญิง\nကိုအောင်",
                     date_of_birth="1999-04-12", contact="+66 81 234 5678", nationality="VNM")
    services.update_person(caseworker, case, {}, "beaten for missing quotas at KK Park compound B")
    services.record_consent(caseworker, case, "tracing", True, "vi", note="KK Park compound B")
    raw = _raw_bytes(tmp_path)
    assert case.case_number.encode() in raw  # the copy is real: the pseudonym is there
    for secret in SECRETS:
        for encoding in ("utf-8", "utf-16-le"):
            assert secret.encode(encoding) not in raw, f"{secret!r} found as {encoding}"
        assert secret.casefold().encode() not in raw


def test_names_are_still_found_through_keyed_hashes(caseworker: Any, make_case: Any) -> None:
    from wayhome.security.policy import visible_cases

    case = make_case(given_name="Hùng", family_name="Nguyễn Văn", nationality="VNM")
    make_case(given_name="Somchai", family_name="Jaidee", nationality="THA")
    qs = visible_cases(caseworker)
    assert list(services.search(qs, "hung")) == [case]
    assert list(services.search(qs, "NGUYEN VAN HUNG")) == [case]
    assert list(services.search(qs, "Nguyễn Hùng")) == [case]
    assert list(services.search(qs, "Hung Tran")) == []


@pytest.mark.django_db
def test_encrypted_field_cannot_be_read_without_the_key_ring(caseworker: Any, make_case: Any) -> None:
    from wayhome.apps.cases.models import Person
    from wayhome.security import crypto

    make_case(given_name="Secret")
    with connection.cursor() as cur:
        cur.execute("SELECT given_name FROM cases_person")
        token = cur.fetchone()[0]
    assert token.startswith("gAAAA")  # a Fernet token
    other = crypto.Keyring.generate().multifernet
    with pytest.raises(Exception):
        other.decrypt(token.encode())
    assert Person.objects.get().given_name == "Secret"
