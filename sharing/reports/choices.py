"""The vocabularies of a report: kinds of case, rights, stages, outcomes, statuses, currencies, amount bands."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from sharing.reports.forums import DISTRICT_COURTS, PLATFORMS


class ReportKind(models.TextChoices):
    DISTRICT_PATENT = "district_patent", _("US district court patent suit")
    ITC_337 = "itc_337", _("ITC Section 337 investigation")
    SCHEDULE_A = "schedule_a", _("Schedule A e-commerce case (TRO, asset freeze)")
    PTAB = "ptab", _("PTAB proceeding (IPR or PGR)")
    CUSTOMS = "customs", _("Customs seizure or exclusion order")
    PLATFORM = "platform", _("E-commerce platform complaint")
    LETTER = "letter", _("Warning or demand letter")


# The forums that fit each kind of case; a report naming another forum is refused.
FORUMS_BY_KIND = {
    ReportKind.DISTRICT_PATENT: frozenset(DISTRICT_COURTS),
    ReportKind.SCHEDULE_A: frozenset(DISTRICT_COURTS),
    ReportKind.ITC_337: frozenset({"itc"}),
    ReportKind.PTAB: frozenset({"ptab"}),
    ReportKind.CUSTOMS: frozenset({"cbp", "itc"}),
    ReportKind.PLATFORM: PLATFORMS,
    ReportKind.LETTER: frozenset({"none", *DISTRICT_COURTS}),
}


class RightType(models.TextChoices):
    UTILITY_PATENT = "utility", _("Utility patent")
    DESIGN_PATENT = "design", _("Design patent")
    TRADEMARK = "trademark", _("Trademark")
    COPYRIGHT = "copyright", _("Copyright")
    TRADE_SECRET = "trade_secret", _("Trade secret")


class Stage(models.TextChoices):
    NOTICE = "notice", _("Notice or letter received")
    FILED = "filed", _("Complaint filed")
    TRO = "tro", _("TRO or preliminary injunction")
    SERVED = "served", _("Served")
    RESPONSE = "response", _("Answer or response filed")
    DISCOVERY = "discovery", _("Discovery")
    CLAIM_CONSTRUCTION = "claim_construction", _("Claim construction")
    TRIAL = "trial", _("Trial or hearing")
    APPEAL = "appeal", _("Appeal")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    DISMISSED = "dismissed", _("Dismissed")
    SETTLED = "settled", _("Settled")
    DEFAULT_JUDGMENT = "default_judgment", _("Default judgment")
    JUDGMENT_PLAINTIFF = "judgment_plaintiff", _("Judgment for the plaintiff")
    JUDGMENT_DEFENDANT = "judgment_defendant", _("Judgment for the defendant")
    WITHDRAWN = "withdrawn", _("Withdrawn by the plaintiff")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    UPDATED = "updated", _("Published; revision awaiting moderation")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ARCHIVED = "archived", _("Archived")


class VersionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Superseded by a later revision")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Currency(models.TextChoices):
    USD = "USD", _("US dollar")
    CNY = "CNY", _("Chinese yuan")
    HKD = "HKD", _("Hong Kong dollar")
    EUR = "EUR", _("Euro")
    GBP = "GBP", _("Pound sterling")
    JPY = "JPY", _("Japanese yen")
    CAD = "CAD", _("Canadian dollar")
    AUD = "AUD", _("Australian dollar")


class AmountBand(models.TextChoices):
    """Amounts are shared as bands so that an exact figure cannot identify the reporter."""

    UNDER_10K = "lt10k", _("under 10,000")
    FROM_10K = "10k", _("10,000 to 49,999")
    FROM_50K = "50k", _("50,000 to 249,999")
    FROM_250K = "250k", _("250,000 to 999,999")
    FROM_1M = "1m", _("1 million to 4.99 million")
    FROM_5M = "5m", _("5 million to 24.9 million")
    FROM_25M = "25m", _("25 million or more")


_BAND_FLOORS = (
    (Decimal(25_000_000), AmountBand.FROM_25M),
    (Decimal(5_000_000), AmountBand.FROM_5M),
    (Decimal(1_000_000), AmountBand.FROM_1M),
    (Decimal(250_000), AmountBand.FROM_250K),
    (Decimal(50_000), AmountBand.FROM_50K),
    (Decimal(10_000), AmountBand.FROM_10K),
    (Decimal(0), AmountBand.UNDER_10K),
)


def amount_band(amount: Decimal | None) -> str:
    """The band of a non-negative amount ("" for no amount)."""
    if amount is None:
        return ""
    return next(band for floor, band in _BAND_FLOORS if amount >= floor)
