"""API shapes of webhook subscriptions and their delivery log. The services validate (URL, events), so the
messages are the same wherever a subscription is made."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.fields import StrictCharField
from sharing.webhooks.models import SUBSCRIBABLE, Delivery, Subscription


class SubscriptionSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField(help_text=_("“partner” or “company”."))
    secret_hint = serializers.SerializerMethodField(
        help_text=_("The start of the current secret; the whole secret is shown only when created or rotated.")
    )

    class Meta:
        model = Subscription
        fields = [
            "id", "url", "description", "events", "owner", "enabled", "disabled_reason", "disabled_at",
            "consecutive_failures", "secret_hint", "previous_secret_expires_at", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_owner(self, subscription) -> str:
        return "partner" if subscription.partner_id else "company"

    def get_secret_hint(self, subscription) -> str:
        return subscription.secret[:10] + "…"


class SubscriptionWithSecretSerializer(SubscriptionSerializer):
    secret = serializers.SerializerMethodField(help_text=_("The signing secret (whsec_…): shown this once."))

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]
        read_only_fields = fields

    def get_secret(self, subscription) -> str:
        return self.context["secret"]


def _events(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=StrictCharField(max_length=100),
        max_length=len(SUBSCRIBABLE),
        help_text=_(
            "Event types, from: report.published, report.updated, report.withdrawn, campaign.formed, campaign.grown."
        ),
        **kwargs,
    )


class SubscriptionInputSerializer(serializers.Serializer):
    url = StrictCharField(max_length=2000, help_text=_("Your endpoint: https, on a public address."))
    events = _events()
    description = StrictCharField(max_length=200, required=False, allow_blank=True, default="")


class SubscriptionUpdateSerializer(serializers.Serializer):
    """What is given changes; what is left out stays."""

    url = StrictCharField(max_length=2000, required=False)
    events = _events(required=False)
    description = StrictCharField(max_length=200, required=False, allow_blank=True)


class DeliverySerializer(serializers.ModelSerializer):
    event_id = serializers.CharField(source="event.msg_id", read_only=True, help_text=_("The webhook-id header."))
    event_type = serializers.CharField(source="event.type", read_only=True)

    class Meta:
        model = Delivery
        fields = [
            "id", "event_id", "event_type", "attempt", "manual", "status", "scheduled_at", "sent_at",
            "response_code", "duration_ms", "error", "next_attempt_at",
        ]  # fmt: skip
        read_only_fields = fields
