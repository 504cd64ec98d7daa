"""Signing keys per organisation and the protection certificates they sign.

The private key is stored encrypted (Fernet, key ring outside the database); the public
key is what officials take with them to verify offline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wayhome.security.fields import EncryptedTextField


class SigningKey(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="signing_keys")
    key_id = models.CharField(max_length=16, unique=True)
    public_pem = models.TextField()
    private_pem = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class Certificate(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT,
                             related_name="certificates")
    signing_key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="+")
    cert_id = models.CharField(max_length=32, unique=True)
    short_code = models.CharField(max_length=20, unique=True)
    token = models.TextField()
    issued_on = models.DateField()
    valid_until = models.DateField()
    is_child = models.BooleanField(default=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    revoke_reason = EncryptedTextField(_("reason for revoking"), blank=True, default="")

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("protection certificate")

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
