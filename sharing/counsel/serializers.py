"""What the counsel endpoints read and write. Readers see firms, counts of companies and (past the threshold)
ratings and anonymized review texts, never a company; a company sees its own recommendations and reviews."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import IdField
from sharing.counsel.choices import BAR_ADMISSIONS, FORUMS, INDUSTRIES, KINDS, LANGUAGES, RATING_FIELDS, RIGHTS
from sharing.counsel.models import Attorney, Engagement, FeeArrangement, LawFirm, Office, Recommendation, Review
from sharing.counsel.selectors import review_threshold
from sharing.reports.serializers import RedactionSerializer


def _codes(vocabulary, **kwargs) -> serializers.ListField:
    return serializers.ListField(child=serializers.ChoiceField(choices=list(vocabulary.items())), **kwargs)


class OfficeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Office
        fields = ["city", "country"]


class AttorneySerializer(serializers.ModelSerializer):
    languages = _codes(LANGUAGES)
    bar_admissions = _codes(BAR_ADMISSIONS, help_text=_("“bar-ca” (a state bar), “court-ilnd” (a federal court)."))

    class Meta:
        model = Attorney
        fields = ["name_en", "name_zh", "seniority", "email", "languages", "bar_admissions", "uspto_number"]


class FeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeeArrangement
        fields = ["kind", "seniority", "description", "minimum", "maximum", "currency"]


class FirmSerializer(serializers.ModelSerializer):
    """A firm of the directory. `reviewing_companies` and `rating` are null until enough companies reviewed it."""

    forums = _codes(FORUMS)
    kinds = _codes(KINDS)
    rights = _codes(RIGHTS)
    industries = _codes(INDUSTRIES)
    languages = _codes(LANGUAGES)
    offices = OfficeSerializer(many=True, read_only=True)
    verified = serializers.SerializerMethodField()
    retired = serializers.SerializerMethodField()
    reviews_shown = serializers.SerializerMethodField(
        help_text=_("Whether enough companies reviewed the firm for its ratings and reviews to be shown.")
    )
    reviewing_companies = serializers.SerializerMethodField()
    rating = serializers.DecimalField(max_digits=3, decimal_places=2, read_only=True, allow_null=True)

    class Meta:
        model = LawFirm
        fields = [
            "id", "name_en", "name_zh", "forums", "kinds", "rights", "industries", "languages", "offices",
            "verified", "verified_at", "retired", "recommending_companies", "reviews_shown", "reviewing_companies",
            "rating",
        ]  # fmt: skip
        read_only_fields = fields

    def get_verified(self, firm) -> bool:
        return firm.verified_at is not None

    def get_retired(self, firm) -> bool:
        return firm.retired_at is not None

    def get_reviews_shown(self, firm) -> bool:
        return firm.reviewing_companies >= review_threshold()

    @extend_schema_field(OpenApiTypes.INT)
    def get_reviewing_companies(self, firm) -> int | None:
        return firm.reviewing_companies if self.get_reviews_shown(firm) else None


class RecommendationCountSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(KINDS.items()))
    forum = serializers.ChoiceField(choices=list(FORUMS.items()))
    companies = serializers.IntegerField(help_text=_("How many member companies recommend the firm for this."))


class RatingsSerializer(serializers.Serializer):
    responsiveness = serializers.FloatField()
    expertise = serializers.FloatField()
    cost_control = serializers.FloatField()
    communication = serializers.FloatField()


class FirmDetailSerializer(FirmSerializer):
    """The whole entry; pass `recommendations` (recommendation counts) and `ratings` (or None) in the context."""

    attorneys = AttorneySerializer(many=True, read_only=True)
    fees = FeeSerializer(many=True, read_only=True)
    recommendations = serializers.SerializerMethodField()
    ratings = serializers.SerializerMethodField(help_text=_("Averaged over companies; null below the threshold."))

    class Meta(FirmSerializer.Meta):
        fields = [
            *FirmSerializer.Meta.fields, "practice_en", "practice_zh", "website", "email", "phone", "attorneys",
            "fees", "recommendations", "ratings",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(RecommendationCountSerializer(many=True))
    def get_recommendations(self, firm):
        return RecommendationCountSerializer(self.context["recommendations"], many=True).data

    @extend_schema_field(RatingsSerializer(allow_null=True))
    def get_ratings(self, firm):
        ratings = self.context["ratings"]
        return None if ratings is None else RatingsSerializer(ratings).data


class FirmInputSerializer(serializers.Serializer):
    """A firm's own fields (moderators and association admins); lists of codes are checked by the service."""

    name_en = serializers.CharField(required=False, allow_blank=True)
    name_zh = serializers.CharField(required=False, allow_blank=True)
    practice_en = serializers.CharField(required=False, allow_blank=True)
    practice_zh = serializers.CharField(required=False, allow_blank=True)
    website = serializers.CharField(required=False, allow_blank=True)
    email = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    forums = serializers.ListField(child=serializers.CharField(), required=False)
    kinds = serializers.ListField(child=serializers.CharField(), required=False)
    rights = serializers.ListField(child=serializers.CharField(), required=False)
    industries = serializers.ListField(child=serializers.CharField(), required=False)
    languages = serializers.ListField(child=serializers.CharField(), required=False)


class FlagSerializer(serializers.Serializer):
    value = serializers.BooleanField(default=True, help_text=_("False takes it back."))


class DirectoryQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, help_text=_("Words of the names or the practice."))
    forum = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.CharField(required=False, allow_blank=True)
    right = serializers.CharField(required=False, allow_blank=True)
    language = serializers.CharField(required=False, allow_blank=True)
    fee_kind = serializers.CharField(required=False, allow_blank=True)
    verified = serializers.BooleanField(required=False, allow_null=True, default=None)
    sort = serializers.ChoiceField(
        choices=[("name", _("Name")), ("recommendations", _("Recommendations")), ("rating", _("Rating"))],
        required=False,
        default="name",
    )


class RecommendationInputSerializer(serializers.Serializer):
    kind = serializers.CharField()
    forum = serializers.CharField()


class OwnRecommendationSerializer(serializers.ModelSerializer):
    firm_name = serializers.CharField(source="firm.name_en", read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "firm", "firm_name", "kind", "forum", "created_at"]
        read_only_fields = fields


class PublishedReviewSerializer(serializers.ModelSerializer):
    """A published review as every reader sees it: ratings, cost band, the anonymized text, the month, the firm's
    published reply. No kind, forum or outcome of its own (those are shown only as counts)."""

    text = serializers.CharField(source="shared_text", read_only=True)
    published = serializers.DateField(source="published_month", format="%Y-%m", read_only=True)
    reply = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", *RATING_FIELDS, "cost_band", "text", "published", "reply"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_reply(self, review) -> str | None:
        reply = getattr(review, "reply", None)
        return reply.text if reply is not None and reply.status == "published" else None


class ReviewInputSerializer(serializers.Serializer):
    """Ratings are whole numbers from 1 to 5 (the service says so in the caller's language)."""

    report = IdField(help_text=_("One of your company's reports: the case the firm worked on."))
    responsiveness = serializers.JSONField()
    expertise = serializers.JSONField()
    cost_control = serializers.JSONField()
    communication = serializers.JSONField()
    cost_band = serializers.CharField(required=False, allow_blank=True)
    text = serializers.CharField(required=False, allow_blank=True)


class ReviewPreviewSerializer(serializers.Serializer):
    text = serializers.CharField(help_text=_("The review as others would read it."))
    # A declared field named "source" (as the reports' preview): Field.source, the attribute the stubs see, is
    # untouched.
    source = serializers.CharField(  # type: ignore[assignment]
        help_text=_("Your text as the anonymizer read it (NFKC).")
    )
    redactions = RedactionSerializer(many=True)


class OwnReviewSerializer(serializers.ModelSerializer):
    """Your company's review, every status, with the text you wrote and the text others read."""

    firm_name = serializers.CharField(source="firm.name_en", read_only=True)

    class Meta:
        model = Review
        fields = [
            "id", "firm", "firm_name", "report", *RATING_FIELDS, "cost_band", "text", "shared_text", "status",
            "decision_note", "submitted_at", "published_month",
        ]  # fmt: skip
        read_only_fields = fields


class ModeratedReviewSerializer(serializers.ModelSerializer):
    """A review awaiting a moderator: the text as it would be shared (moderators, like reports' moderators, never
    see what the anonymizer took out, nor the company)."""

    firm_name = serializers.CharField(source="firm.name_en", read_only=True)

    class Meta:
        model = Review
        fields = ["id", "firm", "firm_name", *RATING_FIELDS, "cost_band", "shared_text", "submitted_at"]
        read_only_fields = fields


class ReviewDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True)
    redactions = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=_("More words to redact before publishing.")
    )


class ReplyInputSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)


class EngagementSerializer(serializers.ModelSerializer):
    firm_name = serializers.CharField(source="firm.name_en", read_only=True)

    class Meta:
        model = Engagement
        fields = ["id", "firm", "firm_name", "scope", "fee_arrangement", "started_on", "ended_on", "created_at"]
        read_only_fields = fields


class EngagementInputSerializer(serializers.Serializer):
    firm = IdField()
    scope = serializers.CharField(allow_blank=True)
    fee_arrangement = serializers.CharField(allow_blank=True)
    started_on = serializers.DateField(allow_null=True)
    counsel = serializers.ListField(
        child=IdField(), required=False, help_text=_("Counsel users of the firm to invite.")
    )
