"""Every role that sees personal data must have passed the second factor."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Paths a logged-in but not yet verified user may reach.
# Public pages and the public API (the job-ad checker) need no login, so no second factor.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/check-an-ad/", "/api/v1/ads/check/")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "needs_second_factor", True)
            and not user.is_verified()  # type: ignore[union-attr,attr-defined]
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Second factor required: log in through the web page.")},
                    status=403,
                )
            return redirect("accounts:otp")
        return self.get_response(request)
