"""Forms of the report pages: the report itself, the published-report filters, moderation decisions, reasons."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from sharing.plaintiffs.models import PlaintiffClass
from sharing.reports import services
from sharing.reports.choices import RightType
from sharing.reports.filters import PublishedReportFilter
from sharing.reports.forums import DISTRICT_COURTS, OTHER_FORUMS
from sharing.reports.models import Report, ReturnReason
from web.forms import LinesField, choices_from

# What the services take as a report's `data`.
SERVICE_FIELDS = (*services.SAVED_FIELDS, *services.RIGHTS_INPUT)
PATENT_TYPES = {RightType.UTILITY_PATENT, RightType.DESIGN_PATENT}
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FORUM_GROUPS = [
    ("", _("Choose a forum")),
    (_("US district courts"), list(DISTRICT_COURTS.items())),
    (_("Agencies, platforms, none"), list(OTHER_FORUMS.items())),
]


def model_field(name: str, **kwargs) -> forms.Field:
    """The form field the Report model defines (label, choices, length), so form and model cannot drift apart."""
    field = Report._meta.get_field(name)
    assert isinstance(field, models.Field)  # not a relation's reverse side
    formfield = field.formfield(**kwargs)
    assert formfield is not None  # an editable field
    return formfield


class ReportForm(forms.Form):
    """A whole report. `service_data()` is the services' `data`; they do every check beyond field types."""

    kind = model_field("kind")
    forum = model_field("forum", choices=FORUM_GROUPS)
    plaintiff_name = model_field(
        "plaintiff_name",
        # The datalist is filled by report-form.js as the user types.
        widget=forms.TextInput(attrs={"list": "plaintiff-suggestions", "autocomplete": "off"}),
        help_text=_("Who asserts the rights. Names other members already reported are suggested as you type."),
    )
    law_firm = model_field("law_firm")
    product_category = model_field("product_category")
    industry = model_field("industry")
    stage = model_field("stage")
    outcome = model_field("outcome")
    patents = LinesField(
        label=_("Patents"), help_text=_("US patent numbers, one per line, such as 10,123,456 or D765,432.")
    )
    trademarks = LinesField(
        label=_("Trademarks"), help_text=_("US trademark registration numbers, one per line, such as 5,123,456.")
    )
    copyright = forms.BooleanField(label=_("Copyright"), required=False)
    trade_secret = forms.BooleanField(label=_("Trade secret"), required=False)
    notice_received_on = model_field("notice_received_on", widget=DATE_WIDGET)
    filed_on = model_field("filed_on", widget=DATE_WIDGET)
    served_on = model_field("served_on", widget=DATE_WIDGET)
    response_due_on = model_field("response_due_on", widget=DATE_WIDGET)
    currency = model_field("currency")
    damages_claimed = model_field("damages_claimed", min_value=0)
    settlement_amount = model_field("settlement_amount", min_value=0)
    frozen_funds = model_field("frozen_funds", min_value=0)
    defense_cost = model_field("defense_cost", min_value=0)
    docket_number = model_field("docket_number")
    store_names = LinesField(label=_("Store names"), help_text=_("Your stores named in the case, one per line."))
    seller_ids = LinesField(label=_("Seller IDs"))
    listing_ids = LinesField(label=_("Listing IDs"), help_text=_("ASINs or other listing IDs, one per line."))
    product_models = LinesField(label=_("Product model numbers"))
    narrative = model_field(
        "narrative",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What happened, in English or Chinese. Your company's names, marks, stores, domains and people, "
            "e-mail addresses, phone numbers, links and identifiers are replaced before anyone else reads it."
        ),
    )
    extra_redactions = LinesField(
        label=_("More words to redact"),
        help_text=_("Anything else in the narrative that could identify you, one word or phrase per line."),
    )

    fieldsets = (
        (_("The case"), "", ("kind", "forum", "plaintiff_name", "law_firm", "product_category", "industry",
                             "stage", "outcome")),
        (_("Rights asserted"), "", ("patents", "trademarks", "copyright", "trade_secret")),
        (_("Key dates"), _("Other members see only the month of the notice, the filing and service; never the "
                           "response date."),
         ("notice_received_on", "filed_on", "served_on", "response_due_on")),
        (_("Amounts"), _("Other members see only a band, such as 1 million to 4.99 million."),
         ("currency", "damages_claimed", "settlement_amount", "frozen_funds", "defense_cost")),
        (_("Identifiers"), _("Never shared: they name your company. The docket number only tells you how many "
                             "other members are in the same case."),
         ("docket_number", "store_names", "seller_ids", "listing_ids", "product_models")),
        (_("Narrative"), "", ("narrative", "extra_redactions")),
    )  # fmt: skip

    def grouped_fields(self):
        """(legend, description, bound fields) for each fieldset of the page."""
        return [(legend, description, [self[name] for name in names]) for legend, description, names in self.fieldsets]

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in SERVICE_FIELDS}

    @staticmethod
    def initial_for(report: Report) -> dict:
        """The form's values for an existing report: rights back to the lines and boxes they were typed in."""
        types = {right["type"] for right in report.rights}
        return {
            **{name: getattr(report, name) for name in services.SAVED_FIELDS},
            "patents": [right["display"] for right in report.rights if right["type"] in PATENT_TYPES],
            "trademarks": [right["display"] for right in report.rights if right["type"] == RightType.TRADEMARK],
            "copyright": RightType.COPYRIGHT in types,
            "trade_secret": RightType.TRADE_SECRET in types,
        }


class ReportCreateForm(ReportForm):
    # Generated when the form is first shown: a double-submitted form creates one report.
    idempotency_key = forms.UUIDField(required=False, widget=forms.HiddenInput)


class PlaintiffQueryForm(forms.Form):
    """What was typed in the asserting party's field; anything invalid suggests nothing."""

    q = forms.CharField(required=False, max_length=255)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


class PublishedFilter(PublishedReportFilter):
    """The published-report filters of the web page: the filing dates are months (shared dates have no day)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("filed_after", "filed_before"):
            self.filters[name].extra.update(
                widget=MonthInput, input_formats=["%Y-%m", "%Y-%m-%d"], help_text=_("Year and month: 2026-03.")
            )


# Moderation ------------------------------------------------------------------------------------------------


class ApproveForm(forms.Form):
    pass


class ReturnForm(forms.Form):
    reasons = forms.ModelMultipleChoiceField(
        label=_("Reasons"), queryset=ReturnReason.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Note to the reporter"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, reasons, **kwargs):
        super().__init__(*args, **kwargs)
        choices_from(self, "reasons", reasons)


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the reporter"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RedactForm(forms.Form):
    terms = LinesField(
        label=_("Words or phrases to redact"),
        help_text=_("One per line. They become [REDACTED] here and in every later revision of this report."),
    )


class ClassifyForm(forms.Form):
    classification = forms.ChoiceField(label=_("The plaintiff is"), choices=PlaintiffClass.choices)


class ReasonForm(forms.ModelForm):
    class Meta:
        model = ReturnReason
        fields = ["title", "text_en", "text_zh"]
        widgets = {"text_en": forms.Textarea(attrs={"rows": 3}), "text_zh": forms.Textarea(attrs={"rows": 3})}
