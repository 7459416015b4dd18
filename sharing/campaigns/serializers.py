"""Campaigns and plaintiff entities as the API shows them: counts and public facts, never a reporting company
(the opted-in companies' names go only to a company that opted in, as on the web page)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import IdField, StrictCharField
from sharing.campaigns.models import Campaign
from sharing.plaintiffs.models import PlaintiffAlias, PlaintiffEntity
from sharing.reports.forums import FORUM_CHOICES
from sharing.reports.rights import parse_patent
from sharing.reports.serializers import PlaintiffSerializer
from tenancy.models import Company


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{4}-\d{2}$", "nullable": True, "readOnly": True, "example": "2026-03"}
)
class _MonthOnly(serializers.DateField):
    """A filing date as the shared versions give it: the month only ("2026-03")."""

    def to_representation(self, value):
        return value.strftime("%Y-%m") if value else None


class CampaignSerializer(serializers.ModelSerializer):
    basis_label = serializers.CharField(source="get_basis_display", read_only=True)
    subject = serializers.CharField(read_only=True, help_text=_("What the companies face, in public terms."))
    plaintiff = PlaintiffSerializer(read_only=True, allow_null=True)
    patent = serializers.SerializerMethodField(help_text=_("As a US document prints it, for a patent campaign."))
    forum = serializers.ChoiceField(
        choices=FORUM_CHOICES, read_only=True, allow_blank=True, help_text=_("Empty unless the basis is a forum.")
    )
    forum_label = serializers.CharField(source="get_forum_display", read_only=True)
    first_filed = _MonthOnly(read_only=True)
    last_filed = _MonthOnly(read_only=True)
    affected = serializers.BooleanField(read_only=True, help_text=_("Whether your company faces this."))
    opted_in = serializers.BooleanField(read_only=True, help_text=_("Whether your company opted in."))

    class Meta:
        model = Campaign
        fields = [
            "id", "basis", "basis_label", "subject", "plaintiff", "patent", "law_firm", "forum", "forum_label",
            "company_count", "report_count", "first_filed", "last_filed", "created_at", "updated_at", "affected",
            "opted_in",
        ]  # fmt: skip
        read_only_fields = fields

    def get_patent(self, campaign) -> str | None:
        return parse_patent(campaign.right_key).display if campaign.right_key else None


class CountSerializer(serializers.Serializer):
    # A declared field named "label": DRF's serializer metaclass takes it into _declared_fields, so Field.label (the
    # attribute the stubs see) is untouched.
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class OptedInCompanySerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "legal_name_en", "legal_name_zh"]
        read_only_fields = fields


class CampaignDetailSerializer(CampaignSerializer):
    forums = CountSerializer(many=True, read_only=True, source="detail.forums")
    outcomes = CountSerializer(many=True, read_only=True, source="detail.outcomes")
    patents = serializers.ListField(child=serializers.CharField(), read_only=True, source="detail.patents")
    groups = serializers.ListField(
        child=serializers.CharField(), read_only=True, source="detail.groups", help_text=_("Listed groups' names.")
    )
    companies = OptedInCompanySerializer(
        many=True,
        read_only=True,
        source="detail.companies",
        help_text=_("The companies that opted in: only for a company that opted in itself; empty otherwise."),
    )

    class Meta(CampaignSerializer.Meta):
        fields = [*CampaignSerializer.Meta.fields, "forums", "outcomes", "patents", "groups", "companies"]
        read_only_fields = fields


class CampaignGroupSerializer(serializers.Serializer):
    name = StrictCharField(trim_whitespace=False)
    description = StrictCharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    listed = serializers.BooleanField(required=False, default=False)
    agreement_text = StrictCharField(required=False, allow_blank=True, default="", trim_whitespace=False)


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlaintiffAlias
        fields = ["id", "name"]
        read_only_fields = fields


class ModeratedPlaintiffSerializer(serializers.ModelSerializer):
    aliases = AliasSerializer(many=True, read_only=True)

    class Meta:
        model = PlaintiffEntity
        fields = ["id", "name", "classification", "aliases"]
        read_only_fields = fields


class MergeSerializer(serializers.Serializer):
    target = IdField(help_text=_("The plaintiff this one is merged into."))


class SplitSerializer(serializers.Serializer):
    aliases = serializers.ListField(child=IdField(), allow_empty=True, help_text=_("Ids of the names to split off."))
