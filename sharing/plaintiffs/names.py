"""Plaintiff names compared the way people mean them: case, width, punctuation and corporate suffixes ignored.

`ACME, Inc.`, `Acme Inc` and full-width `ACME inc.` are one name; `深圳某某科技有限公司` and `深圳某某科技` too.
"X d/b/a Y" names two parties and yields both.
"""

import re
import unicodedata

# Longest first, so "股份有限公司" is removed before "有限公司".
_CHINESE_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司")
_LATIN_SUFFIXES = {
    "inc", "incorporated", "llc", "ltd", "limited", "co", "company", "corp", "corporation",
    "gmbh", "plc", "lp", "llp", "pllc", "sa", "ag", "bv", "nv", "srl", "pty", "kk", "sas", "oy", "ab",
}  # fmt: skip
_SPELLED_OUT = {("l", "l", "c"), ("l", "l", "p"), ("l", "p")}  # "L.L.C." once punctuation is gone
_DBA = re.compile(r"\b(?:d\s*/\s*b\s*/\s*a|doing business as|dba)\b", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


def normalize_party_name(name: str) -> str:
    """The comparison key of one party name ("" when nothing meaningful is left)."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    text = _PUNCTUATION.sub(" ", text)
    words = text.split()
    while len(words) > 1:
        spelled = next((n for n in (3, 2) if tuple(words[-n:]) in _SPELLED_OUT and len(words) > n), 0)
        if spelled:
            words = words[:-spelled]
        elif words[-1] in _LATIN_SUFFIXES:
            words = words[:-1]
        else:
            break
    text = " ".join(words)
    for suffix in _CHINESE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)].rstrip()
            break
    return text


def party_name_keys(name: str) -> list[str]:
    """Every comparison key a written name stands for: one per party of a "d/b/a" name, in order."""
    keys = [normalize_party_name(part) for part in _DBA.split(name or "")]
    return [key for key in dict.fromkeys(keys) if key]
