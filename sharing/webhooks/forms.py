"""The web form of a subscription. The service validates (URL, events), as for the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sharing.webhooks.models import SUBSCRIBABLE, EventType


class SubscriptionForm(forms.Form):
    url = forms.CharField(label=_("URL"), max_length=2000, help_text=_("Your endpoint: https, on a public address."))
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=[(value, EventType(value).label) for value in SUBSCRIBABLE],
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(label=_("description"), max_length=200, required=False)
