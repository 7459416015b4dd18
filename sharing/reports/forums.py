"""Where a case is heard: the 94 US district courts (PACER code, official abbreviation), the ITC, the PTAB,
US Customs, and the e-commerce platforms that run their own complaint processes."""

from typing import TYPE_CHECKING

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_DIRECTIONS = {
    "N": _("Northern District of %(state)s"),
    "S": _("Southern District of %(state)s"),
    "E": _("Eastern District of %(state)s"),
    "W": _("Western District of %(state)s"),
    "C": _("Central District of %(state)s"),
    "M": _("Middle District of %(state)s"),
    "": _("District of %(state)s"),
}
_DISTRICT_OF_COLUMBIA = _("District of Columbia")
STATE_NAMES = {
    "al": _("Alabama"), "ak": _("Alaska"), "az": _("Arizona"), "ar": _("Arkansas"), "ca": _("California"),
    "co": _("Colorado"), "ct": _("Connecticut"), "de": _("Delaware"),
    "fl": _("Florida"), "ga": _("Georgia"), "gu": _("Guam"), "hi": _("Hawaii"), "id": _("Idaho"),
    "il": _("Illinois"), "in": _("Indiana"), "ia": _("Iowa"), "ks": _("Kansas"), "ky": _("Kentucky"),
    "la": _("Louisiana"), "me": _("Maine"), "md": _("Maryland"), "ma": _("Massachusetts"), "mi": _("Michigan"),
    "mn": _("Minnesota"), "ms": _("Mississippi"), "mo": _("Missouri"), "mt": _("Montana"), "ne": _("Nebraska"),
    "nv": _("Nevada"), "nh": _("New Hampshire"), "nj": _("New Jersey"), "nm": _("New Mexico"),
    "ny": _("New York"), "nc": _("North Carolina"), "nd": _("North Dakota"),
    "nmi": _("the Northern Mariana Islands"), "oh": _("Ohio"), "ok": _("Oklahoma"), "or": _("Oregon"),
    "pa": _("Pennsylvania"), "pr": _("Puerto Rico"), "ri": _("Rhode Island"), "sc": _("South Carolina"),
    "sd": _("South Dakota"), "tn": _("Tennessee"), "tx": _("Texas"), "ut": _("Utah"), "vt": _("Vermont"),
    "vi": _("the Virgin Islands"), "va": _("Virginia"), "wa": _("Washington"), "wv": _("West Virginia"),
    "wi": _("Wisconsin"), "wy": _("Wyoming"),
}  # fmt: skip
# (PACER court id, official abbreviation, state, district direction)
_DISTRICTS = (
    ("almd", "M.D. Ala.", "al", "M"), ("alnd", "N.D. Ala.", "al", "N"), ("alsd", "S.D. Ala.", "al", "S"),
    ("akd", "D. Alaska", "ak", ""), ("azd", "D. Ariz.", "az", ""), ("ared", "E.D. Ark.", "ar", "E"),
    ("arwd", "W.D. Ark.", "ar", "W"), ("cacd", "C.D. Cal.", "ca", "C"), ("caed", "E.D. Cal.", "ca", "E"),
    ("cand", "N.D. Cal.", "ca", "N"), ("casd", "S.D. Cal.", "ca", "S"), ("cod", "D. Colo.", "co", ""),
    ("ctd", "D. Conn.", "ct", ""), ("ded", "D. Del.", "de", ""), ("dcd", "D.D.C.", "dc", ""),
    ("flmd", "M.D. Fla.", "fl", "M"), ("flnd", "N.D. Fla.", "fl", "N"), ("flsd", "S.D. Fla.", "fl", "S"),
    ("gamd", "M.D. Ga.", "ga", "M"), ("gand", "N.D. Ga.", "ga", "N"), ("gasd", "S.D. Ga.", "ga", "S"),
    ("gud", "D. Guam", "gu", ""), ("hid", "D. Haw.", "hi", ""), ("idd", "D. Idaho", "id", ""),
    ("ilcd", "C.D. Ill.", "il", "C"), ("ilnd", "N.D. Ill.", "il", "N"), ("ilsd", "S.D. Ill.", "il", "S"),
    ("innd", "N.D. Ind.", "in", "N"), ("insd", "S.D. Ind.", "in", "S"), ("iand", "N.D. Iowa", "ia", "N"),
    ("iasd", "S.D. Iowa", "ia", "S"), ("ksd", "D. Kan.", "ks", ""), ("kyed", "E.D. Ky.", "ky", "E"),
    ("kywd", "W.D. Ky.", "ky", "W"), ("laed", "E.D. La.", "la", "E"), ("lamd", "M.D. La.", "la", "M"),
    ("lawd", "W.D. La.", "la", "W"), ("med", "D. Me.", "me", ""), ("mdd", "D. Md.", "md", ""),
    ("mad", "D. Mass.", "ma", ""), ("mied", "E.D. Mich.", "mi", "E"), ("miwd", "W.D. Mich.", "mi", "W"),
    ("mnd", "D. Minn.", "mn", ""), ("msnd", "N.D. Miss.", "ms", "N"), ("mssd", "S.D. Miss.", "ms", "S"),
    ("moed", "E.D. Mo.", "mo", "E"), ("mowd", "W.D. Mo.", "mo", "W"), ("mtd", "D. Mont.", "mt", ""),
    ("ned", "D. Neb.", "ne", ""), ("nvd", "D. Nev.", "nv", ""), ("nhd", "D.N.H.", "nh", ""),
    ("njd", "D.N.J.", "nj", ""), ("nmd", "D.N.M.", "nm", ""), ("nyed", "E.D.N.Y.", "ny", "E"),
    ("nynd", "N.D.N.Y.", "ny", "N"), ("nysd", "S.D.N.Y.", "ny", "S"), ("nywd", "W.D.N.Y.", "ny", "W"),
    ("nced", "E.D.N.C.", "nc", "E"), ("ncmd", "M.D.N.C.", "nc", "M"), ("ncwd", "W.D.N.C.", "nc", "W"),
    ("ndd", "D.N.D.", "nd", ""), ("nmid", "D.N. Mar. I.", "nmi", ""), ("ohnd", "N.D. Ohio", "oh", "N"),
    ("ohsd", "S.D. Ohio", "oh", "S"), ("oked", "E.D. Okla.", "ok", "E"), ("oknd", "N.D. Okla.", "ok", "N"),
    ("okwd", "W.D. Okla.", "ok", "W"), ("ord", "D. Or.", "or", ""), ("paed", "E.D. Pa.", "pa", "E"),
    ("pamd", "M.D. Pa.", "pa", "M"), ("pawd", "W.D. Pa.", "pa", "W"), ("prd", "D.P.R.", "pr", ""),
    ("rid", "D.R.I.", "ri", ""), ("scd", "D.S.C.", "sc", ""), ("sdd", "D.S.D.", "sd", ""),
    ("tned", "E.D. Tenn.", "tn", "E"), ("tnmd", "M.D. Tenn.", "tn", "M"), ("tnwd", "W.D. Tenn.", "tn", "W"),
    ("txed", "E.D. Tex.", "tx", "E"), ("txnd", "N.D. Tex.", "tx", "N"), ("txsd", "S.D. Tex.", "tx", "S"),
    ("txwd", "W.D. Tex.", "tx", "W"), ("utd", "D. Utah", "ut", ""), ("vtd", "D. Vt.", "vt", ""),
    ("vid", "D.V.I.", "vi", ""), ("vaed", "E.D. Va.", "va", "E"), ("vawd", "W.D. Va.", "va", "W"),
    ("waed", "E.D. Wash.", "wa", "E"), ("wawd", "W.D. Wash.", "wa", "W"), ("wvnd", "N.D. W. Va.", "wv", "N"),
    ("wvsd", "S.D. W. Va.", "wv", "S"), ("wied", "E.D. Wis.", "wi", "E"), ("wiwd", "W.D. Wis.", "wi", "W"),
    ("wyd", "D. Wyo.", "wy", ""),
)  # fmt: skip


def _district_name(abbreviation: str, state: str, direction: str) -> str:
    if state == "dc":  # "District of the District of Columbia" would be wrong in any language
        return f"{abbreviation} ({_DISTRICT_OF_COLUMBIA})"
    return f"{abbreviation} ({_DIRECTIONS[direction] % {'state': STATE_NAMES[state]}})"


_district_name_lazy = lazy(_district_name, str)  # rendered in the reader's language

OTHER_FORUMS = {
    "itc": _("US International Trade Commission (ITC)"),
    "ptab": _("Patent Trial and Appeal Board (PTAB)"),
    "cbp": _("US Customs and Border Protection (CBP)"),
    "amazon": _("Amazon"),
    "walmart": _("Walmart"),
    "temu": _("Temu"),
    "aliexpress": _("AliExpress"),
    "tiktok": _("TikTok Shop"),
    "other_platform": _("Another e-commerce platform"),
    "none": _("No forum yet (letter or notice only)"),
}
DISTRICT_COURTS = {code: _district_name_lazy(abbr, state, direction) for code, abbr, state, direction in _DISTRICTS}
PLATFORMS = frozenset({"amazon", "walmart", "temu", "aliexpress", "tiktok", "other_platform"})
FORUM_CHOICES: list[tuple[str, "StrOrPromise"]] = [*DISTRICT_COURTS.items(), *OTHER_FORUMS.items()]
FORUM_CODES = frozenset(code for code, _label in FORUM_CHOICES)
