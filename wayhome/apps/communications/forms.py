"""Forms of the communications pages. They only shape the input: every rule (the
reference, the dates, the questions) is checked in services.py, so the API and the
pages refuse the same things with the same messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AnswerStatus, Communication, Question

_DATE = forms.DateInput(attrs={"type": "date"})


class CommunicationForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=40,
                                help_text=_("Type, addressee, number/year: AL KHM 1/2025"))
    sent_on = forms.DateField(label=_("Date sent"), widget=_DATE)
    addressee = forms.CharField(label=_("Addressee"), max_length=300)
    mandates = forms.CharField(label=_("Mandates"), widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("One mandate per line"))
    copies = forms.CharField(label=_("Copies to"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("One per line"))
    also_sent_to = forms.CharField(label=_("Letters on the same subject also sent to"),
                                   required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text=_("One per line"))
    allegations = forms.CharField(
        label=_("Allegations (summary)"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In your own words; never a name of a victim or a witness"))
    questions = forms.CharField(
        label=_("Questions"), widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One question per line, in the letter's order; they are numbered 1, 2, 3..."))
    source = forms.CharField(label=_("Source"), max_length=500, required=False)

    @staticmethod
    def initial_for(comm: Communication) -> dict[str, Any]:
        return {
            "reference": comm.reference, "sent_on": comm.sent_on, "addressee": comm.addressee,
            "mandates": comm.mandates, "copies": comm.copies, "also_sent_to": comm.also_sent_to,
            "allegations": comm.allegations, "source": comm.source,
            "questions": "\n".join(q.text for q in comm.questions.all()),
        }

    def question_lines(self) -> list[str]:
        return [line for line in self.cleaned_data["questions"].splitlines() if line.strip()]


class ReplyForm(forms.Form):
    """A reply, then one status and one "how" per question of the letter."""

    received_on = forms.DateField(label=_("Date received"), widget=_DATE)
    from_whom = forms.CharField(label=_("From"), max_length=300,
                                help_text=_("e.g. Permanent Mission of Thailand"))
    summary = forms.CharField(label=_("Summary of the reply"),
                              widget=forms.Textarea(attrs={"rows": 4}))
    document_ref = forms.CharField(label=_("Document reference"), max_length=300,
                                   required=False)

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[f"q{q.number}_status"] = forms.ChoiceField(
                label=_("Question %(n)s answered?") % {"n": q.number},
                choices=AnswerStatus.choices, initial=AnswerStatus.NOT_ANSWERED)
            self.fields[f"q{q.number}_how"] = forms.CharField(
                label=_("How (question %(n)s)") % {"n": q.number}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}))

    def question_rows(self) -> list[tuple[Question, Any, Any]]:
        return [(q, self[f"q{q.number}_status"], self[f"q{q.number}_how"])
                for q in self.questions]

    def assessments(self) -> dict[int, tuple[str, str]]:
        return {q.number: (self.cleaned_data.get(f"q{q.number}_status") or "",
                           self.cleaned_data.get(f"q{q.number}_how") or "")
                for q in self.questions}


class PressReleaseForm(forms.Form):
    issued_on = forms.DateField(label=_("Date"), widget=_DATE)
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.CharField(label=_("Address or document reference"), max_length=500)
    communications = forms.ModelMultipleChoiceField(
        label=_("Communications"), queryset=Communication.objects.order_by("reference"),
        widget=forms.CheckboxSelectMultiple)


class StateActionForm(forms.Form):
    state = forms.CharField(label=_("State"), max_length=3,
                            help_text=_("ISO 3166 alpha-3 code, e.g. THA"))
    reported_on = forms.DateField(label=_("Date reported"), widget=_DATE)
    action = forms.CharField(label=_("Reported action"), widget=forms.Textarea(attrs={"rows": 4}))
    source = forms.CharField(label=_("Source"), max_length=500)
