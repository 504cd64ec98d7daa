"""The checker's form: paste the ad or upload a text file; optionally pick a country."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class AdCheckForm(forms.Form):
    text = forms.CharField(
        label=_("The job ad"), required=False, strip=False,
        widget=forms.Textarea(attrs={
            "rows": 10, "autocomplete": "off", "spellcheck": "false",
            "placeholder": _("Paste the whole job offer here: the message, post or ad."),
        }),
    )
    file = forms.FileField(
        label=_("Or a text file with the ad"), required=False, allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain"}),
    )
    country = forms.ChoiceField(label=_("Your country"), required=False)

    def __init__(self, *args: Any, countries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose your country")), *countries]
