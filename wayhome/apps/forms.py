"""Form helpers shared by the apps' views (no app imports: any app can use them)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: each message under its field when
    the form has that field, else as an error of the whole form."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            for err in errs:
                form.add_error(field if field in form.fields else None, err)
    else:
        for err in exc.messages:
            form.add_error(None, err)
