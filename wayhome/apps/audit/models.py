"""Append-only, hash-chained log of every access to personal data.

Each event carries the HMAC (under an audit key kept in the key ring, outside the
database) of its own content and of the previous event's MAC. Editing, inserting or
deleting any row breaks the chain at that row, which ``wayhome audit verify`` reports.
Events hold identifiers only (user id, case id, action, purpose), never a name.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_username = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=30, blank=True)
    action = models.CharField(max_length=60)
    purpose = models.CharField(max_length=60, blank=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    allowed = models.BooleanField(default=True)
    detail = models.CharField(max_length=200, blank=True)
    key_id = models.CharField(max_length=16)
    prev_mac = models.CharField(max_length=64)
    mac = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("audit events cannot be deleted")

    def canonical(self) -> bytes:
        fields = [
            str(self.seq), self.at.isoformat(), str(self.actor_id or ""), self.actor_username,
            self.actor_role, self.action, self.purpose, self.object_type, self.object_id,
            "1" if self.allowed else "0", self.detail, self.key_id, self.prev_mac,
        ]
        return "\x1f".join(fields).encode("utf-8")
