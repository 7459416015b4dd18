"""Free-text redaction for the shared version of a report: deterministic, typed placeholders.

Identity terms (the company's names, aliases, trademarks, store names, domains, its people's names) match in
any casing, full or half width, with punctuation or line breaks between their letters. Detectors add e-mail
addresses, URLs, phone numbers, US docket and ITC investigation numbers, ASIN-style listing IDs and people
named with an honorific. The result keeps the spans found in the original text, so the preview can mark them.
"""

import re
import unicodedata
from dataclasses import dataclass

MEMBER, PERSON, EMAIL, URL, PHONE, DOCKET, LISTING, REDACTED = (
    "[MEMBER]",
    "[PERSON]",
    "[EMAIL]",
    "[URL]",
    "[PHONE]",
    "[DOCKET]",
    "[LISTING]",
    "[REDACTED]",
)
PLACEHOLDERS = (MEMBER, PERSON, EMAIL, URL, PHONE, DOCKET, LISTING, REDACTED)
_PLACEHOLDER = re.compile("(" + "|".join(re.escape(p) for p in PLACEHOLDERS) + ")")

# Order matters: a URL or e-mail address is replaced whole before the domain inside it is seen as a term.
_DETECTORS = (
    (URL, re.compile(r"\b(?:https?://|www\.)[^\s<>\"'。)]+", re.IGNORECASE)),
    (EMAIL, re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    (DOCKET, re.compile(r"\b(?:\d:)?\d{2}-cv-\d{3,6}(?:-[A-Z]{1,4})*\b|\b337-TA-\d{3,5}\b", re.IGNORECASE)),
    (LISTING, re.compile(r"\bB0[0-9A-Z]{8}\b")),
    (PHONE, re.compile(r"(?<![\w+])\+?(?:\d[\s().-]?){7,14}\d(?!\w)")),
    (PERSON, re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")),
)
_SEPARATORS = r"[\W_]*"  # anything but letters and digits, line breaks included, may sit inside a term


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    placeholder: str


@dataclass(frozen=True)
class Redaction:
    text: str  # the shared text
    source: str  # the normalized original the spans point into
    spans: tuple[Span, ...]


def _term_pattern(term: str) -> str | None:
    letters = [c for c in unicodedata.normalize("NFKC", term).casefold() if c.isalnum()]
    if len(letters) < 2:
        return None  # a one-letter term would redact half the text
    body = _SEPARATORS.join(re.escape(c) for c in letters)
    # Latin terms must stand alone ("Acme" is not redacted inside "Acmeville"); CJK has no word boundaries.
    if letters[0].isascii():
        body = rf"(?<![^\W_]){body}"
    if letters[-1].isascii():
        body = rf"{body}(?![^\W_])"
    return body


def redact(
    text: str, *, member_terms=(), person_terms=(), listing_terms=(), docket_terms=(), extra_terms=()
) -> Redaction:
    """Replace identity terms and detected identifiers in `text` by typed placeholders.

    `listing_terms`: store names, seller and listing IDs, model numbers; `extra_terms`: anything else the
    reporter or a moderator chose to redact.
    """
    source = unicodedata.normalize("NFKC", text or "")
    spans: list[Span] = []
    taken = [False] * len(source)

    def claim(pattern: re.Pattern, placeholder: str) -> None:
        for match in pattern.finditer(source):
            start, end = match.span()
            if end > start and not any(taken[start:end]):
                spans.append(Span(start, end, placeholder))
                taken[start:end] = [True] * (end - start)

    for placeholder, pattern in _DETECTORS[:2]:
        claim(pattern, placeholder)
    term_groups = (
        (MEMBER, member_terms),
        (PERSON, person_terms),
        (LISTING, listing_terms),
        (DOCKET, docket_terms),
        (REDACTED, extra_terms),
    )
    for placeholder, terms in term_groups:
        # Longest terms first, so "Acme Widgets Ltd" wins over "Acme".
        patterns = sorted(filter(None, map(_term_pattern, terms)), key=len, reverse=True)
        for body in patterns:
            claim(re.compile(body, re.IGNORECASE), placeholder)
    for placeholder, pattern in _DETECTORS[2:]:
        claim(pattern, placeholder)

    spans.sort(key=lambda span: span.start)
    pieces, position = [], 0
    for span in spans:
        pieces += [source[position : span.start], span.placeholder]
        position = span.end
    pieces.append(source[position:])
    return Redaction(text="".join(pieces), source=source, spans=tuple(spans))


def marked_source(redaction: Redaction) -> list[tuple[str, str]]:
    """The original text as (text, placeholder) pieces, placeholder "" for kept text: the reporter's preview
    shows each redacted piece struck through beside the placeholder that replaces it."""
    pieces, position = [], 0
    for span in redaction.spans:
        pieces += [
            (redaction.source[position : span.start], ""),
            (redaction.source[span.start : span.end], span.placeholder),
        ]
        position = span.end
    pieces.append((redaction.source[position:], ""))
    return [piece for piece in pieces if piece[0]]


def marked_shared(text: str) -> list[tuple[str, bool]]:
    """Shared text as (text, is_placeholder) pieces, so moderators and readers see where redactions are."""
    return [(piece, bool(_PLACEHOLDER.fullmatch(piece))) for piece in _PLACEHOLDER.split(text or "") if piece]
