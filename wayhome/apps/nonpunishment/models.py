"""Legal measures taken against a person (detention, fines, charges, convictions,
deportation orders), tracked until resolved, so that non-punishment can be asked for
each one from the moment there are reasonable grounds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wayhome.security.fields import EncryptedTextField


class MeasureKind(models.TextChoices):
    DETENTION = "detention", _("Immigration detention order")
    FINE = "fine", _("Fine (for example for overstay)")
    CHARGE = "charge", _("Criminal charge")
    CONVICTION = "conviction", _("Conviction")
    DEPORTATION = "deportation", _("Deportation or removal order")


class Offence(models.TextChoices):
    IMMIGRATION = "immigration", _("Immigration offence (irregular entry or overstay)")
    IRREGULAR_EXIT = "irregular_exit", _("Irregular exit or re-entry")
    FRAUD = "fraud", _("Fraud (the scams the person was forced to run)")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")
    FALSE_DOCUMENTS = "false_documents", _("False or forged travel documents")
    FALSE_STATEMENT = "false_statement", _("False statements to officials")
    PROSTITUTION = "prostitution", _("Prostitution offence")
    UNAUTHORISED_WORK = "unauthorised_work", _("Work without a permit")
    ORGANISED_CRIME = "organised_crime", _("Organised crime or gang membership")
    OTHER = "other", _("Other offence")


class MeasureStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REQUESTED = "requested", _("Non-punishment requested")
    RESOLVED = "resolved", _("Resolved")


class LegalMeasure(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE,
                             related_name="legal_measures")
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind.choices)
    offence = models.CharField(_("offence"), max_length=30, choices=Offence.choices,
                               blank=True)
    country = models.CharField(_("country where the measure was taken"), max_length=3)
    authority = models.CharField(_("authority that took it"), max_length=200, blank=True)
    ordered_on = models.DateField(_("date of the measure"))
    # A court or file reference can identify the person: encrypted like a name.
    reference = EncryptedTextField(_("file or court reference"), blank=True, default="")
    status = models.CharField(max_length=12, choices=MeasureStatus.choices,
                              default=MeasureStatus.OPEN)
    requested_on = models.DateField(null=True, blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    outcome = EncryptedTextField(_("outcome"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ordered_on", "id"]
        verbose_name = _("legal measure")

    @property
    def is_open(self) -> bool:
        return self.status != MeasureStatus.RESOLVED
