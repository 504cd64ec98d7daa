from __future__ import annotations

from typing import Any

from django.db import connection

from wayhome.apps.cases import services
from wayhome.apps.cases.models import Case, Person
from wayhome.security import crypto
from wayhome.security.policy import visible_cases
from wayhome.security.rotation import rotate


def _raw_given_name() -> str:
    with connection.cursor() as cur:
        cur.execute("SELECT given_name FROM cases_person")
        return str(cur.fetchone()[0])


def test_rotation_reencrypts_every_value_and_retires_the_old_key(
    caseworker: Any, make_case: Any
) -> None:
    case = make_case(given_name="Hùng", family_name="Nguyễn Văn")
    before_token = _raw_given_name()
    old_ring = crypto.load_keyring()

    report = rotate()

    new_ring = crypto.load_keyring()
    assert report.rows >= 3
    assert new_ring.fernet_keys[0] not in old_ring.fernet_keys
    assert len(new_ring.fernet_keys) == 1
    assert new_ring.index_key != old_ring.index_key
    after_token = _raw_given_name()
    assert after_token != before_token
    # The old key alone can no longer read the data; the new ring can.
    try:
        old_ring.multifernet.decrypt(after_token.encode())
        raise AssertionError("old key still decrypts")
    except Exception as exc:  # noqa: BLE001
        assert "InvalidToken" in type(exc).__name__
    assert Person.objects.get().given_name == "Hùng"
    assert Case.objects.get().narrative == "Held at KK Park."
    # Look-up by name works with the new look-up key.
    assert list(services.search(visible_cases(caseworker), "nguyen hung")) == [case]
