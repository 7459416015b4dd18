"""The directory's vocabularies: languages, bar admissions, fee models and seniorities, review statuses. Forums,
kinds of case, rights and industries are the reports' own (a firm is found by the words a report uses)."""

import re
from typing import TYPE_CHECKING

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sharing.reports.choices import ReportKind, RightType
from sharing.reports.forums import DISTRICT_COURTS, FORUM_CHOICES, STATE_NAMES
from tenancy.models import Industry

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Where a firm practises and what it handles: the codes reports use.
FORUMS = dict(FORUM_CHOICES)
KINDS = dict(ReportKind.choices)
RIGHTS = dict(RightType.choices)
INDUSTRIES = dict(Industry.choices)

LANGUAGES: dict[str, "StrOrPromise"] = {
    "en": _("English"),
    "zh": _("Mandarin Chinese"),
    "yue": _("Cantonese"),
    "es": _("Spanish"),
    "ko": _("Korean"),
    "ja": _("Japanese"),
    "vi": _("Vietnamese"),
    "de": _("German"),
    "fr": _("French"),
}

_STATE_BAR = _("State Bar of %(state)s")


def _state_bar(state: str) -> str:
    return str(_STATE_BAR) % {"state": STATE_NAMES[state]}


_state_bar_lazy = lazy(_state_bar, str)  # rendered in the reader's language

# Bar admissions: a state's bar ("bar-ca") or a federal court ("court-ilnd", the forums' PACER ids, and the
# Federal Circuit), so an admission and a report's forum are compared code to code.
BAR_ADMISSIONS: dict[str, "StrOrPromise"] = {
    **{f"bar-{state}": _state_bar_lazy(state) for state in STATE_NAMES},
    **{f"court-{code}": name for code, name in DISTRICT_COURTS.items()},
    "court-cafc": _("US Court of Appeals for the Federal Circuit"),
    "uspto": _("Registered to practise before the USPTO"),
}

# A USPTO registration number: five to six digits (patent attorneys and agents).
USPTO_NUMBER = re.compile(r"[0-9]{5,6}")  # ASCII digits only: \d would take fullwidth ones


class FeeKind(models.TextChoices):
    HOURLY = "hourly", _("Hourly rate")
    FLAT = "flat", _("Flat fee")
    CONTINGENCY = "contingency", _("Contingency (percent of recovery)")
    CAP = "cap", _("Capped fees")


class Seniority(models.TextChoices):
    PARTNER = "partner", pgettext_lazy("seniority", "Partner")  # a firm's partner, not a business partner
    OF_COUNSEL = "of_counsel", _("Of counsel")
    ASSOCIATE = "associate", _("Associate")
    PARALEGAL = "paralegal", _("Paralegal")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a moderator")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


RATING_FIELDS = ("responsiveness", "expertise", "cost_control", "communication")
