"""REST endpoint for an association's audit trail (read-only, association admins)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.base import AssociationListAPIView
from audit.models import AuditEvent
from audit.selectors import audit_events_for
from tenancy.access import Role


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_label")

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created_at",
            "action",
            "actor",
            "actor_id",
            "target_type",
            "target_id",
            "ip_address",
            "details",
        ]
        read_only_fields = fields


class AuditQuerySerializer(serializers.Serializer):
    action = serializers.CharField(
        required=False, allow_blank=True, max_length=64, help_text=_("One action, e.g. membership.approve.")
    )


class AuditEventListView(AssociationListAPIView):
    """The association's audit trail, newest first."""

    role_map = {"GET": frozenset({Role.ASSOCIATION_ADMIN})}
    serializer_class = AuditEventSerializer
    query_serializer_class = AuditQuerySerializer

    def get_queryset(self):
        return audit_events_for(self.access, action=self.query().get("action"))
