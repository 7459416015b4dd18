"""Forms of the association pages: membership decisions, moderator appointments, the association's settings, the
company profile."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tenancy.models import Association, Company
from tenancy.services import ASSOCIATION_SETTINGS_FIELDS, COMPANY_PROFILE_FIELDS
from web.forms import LabelledModelChoiceField, LinesField, choices_from

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL): django-stubs' plugin reads `_User` as accounts.User, which sits above
    # tenancy in the apps' layers and so is never imported here, not even for typing.
    from django.contrib.auth.models import _User as User


class MembershipDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why, for the record. Kept with the membership and in the audit log."),
    )


class ModeratorAppointForm(forms.Form):
    user = LabelledModelChoiceField(
        label=_("Person"),
        queryset=None,
        empty_label=_("Choose a person"),
        label_from=lambda user: f"{user.display_name} ({user.company})",
    )

    def __init__(self, *args: Any, candidates: "QuerySet[User]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_from(self, "user", candidates)


class CompanyProfileForm(forms.ModelForm):
    """The company's names and marks, which the anonymizer redacts, and its industry and size."""

    aliases = LinesField(label=_("Aliases"), help_text=_("Other names the company is known by, one per line."))
    trademarks = LinesField(label=_("Trademarks"), help_text=_("One per line."))
    store_names = LinesField(label=_("Store names"), help_text=_("Online store names, one per line."))
    web_domains = LinesField(label=_("Web domains"), help_text=_("Such as example.com, one per line."))

    class Meta:
        model = Company
        fields = COMPANY_PROFILE_FIELDS


class AssociationSettingsForm(forms.Form):
    """The model's fields in a plain form: a ModelForm would set them on the association before the service
    compares old and new values."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Association, fields=ASSOCIATION_SETTINGS_FIELDS))
