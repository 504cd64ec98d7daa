"""Organisations (each in one country) and users (each in one organisation, one role)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASE_WORKER = "case_worker", _("NGO case worker")
    SCREENING_OFFICER = "screening_officer", _("Screening officer")
    ENFORCEMENT_LIAISON = "enforcement_liaison", _("Immigration / law-enforcement liaison")
    CONSULAR_OFFICER = "consular_officer", _("Consular officer")
    TRACER = "tracer", _("Tracer")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    ANALYST = "analyst", _("Analyst / NHRI / UN mechanism")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that never see personal data still log in with a second factor here: the
# second factor is asked of every role, which is stricter than the minimum.
ROLES_REQUIRING_SECOND_FACTOR = frozenset(Role.values)


class OrganisationKind(models.TextChoices):
    NGO = "ngo", _("Non-governmental organisation")
    GOVERNMENT = "government", _("Government agency")
    ENFORCEMENT = "enforcement", _("Immigration or police")
    CONSULATE = "consulate", _("Embassy or consulate")
    SERVICE = "service", _("Service provider")
    TRACING = "tracing", _("Tracing service")
    MONITORING = "monitoring", _("Human rights institution or UN mechanism")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(
        _("country"), max_length=3, help_text=_("ISO 3166 alpha-3 code, e.g. THA")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="users",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    language = models.CharField(_("interface language"), max_length=10, default="en")
    is_demo = models.BooleanField(_("demo account"), default=False)

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else self.role

    @property
    def needs_second_factor(self) -> bool:
        return self.role in ROLES_REQUIRING_SECOND_FACTOR
