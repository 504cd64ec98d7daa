"""Issue and revoke certificates (case team); verify them (officials); download the
public key and the signed register for checking offline."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wayhome.apps.accounts.models import Organisation
from wayhome.apps.cases.models import Case
from wayhome.apps.protection.services import protection_means
from wayhome.domain.certificates import VerificationReason, qr_svg
from wayhome.security.policy import Action, require

from . import services
from .models import Certificate

REASONS = {
    VerificationReason.OK: gettext_lazy("Valid: the person is under protection."),
    VerificationReason.MALFORMED: gettext_lazy("Not a Wayhome certificate or code."),
    VerificationReason.UNKNOWN_ISSUER: gettext_lazy("Signed by an unknown organisation."),
    VerificationReason.BAD_SIGNATURE: gettext_lazy("The signature does not match: altered."),
    VerificationReason.EXPIRED: gettext_lazy("Expired."),
    VerificationReason.NOT_YET_VALID: gettext_lazy("Not valid yet."),
    VerificationReason.REVOKED: gettext_lazy("Revoked."),
    VerificationReason.UNKNOWN_CODE: gettext_lazy("No certificate has this code."),
    VerificationReason.REGISTER_MALFORMED: gettext_lazy("The register is damaged."),
    VerificationReason.REGISTER_UNKNOWN_ISSUER: gettext_lazy("The register's key is unknown."),
    VerificationReason.REGISTER_BAD_SIGNATURE: gettext_lazy("The register was altered."),
}


class VerifyForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("QR content or short code"), max_length=4096,
                           widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for revoking"), max_length=1000)


@login_required
@require_POST
def issue(request: HttpRequest, number: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("organisation", "protection",
                                                         "person"), case_number=number)
    require(request.user, Action.CERTIFICATE_ISSUE, case)
    try:
        cert = services.issue(request.user, case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cases:detail", number=number)
    messages.success(request, _("Certificate issued."))
    return redirect("certificates:show", pk=cert.pk)


@login_required
def show(request: HttpRequest, pk: int) -> HttpResponse:
    cert = get_object_or_404(Certificate.objects.select_related("case__organisation"), pk=pk)
    require(request.user, Action.CERTIFICATE_ISSUE, cert.case)
    return render(request, "certificates/show.html", {
        "cert": cert, "qr": qr_svg(cert.token), "revoke_form": RevokeForm(),
        "means": protection_means(cert.is_child),
        "organisation": cert.case.organisation,
    })


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    cert = get_object_or_404(Certificate.objects.select_related("case__organisation"), pk=pk)
    require(request.user, Action.CERTIFICATE_ISSUE, cert.case)
    form = RevokeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the reason for revoking the certificate."))
        services.revoke(request.user, cert, form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Certificate revoked."))
    return redirect("certificates:show", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.CERTIFICATE_VERIFY)
    form = VerifyForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.verify(form.cleaned_data["code"])
    return render(request, "certificates/verify.html", {
        "form": form, "result": result,
        "message": REASONS.get(result.reason) if result else None,
        "means": protection_means(result.claims.is_child) if result and result.claims else [],
    })


@login_required
def public_key(request: HttpRequest, org: int) -> HttpResponse:
    require(request.user, Action.CERTIFICATE_VERIFY)
    organisation = get_object_or_404(Organisation, pk=org)
    key = services.signing_key(organisation)
    response = HttpResponse(key.public_pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = f'attachment; filename="wayhome-org-{org}.pem"'
    return response


@login_required
def register(request: HttpRequest, org: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=org)
    require(request.user, Action.CERTIFICATE_REGISTER, organisation)
    response = HttpResponse(services.register(organisation), content_type="text/plain")
    response["Content-Disposition"] = f'attachment; filename="wayhome-register-{org}.txt"'
    return response
