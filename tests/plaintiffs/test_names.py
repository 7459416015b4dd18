import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharing.plaintiffs.names import normalize_party_name, party_name_keys


@pytest.mark.parametrize(
    "spelling",
    ["Acme Widgets, Inc.", "ACME WIDGETS INC", "acme widgets", "Acme Widgets L.L.C.", "Acme-Widgets Corp.",
     "\uff21\uff23\uff2d\uff25\u3000\uff37idgets\u3000\uff49\uff4e\uff43\uff0e", "  Acme   Widgets, Co., Ltd. "],
)  # fmt: skip
def test_spellings_of_one_company_share_a_key(spelling):
    assert normalize_party_name(spelling) == "acme widgets"


def test_chinese_corporate_suffixes_are_ignored():
    assert normalize_party_name("深圳某某科技股份有限公司") == normalize_party_name("深圳某某科技") == "深圳某某科技"
    assert normalize_party_name("公司") == "公司"  # a suffix alone is the whole name, not nothing


def test_a_suffix_word_alone_is_kept():
    assert normalize_party_name("Company") == "company"


def test_dba_names_yield_every_party():
    assert party_name_keys("John Smith d/b/a Sunrise Trading LLC") == ["john smith", "sunrise trading"]
    assert party_name_keys("Sunrise Trading DBA Sunrise") == ["sunrise trading", "sunrise"]
    assert party_name_keys("  ") == []


@given(st.text(min_size=1, max_size=40))
def test_normalizing_is_idempotent(name):
    key = normalize_party_name(name)
    assert normalize_party_name(key) == key
