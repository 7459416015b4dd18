"""API shapes of watches. The service validates and normalizes what is watched, so web and API say the same."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.fields import StrictCharField
from sharing.watchlists.labels import watch_label
from sharing.watchlists.models import Criterion, Watch


class WatchSerializer(serializers.ModelSerializer):
    # A declared field named "label": DRF's serializer metaclass takes it into _declared_fields, so Field.label (the
    # attribute the stubs see) is untouched.
    label = serializers.SerializerMethodField(  # type: ignore[assignment]
        help_text=_("What is watched, as shown, in your language.")
    )

    class Meta:
        model = Watch
        fields = ["id", "criterion", "value", "plaintiff", "label", "created_at"]
        read_only_fields = fields
        extra_kwargs = {
            "value": {"help_text": _("The normalized key: a patent number, a law firm key or a choice code.")},
        }

    def get_label(self, watch) -> str:
        return watch_label(watch)


class WatchInputSerializer(serializers.Serializer):
    criterion = serializers.ChoiceField(choices=Criterion.choices)
    value = StrictCharField(
        max_length=255,
        help_text=_(
            "A plaintiff's or law firm's name, a US patent number in any spelling, or a code: a product category, "
            "a forum (a district court's PACER id, itc, ptab...) or a kind of case."
        ),
    )
