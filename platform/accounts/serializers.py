"""API shapes of people, invitations, partners and API keys. Parsing and rendering only: services decide."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import ApiKey, CompanyRole, Invitation, InvitationKind, PartnerOrganization, User
from api.fields import StrictCharField
from api.scopes import ApiScope
from tenancy.serializers import CompanyProfileSerializer, CompanySummarySerializer, RolesField
from tenancy.services import COMPANY_PROFILE_FIELDS


class MyAssociationSerializer(serializers.Serializer):
    """An association you can enter, with your roles there."""

    slug = serializers.SlugField(source="association.slug")
    name = serializers.CharField(source="association.name")
    roles = RolesField()


class MeSerializer(serializers.ModelSerializer):
    """Your profile. Pass `associations` (from `tenancy.selectors.associations_with_roles`) in the context."""

    company = CompanySummarySerializer(read_only=True)
    associations = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id", "email", "display_name", "preferred_language", "notification_email", "company", "company_role",
            "associations",
        ]  # fmt: skip
        read_only_fields = ["id", "email", "company", "company_role"]

    @extend_schema_field(MyAssociationSerializer(many=True))
    def get_associations(self, user):
        pairs = [{"association": association, "roles": roles} for association, roles in self.context["associations"]]
        return MyAssociationSerializer(pairs, many=True).data


class ColleagueSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "display_name", "company_role", "is_active", "date_joined"]
        read_only_fields = fields


class InvitationSerializer(serializers.ModelSerializer):
    """An invitation as its senders see it. Never the token: that goes to the invitee by e-mail only."""

    company = CompanySummarySerializer(read_only=True)
    created_by = serializers.CharField(source="created_by.display_name", read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = [
            "id",
            "kind",
            "email",
            "company",
            "company_role",
            "status",
            "created_by",
            "created_at",
            "expires_at",
            "accepted_at",
            "revoked_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=["open", "accepted", "revoked", "expired"]))
    def get_status(self, invitation):
        if invitation.accepted_at:
            return "accepted"
        if invitation.revoked_at:
            return "revoked"
        return "open" if invitation.expires_at > timezone.now() else "expired"


class InvitationCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=InvitationKind.choices,
        help_text=_("Association admins invite companies and counsel; company admins invite colleagues."),
    )
    # A plain string: the service normalizes and validates the address, with one message for web and API.
    email = StrictCharField(max_length=254)
    company_role = serializers.ChoiceField(
        choices=CompanyRole.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("For colleague invitations."),
    )


class InvitationAcceptSerializer(CompanyProfileSerializer):
    """Sign-up from an invitation. The company fields are read for company invitations only."""

    token = StrictCharField(max_length=200, help_text=_("The token from the invitation e-mail's link."))
    display_name = StrictCharField(max_length=120)
    password = StrictCharField(max_length=4096, trim_whitespace=False, write_only=True)
    preferred_language = serializers.ChoiceField(choices=settings.LANGUAGES, default="en")

    class Meta(CompanyProfileSerializer.Meta):
        fields = ["token", "display_name", "password", "preferred_language", *COMPANY_PROFILE_FIELDS]
        read_only_fields = []
        extra_kwargs = {name: {"required": False} for name in COMPANY_PROFILE_FIELDS}


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnerOrganization
        fields = ["id", "name", "contact_email", "created_at"]
        read_only_fields = ["id", "created_at"]


class ApiKeySerializer(serializers.ModelSerializer):
    """A key as listed: its prefix identifies it; neither the key nor its hash is ever shown."""

    partner = serializers.IntegerField(source="partner_id", read_only=True)
    created_by = serializers.CharField(source="created_by.display_name", read_only=True)

    class Meta:
        model = ApiKey
        fields = [
            "id",
            "partner",
            "name",
            "prefix",
            "scopes",
            "created_by",
            "created_at",
            "expires_at",
            "revoked_at",
            "last_used_at",
        ]
        read_only_fields = fields


class ApiKeyCreateSerializer(serializers.Serializer):
    name = StrictCharField(max_length=100)
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=ApiScope.choices), allow_empty=False)
    expires_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ApiKeyCreatedSerializer(ApiKeySerializer):
    """A new key, with the key itself (pass it as `key` in the context): the only time it is shown."""

    key = serializers.SerializerMethodField(help_text=_("The key itself. It is shown this once: store it now."))

    class Meta(ApiKeySerializer.Meta):
        fields = [*ApiKeySerializer.Meta.fields, "key"]
        read_only_fields = fields

    def get_key(self, api_key) -> str:
        return self.context["key"]


class PartnerWhoAmISerializer(serializers.Serializer):
    """What a partner key is (rendered from the key itself)."""

    partner = serializers.CharField(source="partner.name")
    association = serializers.SlugField(source="partner.association.slug")
    association_name = serializers.CharField(source="partner.association.name")
    prefix = serializers.CharField()
    name = serializers.CharField()
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=ApiScope.choices))
    expires_at = serializers.DateTimeField(allow_null=True)
