"""A member's watchlist: personal criteria (a plaintiff, a patent, a law firm, a product category, a forum, a kind
of case) that, when a report is published or a campaign forms or grows, bring a notification."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Criterion(models.TextChoices):
    PLAINTIFF = "plaintiff", _("Plaintiff")
    PATENT = "patent", _("Patent")
    LAW_FIRM = "law_firm", _("Plaintiff's law firm")
    PRODUCT_CATEGORY = "product_category", _("Product category")
    FORUM = "forum", _("Forum")
    KIND = "kind", _("Kind of case")


class Watch(models.Model):
    """One criterion one user watches in one association. A plaintiff is a foreign key (every alias matches);
    every other criterion is a normalized `value` (a patent key, a law firm key, a choice code)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches")
    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    criterion = models.CharField(_("watched"), max_length=20, choices=Criterion.choices)
    plaintiff = models.ForeignKey(
        "plaintiffs.PlaintiffEntity", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.CharField(max_length=255, blank=True)
    label = models.CharField(_("name"), max_length=255)  # as shown: "US 10,123,456", the law firm as typed
    shown: str  # not a field: the label in the reader's language, set by the watchlist page for its template
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        ordering = ["criterion", "label", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(criterion="plaintiff", plaintiff__isnull=False, value=""))
                | (~Q(criterion="plaintiff") & Q(plaintiff__isnull=True) & ~Q(value="")),
                name="watch_plaintiff_or_value",
            ),
            models.UniqueConstraint(
                fields=["user", "association", "plaintiff"],
                condition=Q(criterion="plaintiff"),
                name="watch_unique_plaintiff",
            ),
            models.UniqueConstraint(
                fields=["user", "association", "criterion", "value"],
                condition=~Q(criterion="plaintiff"),
                name="watch_unique_value",
            ),
        ]
        # Matching looks watches up by what a published version or a campaign carries.
        indexes = [
            models.Index(fields=["association", "criterion", "value"]),
            models.Index(fields=["association", "plaintiff"]),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.label}"


class VersionAlert(models.Model):
    """Watchers were notified of this published version: a retried or repeated task does not notify twice."""

    version = models.OneToOneField("reports.SharedVersion", on_delete=models.CASCADE, related_name="+")
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"alert for version {self.version_id}"
