"""The text a PDF of sharing.costs.statement_pdf shows, read back from its (uncompressed) content streams: each
shown string of the STSong-Light CID font is UCS-2, big-endian, with PDF's literal-string escapes."""

import re

SHOWN = re.compile(rb"\(((?:[^\\)]|\\.)*)\) Tj", re.DOTALL)
ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
NAMED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(match: re.Match) -> bytes:
    code = match.group(1)
    if code[:1].isdigit():
        return bytes([int(code, 8)])
    return NAMED.get(code, code)


def pdf_text(content: bytes) -> str:
    """Every shown string, one per line, in the order the pages draw them."""
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    return "\n".join(ESCAPE.sub(_unescape, raw).decode("utf-16-be") for raw in SHOWN.findall(content))
