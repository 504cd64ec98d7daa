"""Key rotation: a new encryption key and a new look-up key, every personal field re-encrypted.

1. The key ring gets the new Fernet key first (old keys stay live) and a pending
   look-up key, so nothing becomes unreadable if the process stops half-way.
2. In one database transaction every encrypted column is re-encrypted under the new
   key (``MultiFernet.rotate``) and every name look-up hash is rebuilt with the new
   look-up key.
3. The key ring drops the old Fernet keys and promotes the look-up key.

If the process stops between 2 and 3, run ``wayhome keys rotate`` again.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from cryptography.fernet import Fernet
from django.apps import apps
from django.db import connection, transaction

from . import crypto
from .fields import EncryptedJSONField, EncryptedTextField


@dataclass(frozen=True)
class RotationReport:
    rows: int
    tokens: int
    fingerprint: str


def encrypted_columns() -> list[tuple[str, str, str]]:
    """(table, primary key column, column) for every encrypted field of every model."""
    out = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, (EncryptedTextField, EncryptedJSONField)):
                out.append((model._meta.db_table, model._meta.pk.column, f.column))
    return out


def rotate() -> RotationReport:
    ring = crypto.load_keyring()
    new_key = Fernet.generate_key().decode()
    new_index = ring.pending_index_key or secrets.token_hex(32)
    staged = crypto.Keyring(
        fernet_keys=[new_key, *ring.fernet_keys], index_key=ring.index_key,
        audit_keys=ring.audit_keys, current_audit_key_id=ring.current_audit_key_id,
        pending_index_key=new_index,
    )
    crypto.write_keyring(staged)

    rows = 0
    tokens = 0
    qn = connection.ops.quote_name
    with transaction.atomic():
        for table, pk, column in encrypted_columns():
            with connection.cursor() as cur:
                cur.execute(
                    f"SELECT {qn(pk)}, {qn(column)} FROM {qn(table)} "  # noqa: S608
                    f"WHERE {qn(column)} IS NOT NULL AND {qn(column)} <> ''"
                )
                updates = [(crypto.rotate_token(v), k) for k, v in cur.fetchall()]
                if updates:
                    cur.executemany(
                        f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE {qn(pk)} = %s",  # noqa: S608
                        updates,
                    )
                rows += len(updates)
        tokens = _rebuild_name_tokens(new_index)

    crypto.write_keyring(crypto.Keyring(
        fernet_keys=[new_key], index_key=new_index, audit_keys=ring.audit_keys,
        current_audit_key_id=ring.current_audit_key_id,
    ))
    return RotationReport(rows=rows, tokens=tokens, fingerprint=crypto.fingerprint())


def _rebuild_name_tokens(index_key: str) -> int:
    from wayhome.apps.cases.models import NameToken, Person

    NameToken.objects.all().delete()
    batch: list[NameToken] = []
    count = 0
    for person in Person.objects.only("id", "given_name", "family_name", "aliases").iterator(
        chunk_size=2000
    ):
        names = [person.given_name, person.family_name, *person.aliases.splitlines()]
        for token in crypto.name_tokens(*names):
            batch.append(NameToken(
                person_id=person.pk,
                token_hash=crypto.blind_index(token, domain="name", key_hex=index_key),
            ))
        if len(batch) >= 5000:
            NameToken.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    NameToken.objects.bulk_create(batch)
    return count + len(batch)
