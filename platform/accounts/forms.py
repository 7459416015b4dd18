"""Forms for signing in, the profile, invitations (sending and accepting), partners and their API keys."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from accounts.models import CompanyRole, InvitationKind
from api.scopes import ApiScope
from notifications.models import NotificationEmail
from tenancy.models import Company

# Each language named in itself ("English", "简体中文"), so a reader finds their own whatever the page language.
LANGUAGE_FIELD_OPTIONS: dict[str, Any] = {
    "label": _("Language"),
    "choices": [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES],
    "widget": forms.RadioSelect,
}


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form; the field names stay `username` and `password` (django-axes and the smoke test)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("E-mail address")
        username.widget = forms.EmailInput(attrs={**username.widget.attrs, "autocomplete": "username"})


class LocalizedPasswordResetForm(PasswordResetForm):
    """Writes the reset e-mail in the account's own language, not the language of whoever asked for it."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(context["user"].preferred_language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=120)
    preferred_language = forms.ChoiceField(**LANGUAGE_FIELD_OPTIONS)
    notification_email = forms.ChoiceField(
        label=_("E-mail me notifications"),
        choices=NotificationEmail.choices,
        required=False,  # left out: unchanged
        help_text=_("Digests list the notifications you have not read yet; every notification is also on the site."),
    )

    def clean_notification_email(self):
        return self.cleaned_data["notification_email"] or None


class InvitationAcceptForm(forms.Form):
    """The invited person: name, password (checked by the service against the password validators), language."""

    display_name = forms.CharField(label=_("Your name"), max_length=120)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not a common password, not only digits."),
    )
    password_confirm = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    preferred_language = forms.ChoiceField(**LANGUAGE_FIELD_OPTIONS)

    company_field_names: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns cleaned_data
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_confirm"):
            self.add_error("password_confirm", _("The two passwords differ."))
        return cleaned

    def company_fields(self):
        return [self[name] for name in self.company_field_names]

    def person_fields(self):
        return [self[name] for name in self.fields if name not in self.company_field_names]

    def company_profile(self) -> dict | None:
        return None


class CompanyInvitationAcceptForm(InvitationAcceptForm):
    """A new member company: its legal names, industry and size, then the person who will be its admin."""

    company_field_names = ("legal_name_en", "legal_name_zh", "industry", "size")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {**forms.fields_for_model(Company, fields=self.company_field_names), **self.fields}

    def company_profile(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.company_field_names}


class InvitationForm(forms.Form):
    """An association admin invites a new member company or an external counsel."""

    kind = forms.ChoiceField(
        label=_("Invite"),
        choices=[(k, InvitationKind(k).label) for k in (InvitationKind.COMPANY, InvitationKind.COUNSEL)],
        widget=forms.RadioSelect,
        initial=InvitationKind.COMPANY,
    )
    email = forms.EmailField(label=_("E-mail address"))


class ColleagueInvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    company_role = forms.ChoiceField(
        label=_("Role"), choices=CompanyRole.choices, initial=CompanyRole.MEMBER, widget=forms.RadioSelect
    )


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the key is for, such as the system that uses it.")
    )
    scopes = forms.MultipleChoiceField(label=_("Scopes"), choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple)
    expires_at = forms.DateTimeField(
        label=_("Expires"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Optional, in UTC. Leave empty for a key that works until it is revoked."),
    )
