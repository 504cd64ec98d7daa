"""API plumbing shared by every app: who may call, and how errors look."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response


class VerifiedUser(BasePermission):
    """Logged in and past the second factor; record-level checks go through the policy."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(
            user and user.is_authenticated
            and (not getattr(user, "needs_second_factor", True) or user.is_verified())
        )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, PermissionDenied):
        return Response({"detail": _("Permission denied.")}, status=403)
    return drf_exception_handler(exc, context)
