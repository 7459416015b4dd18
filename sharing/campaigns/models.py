"""The campaigns several member companies face together: the same plaintiff, the same patent, or (Schedule A) the
same plaintiff law firm in the same forum."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sharing.plaintiffs.models import PlaintiffEntity
from sharing.reports.forums import FORUM_CHOICES
from sharing.reports.models import ChoiceLabels
from sharing.reports.rights import parse_patent

if TYPE_CHECKING:
    from types import SimpleNamespace


class CampaignBasis(models.TextChoices):
    PLAINTIFF = "plaintiff", _("Same plaintiff")
    PATENT = "patent", _("Same patent")
    LAW_FIRM_FORUM = "law_firm_forum", _("Same law firm in the same forum (Schedule A)")


class Campaign(ChoiceLabels, models.Model):
    """Two or more distinct member companies facing the same plaintiff, the same patent, or (Schedule A) the same
    plaintiff law firm in the same forum within settings.CAMPAIGN_LAW_FIRM_WINDOW_DAYS.

    The server knows which reports belong to it (CampaignReport); people are only ever shown counts, and the
    names of the companies that opted in, to the other companies that opted in."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    basis = models.CharField(_("basis"), max_length=16, choices=CampaignBasis.choices)
    plaintiff = models.ForeignKey(
        PlaintiffEntity, on_delete=models.PROTECT, null=True, blank=True, related_name="campaigns"
    )
    right_key = models.CharField(_("patent"), max_length=20, blank=True)  # sharing.reports.rights.Right.key
    law_firm_key = models.CharField(max_length=255, blank=True)  # names.normalize_party_name of the firm
    law_firm = models.CharField(_("plaintiff's law firm"), max_length=255, blank=True)  # as first written
    forum = models.CharField(_("forum"), max_length=20, choices=FORUM_CHOICES, blank=True)
    company_count = models.PositiveIntegerField(_("companies"), default=0)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    first_filed = models.DateField(_("first filed"), null=True, blank=True)
    last_filed = models.DateField(_("last filed"), null=True, blank=True)
    created_at = models.DateTimeField(_("formed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last activity"), auto_now=True)
    reports = models.ManyToManyField("reports.Report", through="CampaignReport", related_name="campaigns")
    detail: "SimpleNamespace"  # not a field: what the campaign's API page adds for its serializer

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "plaintiff"],
                condition=models.Q(basis="plaintiff"),
                name="campaign_unique_plaintiff",
            ),
            models.UniqueConstraint(
                fields=["association", "right_key"],
                condition=models.Q(basis="patent"),
                name="campaign_unique_patent",
            ),
            models.UniqueConstraint(
                fields=["association", "law_firm_key", "forum"],
                condition=models.Q(basis="law_firm_forum"),
                name="campaign_unique_law_firm_forum",
            ),
        ]
        indexes = [models.Index(fields=["association", "company_count", "-updated_at"])]

    def __str__(self) -> str:
        return f"{self.get_basis_display()}: {self.subject}"

    @property
    def subject(self) -> str:
        """What the members face, in public terms: the plaintiff, the patent, or the law firm and forum."""
        if self.basis == CampaignBasis.PLAINTIFF:
            return self.plaintiff.name if self.plaintiff is not None else ""
        if self.basis == CampaignBasis.PATENT:
            return parse_patent(self.right_key).display
        return f"{self.law_firm} ({self.get_forum_display()})"


class CampaignReport(models.Model):
    """A raw report the campaign was detected from. Server-side knowledge only: never shown."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links")
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="campaign_links")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "report"], name="campaign_report_unique")]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.report_id}"


class CampaignOptIn(models.Model):
    """An affected company agreed to be named to the other companies of the campaign that opted in too."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="opt_ins")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    opted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("opted in"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign opt-in")
        verbose_name_plural = _("campaign opt-ins")
        constraints = [models.UniqueConstraint(fields=["campaign", "company"], name="campaign_opt_in_unique")]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.company_id}"
