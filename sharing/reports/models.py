"""A report exists twice: the raw version its company wrote (private, guardian grants) and the shared versions
built from it (anonymized, moderated). Only published shared versions are browsable; see docs/ARCHITECTURE.md."""

import functools
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from sharing.reports.choices import (
    AmountBand,
    Currency,
    Outcome,
    ReportKind,
    ReportStatus,
    RightType,
    Stage,
    VersionStatus,
)
from sharing.reports.forums import FORUM_CHOICES
from sharing.reports.products import ProductCategory
from tenancy.models import Industry

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NARRATIVE_MAX_LENGTH = 20_000


@functools.cache
def choice_labels(field) -> dict:
    return {make_hashable(value): label for value, label in field.flatchoices}


class ChoiceLabels:
    """get_<field>_display from a table built once per field. Django's own rebuilds the table on every call,
    translating every label (a forum has 104, the court names lazily composed): that dominated list pages."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(choice_labels(field).get(make_hashable(value), value), strings_only=True)


class Report(ChoiceLabels, models.Model):
    """The raw report: everything the company knows, readable only by it and those it grants."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    company = models.ForeignKey("tenancy.Company", on_delete=models.PROTECT, related_name="reports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)

    kind = models.CharField(_("kind of case"), max_length=20, choices=ReportKind.choices)
    forum = models.CharField(_("forum"), max_length=20, choices=FORUM_CHOICES)
    plaintiff = models.ForeignKey(
        "plaintiffs.PlaintiffEntity", on_delete=models.PROTECT, related_name="reports", verbose_name=_("plaintiff")
    )
    plaintiff_name = models.CharField(_("asserting party"), max_length=255)
    law_firm = models.CharField(_("plaintiff's law firm"), max_length=255, blank=True)
    rights = models.JSONField(_("rights asserted"), default=list, blank=True)
    product_category = models.CharField(_("accused product category"), max_length=20, choices=ProductCategory.choices)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    notice_received_on = models.DateField(_("notice received"), null=True, blank=True)
    filed_on = models.DateField(_("filed"), null=True, blank=True)
    served_on = models.DateField(_("served"), null=True, blank=True)
    response_due_on = models.DateField(_("response due"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.USD)
    damages_claimed = models.DecimalField(_("damages claimed"), max_digits=15, decimal_places=2, null=True, blank=True)
    settlement_amount = models.DecimalField(_("settlement"), max_digits=15, decimal_places=2, null=True, blank=True)
    frozen_funds = models.DecimalField(_("frozen funds"), max_digits=15, decimal_places=2, null=True, blank=True)
    defense_cost = models.DecimalField(_("defense cost so far"), max_digits=15, decimal_places=2, null=True, blank=True)
    docket_number = models.CharField(_("docket number"), max_length=60, blank=True)
    docket_key = models.CharField(max_length=60, blank=True, db_index=True, editable=False)
    store_names = models.JSONField(_("store names"), default=list, blank=True)
    seller_ids = models.JSONField(_("seller IDs"), default=list, blank=True)
    listing_ids = models.JSONField(_("listing IDs"), default=list, blank=True)
    product_models = models.JSONField(_("product model numbers"), default=list, blank=True)
    narrative = models.TextField(_("narrative"), max_length=NARRATIVE_MAX_LENGTH, blank=True)
    extra_redactions = models.JSONField(_("more words to redact"), default=list, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["company", "idempotency_key"], name="report_unique_idempotency_key"),
        ]
        indexes = [
            models.Index(fields=["association", "plaintiff", "status"]),
            models.Index(fields=["association", "docket_key"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.plaintiff_name}"


class ReportUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Report, on_delete=models.CASCADE)


class ReportGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Report, on_delete=models.CASCADE)


class SharedVersion(ChoiceLabels, models.Model):
    """One submitted revision of a report, anonymized. Never carries the company, its people or its identifiers;
    `report` links back for the server's own use (linking, withdrawal) and is never shown to other members."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    revision = models.PositiveIntegerField(_("revision"))
    status = models.CharField(_("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.PENDING)

    kind = models.CharField(_("kind of case"), max_length=20, choices=ReportKind.choices)
    forum = models.CharField(_("forum"), max_length=20, choices=FORUM_CHOICES)
    plaintiff = models.ForeignKey(
        "plaintiffs.PlaintiffEntity", on_delete=models.PROTECT, related_name="+", verbose_name=_("plaintiff")
    )
    law_firm = models.CharField(_("plaintiff's law firm"), max_length=255, blank=True)
    law_firm_key = models.CharField(max_length=255, blank=True, editable=False)
    rights = models.JSONField(_("rights asserted"), default=list, blank=True)
    product_category = models.CharField(_("accused product category"), max_length=20, choices=ProductCategory.choices)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    # Dates to the month (the first of it), amounts to bands.
    notice_month = models.DateField(_("notice received"), null=True, blank=True)
    filed_month = models.DateField(_("filed"), null=True, blank=True)
    served_month = models.DateField(_("served"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    damages_band = models.CharField(_("damages claimed"), max_length=6, choices=AmountBand.choices, blank=True)
    settlement_band = models.CharField(_("settlement"), max_length=6, choices=AmountBand.choices, blank=True)
    frozen_band = models.CharField(_("frozen funds"), max_length=6, choices=AmountBand.choices, blank=True)
    defense_cost_band = models.CharField(_("defense cost so far"), max_length=6, choices=AmountBand.choices, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    moderator_redactions = models.JSONField(_("moderator's redactions"), default=list, blank=True)

    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_reasons = models.JSONField(_("reasons"), default=list, blank=True)  # [{"en": ..., "zh-hans": ...}]
    # Not fields: what some pages add for their templates (reports.rights.with_right_labels, OwnDetailView).
    right_labels: "list[StrOrPromise]"
    reason_texts: list[str]
    decision_note = models.TextField(_("note"), blank=True, max_length=2000)
    search_vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only; see reports.search

    class Meta:
        verbose_name = _("shared version")
        verbose_name_plural = _("shared versions")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "revision"], name="shared_version_unique_revision"),
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(status=VersionStatus.PUBLISHED),
                name="shared_version_one_published",
            ),
        ]
        indexes = [
            models.Index(fields=["association", "status", "-published_at", "-id"]),
            models.Index(fields=["association", "status", "submitted_at"]),
            models.Index(fields=["association", "status", "plaintiff"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class SharedRight(models.Model):
    """One right asserted in a shared version, as a row so that "which reports assert US 10,123,456" is an
    index lookup."""

    version = models.ForeignKey(SharedVersion, on_delete=models.CASCADE, related_name="right_rows")
    right_type = models.CharField(_("type"), max_length=12, choices=RightType.choices)
    key = models.CharField(_("number"), max_length=20, blank=True)

    class Meta:
        indexes = [models.Index(fields=["key"]), models.Index(fields=["right_type"])]

    def __str__(self) -> str:
        return f"{self.right_type} {self.key}".strip()


class ReturnReason(models.Model):
    """A reusable, bilingual reason for returning a report to its reporter."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    text_en = models.TextField(_("text (English)"), max_length=2000)
    text_zh = models.TextField(_("text (Chinese)"), max_length=2000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("return reason")
        verbose_name_plural = _("return reasons")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title
