"""Docket numbers compared across reports: "1:24-cv-01234" and "24-CV-1234" in the same court are one case."""

import re

_CIVIL = re.compile(r"^(?:\d+:)?(?P<year>\d{2})-?(?P<type>[a-z]{2})-?0*(?P<number>\d+)", re.IGNORECASE)
_ITC = re.compile(r"^337-?TA-?0*(?P<number>\d+)", re.IGNORECASE)


def docket_key(forum: str, docket: str) -> str:
    """The comparison key of a docket number in a forum ("" for none). Judge initials and suffixes are ignored."""
    text = "".join((docket or "").split())
    if not text:
        return ""
    if match := _ITC.match(text):
        return f"itc:337-TA-{int(match['number'])}"
    if match := _CIVIL.match(text):
        return f"{forum}:{match['year']}-{match['type'].lower()}-{int(match['number'])}"
    return f"{forum}:{re.sub(r'[^0-9A-Z]', '', text.upper())}"
