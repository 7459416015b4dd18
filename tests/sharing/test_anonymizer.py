import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sharing.reports.anonymizer import EMAIL, MEMBER, PERSON, redact

TERMS = [
    "Shenzhen Lianxun Mobile Co., Ltd.",
    "深圳联讯移动有限公司",
    "Lianxun",
    "LXPHONE",
    "LX Official Store",
    "lianxun.example",
]

CORPUS = [
    (
        "We (Lianxun) were sued by Acme over the LXPHONE case.",
        "We ([MEMBER]) were sued by Acme over the [MEMBER] case.",
    ),
    ("深圳联讯移动有限公司于三月收到传票。", "[MEMBER]于三月收到传票。"),
    ("Our store L.X. Official-Store on Amazon was frozen.", "Our store [MEMBER] on Amazon was frozen."),
    ("Write to legal@lianxun.example or see https://lianxun.example/case", "Write to [EMAIL] or see [URL]"),
    ("Docket 1:24-cv-01234 in N.D. Ill.; ITC 337-TA-1380.", "Docket [DOCKET] in N.D. Ill.; ITC [DOCKET]."),
    ("Listing B0ABCD1234 was removed; call +86 755 1234 5678.", "Listing [LISTING] was removed; call [PHONE]."),
    ("Mr. Wang Lei signed the waiver.", "[PERSON] signed the waiver."),
    ("Lianxunville is a town, not us.", "Lianxunville is a town, not us."),
]


@pytest.mark.parametrize(("text", "expected"), CORPUS)
def test_corpus(text, expected):
    assert redact(text, member_terms=TERMS).text == expected


def test_spans_point_at_what_was_replaced_for_the_preview():
    result = redact("Lianxun: legal@lianxun.example", member_terms=TERMS)
    assert [(result.source[s.start : s.end], s.placeholder) for s in result.spans] == [
        ("Lianxun", MEMBER),
        ("legal@lianxun.example", EMAIL),
    ]


def test_redaction_is_deterministic_and_people_are_typed():
    first = redact("Zhang Wei of Lianxun", member_terms=TERMS, person_terms=["Zhang Wei"])
    assert first == redact("Zhang Wei of Lianxun", member_terms=TERMS, person_terms=["Zhang Wei"])
    assert first.text == f"{PERSON} of {MEMBER}"


def _disguise(term: str, data) -> str:
    """The term as a careless or evasive writer might type it: any casing, punctuation or line breaks inside."""
    out = []
    for char in term:
        out.append(char.upper() if data.draw(st.booleans()) else char.lower())
        out.append(data.draw(st.sampled_from(["", "", "", ".", "-", " ", "\n", "_", "·"])))
    return "".join(out)


@given(
    term=st.sampled_from(TERMS),
    before=st.text(alphabet=st.characters(categories=["Zs", "Po", "Lo"]), max_size=12),
    after=st.text(alphabet=st.characters(categories=["Zs", "Po", "Lo"]), max_size=12),
    data=st.data(),
)
def test_identity_terms_are_always_redacted(term, before, after, data):
    disguised = _disguise(term, data)
    text = f"{before} {disguised} {after}"
    shared = redact(text, member_terms=TERMS).text
    letters = "".join(c for c in unicodedata.normalize("NFKC", term).casefold() if c.isalnum())
    flattened = "".join(c for c in unicodedata.normalize("NFKC", shared).casefold() if c.isalnum())
    assume(
        letters not in "".join(c for c in unicodedata.normalize("NFKC", f"{before}{after}").casefold() if c.isalnum())
    )
    assert MEMBER in shared
    assert letters not in flattened.replace("member", "")
