from __future__ import annotations

import re
from typing import Any

import pycountry
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ConsentPurpose, Person, Sex

INTERVIEW_LANGUAGES = [
    ("en", "English"), ("th", "ไทย"), ("vi", "Tiếng Việt"), ("my", "မြန်မာ"),
    ("km", "ខ្មែរ"), ("lo", "ລາວ"), ("zh", "中文"), ("id", "Bahasa Indonesia"),
    ("fil", "Filipino"), ("ms", "Bahasa Melayu"), ("hi", "हिन्दी"), ("sw", "Kiswahili"),
]
LANGUAGE_CODES = {code for code, _label in INTERVIEW_LANGUAGES}


def country_choices() -> list[tuple[str, str]]:
    return [("", "—")] + sorted(
        ((c.alpha_3, f"{c.name} ({c.alpha_3})") for c in pycountry.countries), key=lambda x: x[1]
    )


_DOB = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class PersonForm(forms.ModelForm):  # type: ignore[type-arg]
    languages = forms.MultipleChoiceField(
        label=_("Languages the person speaks"), choices=INTERVIEW_LANGUAGES, required=True,
        widget=forms.CheckboxSelectMultiple,
    )
    nationality = forms.ChoiceField(label=_("Nationality"), choices=country_choices, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, required=False)
    narrative = forms.CharField(
        label=_("Narrative (encrypted; write only what the case needs)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}), max_length=20000,
    )

    class Meta:
        model = Person
        fields = [
            "given_name", "family_name", "aliases", "date_of_birth", "sex", "nationality",
            "languages", "interpreter_needed", "age_years", "age_is_estimate", "may_be_child",
            "age_verified", "contact",
        ]
        widgets = {
            "given_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "aliases": forms.Textarea(attrs={"rows": 2}),
            "date_of_birth": forms.TextInput(attrs={"placeholder": "YYYY-MM-DD"}),
            "contact": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["languages"] = self.instance.language_list
            self.initial["narrative"] = self.instance.case.narrative
        self.fields["age_years"].validators.append(_age_range)

    def clean_languages(self) -> str:
        return ",".join(self.cleaned_data["languages"])

    def clean_date_of_birth(self) -> str:
        value: str = self.cleaned_data["date_of_birth"].strip()
        if value and not _DOB.match(value):
            raise forms.ValidationError(_("Write the date as YYYY, YYYY-MM or YYYY-MM-DD."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        age = data.get("age_years")
        if age is None and not data.get("may_be_child") and not data.get("date_of_birth"):
            self.add_error(
                "age_years",
                _("Give an age or an estimate; if it is unknown and the person may be a "
                  "child, tick the box for the presumption of childhood."),
            )
        return data


def _age_range(value: int) -> None:
    if value is not None and not 0 < value < 120:
        raise forms.ValidationError(_("An age between 1 and 119."))


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    granted = forms.TypedChoiceField(
        label=_("The person's answer"),
        choices=[("yes", _("Gives consent")), ("no", _("Refuses or withdraws consent"))],
        coerce=lambda v: v == "yes", widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language the person was informed in"), choices=INTERVIEW_LANGUAGES
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Case number or a name"), required=False, max_length=200)
