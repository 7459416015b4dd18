"""Forms of the campaign and plaintiff pages. They check field types only; the services decide the rest."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sharing.defense.forms import GroupSettingsForm


class CampaignGroupForm(GroupSettingsForm):
    """A defense group around a campaign: its name, description, listing and (optional) agreement."""

    agreement_text = forms.CharField(
        label=_("Common-interest agreement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Version 1 of the agreement every participant accepts. You can publish it later."),
    )


class MergeForm(forms.Form):
    target = forms.IntegerField(
        label=_("Merge into plaintiff number"),
        min_value=1,
        help_text=_("The number of the plaintiff this one really is, shown on its page."),
    )


class SplitForm(forms.Form):
    aliases = forms.MultipleChoiceField(label=_("Names to split off"), widget=forms.CheckboxSelectMultiple, choices=())

    def __init__(self, *args, entity, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["aliases"]).choices = [
            (alias.pk, alias.name) for alias in entity.aliases.all()
        ]


class PlaintiffSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=255)
