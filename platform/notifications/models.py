"""In-app notices. Text is rendered from `kind` and `params` in the reader's language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationEmail(models.TextChoices):
    """How often notifications are also e-mailed. Instant is the default: a response deadline can be days away,
    and a digest may hold a reminder back by a day or a week."""

    INSTANT = "instant", _("At once, one e-mail per notification")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")
    OFF = "off", _("Never")


class Notification(models.Model):
    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=64)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # False when the caller e-mails the recipient itself: the notification is then never e-mailed again.
    email = models.BooleanField(_("e-mailed per preference"), default=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "association", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class Channel(models.TextChoices):
    PUSH = "push", _("Live")
    EMAIL = "email", _("E-mail")


class Delivery(models.Model):
    """A notification went out on one channel. Claimed before sending, unique per channel: a retried task, a
    second digest run or a concurrent worker finds the claim and sends nothing."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    delivered_at = models.DateTimeField(_("delivered"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_unique_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} of notification {self.notification_id}"
