"""The short names a company goes by in prose are identity terms too."""

import pytest

from sharing.reports.company_names import short_names


@pytest.mark.parametrize(
    ("registered", "expected"),
    [
        ("浙江羽笔户外用品有限公司", ["浙江羽笔户外用品", "羽笔户外用品", "羽笔户外", "羽笔"]),
        ("宁波市慈溪市好运电器有限公司", ["宁波市慈溪市好运电器", "好运电器", "好运"]),
        ("Zhejiang Quillfeather Outdoor Gear Co., Ltd.", ["zhejiang quillfeather outdoor gear",
         "quillfeather outdoor gear", "quillfeather outdoor", "quillfeather"]),
        ("Apple Inc.", ["apple"]),
        ("Ltd.", ["ltd"]),
        ("", []),
    ],
)  # fmt: skip
def test_short_names(registered, expected):
    assert short_names(registered) == expected
