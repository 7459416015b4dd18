"""Forms of the deadline pages. The services do every check beyond field types."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sharing.deadlines.engine import RULE4_METHODS, RULE5_METHODS, ServiceMethod
from sharing.deadlines.models import CaseFacts
from sharing.deadlines.services import FACT_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _methods(allowed) -> list:
    return [("", "—")] + [(value, label) for value, label in ServiceMethod.choices if value in allowed]


class CaseFactsForm(forms.ModelForm):
    class Meta:
        model = CaseFacts
        fields = FACT_FIELDS
        widgets = {name: DATE_WIDGET for name in FACT_FIELDS if name.endswith("_on")}
        help_texts = {
            "holiday_calendar": _(
                "US for the federal holidays; US and the two-letter code of the state where the court sits, such as "
                "US-IL, to add that state's holidays (FRCP 6(a)(6)(C))."
            ),
            "waiver_sent_abroad": _("Outside any judicial district of the United States: 90 days instead of 60."),
            "tro_fixed_expiry_on": _("Only if the order names an expiry earlier than 14 days after entry."),
            "itc_served_by_mail": _("19 CFR 201.16(d) adds 3 days."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["complaint_service_method"]).choices = _methods(RULE4_METHODS)
        cast(forms.ChoiceField, self.fields["amended_service_method"]).choices = _methods(RULE5_METHODS)

    def _post_clean(self):
        """Validation is the service's (sharing.deadlines.services.case_facts_set), not the model's."""


class OverrideForm(forms.Form):
    due_on = forms.DateField(label=_("Date that applies"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the court's scheduling order of 3 March extends the time to answer."),
    )


class ReminderOffsetsForm(forms.Form):
    offsets = forms.CharField(
        label=_("Reminder days before the due date"),
        required=False,
        max_length=60,
        help_text=_("Comma-separated, such as 7, 3, 1, 0 (0: on the day). Empty: the platform's default."),
    )

    def clean_offsets(self) -> list[int]:
        parts = [part.strip() for part in self.cleaned_data["offsets"].split(",") if part.strip()]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(_("Enter whole numbers of days separated by commas."))
        return [int(part) for part in parts]
