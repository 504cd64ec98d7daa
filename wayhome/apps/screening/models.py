"""Screening interviews (answers encrypted) and the named human decision on grounds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wayhome.security.fields import EncryptedJSONField, EncryptedTextField


class GroundsLevel(models.TextChoices):
    REASONABLE_GROUNDS = "reasonable_grounds", _("Reasonable grounds (presumed victim)")
    CONCLUSIVE = "conclusive", _("Conclusive (identified victim)")
    VULNERABLE_MIGRANT = "vulnerable_migrant", _("Vulnerable migrant, not trafficking")
    NOT_INDICATED = "not_indicated", _("Trafficking not indicated")


PROTECTED_LEVELS = frozenset({GroundsLevel.REASONABLE_GROUNDS, GroundsLevel.CONCLUSIVE})


class ScreeningSession(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="screenings")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    interviewer_language = models.CharField(max_length=10, default="en")
    person_language = models.CharField(max_length=10, default="en")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    answers = EncryptedJSONField(default=dict)
    context = EncryptedJSONField(default=dict)
    assessment = EncryptedJSONField(null=True, blank=True)
    catalogue_version = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]


class GroundsDecision(models.Model):
    """The decision a named person records; the engine only recommends."""

    session = models.ForeignKey(
        ScreeningSession, on_delete=models.PROTECT, related_name="decisions"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="decisions")
    level = models.CharField(_("grounds level"), max_length=30, choices=GroundsLevel.choices)
    recommended_level = models.CharField(max_length=30, choices=GroundsLevel.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    reason = EncryptedTextField(_("reasons for the decision"), blank=True, default="")

    class Meta:
        ordering = ["-decided_at", "-id"]
