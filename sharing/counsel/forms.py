"""Forms of the counsel pages. They parse only (choices, integers, dates, lists of codes); the services
(sharing.counsel.services) decide everything else and their errors are shown on these forms, field by field."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.forms.utils import ErrorList
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from sharing.counsel.choices import BAR_ADMISSIONS, FORUMS, INDUSTRIES, KINDS, LANGUAGES, RIGHTS, FeeKind, Seniority
from sharing.counsel.models import Attorney, Engagement, FeeArrangement, LawFirm, Office
from sharing.counsel.selectors import DirectoryFilters
from sharing.reports.choices import AmountBand, Currency
from web.forms import LabelledModelChoiceField, LinesField, choices_from


def _label(model: type[models.Model], name: str) -> Any:
    """The model field's own (translatable) label, so that form and model cannot drift apart."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.verbose_name


def _choices(vocabulary: dict[str, Any], blank: Any = None) -> list[tuple[str, Any]]:
    pairs = list(vocabulary.items())
    return [("", blank), *pairs] if blank is not None else pairs


def _text(model: type[models.Model], name: str, *, textarea: bool = False, **kwargs: Any) -> forms.CharField:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    widget = forms.Textarea(attrs={"rows": 4}) if textarea else None
    return forms.CharField(
        label=field.verbose_name, required=False, max_length=kwargs.pop("max_length", field.max_length),
        widget=widget, **kwargs,
    )  # fmt: skip


def _codes(label: Any, vocabulary: dict[str, Any], *, many: bool = False) -> forms.MultipleChoiceField:
    """A list of codes: checkboxes for a short vocabulary, a list box (many=True) for a long one."""
    widget = forms.SelectMultiple(attrs={"size": 8}) if many else forms.CheckboxSelectMultiple
    return forms.MultipleChoiceField(label=label, required=False, choices=_choices(vocabulary), widget=widget)


RATING_CHOICES = [(number, str(number)) for number in range(1, 6)]
ANY = _("Any")


class DirectoryForm(forms.Form):
    """The directory's filters (GET). An unknown code is a field error, and the list is empty."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    forum = forms.ChoiceField(label=_("Forum"), required=False, choices=_choices(FORUMS, ANY))
    kind = forms.ChoiceField(label=_("Kind of case"), required=False, choices=_choices(KINDS, ANY))
    right = forms.ChoiceField(label=_("Right"), required=False, choices=_choices(RIGHTS, ANY))
    language = forms.ChoiceField(label=_("Language"), required=False, choices=_choices(LANGUAGES, ANY))
    fee_kind = forms.ChoiceField(label=_("Fee model"), required=False, choices=[("", ANY), *FeeKind.choices])
    verified = forms.ChoiceField(
        label=_("Verified by the association"),
        required=False,
        choices=[("", ANY), ("yes", _("Verified")), ("no", _("Not verified"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("name", _("Name")), ("recommendations", _("Recommendations")), ("rating", _("Rating"))],
    )

    def filters(self) -> DirectoryFilters:
        data = self.cleaned_data
        verified = {"yes": True, "no": False}.get(data["verified"])
        return DirectoryFilters(
            text=data["q"], forum=data["forum"], kind=data["kind"], right=data["right"], language=data["language"],
            fee_kind=data["fee_kind"], verified=verified, sort=data["sort"] or "name",
        )  # fmt: skip


class FirmForm(forms.Form):
    """A firm's own fields (services.FIRM_FIELDS): staff edit them, a firm's counsel proposes changes to them."""

    name_en = _text(LawFirm, "name_en")
    name_zh = _text(LawFirm, "name_zh")
    practice_en = _text(LawFirm, "practice_en", textarea=True, max_length=4000)
    practice_zh = _text(LawFirm, "practice_zh", textarea=True, max_length=4000)
    website = _text(LawFirm, "website", max_length=200)
    email = _text(LawFirm, "email", max_length=254)
    phone = _text(LawFirm, "phone")
    forums = _codes(_label(LawFirm, "forums"), FORUMS, many=True)
    kinds = _codes(_label(LawFirm, "kinds"), KINDS)
    rights = _codes(_label(LawFirm, "rights"), RIGHTS)
    industries = _codes(_label(LawFirm, "industries"), INDUSTRIES)
    languages = _codes(_label(LawFirm, "languages"), LANGUAGES)

    @classmethod
    def initial_for(cls, firm: LawFirm) -> dict[str, Any]:
        return {name: getattr(firm, name) for name in cls.base_fields}


class AttorneyForm(forms.Form):
    name_en = _text(Attorney, "name_en")
    name_zh = _text(Attorney, "name_zh")
    seniority = forms.ChoiceField(
        label=_label(Attorney, "seniority"), required=False, choices=[("", "—"), *Seniority.choices]
    )
    email = _text(Attorney, "email", max_length=254)
    languages = _codes(_label(Attorney, "languages"), LANGUAGES)
    bar_admissions = _codes(_label(Attorney, "bar_admissions"), BAR_ADMISSIONS, many=True)
    uspto_number = _text(
        Attorney, "uspto_number", max_length=40, help_text=_("Patent attorneys and agents: five or six digits.")
    )
    user = LabelledModelChoiceField(
        label=_("Counsel user on the platform"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        label_from=lambda user: f"{user.display_name} <{user.email}>",
        help_text=_("The attorney's external counsel account: it may propose changes to the firm and be engaged."),
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_from(self, "user", users)

    @classmethod
    def initial_for(cls, attorney: Attorney) -> dict[str, Any]:
        return {name: getattr(attorney, name) for name in cls.base_fields}


class OfficeForm(forms.Form):
    city = _text(Office, "city")
    country = _text(Office, "country")


class FeeForm(forms.Form):
    kind = forms.ChoiceField(label=_label(FeeArrangement, "kind"), choices=FeeKind.choices)
    seniority = forms.ChoiceField(
        label=_label(FeeArrangement, "seniority"),
        required=False,
        choices=[("", "—"), *Seniority.choices],
        help_text=_("Whose hourly rate this is."),
    )
    description = _text(FeeArrangement, "description")
    minimum = forms.DecimalField(
        label=_label(FeeArrangement, "minimum"), required=False, max_digits=12, decimal_places=2
    )
    maximum = forms.DecimalField(
        label=_label(FeeArrangement, "maximum"), required=False, max_digits=12, decimal_places=2
    )
    currency = forms.ChoiceField(label=_label(FeeArrangement, "currency"), choices=Currency.choices, initial="USD")


class RecommendForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of case"), choices=_choices(KINDS))
    forum = forms.ChoiceField(label=_("Forum"), choices=_choices(FORUMS))


def report_label(report: Any) -> str:
    """A report as the review form names it: its kind, plaintiff and filing month, nothing more."""
    month = formats.date_format(report.filed_on, "YEAR_MONTH_FORMAT") if report.filed_on else "—"
    return f"{report.get_kind_display()}: {report.plaintiff_name} ({month})"


class ReviewForm(forms.Form):
    """Optional at the form's level: the service says what is missing, in its words."""

    report = LabelledModelChoiceField(
        label=_("The case the firm handled"),
        queryset=None,
        required=False,
        empty_label=_("Choose one of your company's reports"),
        label_from=report_label,
    )
    responsiveness = forms.TypedChoiceField(
        label=_("Responsiveness"), choices=RATING_CHOICES, coerce=int, empty_value=None, required=False,
        widget=forms.RadioSelect,
    )  # fmt: skip
    expertise = forms.TypedChoiceField(
        label=_("Expertise"), choices=RATING_CHOICES, coerce=int, empty_value=None, required=False,
        widget=forms.RadioSelect,
    )  # fmt: skip
    cost_control = forms.TypedChoiceField(
        label=_("Cost control"), choices=RATING_CHOICES, coerce=int, empty_value=None, required=False,
        widget=forms.RadioSelect,
    )  # fmt: skip
    communication = forms.TypedChoiceField(
        label=_("Communication"), choices=RATING_CHOICES, coerce=int, empty_value=None, required=False,
        widget=forms.RadioSelect,
    )  # fmt: skip
    cost_band = forms.ChoiceField(
        label=_("What it cost"), required=False, choices=[("", _("Rather not say")), *AmountBand.choices]
    )
    text = forms.CharField(
        label=_("Your review"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Your company's names, people, stores and case details are replaced by placeholders: preview it."),
    )

    def __init__(self, *args: Any, reports: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_from(self, "report", reports)

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["report"] = data["report"].pk if data.get("report") is not None else None
        return data


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("The firm's reply"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReviewDecisionForm(forms.Form):
    """Words to redact and a note; the decision is the button pressed (`action`: publish, return, reject)."""

    redactions = LinesField(
        label=_("More words to redact"),
        help_text=_("One per line. They become placeholders in the shared text before it is published."),
    )
    note = forms.CharField(
        label=_("Note to the reviewer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the reviewing company with your decision."),
    )


class FirmChoiceForm(forms.Form):
    """The engagement's first step (GET): which firm; its counsel are offered next."""

    firm: "forms.ModelChoiceField[LawFirm]" = forms.ModelChoiceField(
        label=_("Firm"), queryset=None, empty_label=_("Choose a firm of the directory")
    )

    def __init__(self, *args: Any, firms: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_from(self, "firm", firms)


class CounselChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} <{obj.email}>"


class EngageForm(forms.Form):
    firm: "forms.ModelChoiceField[LawFirm]" = forms.ModelChoiceField(
        label=_("Firm"), queryset=None, widget=forms.HiddenInput
    )
    scope = forms.CharField(
        label=_label(Engagement, "scope"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    fee_arrangement = forms.CharField(
        label=_label(Engagement, "fee_arrangement"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    started_on = forms.DateField(
        label=_label(Engagement, "started_on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    counsel = CounselChoiceField(
        label=_("Invite the firm's counsel into the group"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They join the group's work once they accept the invitation and the group's agreement."),
    )

    def __init__(self, *args: Any, firms: Any, counsel: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_from(self, "firm", firms)
        choices_from(self, "counsel", counsel)

    def non_field_errors(self) -> ErrorList:
        """With the hidden firm's errors (a firm retired meanwhile): shown at the top of the form."""
        return ErrorList([*super().non_field_errors(), *self.errors.get("firm", [])], error_class="nonfield")
