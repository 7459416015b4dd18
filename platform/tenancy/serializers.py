"""API shapes of associations, companies, memberships and roles. Parsing and rendering only: services decide."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import StrictCharField
from audit.models import AuditEvent
from tenancy.access import Role
from tenancy.models import AssociationRole, AssociationRoleKind, Company, Membership, MembershipStatus
from tenancy.selectors import moderator_candidates
from tenancy.services import COMPANY_PROFILE_FIELDS, MEMBERSHIP_DECISIONS


class RolesField(serializers.ListField):
    """A caller's roles in an association, sorted so answers are stable."""

    child = serializers.ChoiceField(choices=[role.value for role in Role])

    def to_representation(self, data):
        return sorted(str(role) for role in data)


class AssociationProfileSerializer(serializers.Serializer):
    """An association as the caller sees it (rendered from an `Access`)."""

    slug = serializers.SlugField(source="association.slug")
    name = serializers.CharField(source="association.name")
    default_language = serializers.ChoiceField(source="association.default_language", choices=settings.LANGUAGES)
    counsel_open_to_partners = serializers.BooleanField(
        source="association.counsel_open_to_partners",
        help_text=_("Whether partner keys with the “counsel:read” scope may read the counsel directory."),
    )
    roles = RolesField(help_text=_("Your roles in this association; partner keys have “partner”."))


class AssociationSettingsSerializer(serializers.Serializer):
    """What the association's admins decide for it."""

    counsel_open_to_partners = serializers.BooleanField(
        required=False,
        help_text=_("Open the counsel directory's current firms to partner keys with the “counsel:read” scope."),
    )


class CompanySummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "legal_name_en", "legal_name_zh"]


def _identity_list(help_text) -> serializers.ListField:
    # Types only; the service trims, de-duplicates, limits lengths and checks domains (one rule for web and API).
    return serializers.ListField(
        child=StrictCharField(allow_blank=True, trim_whitespace=False), required=False, help_text=help_text
    )


class CompanyProfileSerializer(serializers.ModelSerializer):
    """The names the anonymizer redacts from shared reports, and the company's industry and size."""

    aliases = _identity_list(_("Other names the company is known by."))
    trademarks = _identity_list(_("Trademarks and brands."))
    store_names = _identity_list(_("Online store names (Amazon, Walmart, Temu…)."))
    web_domains = _identity_list(_("Web domains such as example.com."))

    class Meta:
        model = Company
        fields = ["id", *COMPANY_PROFILE_FIELDS]
        read_only_fields = ["id"]


class MembershipSerializer(serializers.ModelSerializer):
    company = CompanySummarySerializer()
    decided_by = serializers.CharField(source="decided_by.display_name", allow_null=True, default=None)

    class Meta:
        model = Membership
        fields = ["id", "company", "status", "note", "created_at", "decided_at", "decided_by"]
        read_only_fields = fields


class MembershipQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=MembershipStatus.choices, required=False, allow_blank=True)


class MembershipDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=MEMBERSHIP_DECISIONS)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class RoleHolderSerializer(serializers.ModelSerializer):
    company = serializers.CharField(source="company.legal_name_en", allow_null=True, default=None)

    class Meta:
        model = get_user_model()
        fields = ["id", "display_name", "email", "company"]


class AssociationRoleSerializer(serializers.ModelSerializer):
    user = RoleHolderSerializer()

    class Meta:
        model = AssociationRole
        fields = ["id", "role", "user", "created_at"]
        read_only_fields = fields


class RoleQuerySerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=AssociationRoleKind.choices, required=False, allow_blank=True)


@extend_schema_field(OpenApiTypes.INT)
class _ModeratorCandidateField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": _("Choose an active user of one of this association's member companies."),
    }

    def get_queryset(self):
        return moderator_candidates(self.context["view"].access)


class RoleAppointSerializer(serializers.Serializer):
    user_id = _ModeratorCandidateField()
    role = serializers.ChoiceField(choices=[(AssociationRoleKind.MODERATOR, AssociationRoleKind.MODERATOR.label)])


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
