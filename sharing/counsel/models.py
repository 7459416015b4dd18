"""The counsel network of one association: law firms and their attorneys, offices and fees; members'
recommendations and reviews; the firms a defense group engages. See docs/ARCHITECTURE.md, "Counsel".

A recommendation and a review belong to a company, and nothing that shows them to anyone but that company names
it: readers see counts of companies and, past the threshold (COUNSEL_REVIEW_THRESHOLD), the anonymized texts."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from sharing.counsel.choices import FeeKind, ProposalStatus, ReviewStatus, Seniority
from sharing.reports.choices import AmountBand, Currency, Outcome, ReportKind
from sharing.reports.forums import FORUM_CHOICES
from sharing.reports.models import ChoiceLabels

RATING = [MinValueValidator(1), MaxValueValidator(5)]


class LawFirm(models.Model):
    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    practice_en = models.TextField(_("practice (English)"), max_length=4000, blank=True)
    practice_zh = models.TextField(_("practice (Chinese)"), max_length=4000, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    forums = models.JSONField(_("forums"), default=list, blank=True)
    kinds = models.JSONField(_("kinds of case"), default=list, blank=True)
    rights = models.JSONField(_("rights"), default=list, blank=True)
    industries = models.JSONField(_("technologies and industries"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Kept by the services (counsel.stats) so that the directory sorts and filters by them in one query.
    recommending_companies = models.PositiveIntegerField(default=0, editable=False)
    reviewing_companies = models.PositiveIntegerField(default=0, editable=False)
    rating = models.DecimalField(max_digits=3, decimal_places=2, null=True, editable=False)  # over companies
    search_text = models.TextField(blank=True, editable=False)  # names, attorneys, practice; see counsel.search
    search_vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only

    class Meta:
        verbose_name = _("law firm")
        verbose_name_plural = _("law firms")
        ordering = ["name_en", "id"]
        indexes = [
            # The directory's three orders (selectors.SORTS) within an association: a page is read in index order
            # and stops at its last row, whatever the filters, instead of sorting every firm (the benchmark,
            # tests/bench/test_bench_counsel.py: 7-20 ms a page at 5,000 firms, under 1 ms with these).
            models.Index(fields=["association", "name_en", "id"], name="counsel_firm_by_name"),
            models.Index(
                fields=["association", "-recommending_companies", "name_en", "id"], name="counsel_firm_by_recommended"
            ),
            models.Index(
                F("association"),
                Coalesce("rating", Value(Decimal(-1))).desc(),
                F("name_en"),
                F("id"),
                name="counsel_firm_by_rating",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en


class Office(models.Model):
    firm = models.ForeignKey(LawFirm, on_delete=models.CASCADE, related_name="offices")
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.city}, {self.country}"


class Attorney(models.Model):
    firm = models.ForeignKey(LawFirm, on_delete=models.CASCADE, related_name="attorneys")
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    seniority = models.CharField(_("seniority"), max_length=12, choices=Seniority.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    bar_admissions = models.JSONField(_("bar admissions"), default=list, blank=True)
    uspto_number = models.CharField(_("USPTO registration number"), max_length=6, blank=True)
    # The attorney's counsel user on the platform, if any: it may propose edits to the firm and be engaged.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="attorney_entries"
    )

    class Meta:
        verbose_name = _("attorney")
        verbose_name_plural = _("attorneys")
        ordering = ["name_en", "id"]
        constraints = [
            models.UniqueConstraint(fields=["firm", "user"], name="attorney_one_entry_per_user_and_firm"),
        ]

    def __str__(self) -> str:
        return self.name_en


class FeeArrangement(models.Model):
    """One of a firm's fee models: an hourly range for a seniority, a flat fee for a described service, a
    contingency percentage range, or a cap."""

    firm = models.ForeignKey(LawFirm, on_delete=models.CASCADE, related_name="fees")
    kind = models.CharField(_("fee model"), max_length=12, choices=FeeKind.choices)
    seniority = models.CharField(_("seniority"), max_length=12, choices=Seniority.choices, blank=True)
    description = models.CharField(_("what it covers"), max_length=200, blank=True)
    minimum = models.DecimalField(_("from"), max_digits=12, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(_("to"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.USD)

    class Meta:
        verbose_name = _("fee model")
        verbose_name_plural = _("fee models")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.minimum}-{self.maximum}"


class Proposal(models.Model):
    """A firm's counsel proposes changes to its entry; a moderator applies or rejects them."""

    firm = models.ForeignKey(LawFirm, on_delete=models.CASCADE, related_name="proposals")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changes = models.JSONField(_("changes"))  # field name -> proposed value, the firm form's fields only
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus.choices, default="pending")
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.firm} #{self.pk}"


class Recommendation(ChoiceLabels, models.Model):
    """A member company recommends a firm for a kind of case in a forum. Shown only as a count of companies."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    firm = models.ForeignKey(LawFirm, on_delete=models.CASCADE, related_name="recommendations")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of case"), max_length=20, choices=ReportKind.choices)
    forum = models.CharField(_("forum"), max_length=20, choices=FORUM_CHOICES)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["firm", "company", "kind", "forum"], name="recommendation_once_per_company_kind_forum"
            ),
        ]
        indexes = [models.Index(fields=["association", "kind", "forum"])]

    def __str__(self) -> str:
        return f"{self.firm}: {self.kind} {self.forum}"


class Review(ChoiceLabels, models.Model):
    """A company's review of a firm for work on one of its own reports. `text` is the company's, private;
    `shared_text` is what readers see, anonymized and moderated like a report's narrative."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    firm = models.ForeignKey(LawFirm, on_delete=models.CASCADE, related_name="reviews")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    responsiveness = models.PositiveSmallIntegerField(_("responsiveness"), validators=RATING)
    expertise = models.PositiveSmallIntegerField(_("expertise"), validators=RATING)
    cost_control = models.PositiveSmallIntegerField(_("cost control"), validators=RATING)
    communication = models.PositiveSmallIntegerField(_("communication"), validators=RATING)
    # From the report when the review was written: the outcome counts of "firms that handled cases like this".
    kind = models.CharField(_("kind of case"), max_length=20, choices=ReportKind.choices)
    forum = models.CharField(_("forum"), max_length=20, choices=FORUM_CHOICES)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    cost_band = models.CharField(_("what it cost"), max_length=6, choices=AmountBand.choices, blank=True)
    text = models.TextField(_("review"), max_length=5000, blank=True)
    shared_text = models.TextField(_("review as shared"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default="pending")
    submitted_at = models.DateTimeField(_("submitted"), auto_now=True)
    published_month = models.DateField(_("published"), null=True, blank=True)  # the month only, as reports'
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("note to the reviewer"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-published_month", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "firm", "report"],
                condition=~models.Q(status="withdrawn"),
                name="review_once_per_company_firm_report",
            ),
        ]
        indexes = [
            models.Index(fields=["firm", "status"]),
            models.Index(fields=["association", "status", "forum", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.firm} #{self.pk}"


class Reply(models.Model):
    """The firm's one answer to a review, moderated. Its author sees the review's shared text, never who wrote it."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="reply")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reply"), max_length=3000)
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default="pending")
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.review} reply"


class Engagement(models.Model):
    """A defense group engages a firm: the record the cost sharing bills against."""

    group = models.ForeignKey("defense.DefenseGroup", on_delete=models.CASCADE, related_name="engagements")
    firm = models.ForeignKey(LawFirm, on_delete=models.PROTECT, related_name="engagements")
    scope = models.TextField(_("scope"), max_length=2000)
    fee_arrangement = models.TextField(_("fee arrangement"), max_length=2000)
    started_on = models.DateField(_("start date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    ended_on = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.firm} for {self.group}"
