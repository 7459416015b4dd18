"""Properties of the anonymizer, for any identity term and any text around it (hypothesis).

Identity terms, Latin or Chinese, written in any casing, in full or half width, with punctuation or line breaks
between their letters and surrounded by text in either language, never survive redaction. Redaction is
deterministic, leaves placeholders alone, and changes nothing in a text that names nobody. Detected identifiers
(phone numbers, e-mail addresses, URLs, listing IDs, docket numbers) are redacted even against Chinese text.
"""

import random
import unicodedata

from hypothesis import assume, example, given
from hypothesis import strategies as st

from sharing.reports.anonymizer import MEMBER, PLACEHOLDERS, marked_shared, redact

# Common characters for the text around a term; terms draw from the whole CJK block, so they rarely meet.
CHINESE_TEXT = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
)
CHINESE_PUNCTUATION = "，。、；：？！（）《》“”"  # noqa: RUF001
# Written between the letters of a term by a careless or evasive writer: none is a letter or a digit.
SEPARATORS = ["", "", "", ".", "-", " ", "\n", "\r\n", "_", "·", "/", "\u3000", "．", "－", "、"]  # noqa: RUF001

latin_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzüé", min_size=2, max_size=8)
latin_terms = st.lists(latin_words, min_size=1, max_size=3).map(" ".join).filter(lambda t: t[0].isascii())
chinese_terms = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=8)
mixed_terms = st.tuples(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=4), chinese_terms).map(
    "".join
)
terms = st.one_of(latin_terms, chinese_terms, mixed_terms)
english_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,.;:!?'\"()-\n", max_size=40)
chinese_text = st.text(alphabet=CHINESE_TEXT + CHINESE_PUNCTUATION + " \n", max_size=30)
surroundings = st.one_of(english_text, chinese_text, st.tuples(english_text, chinese_text).map("".join))


def letters(text: str) -> str:
    """What a reader would still recognize: letters and digits, width and case ignored."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def is_latin(char: str) -> bool:
    char = unicodedata.normalize("NFKC", char)[:1]
    return char.isalnum() and unicodedata.name(char, "").startswith(("LATIN", "DIGIT"))


def disguise(term: str, data) -> str:
    """`term` as it might be typed: each character in either case and width, anything but letters between."""
    out = []
    for position, char in enumerate(term):
        char = char.upper() if data.draw(st.booleans(), label="upper") else char.lower()
        if "!" <= char <= "~" and data.draw(st.booleans(), label="full width"):
            char = chr(ord(char) + 0xFEE0)
        out.append(char)
        if position < len(term) - 1:
            out.append(data.draw(st.sampled_from(SEPARATORS), label="separator"))
    return "".join(out)


def join(left: str, right: str) -> str:
    """Two pieces of text side by side. A Latin term is a word: Latin letters right against it make another
    word ("Acme" is not redacted in "Acmeville"), so a space goes between; anything else may touch it."""
    if left and right and is_latin(left[-1]) and is_latin(right[0]):
        return f"{left} {right}"
    return left + right


def kept_text(shared: str) -> list[str]:
    return [piece for piece, is_placeholder in marked_shared(shared) if not is_placeholder]


@given(term=terms, before=surroundings, after=surroundings, data=st.data())
@example(term="lianxun", before="我们", after="公司", data=None)  # Latin names touch Chinese text
@example(term="straße", before="", after="", data=None)
def test_identity_terms_are_always_redacted(term, before, after, data):
    assume(len(letters(term)) >= 2 and letters(term) not in letters(before) + " " + letters(after))
    written = disguise(term, data) if data is not None else term
    text = join(join(before, written), after)
    shared = redact(text, member_terms=[term]).text
    assert MEMBER in shared
    for piece in kept_text(shared):
        assert letters(term) not in letters(piece), (text, shared)


identifiers = st.one_of(
    st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),  # a Chinese mobile number
    st.from_regex(r"\+86 [0-9]{3} [0-9]{4} [0-9]{4}", fullmatch=True),
    st.from_regex(r"\+1 \([2-9][0-9]{2}\) [0-9]{3}-[0-9]{4}", fullmatch=True),
    st.from_regex(r"[a-z]{2,8}(\.[a-z]{2,8})?@[a-z]{2,8}\.(cn|com|example)", fullmatch=True),
    st.from_regex(r"https://[a-z]{2,8}\.example/[a-z0-9]{1,8}", fullmatch=True),
    st.from_regex(r"B0[0-9A-Z]{8}", fullmatch=True),
    st.from_regex(r"[1-9]:2[0-6]-cv-[0-9]{5}", fullmatch=True),
    st.from_regex(r"337-TA-1[0-9]{3}", fullmatch=True),
)


@given(identifier=identifiers, before=chinese_text, after=chinese_text)
def test_identifiers_written_against_chinese_text_are_redacted(identifier, before, after):
    text = before + identifier + after
    shared = redact(text).text
    assert all(letters(identifier) not in letters(piece) for piece in kept_text(shared)), (text, shared)


@given(term=terms, data=st.data())
def test_a_term_split_over_lines_is_redacted(term, data):
    assume(len(letters(term)) >= 2 and letters(term) not in letters("Notice 已收到"))
    cut = data.draw(st.integers(min_value=1, max_value=len(term) - 1))
    text = f"Notice:\n{term[:cut]}\n{term[cut:]}\n已收到。"
    shared = redact(text, member_terms=[term]).text
    assert all(letters(term) not in letters(piece) for piece in kept_text(shared)), (text, shared)


@given(
    named=st.lists(terms, min_size=1, max_size=5, unique=True),
    before=surroundings,
    after=surroundings,
    seed=st.integers(),
)
@example(named=["甲乙", "乙丙"], before="甲乙丙", after="", seed=0)  # overlapping terms, of the same length
def test_redaction_is_deterministic_whatever_the_order_of_the_terms(named, before, after, seed):
    text = f"{before}{''.join(named)} {' / '.join(named)} {after} Dr. Wang at wang@example.test, +86 755 1234 5678"
    first = redact(text, member_terms=named)
    assert redact(text, member_terms=named) == first
    assert redact(text, member_terms=named[::-1]).text == first.text
    assert redact(text, member_terms=random.Random(seed).sample(named, len(named))).text == first.text


@given(
    term=st.sampled_from([*PLACEHOLDERS, "member", "MEMBER", "person", "email", "url", "phone", "docket", "listing"]),
    before=surroundings,
    after=surroundings,
)
def test_placeholders_are_never_redacted_again(term, before, after):
    assume(all(word not in letters(before + " " + after) for word in (letters(term), "lianxun")))
    shared = redact(f"Acme told {before} Lianxun {after}", member_terms=["Lianxun"]).text
    assert redact(shared, member_terms=[term], extra_terms=[term]).text == shared
    assert redact(shared, member_terms=["Lianxun"]).text == shared


@given(
    text=st.text(
        alphabet=st.sampled_from(
            [*"abcdefghijklmnopqrstuvwxyz ,;:!?'()\n", *CHINESE_TEXT, *CHINESE_PUNCTUATION, "ａ", "Ｚ", "　", "～"]  # noqa: RUF001
        ),
        max_size=80,
    ),
    named=st.lists(chinese_terms, max_size=3),
)
def test_text_naming_nobody_is_unchanged(text, named):
    assume(all(letters(term) not in letters(text) for term in named))
    assert redact(text, member_terms=named).text == text
