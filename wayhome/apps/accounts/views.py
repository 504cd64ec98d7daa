"""Log in with a password, then a second factor (TOTP); enrol a device on first login."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from wayhome.security.policy import Action, require

from .forms import TokenForm
from .models import User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        nxt = self.get_redirect_url()
        url = resolve_url("accounts:otp")
        return f"{url}?next={nxt}" if nxt else url


def _safe_next(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        return nxt
    return resolve_url("home")


@login_required
@require_http_methods(["GET", "POST"])
def otp(request: HttpRequest) -> HttpResponse:
    """Ask for the code of a confirmed device, or enrol a new one."""
    user: User = request.user  # type: ignore[assignment]
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(_safe_next(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    assert device is not None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _why = device.verify_is_allowed()
        if not allowed:
            form.add_error("token", _("Too many wrong codes. Wait a few seconds, then try again."))
        elif device.verify_token(form.cleaned_data["token"]):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_safe_next(request))
        else:
            form.add_error("token", _("That code is not valid. Check the time on your phone."))
    context: dict[str, Any] = {"form": form, "enrolling": enrolling, "next": _safe_next(request)}
    if enrolling:
        context["qr_svg"] = segno.make(device.config_url, micro=False).svg_inline(scale=4)
        context["secret"] = _base32_secret(device)
    return render(request, "accounts/otp.html", context)


def _base32_secret(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


@require_http_methods(["POST"])
def logout(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth import logout as auth_logout

    auth_logout(request)
    messages.info(request, _("You are logged out."))
    return redirect("accounts:login")


@login_required
def users(request: HttpRequest) -> HttpResponse:
    """Administrators see the accounts of their organisation, never case content."""
    user: User = request.user  # type: ignore[assignment]
    require(user, Action.USERS_MANAGE)
    people = User.objects.filter(organisation=user.organisation).order_by("username")
    return render(request, "accounts/users.html", {"people": people})
