# ruff: noqa: RUF001 (Chinese narratives use full-width punctuation, as Chinese writers do)
"""The anonymizer on narratives as members write them, in English and Chinese: the exact shared text."""

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sharing.reports.anonymizer import EMAIL, MEMBER, PERSON, marked_source, redact

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


# A company as shared.identity_terms describes it, and one report's own identifiers.
LIANXUN = {
    "member_terms": [
        "Shenzhen Lianxun Mobile Technology Co., Ltd.",
        "深圳联讯移动科技有限公司",
        "Lianxun Mobile",
        "LXM",
        "LIANXUN",
        "联讯",
        "Lianxun Official Store",
        "LXM Phone Accessories",
        "lianxun-mobile.example",
        "shenzhen lianxun mobile technology",
        "深圳联讯移动科技",
    ],
    "person_terms": ["Li Wei", "李伟", "Zhang Na", "张娜"],
    "listing_terms": ["LXM Phone Accessories", "A1LXMSELLER01", "B0LXM12345", "LX-P30"],
    "docket_terms": ["1:26-cv-02345"],
}

NARRATIVES = {
    "schedule a": (
        "On 3 March 2026 Shenzhen Lianxun Mobile Technology Co., Ltd. was named as Doe 87 in Schedule A case "
        "1:26-cv-02345 (N.D. Ill.). The TRO froze $48,200 in our Amazon store LXM Phone Accessories (seller "
        "A1LXMSELLER01); listing B0LXM12345 for the LX-P30 case was taken down. Plaintiff's counsel emailed "
        "settlement@brandguard-law.example asking $15,000.",
        "On 3 March 2026 [MEMBER]. was named as Doe 87 in Schedule A case [DOCKET] (N.D. Ill.). The TRO froze "
        "$48,200 in our Amazon store [MEMBER] (seller [LISTING]); listing [LISTING] for the [LISTING] case was "
        "taken down. Plaintiff's counsel emailed [EMAIL] asking $15,000.",
    ),
    "schedule a, in Chinese": (
        "2026年3月，我司（深圳联讯移动科技有限公司）在伊利诺伊北区法院的Schedule A案件（案号1:26-cv-02345）中被列为"
        "被告，亚马逊店铺「联讯官方旗舰店」被冻结资金约4.8万美元，链接B0LXM12345被下架。负责人李伟已联系律师。",
        "2026年3月，我司（[MEMBER]）在伊利诺伊北区法院的Schedule A案件（案号[DOCKET]）中被列为被告，亚马逊店铺"
        "「[MEMBER]官方旗舰店」被冻结资金约4.8万美元，链接[LISTING]被下架。负责人[PERSON]已联系律师。",
    ),
    "itc": (
        "Lianxun Mobile is one of 14 respondents in Inv. No. 337-TA-1410 brought by Nimbus Wireless LLC over "
        "LIANXUN-branded phone chargers. Our counsel Dr. Helen Park (Harbor & Pine LLP) filed the response on "
        "20 April; reach her at +1 (312) 555-0148.",
        "[MEMBER] is one of 14 respondents in Inv. No. [DOCKET] brought by Nimbus Wireless LLC over "
        "[MEMBER]-branded phone chargers. Our counsel [PERSON] (Harbor & Pine LLP) filed the response on "
        "20 April; reach her at [PHONE].",
    ),
    "letter": (
        "Letter dated 12 May 2026 from Keystone Licensing LLC to LXM (attn. Zhang Na, zhangna@lianxun-mobile.example) "
        "alleging that the LIANXUN Q7 earbuds sold at www.lianxun-mobile.example/shop infringe U.S. Patent No. "
        "10,987,654. They offer a licence at 3% of net sales.",
        "Letter dated 12 May 2026 from Keystone Licensing LLC to [MEMBER] (attn. [PERSON], [EMAIL]) alleging that "
        "the [MEMBER] Q7 earbuds sold at [URL] infringe U.S. Patent No. 10,987,654. They offer a licence at 3% "
        "of net sales.",
    ),
    "letter, in Chinese, full width and disguised": (
        "联讯移动收到Keystone Licensing的律师函，称我们在ＴｅｍＵ上的Ｌ.Ｘ.Ｍ店铺侵权。联系人：张娜，"
        "手机13812345678，邮箱zhang.na@lianxun-mobile.example，详见https://lianxun-mobile.example/news。",
        "[MEMBER]移动收到Keystone Licensing的律师函，称我们在ＴｅｍＵ上的[MEMBER]店铺侵权。联系人：[PERSON]，"
        "手机[PHONE]，邮箱[EMAIL]，详见[URL]。",
    ),
    "platform complaint": (
        "Amazon deactivated listing B0LXM12345 of lianxun\nmobile after a complaint from Aurora Designs Inc. "
        "Our store manager, Mr. Li, appealed; Lianxun's appeal was rejected.",
        "Amazon deactivated listing [LISTING] of [MEMBER] after a complaint from Aurora Designs Inc. "
        "Our store manager, [PERSON], appealed; [MEMBER]'s appeal was rejected.",
    ),
    "ptab, in both languages": (
        "我司联讯（LIANXUN）针对Nimbus Wireless的US 10,555,123专利提出IPR，PTAB已于2026年9月立案。"
        "Shenzhen Lianxun’s counsel: Harbor & Pine LLP.",
        "我司[MEMBER]（[MEMBER]）针对Nimbus Wireless的US 10,555,123专利提出IPR，PTAB已于2026年9月立案。"
        "Shenzhen [MEMBER]’s counsel: Harbor & Pine LLP.",
    ),
    "customs": (
        "CBP detained 3,200 units of LX-P30 phone cases at the Port of Los Angeles under the exclusion order in "
        "337-TA-1410; the importer of record was Lianxun Mobile's US subsidiary.",
        "CBP detained 3,200 units of [LISTING] phone cases at the Port of Los Angeles under the exclusion order in "
        "[DOCKET]; the importer of record was [MEMBER]'s US subsidiary.",
    ),
    "nothing to redact, in Chinese with full-width letters": (
        "原告Ａｕｒｏｒａ在伊利诺伊北区起诉了一百五十家店铺，律师事务所提出每家五千美元和解。",
        "原告Ａｕｒｏｒａ在伊利诺伊北区起诉了一百五十家店铺，律师事务所提出每家五千美元和解。",
    ),
}


@pytest.mark.parametrize(("text", "expected"), NARRATIVES.values(), ids=NARRATIVES.keys())
def test_narratives(text, expected):
    assert redact(text, **LIANXUN).text == expected


def test_what_is_not_redacted_is_shared_exactly_as_written():
    text = "我司（ＬＸＭ）收到的传票：２０２６年３月，原告为Ａｕｒｏｒａ。"
    result = redact(text, **LIANXUN)
    assert result.text == "我司（[MEMBER]）收到的传票：２０２６年３月，原告为Ａｕｒｏｒａ。"
    assert result.source == text
    assert marked_source(result)[1] == ("ＬＸＭ", MEMBER)


def test_a_second_pass_changes_nothing():
    for _, expected in NARRATIVES.values():
        assert redact(expected, **LIANXUN).text == expected
