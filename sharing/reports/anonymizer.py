"""Free-text redaction for the shared version of a report: deterministic, typed placeholders.

Identity terms (the company's names, aliases, trademarks, store names, domains, its people's names) match in
any casing, full or half width, with punctuation or line breaks between their letters. Detectors add e-mail
addresses, URLs, phone numbers, US docket and ITC investigation numbers, ASIN-style listing IDs and people
named with an honorific. Matching runs on a folded copy of the text (compatibility forms, no case); the
replacements are made in the original, so everything else is shared exactly as written, and the result keeps
the spans, so the preview can mark them. Placeholders already in the text are never redacted again.
"""

import re
import unicodedata
from collections.abc import Iterable
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
# ASCII word boundaries: Chinese text touches identifiers without a space ("手机13812345678", "链接B0ABCD1234").
_DETECTORS = (
    (URL, re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\x80-\U0010ffff]+", re.IGNORECASE | re.ASCII)),
    (EMAIL, re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", re.ASCII)),
    (
        DOCKET,
        re.compile(r"\b(?:\d:)?\d{2}-cv-\d{3,6}(?:-[A-Z]{1,4})*\b|\b337-TA-\d{3,5}\b", re.IGNORECASE | re.ASCII),
    ),
    (LISTING, re.compile(r"\bB0[0-9A-Z]{8}\b", re.ASCII)),
    # Up to two separators between digits: "+1 (312) 555-0148".
    # Nine digits at least: a patent number (10123456) or a date (2026-03-14) has eight and is kept.
    (PHONE, re.compile(r"(?<![\w+])\+?(?:\d[\s().-]{0,2}){8,14}\d(?!\w)", re.ASCII)),
    (PERSON, re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?", re.ASCII)),
)
_SEPARATORS = r"[\W_]*"  # anything but letters and digits, line breaks included, may sit inside a term
_LATIN = r"[0-9a-z\u00c0-\u024f]"  # a Latin letter or digit (of folded text): what makes a Latin term a word


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    placeholder: str


@dataclass(frozen=True)
class Redaction:
    text: str  # the shared text
    source: str  # the original (in canonical Unicode form, NFC) the spans point into
    spans: tuple[Span, ...]


def _fold(text: str, *, casefold: bool) -> tuple[str, list[int]]:
    """`text` in compatibility form (full width as half width, ligatures apart), without case if `casefold`,
    one character at a time; with the index in `text` of each folded character, so that what is found in the
    folded text is replaced in the original."""
    pieces, origin = [], []
    for index, char in enumerate(text):
        piece = char if char.isascii() else unicodedata.normalize("NFKC", char)
        piece = piece.casefold() if casefold else piece
        pieces.append(piece)
        origin += [index] * len(piece)
    return "".join(pieces), origin


def _term_pattern(term: str) -> str | None:
    folded, _ = _fold(unicodedata.normalize("NFC", term), casefold=True)
    letters = [c for c in folded if c.isalnum()]
    if len(letters) < 2:
        return None  # a one-letter term would redact half the text
    body = _SEPARATORS.join(re.escape(c) for c in letters)
    # Latin terms are words ("Acme" is not redacted inside "Acmeville"), though Chinese text may touch them
    # ("我们Acme公司"); CJK has no word boundaries.
    if re.fullmatch(_LATIN, letters[0]):
        body = rf"(?<!{_LATIN}){body}"
    if re.fullmatch(_LATIN, letters[-1]):
        body = rf"{body}(?!{_LATIN})"
    return body


def redact(
    text: str,
    *,
    member_terms: Iterable[str] = (),
    person_terms: Iterable[str] = (),
    listing_terms: Iterable[str] = (),
    docket_terms: Iterable[str] = (),
    extra_terms: Iterable[str] = (),
) -> Redaction:
    """Replace identity terms and detected identifiers in `text` by typed placeholders.

    `listing_terms`: store names, seller and listing IDs, model numbers; `extra_terms`: anything else the
    reporter or a moderator chose to redact.
    """
    source = unicodedata.normalize("NFC", text or "")
    wide, wide_origin = _fold(source, casefold=False)  # for the detectors, which read case
    folded, folded_origin = _fold(source, casefold=True)  # for the terms, which match in any case
    spans: list[Span] = []
    taken = [False] * len(source)

    def claim(pattern: re.Pattern[str], placeholder: str | None, searched: str, origin: list[int]) -> None:
        for match in pattern.finditer(searched):
            if match.end() > match.start():
                start, end = origin[match.start()], origin[match.end() - 1] + 1
                if not any(taken[start:end]):
                    if placeholder is not None:
                        spans.append(Span(start, end, placeholder))
                    taken[start:end] = [True] * (end - start)

    claim(_PLACEHOLDER, None, wide, wide_origin)  # an earlier redaction stays as it is
    for placeholder, pattern in _DETECTORS[:2]:
        claim(pattern, placeholder, wide, wide_origin)
    term_groups = (
        (MEMBER, member_terms),
        (PERSON, person_terms),
        (LISTING, listing_terms),
        (DOCKET, docket_terms),
        (REDACTED, extra_terms),
    )
    for placeholder, terms in term_groups:
        # Longest terms first, so "Acme Widgets Ltd" wins over "Acme"; then alphabetical, so that the order the
        # terms come in never changes the result.
        patterns = sorted(set(filter(None, map(_term_pattern, terms))), key=lambda body: (-len(body), body))
        for body in patterns:
            claim(re.compile(body), placeholder, folded, folded_origin)
    for placeholder, pattern in _DETECTORS[2:]:
        claim(pattern, placeholder, wide, wide_origin)

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
