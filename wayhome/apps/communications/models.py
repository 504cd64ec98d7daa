"""Special Procedures communications, their questions, replies and the follow-up.

Communications are public documents, not personal data: no field here holds a name of a
victim or a witness (the allegations are a summary in the analyst's words), so nothing
is encrypted. Every write goes through services.py, which checks the policy, validates
the whole input first and writes the audit event.

The publication date is computed on read from the date sent (domain rule: 60 calendar
days), so it can never disagree with the date it derives from.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wayhome.domain.communications import (
    CommunicationType,
    publication_date,
    reply_publication_date,
)


class CommType(models.TextChoices):
    UA = CommunicationType.UA.value, _("Urgent appeal")
    AL = CommunicationType.AL.value, _("Allegation letter")
    OL = CommunicationType.OL.value, _("Other letter")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class Communication(models.Model):
    reference = models.CharField(_("reference"), max_length=40, unique=True,
                                 help_text=_("For example AL KHM 1/2025"))
    comm_type = models.CharField(_("type"), max_length=2, choices=CommType.choices)
    country = models.CharField(_("addressee code"), max_length=3, db_index=True,
                               help_text=_("ISO 3166 alpha-3 code, or OTH for a non-state "
                                           "addressee"))
    number = models.PositiveIntegerField(_("number"))
    year = models.PositiveIntegerField(_("year"))
    sent_on = models.DateField(_("date sent"))
    addressee = models.CharField(_("addressee"), max_length=300)
    mandates = models.TextField(_("mandates"), help_text=_("One mandate per line"))
    copies = models.TextField(_("copies to"), blank=True, help_text=_("One per line"))
    also_sent_to = models.TextField(_("letters on the same subject also sent to"), blank=True,
                                    help_text=_("One per line"))
    allegations = models.TextField(_("allegations (summary)"),
                                   help_text=_("In your own words; never a name of a victim "
                                               "or a witness"))
    source = models.CharField(_("source"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sent_on", "reference"]
        verbose_name = _("communication")

    def __str__(self) -> str:
        return self.reference

    @property
    def publication_date(self) -> date:
        return publication_date(self.sent_on)

    @property
    def mandate_list(self) -> list[str]:
        return _lines(self.mandates)

    @property
    def copy_list(self) -> list[str]:
        return _lines(self.copies)

    @property
    def also_sent_to_list(self) -> list[str]:
        return _lines(self.also_sent_to)


class Question(models.Model):
    communication = models.ForeignKey(Communication, on_delete=models.CASCADE,
                                      related_name="questions")
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("question"))

    class Meta:
        ordering = ["communication", "number"]
        constraints = [models.UniqueConstraint(fields=["communication", "number"],
                                               name="comms_question_number_unique")]

    def __str__(self) -> str:
        return f"{self.communication.reference} Q{self.number}"


class Reply(models.Model):
    communication = models.ForeignKey(Communication, on_delete=models.CASCADE,
                                      related_name="replies")
    received_on = models.DateField(_("date received"))
    from_whom = models.CharField(_("from"), max_length=300,
                                 help_text=_("e.g. Permanent Mission of Thailand"))
    summary = models.TextField(_("summary of the reply"))
    document_ref = models.CharField(_("document reference"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["communication", "received_on", "id"]
        verbose_name = _("reply")

    def __str__(self) -> str:
        return f"{self.communication.reference}: {self.from_whom} {self.received_on}"

    @property
    def publication_date(self) -> date:
        return reply_publication_date(self.communication.sent_on, self.received_on)


class AnswerStatus(models.TextChoices):
    NOT_ANSWERED = "not_answered", _("Not answered")
    PARTLY = "partly", _("Partly answered")
    ANSWERED = "answered", _("Answered")


#: Order of the statuses: a question answered in one reply stays answered even if a
#: later reply does not come back to it.
STATUS_RANK = {AnswerStatus.NOT_ANSWERED: 0, AnswerStatus.PARTLY: 1, AnswerStatus.ANSWERED: 2}


class Answer(models.Model):
    """The analyst's assessment of how one reply answers one question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="answers")
    status = models.CharField(_("answered?"), max_length=20, choices=AnswerStatus.choices)
    how = models.TextField(_("how it was answered"), blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, related_name="+")
    assessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "reply"]
        constraints = [models.UniqueConstraint(fields=["question", "reply"],
                                               name="comms_answer_once_per_reply")]


class PressRelease(models.Model):
    issued_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address or document reference"), max_length=500)
    communications = models.ManyToManyField(Communication, related_name="press_releases",
                                            verbose_name=_("communications"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "id"]
        verbose_name = _("press release")

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    """One recommendation of the OHCHR 2023 briefing paper (section IV)."""

    key = models.CharField(_("id"), max_length=40, unique=True)
    number = models.PositiveIntegerField(_("number"), unique=True)
    group_slug = models.CharField(max_length=40)
    group_title = models.CharField(_("group"), max_length=200)
    addressed_to = models.CharField(_("addressed to"), max_length=200)
    text = models.TextField(_("recommendation"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["number"]
        verbose_name = _("recommendation")

    def __str__(self) -> str:
        return self.key


class StateAction(models.Model):
    """What a state reports having done on one recommendation."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE,
                                       related_name="state_actions")
    state = models.CharField(_("state"), max_length=3, db_index=True,
                             help_text=_("ISO 3166 alpha-3 code, e.g. THA"))
    reported_on = models.DateField(_("date"))
    action = models.TextField(_("reported action"))
    source = models.CharField(_("source"), max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "state", "reported_on", "id"]
        verbose_name = _("state action")
