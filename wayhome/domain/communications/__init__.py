"""Wayhome communications engine: Special Procedures references, publication dates and
the starting data (the four 2025 letters with their questions, the OHCHR 2023
recommendations).

Pure Python (stdlib and pycountry, no Django)::

    from wayhome.domain.communications import parse_reference, publication_date
    ref = parse_reference("al khm 1/2025")     # Reference(AL, KHM, 1, 2025)
    str(ref)                                   # 'AL KHM 1/2025'
    publication_date(date(2025, 3, 10))        # date(2025, 5, 9): 60 calendar days

Bad references raise :class:`ReferenceFormatError` (a ValueError with a ``code`` and
an English message). See reference.py for the accepted spellings and publication.py for
the date rule.
"""

from .publication import (
    PUBLICATION_DAYS,
    SentDateError,
    check_sent,
    days_since,
    is_published,
    publication_date,
    reply_publication_date,
)
from .reference import (
    MIN_YEAR,
    OTHER_ADDRESSEE,
    CommunicationType,
    Reference,
    ReferenceFormatError,
    canonical_reference,
    is_valid_reference,
    parse_reference,
)
from .seed import (
    RecommendationSet,
    SeedDataError,
    SeedLetter,
    SeedQuestion,
    SeedRecommendation,
    load_letters,
    load_recommendations,
    read_letters,
    read_recommendations,
)

__all__ = [
    "MIN_YEAR",
    "OTHER_ADDRESSEE",
    "PUBLICATION_DAYS",
    "CommunicationType",
    "RecommendationSet",
    "Reference",
    "ReferenceFormatError",
    "SeedDataError",
    "SentDateError",
    "SeedLetter",
    "SeedQuestion",
    "SeedRecommendation",
    "canonical_reference",
    "check_sent",
    "days_since",
    "is_published",
    "is_valid_reference",
    "load_letters",
    "load_recommendations",
    "parse_reference",
    "publication_date",
    "read_letters",
    "read_recommendations",
    "reply_publication_date",
]
