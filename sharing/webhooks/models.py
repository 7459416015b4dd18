"""Signed webhooks (Standard Webhooks): a partner's or a company's subscriptions, the events announced, and each
attempt to deliver one event to one subscription (the delivery log its owner reads)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    REPORT_PUBLISHED = "report.published", _("A report was published")
    REPORT_UPDATED = "report.updated", _("A published report was revised")
    REPORT_WITHDRAWN = "report.withdrawn", _("A published report was withdrawn")
    CAMPAIGN_FORMED = "campaign.formed", _("A campaign formed")
    CAMPAIGN_GROWN = "campaign.grown", _("A campaign grew")
    TEST = "webhook.test", _("Test event")


# What a subscription may list (the test event is sent on request, to one subscription).
SUBSCRIBABLE = [value for value in EventType.values if value != EventType.TEST]


class DisabledReason(models.TextChoices):
    NONE = "", _("Enabled")
    FAILURES = "failures", _("Deliveries kept failing")
    GONE = "gone", _("The endpoint answered 410 Gone")


class Subscription(models.Model):
    """Where one partner organization or one company (exactly one) wants which events, signed with its secret.

    During a rotation the previous secret stays valid until `previous_secret_expires_at`, and every delivery
    carries a signature made with each valid secret."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        "accounts.PartnerOrganization", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    url = models.CharField(_("URL"), max_length=2000)
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(max_length=80, editable=False)
    previous_secret = models.CharField(max_length=80, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    enabled = models.BooleanField(_("enabled"), default=True)
    disabled_reason = models.CharField(max_length=10, choices=DisabledReason.choices, blank=True, default="")
    disabled_at = models.DateTimeField(_("disabled"), null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("consecutive failures"), default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by_key = models.ForeignKey(
        "accounts.ApiKey", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner__isnull=False, company__isnull=True)
                | Q(partner__isnull=True, company__isnull=False),
                name="webhook_partner_or_company",
            ),
        ]
        indexes = [models.Index(fields=["association", "enabled"])]

    def __str__(self) -> str:
        return self.url


class Event(models.Model):
    """One announced event: its Standard Webhooks message id (`webhook-id`, the same on every retry), type, time
    and the JSON payload sent, `{"type", "timestamp", "data"}`."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    msg_id = models.CharField(max_length=40, unique=True, editable=False)
    type = models.CharField(_("event"), max_length=30, choices=EventType.choices)
    payload = models.JSONField()
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.type} {self.msg_id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Delivery(models.Model):
    """One attempt to deliver one event to one subscription. A failed attempt with retries left schedules the
    next one (`next_attempt_at`, a new pending row); a manual redelivery is one more attempt."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    attempt = models.PositiveIntegerField(_("attempt"), default=1)
    manual = models.BooleanField(_("manual"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices, default="pending")
    scheduled_at = models.DateTimeField(_("scheduled"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    response_code = models.PositiveIntegerField(_("response code"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "scheduled_at"])]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.subscription_id} #{self.attempt}"
