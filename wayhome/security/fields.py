"""Model fields whose values are encrypted at rest (see :mod:`wayhome.security.crypto`)."""

from __future__ import annotations

import json
from typing import Any

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text value stored as a Fernet token. Cannot be filtered on: use a blind index."""

    description = "Text encrypted at rest"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        value = str(value)
        if value == "":
            return ""
        return crypto.encrypt(value)

    def to_python(self, value: Any) -> Any:
        return value


class EncryptedJSONField(models.TextField):  # type: ignore[type-arg]
    """A JSON value stored as a Fernet token."""

    description = "JSON encrypted at rest"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return None
        return json.loads(crypto.decrypt(value))

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return crypto.encrypt(json.dumps(value, sort_keys=True, ensure_ascii=False))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def value_to_string(self, obj: Any) -> str:
        return json.dumps(self.value_from_object(obj))
