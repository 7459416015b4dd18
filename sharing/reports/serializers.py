"""API shapes of reports. Parsing and rendering only: the services validate what a report must satisfy (rights,
dates, amounts, narrative length), so the web form and the API give the same messages.

Three audiences, three shapes: the reporting company reads its raw report (`OwnReport*`); every other reader gets
the shared version (`PublishedReport`), which carries nothing that identifies the reporter (no report id, company,
user, docket number, store, seller or listing id); moderators get the shared version plus their redactions.
"""

from typing import Any

from django.db.models import Model
from django.utils import timezone, translation
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import StrictCharField
from sharing.plaintiffs.models import PlaintiffClass, PlaintiffEntity
from sharing.reports import selectors
from sharing.reports.choices import AmountBand, Currency, Outcome, ReportKind, RightType, Stage
from sharing.reports.forums import FORUM_CHOICES
from sharing.reports.models import Report, ReturnReason, SharedVersion, choice_labels
from sharing.reports.products import ProductCategory
from sharing.reports.services import RIGHTS_INPUT
from sharing.reports.validation import LIST_FIELDS
from tenancy.access import NoAccess
from tenancy.models import Industry

# Input -----------------------------------------------------------------------------------------------------


def _texts(help_text) -> serializers.ListField:
    # Types only; the service trims, de-duplicates and limits counts and lengths (one rule for web and API).
    return serializers.ListField(
        child=StrictCharField(allow_blank=True, trim_whitespace=False),
        required=False,
        default=list,
        help_text=help_text,
    )


def _date(help_text) -> serializers.DateField:
    return serializers.DateField(required=False, allow_null=True, default=None, help_text=help_text)


def _amount(help_text) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=15, decimal_places=2, required=False, allow_null=True, default=None, help_text=help_text
    )


class ReportInputSerializer(serializers.Serializer):
    """A complete report, as created or as it replaces the saved one: a field left out takes its default
    (empty, none or false), it does not keep its earlier value."""

    kind = serializers.ChoiceField(choices=ReportKind.choices)
    forum = serializers.ChoiceField(
        choices=FORUM_CHOICES, help_text=_("A district court's PACER id (txed), itc, ptab, cbp, a platform or none.")
    )
    plaintiff_name = StrictCharField(max_length=255, help_text=_("The asserting party, as the complaint names it."))
    law_firm = StrictCharField(max_length=255, required=False, allow_blank=True, default="")
    patents = _texts(_("US patent numbers in any spelling: “US 10,123,456 B2”, “10123456”, “D765,432”."))
    trademarks = _texts(_("US trademark registration numbers."))
    copyright = serializers.BooleanField(required=False, default=False)
    trade_secret = serializers.BooleanField(required=False, default=False)
    product_category = serializers.ChoiceField(choices=ProductCategory.choices)
    industry = serializers.ChoiceField(choices=Industry.choices)
    notice_received_on = _date(_("Not in the future."))
    filed_on = _date(_("Not in the future."))
    served_on = _date(_("Not in the future, nor before the filing."))
    response_due_on = _date(_("Not before service (or the filing)."))
    stage = serializers.ChoiceField(choices=Stage.choices)
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False, default=Outcome.PENDING)
    currency = serializers.ChoiceField(choices=Currency.choices, required=False, default=Currency.USD)
    damages_claimed = _amount(_("Zero or more, as a string: “2500000.00”."))
    settlement_amount = _amount(_("Zero or more."))
    frozen_funds = _amount(_("Zero or more."))
    defense_cost = _amount(_("Zero or more."))
    docket_number = StrictCharField(max_length=60, required=False, allow_blank=True, default="")
    store_names = _texts(_("Your store names: never shared, redacted from the narrative."))
    seller_ids = _texts(_("Never shared, redacted from the narrative."))
    listing_ids = _texts(_("ASINs and other listing ids: never shared, redacted from the narrative."))
    product_models = _texts(_("Model numbers: never shared, redacted from the narrative."))
    extra_redactions = _texts(_("Any other words to replace by [REDACTED] in the shared narrative."))
    narrative = StrictCharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text=_("Free text in either language, up to 20,000 characters; shared after redaction."),
    )


@extend_schema_field(OpenApiTypes.INT)
class _OwnReportField(serializers.IntegerField):
    """One of the caller's company's reports that the caller may change (anything else is a field error)."""

    default_error_messages = {"does_not_exist": _("Choose one of your company's reports.")}

    def to_internal_value(self, data):
        try:
            return selectors.get_own_report(
                self.context["view"].access, super().to_internal_value(data), "change_report"
            )
        except NoAccess:
            self.fail("does_not_exist")


class ReportPreviewInputSerializer(ReportInputSerializer):
    report = _OwnReportField(
        required=False, help_text=_("Preview changes to this report of yours instead of a new one.")
    )


@extend_schema_field(OpenApiTypes.INT)
class _ReturnReasonField(serializers.IntegerField):
    default_error_messages = {"does_not_exist": _("Choose one of this association's return reasons.")}

    def to_internal_value(self, data):
        try:
            return selectors.get_return_reason(self.context["view"].access, super().to_internal_value(data))
        except NoAccess:
            self.fail("does_not_exist")


class ModerationDecisionSerializer(serializers.Serializer):
    """What each decision reads: approve nothing; return `reasons` and/or `note`; reject `note`; redact `terms`."""

    reasons = serializers.ListField(
        child=_ReturnReasonField(), required=False, default=list, max_length=20, help_text=_("Return reason ids.")
    )
    note = StrictCharField(required=False, allow_blank=True, default="", max_length=2000)
    terms = _texts(_("Words or phrases to replace by [REDACTED] in this and later revisions."))
    classification = serializers.ChoiceField(
        choices=PlaintiffClass.choices,
        required=False,
        help_text=_("For `classify`: what kind of party the plaintiff is."),
    )


# Output ----------------------------------------------------------------------------------------------------


class PlaintiffSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlaintiffEntity
        fields = ["id", "name", "classification"]
        read_only_fields = fields


class PlaintiffQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text=_("What was typed of the party's name.")
    )


class RightSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=RightType.choices)
    key = serializers.CharField(
        help_text=_("Normalized number (“10123456”, “D765432”, “TM5123456”); empty for the rest.")
    )
    display = serializers.CharField(help_text=_("As a US document prints it: “US 10,123,456”."))


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2026-03"})
class _MonthField(serializers.DateField):
    """Shared dates are generalized to the month."""

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", read_only=True, allow_null=True, **kwargs)


class _BandField(serializers.ChoiceField):
    """An amount shared as its band; null when there is no amount."""

    def __init__(self, **kwargs):
        super().__init__(choices=AmountBand.choices, read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


@extend_schema_field(OpenApiTypes.DATE)
class _DayField(serializers.DateField):
    """A moment shown as its day in the site's time zone."""

    def to_representation(self, value):
        return super().to_representation(timezone.localdate(value))


@extend_schema_field(OpenApiTypes.STR)
class _LabelField(serializers.Field):
    """A choice field's label in the reader's language, from the model's cached choice table (reading
    get_<field>_display through DRF inspects the method's signature on every row)."""

    parent: "serializers.ModelSerializer[Any]"  # the model serializer declaring it: its Meta.model has the field
    source: str  # the field's name

    def __init__(self, name: str, **kwargs):
        super().__init__(source=name, read_only=True, help_text=_("In your language."), **kwargs)

    def to_representation(self, value):
        # The field serves every row of one request, in one language: each label is translated once.
        shown = self.__dict__.setdefault("shown", {})
        key = make_hashable(value)
        if key not in shown:
            model: type[Model] = self.parent.Meta.model
            shown[key] = str(choice_labels(model._meta.get_field(self.source)).get(key, value))
        return shown[key]


def _label(name: str) -> _LabelField:
    return _LabelField(name)


class PublishedReportSerializer(serializers.ModelSerializer):
    """A shared version: the intelligence, without anything that identifies the reporter."""

    kind_label = _label("kind")
    forum_label = _label("forum")
    plaintiff: serializers.ModelSerializer = PlaintiffSerializer(read_only=True)  # the preview's is another
    rights = RightSerializer(many=True, read_only=True)
    product_category_label = _label("product_category")
    industry_label = _label("industry")
    stage_label = _label("stage")
    outcome_label = _label("outcome")
    notice_month = _MonthField()
    filed_month = _MonthField()
    served_month = _MonthField()
    damages_band = _BandField()
    settlement_band = _BandField()
    frozen_band = _BandField()
    defense_cost_band = _BandField()
    published_on = _DayField(source="published_at", read_only=True, allow_null=True)

    class Meta:
        model = SharedVersion
        fields = [
            "id",
            "revision",
            "kind",
            "kind_label",
            "forum",
            "forum_label",
            "plaintiff",
            "law_firm",
            "rights",
            "product_category",
            "product_category_label",
            "industry",
            "industry_label",
            "stage",
            "stage_label",
            "outcome",
            "outcome_label",
            "notice_month",
            "filed_month",
            "served_month",
            "currency",
            "damages_band",
            "settlement_band",
            "frozen_band",
            "defense_cost_band",
            "narrative",
            "published_on",
        ]
        read_only_fields = fields


class PublishedReportDetailSerializer(PublishedReportSerializer):
    """Pass the similar versions (`selectors.similar_versions`) as `similar` in the context."""

    similar = serializers.SerializerMethodField(help_text=_("Same plaintiff, or one of the same patents or marks."))

    class Meta(PublishedReportSerializer.Meta):
        fields = [*PublishedReportSerializer.Meta.fields, "similar"]
        read_only_fields = fields

    @extend_schema_field(PublishedReportSerializer(many=True))
    def get_similar(self, version):
        return PublishedReportSerializer(self.context["similar"], many=True, context=self.context).data


class ModerationVersionSerializer(PublishedReportSerializer):
    """A pending revision as moderators see it: the shared version, never the raw report or its company."""

    class Meta(PublishedReportSerializer.Meta):
        fields = [*PublishedReportSerializer.Meta.fields, "submitted_at", "moderator_redactions"]
        read_only_fields = fields


class RedactionSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    placeholder = serializers.CharField(help_text=_("[MEMBER], [PERSON], [EMAIL], [URL], [PHONE]…"))
    text = serializers.CharField(help_text=_("The redacted piece of `source`."))


class PreviewPlaintiffSerializer(serializers.ModelSerializer):
    """No id: a name typed for the first time has no entity until the report is saved."""

    class Meta:
        model = PlaintiffEntity
        fields = ["name", "classification"]
        read_only_fields = fields


class ReportPreviewSerializer(PublishedReportSerializer):
    """An unsaved shared version; pass the narrative's `redaction` (anonymizer.Redaction) in the context."""

    plaintiff = PreviewPlaintiffSerializer(read_only=True)
    # A declared field named "source": DRF's serializer metaclass takes it into _declared_fields, so Field.source
    # (the attribute the stubs see) is untouched.
    source = serializers.SerializerMethodField(  # type: ignore[assignment]
        help_text=_("Your narrative as the anonymizer read it (NFKC).")
    )
    redactions = serializers.SerializerMethodField(help_text=_("What was replaced, as offsets into `source`."))

    class Meta(PublishedReportSerializer.Meta):
        fields = [
            *(name for name in PublishedReportSerializer.Meta.fields if name not in {"id", "revision", "published_on"}),
            "source",
            "redactions",
        ]
        read_only_fields = fields

    def get_source(self, version) -> str:
        return self.context["redaction"].source

    @extend_schema_field(RedactionSerializer(many=True))
    def get_redactions(self, version):
        redaction = self.context["redaction"]
        spans = [
            {"start": s.start, "end": s.end, "placeholder": s.placeholder, "text": redaction.source[s.start : s.end]}
            for s in redaction.spans
        ]
        return RedactionSerializer(spans, many=True).data


class OwnVersionSerializer(serializers.ModelSerializer):
    """One revision of your report and what the moderators decided (never who decided)."""

    return_reasons = serializers.SerializerMethodField()
    note = serializers.CharField(source="decision_note", read_only=True)

    class Meta:
        model = SharedVersion
        fields = ["revision", "status", "submitted_at", "decided_at", "return_reasons", "note"]
        read_only_fields = fields

    def get_return_reasons(self, version) -> list[str]:
        language = translation.get_language()
        return [reason.get(language) or reason["en"] for reason in version.return_reasons]


class OwnReportSerializer(serializers.ModelSerializer):
    """Your company's raw report. `patents`, `trademarks`, `copyright` and `trade_secret` repeat `rights` in the
    input's shape, so a report read here can be changed and sent back whole."""

    plaintiff = PlaintiffSerializer(read_only=True)
    rights = RightSerializer(many=True, read_only=True)
    patents = serializers.SerializerMethodField()
    trademarks = serializers.SerializerMethodField()
    copyright = serializers.SerializerMethodField()
    trade_secret = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "status",
            "kind",
            "forum",
            "plaintiff_name",
            "plaintiff",
            "law_firm",
            "rights",
            *RIGHTS_INPUT,
            "product_category",
            "industry",
            "notice_received_on",
            "filed_on",
            "served_on",
            "response_due_on",
            "stage",
            "outcome",
            "currency",
            "damages_claimed",
            "settlement_amount",
            "frozen_funds",
            "defense_cost",
            "docket_number",
            *LIST_FIELDS,
            "narrative",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _displays(self, report, types) -> list[str]:
        return [right["display"] for right in report.rights if right["type"] in types]

    def get_patents(self, report) -> list[str]:
        return self._displays(report, {RightType.UTILITY_PATENT, RightType.DESIGN_PATENT})

    def get_trademarks(self, report) -> list[str]:
        return self._displays(report, {RightType.TRADEMARK})

    def get_copyright(self, report) -> bool:
        return any(right["type"] == RightType.COPYRIGHT for right in report.rights)

    def get_trade_secret(self, report) -> bool:
        return any(right["type"] == RightType.TRADE_SECRET for right in report.rights)


class ReportLinksSerializer(serializers.Serializer):
    same_plaintiff = serializers.IntegerField(help_text=_("Other member companies reporting the same plaintiff."))
    same_case = serializers.IntegerField(help_text=_("Other member companies reporting the same docket."))


class OwnReportDetailSerializer(OwnReportSerializer):
    """With how many other members face the same plaintiff or case (never who), and the revisions."""

    links = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()

    class Meta(OwnReportSerializer.Meta):
        fields = [*OwnReportSerializer.Meta.fields, "links", "versions"]
        read_only_fields = fields

    @extend_schema_field(ReportLinksSerializer)
    def get_links(self, report):
        return ReportLinksSerializer(selectors.report_links(report)).data

    @extend_schema_field(OwnVersionSerializer(many=True))
    def get_versions(self, report):
        return OwnVersionSerializer(selectors.report_versions(report), many=True).data


class ReturnReasonSerializer(serializers.ModelSerializer):
    title = StrictCharField(max_length=120)
    text_en = StrictCharField(max_length=2000)
    text_zh = StrictCharField(max_length=2000)

    class Meta:
        model = ReturnReason
        fields = ["id", "title", "text_en", "text_zh", "created_at"]
        read_only_fields = ["id", "created_at"]
