"""Forms of the defense group pages. They check field types only; the services (sharing.defense.services
and .document_services) decide everything else and their errors are shown on these forms."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from sharing.defense.models import Agreement, DefenseGroup, DocumentAudience, ParticipantRole
from tenancy.models import Company
from web.forms import LabelledModelChoiceField, choices_from


def group_field(name: str, **kwargs) -> forms.Field:
    """The form field the DefenseGroup model defines (label, length), so form and model cannot drift apart."""
    field = DefenseGroup._meta.get_field(name)
    assert isinstance(field, models.Field)  # not a relation's reverse side
    formfield = field.formfield(**kwargs)
    assert formfield is not None  # an editable field
    return formfield


AGREEMENT_WIDGET = forms.Textarea(attrs={"rows": 12})


class GroupSettingsForm(forms.Form):
    name = group_field("name")
    description = group_field("description", widget=forms.Textarea(attrs={"rows": 4}))
    listed = group_field("listed")


class GroupCreateForm(GroupSettingsForm):
    plaintiff_name = forms.CharField(
        label=_("Plaintiff"),
        required=False,
        max_length=255,
        # The datalist is filled by report-form.js as the user types (the reports' plaintiff suggestions).
        widget=forms.TextInput(attrs={"list": "plaintiff-suggestions", "autocomplete": "off"}),
        help_text=_("Who the group defends against. Names members already reported are suggested as you type."),
    )
    agreement_text = forms.CharField(
        label=_("Common-interest agreement"),
        required=False,
        max_length=Agreement._meta.get_field("text").max_length,
        widget=AGREEMENT_WIDGET,
        help_text=_(
            "Version 1 of the agreement every participant accepts before reading the documents and the chat. "
            "You can publish it later."
        ),
    )

    field_order = ["name", "plaintiff_name", "description", "listed", "agreement_text"]


class InviteForm(forms.Form):
    """Invite one company (as member or observer) or one external counsel."""

    company: "forms.ModelChoiceField[Company]" = forms.ModelChoiceField(
        label=_("Company"), queryset=None, required=False, empty_label=_("Choose a member company")
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role, ParticipantRole(role).label) for role in (ParticipantRole.MEMBER, ParticipantRole.OBSERVER)],
        initial=ParticipantRole.MEMBER,
        widget=forms.RadioSelect,
        help_text=_("Observers read the documents and the chat but add nothing."),
    )
    counsel = LabelledModelChoiceField(
        label=_("Or external counsel"),
        queryset=None,
        required=False,
        empty_label=_("Choose a counsel"),
        label_from=lambda user: f"{user.display_name} <{user.email}>",
    )

    def __init__(self, *args, companies, counsel, **kwargs):
        super().__init__(*args, **kwargs)
        choices_from(self, "company", companies)
        choices_from(self, "counsel", counsel)

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        chosen = [name for name in ("company", "counsel") if data.get(name)]
        if len(chosen) != 1 and not self.errors:
            raise forms.ValidationError(_("Choose one company or one counsel to invite."), code="choose_one")
        return data


class AgreementForm(forms.Form):
    text = forms.CharField(
        label=_("Agreement text"), max_length=Agreement._meta.get_field("text").max_length, widget=AGREEMENT_WIDGET
    )


class AcceptForm(forms.Form):
    """The version the user read: accepting names it, so a text changed meanwhile is not accepted unread."""

    version = forms.IntegerField(min_value=1)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))


class DocumentUploadForm(UploadForm):
    title = forms.CharField(
        label=_("Title"), required=False, max_length=200, help_text=_("Leave empty to use the file's name.")
    )
    audience = forms.ChoiceField(
        label=_("Who may read it"),
        choices=DocumentAudience.choices,
        initial=DocumentAudience.GROUP,
        widget=forms.RadioSelect,
    )
    companies: "forms.ModelMultipleChoiceField[Company]" = forms.ModelMultipleChoiceField(
        label=_("Chosen companies"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("With “Chosen companies”: the companies whose people may read it."),
    )

    field_order = ["title", "audience", "companies", "file"]

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        choices_from(self, "companies", companies)


class ShareReportForm(forms.Form):
    report = LabelledModelChoiceField(
        label=_("Report"),
        queryset=None,
        empty_label=_("Choose one of your reports"),
        label_from=lambda report: (
            f"{report.get_kind_display()}: {report.plaintiff_name} ({report.docket_number or '—'})"
        ),
    )

    def __init__(self, *args, reports, **kwargs):
        super().__init__(*args, **kwargs)
        choices_from(self, "report", reports)
