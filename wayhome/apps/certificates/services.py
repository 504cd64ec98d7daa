"""Issue, revoke and verify protection certificates (engine: wayhome.domain.certificates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wayhome.apps.accounts.models import Organisation
from wayhome.apps.cases.models import Case
from wayhome.domain import certificates as engine
from wayhome.security.policy import Action, require

from .models import Certificate, SigningKey

VALID_DAYS = 180


def signing_key(org: Organisation) -> SigningKey:
    """The organisation's current key; made on first use."""
    key = SigningKey.objects.filter(organisation=org, retired_at__isnull=True).first()
    if key is None:
        private = engine.generate_private_key()
        key = SigningKey.objects.create(
            organisation=org, key_id=engine.key_id(private.public_key()),
            public_pem=engine.public_key_to_pem(private.public_key()).decode(),
            private_pem=engine.private_key_to_pem(private).decode(),
        )
    return key


def issue(user: Any, case: Case, valid_days: int = VALID_DAYS) -> Certificate:
    require(user, Action.CERTIFICATE_ISSUE, case)
    status = getattr(case, "protection", None)
    if status is None or not status.active:
        raise ValidationError(_("A certificate can only be issued to a person under "
                                "protection (reasonable grounds recorded)."))
    if not 1 <= valid_days <= 366:
        raise ValidationError(_("A certificate is valid for 1 to 366 days."))
    today = timezone.localdate()
    with transaction.atomic():
        key = signing_key(case.organisation)
        private = engine.private_key_from_pem(key.private_pem.encode())
        cert_id = engine.new_cert_id()
        token = engine.issue(
            private, case_number=case.case_number, issuer_id=str(case.organisation_id),
            cert_id=cert_id, issued_on=today, valid_until=today + dt.timedelta(days=valid_days),
            is_child=bool(status.is_child or case.person.is_child_or_presumed),
        )
        claims = engine.read_claims(token)
        return Certificate.objects.create(
            case=case, signing_key=key, cert_id=cert_id, short_code=engine.short_code(token),
            token=token, issued_on=claims.issued_on, valid_until=claims.valid_until,
            is_child=claims.is_child, issued_by=user,
        )


def revoke(user: Any, cert: Certificate, reason: str) -> Certificate:
    require(user, Action.CERTIFICATE_ISSUE, cert.case)
    if cert.revoked:
        raise ValidationError(_("This certificate is already revoked."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for revoking the certificate."))
    cert.revoked_at = timezone.now()
    cert.revoked_by = user
    cert.revoke_reason = reason.strip()
    cert.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return cert


def trusted_keys() -> dict[str, Any]:
    """Every organisation key this server knows, retired ones included (old certificates
    stay verifiable until they expire)."""
    return {k.key_id: engine.public_key_from_pem(k.public_pem.encode())
            for k in SigningKey.objects.all()}


def register(org: Organisation, today: dt.date | None = None) -> str:
    """The signed register of the organisation's certificates (also its revocation list)."""
    key = signing_key(org)
    private = engine.private_key_from_pem(key.private_pem.encode())
    entries = [
        engine.register_entry(c.token, status="revoked" if c.revoked else "active")
        for c in Certificate.objects.filter(signing_key=key).order_by("id")
    ]
    return engine.build_register(private, str(org.pk), entries,
                                 today or timezone.localdate())


def verify(text: str, today: dt.date | None = None) -> engine.Verification:
    """Verify a QR token or a short code with this server's keys; revocations come from
    the database. A short code is looked up here and its token verified the same way
    (offline, an official checks short codes against the signed register instead)."""
    today = today or timezone.localdate()
    text = text.strip()
    code = None
    if not text.upper().startswith("WH1."):
        try:
            code = engine.parse_short_code(text)
        except engine.CertificateError:
            return engine.Verification(engine.VerificationReason.MALFORMED)
        token = Certificate.objects.filter(short_code=code).values_list(
            "token", flat=True).first()
        if token is None:
            return engine.Verification(engine.VerificationReason.UNKNOWN_CODE)
        text = token
    revoked = set(Certificate.objects.filter(revoked_at__isnull=False)
                  .values_list("cert_id", flat=True))
    result = engine.verify(text, trusted_keys(), today=today, revoked=revoked)
    # The key must be the one registered for the organisation the certificate names.
    if result.claims is not None:
        owner = SigningKey.objects.filter(key_id=result.claims.key_id).values_list(
            "organisation_id", flat=True).first()
        if str(owner) != result.claims.issuer_id:
            return engine.Verification(engine.VerificationReason.UNKNOWN_ISSUER)
    return result
