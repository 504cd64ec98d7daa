"""The protection flag: the only thing enforcement roles may see about a person."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProtectionStatus(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="protection")
    active = models.BooleanField(default=False)
    since = models.DateTimeField(null=True)
    basis = models.CharField(max_length=30, blank=True)
    is_child = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("protection status")
