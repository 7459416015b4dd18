import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sharing.reports.rights import HIGHEST, RightKind, parse_patent, parse_trademark_registration


@pytest.mark.parametrize(
    ("text", "key", "display"),
    [
        ("US 10,123,456 B2", "10123456", "US 10,123,456"),
        ("10123456", "10123456", "US 10,123,456"),
        ("U.S. Pat. No. 10,123,456", "10123456", "US 10,123,456"),
        ("us10123456b1", "10123456", "US 10,123,456"),
        ("5,123,456 A", "5123456", "US 5,123,456"),
        ("D123,456", "D123456", "US D123,456"),
        ("USD0123456S", "D123456", "US D123,456"),
        ("Des. 123,456", "D123456", "US D123,456"),
        ("RE49,123", "RE49123", "US RE49,123"),
        ("RE049123E", "RE49123", "US RE49,123"),
        ("PP12,345", "PP12345", "US PP12,345"),
    ],
)
def test_patent_spellings_normalize_to_one_key(text, key, display):
    right = parse_patent(text)
    assert (right.key, right.display) == (key, display)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "invalid"),
        ("abc", "invalid"),
        ("10123456 S", "invalid"),  # a design kind code on a utility number
        ("D123456 B2", "invalid"),
        ("99,999,999", "impossible"),
        ("0", "impossible"),
        ("D9,999,999", "impossible"),
        ("RE999,999", "impossible"),
        ("12/345,678", "invalid"),  # an application number, not a patent
    ],
)
def test_bad_patent_numbers_are_refused_with_a_reason(text, code):
    with pytest.raises(ValidationError) as error:
        parse_patent(text)
    assert error.value.code == code


def test_trademark_registration_numbers():
    assert parse_trademark_registration("Reg. No. 5,123,456").key == "TM5123456"
    for bad in ("", "12345678", "5,123,45x", "9,999,999"):
        with pytest.raises(ValidationError):
            parse_trademark_registration(bad)


@given(st.integers(min_value=1, max_value=HIGHEST[RightKind.UTILITY]), st.sampled_from(["", " B1", " B2"]))
def test_every_issued_utility_number_round_trips_through_its_display(number, kind_code):
    right = parse_patent(f"US {number:,}{kind_code}")
    assert right.number == number and parse_patent(right.display) == right
