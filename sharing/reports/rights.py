"""US rights numbers as people write them, normalized so that one right has one key.

`US 10,123,456 B2`, `U.S. Pat. No. 10123456` and `10123456` are one utility patent; `D123,456` and
`USD0123456S` one design patent. Numbers outside the range the USPTO has issued are refused as impossible.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sharing.reports.choices import RightType

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from sharing.reports.models import SharedVersion


class RightKind(StrEnum):
    UTILITY = "utility"
    DESIGN = "design"
    REISSUE = "reissue"
    PLANT = "plant"
    TRADEMARK = "trademark"


# Highest numbers that can exist, with headroom above what was issued by late 2026; raise them as the
# USPTO issues more. Anything larger is a typo or an application number.
HIGHEST = {
    RightKind.UTILITY: 13_500_000,
    RightKind.DESIGN: 1_200_000,
    RightKind.REISSUE: 55_000,
    RightKind.PLANT: 40_000,
    RightKind.TRADEMARK: 8_500_000,
}
PREFIX = {RightKind.UTILITY: "", RightKind.DESIGN: "D", RightKind.REISSUE: "RE", RightKind.PLANT: "PP"}
# Kind codes printed on a document of each type (WIPO ST.16 as the USPTO uses it).
KIND_CODES = {
    RightKind.UTILITY: {"", "A", "B1", "B2"},
    RightKind.DESIGN: {"", "S"},
    RightKind.REISSUE: {"", "E"},
    RightKind.PLANT: {"", "P2", "P3"},
}

_NOISE = re.compile(r"U\.?\s*S\.?|PAT(?:ENT)?\.?|NO\.?|NUMBER|REG(?:ISTRATION)?\.?|[\s,#:]", re.IGNORECASE)
_DESIGN_WORD = re.compile(r"\bDES(?:IGN)?\.?\s*", re.IGNORECASE)  # "Des. 123,456" is D123456
_PATENT = re.compile(r"^(?P<series>D|RE|PP)?0*(?P<number>\d{1,9})(?P<kind>A|B1|B2|S|E|P2|P3)?$")
_SERIES = {None: RightKind.UTILITY, "D": RightKind.DESIGN, "RE": RightKind.REISSUE, "PP": RightKind.PLANT}


@dataclass(frozen=True)
class Right:
    kind: RightKind
    number: int

    @property
    def key(self) -> str:
        """The normalized form stored and compared: `10123456`, `D123456`, `RE49123`, `PP12345`, `TM5123456`."""
        if self.kind == RightKind.TRADEMARK:
            return f"TM{self.number}"
        return f"{PREFIX[self.kind]}{self.number}"

    @property
    def display(self) -> str:
        """As a US document prints it: `US 10,123,456`, `US D123,456`, `Reg. No. 5,123,456`."""
        if self.kind == RightKind.TRADEMARK:
            return f"Reg. No. {self.number:,}"
        return f"US {PREFIX[self.kind]}{self.number:,}"


def parse_patent(text: str) -> Right:
    """A US utility, design, reissue or plant patent number in any common spelling, or a ValidationError."""
    compact = _NOISE.sub("", _DESIGN_WORD.sub("D", (text or "").strip())).upper().replace(".", "")
    match = _PATENT.match(compact)
    if not compact or match is None:
        raise ValidationError(
            _("“%(value)s” is not a US patent number such as 10,123,456 or D123,456.") % {"value": text},
            code="invalid",
        )
    kind = _SERIES[match["series"]]
    if (match["kind"] or "") not in KIND_CODES[kind]:
        raise ValidationError(
            _("“%(value)s” mixes a patent number with another type's kind code.") % {"value": text}, code="invalid"
        )
    return _within_range(Right(kind, int(match["number"])), text)


def parse_trademark_registration(text: str) -> Right:
    """A USPTO trademark registration number (up to seven digits), or a ValidationError."""
    compact = _NOISE.sub("", (text or "").strip())
    if not compact.isdigit() or len(compact) > 7:
        raise ValidationError(
            _("“%(value)s” is not a US trademark registration number such as 5,123,456.") % {"value": text},
            code="invalid",
        )
    return _within_range(Right(RightKind.TRADEMARK, int(compact)), text)


def _within_range(right: Right, text: str) -> Right:
    if not 1 <= right.number <= HIGHEST[right.kind]:
        raise ValidationError(
            _("“%(value)s” is outside the range of numbers the USPTO has issued.") % {"value": text},
            code="impossible",
        )
    return right


def right_labels(rights: list[dict[str, str]]) -> list["StrOrPromise"]:
    """Each right as shown: its number, or its type when it has none (copyright, trade secret)."""
    return [right["display"] or RightType(right["type"]).label for right in rights]


def with_right_labels(version: "SharedVersion") -> "SharedVersion":
    """The shared version (or draft), with `right_labels` to show."""
    version.right_labels = right_labels(version.rights)
    return version
