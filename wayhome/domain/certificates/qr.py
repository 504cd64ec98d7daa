"""The QR code of a certificate token, as inline SVG."""

from __future__ import annotations

import segno

from .model import CertificateError

#: Error correction level M: about 15% of the code may be damaged or dirty.
QR_ERROR = "m"


def make_qr(token: str) -> segno.QRCode:
    """The QR code for ``token`` at error level M. Raises CertificateError if it cannot fit."""
    try:
        return segno.make_qr(token, error=QR_ERROR, boost_error=False)
    except segno.DataOverflowError:
        raise CertificateError(
            f"token: {len(token)} characters do not fit in a QR code at error level M"
        ) from None


def qr_svg(token: str, *, scale: int = 4, border: int = 4) -> str:
    """Inline SVG (no XML declaration) of the token's QR code, dark modules on white.

    ``scale`` is the size of one module in SVG units; ``border`` is the quiet zone in
    modules (4 is what the QR standard asks for).
    """
    return make_qr(token).svg_inline(scale=scale, border=border, dark="#000", light="#fff")
