"""Forms of the cost-sharing pages. They parse only (choices, dates, the uploaded file); amounts, percentages, rates
and figures go to the services as the decimal strings typed, and every rule is the services' (sharing.costs.services),
whose errors are shown on these forms: beside the field they name, beside the company's row for a version's terms
("terms.2.percent"), or at the top of the form."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sharing.costs.api import MAX_LEDES_BYTES
from sharing.costs.models import Category, CostVersion, Credit, Expense, ExpenseRate, Method, Settlement
from sharing.reports.choices import Currency
from web.forms import LabelledModelChoiceField, choices_from

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _label(model: type[models.Model], name: str) -> Any:
    """The model field's own (translatable) label, capitalized as Django's model forms do, so that form and model
    cannot drift apart."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return capfirst(field.verbose_name)


def _text(model: type[models.Model], name: str, *, required: bool = False, **kwargs: Any) -> forms.CharField:
    """A text typed as is: the service strips, checks and parses it."""
    kwargs.setdefault("max_length", 200)
    return forms.CharField(label=_label(model, name), required=required, strip=False, **kwargs)


def _date(model: type[models.Model], name: str, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=_label(model, name), required=required, widget=DATE, **kwargs)


def _currency(model: type[models.Model], name: str = "currency", **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=_label(model, name), choices=Currency.choices, initial=Currency.USD, **kwargs)


AMOUNT_HELP = _("A decimal amount, such as 1250.00.")


class TreasurerForm(forms.Form):
    user = LabelledModelChoiceField(
        label=_("Treasurer"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Choose a person"),
        label_from=lambda user: f"{user.display_name} <{user.email}> · {user.company.legal_name_en}",
        help_text=_("One of the people of a company in the group: they manage the group's costs."),
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_from(self, "user", people)


class VersionForm(forms.Form):
    """A new version of the cost-sharing agreement, with one row per active company of the group: its fixed
    percentage (the percent method) and its optional cap."""

    method = forms.ChoiceField(label=_label(CostVersion, "method"), choices=Method.choices, widget=forms.RadioSelect)
    measure = _text(
        CostVersion, "measure", max_length=100,
        help_text=_("Weighted methods: what the declared figures measure (US revenue, accused listings...)."),
    )  # fmt: skip
    base_percent = _text(
        CostVersion, "base_percent", max_length=20,
        help_text=_("A base share plus a weighted remainder: the part of every expense split equally, in percent."),
    )  # fmt: skip
    currency = _currency(CostVersion, help_text=_("Caps are counted in this currency."))
    effective_on = _date(CostVersion, "effective_on")
    past_costs_from = _date(
        CostVersion, "past_costs_from", required=False,
        help_text=_("A company that accepts this version once it is in force shares the costs dated from this day; "
                    "empty: from the day it accepts."),
    )  # fmt: skip
    note = _text(CostVersion, "note", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.companies = list(companies)
        for company in self.companies:
            self.fields[f"percent_{company.pk}"] = forms.CharField(
                label=_("Percentage"), required=False, max_length=20, strip=False
            )
            self.fields[f"cap_{company.pk}"] = forms.CharField(
                label=_("Cap"), required=False, max_length=30, strip=False, help_text=_("The most it carries in all.")
            )
        self.sent: list[int] = []  # the company of each row sent to the service, in order

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("method", "measure", "base_percent", "currency", "effective_on",
                                        "past_costs_from", "note")]  # fmt: skip

    def rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        """Per company: (company, its percentage field, its cap field), for the terms table."""
        return [(c, self[f"percent_{c.pk}"], self[f"cap_{c.pk}"]) for c in self.companies]

    def service_data(self) -> dict[str, Any]:
        """The version as version_propose reads it: terms as a list of {company, percent, cap}, a company's row
        sent when anything is typed in it (every row with the percent method)."""
        data = {name: self.cleaned_data[name] for name in ("method", "measure", "base_percent", "currency",
                                                           "effective_on", "past_costs_from", "note")}  # fmt: skip
        terms = []
        self.sent = []
        for company in self.companies:
            percent = self.cleaned_data.get(f"percent_{company.pk}", "")
            cap = self.cleaned_data.get(f"cap_{company.pk}", "")
            if data["method"] == Method.PERCENT or percent.strip() or cap.strip():
                terms.append({"company": company.pk, "percent": percent, "cap": cap})
                self.sent.append(company.pk)
        data["terms"] = terms
        return data

    def on_rows(self, error: ValidationError) -> ValidationError:
        """The service's error with "terms.<n>.<field>" pointed at that company's row ("percent_12", "cap_12")."""
        if not hasattr(error, "error_dict"):
            return error
        mapped: dict[str | None, list[Any]] = {}
        for key, errors in error.error_dict.items():
            target: str | None = key
            parts = key.split(".")
            if len(parts) == 3 and parts[0] == "terms" and parts[1].isdigit():
                index, name = int(parts[1]), parts[2]
                known = index < len(self.sent) and name in ("percent", "cap")
                target = f"{name}_{self.sent[index]}" if known else None
            mapped.setdefault(target, []).extend(errors)
        return ValidationError({key or "__all__": value for key, value in mapped.items()})


class FigureForm(forms.Form):
    figure = forms.CharField(
        label=_("Your company's figure"), required=False, max_length=40, strip=False,
        help_text=_("Only your company and the treasurer see it."),
    )  # fmt: skip


class ExpenseForm(forms.Form):
    payee = _text(Expense, "payee")
    incurred_on = _date(Expense, "incurred_on")
    category = forms.ChoiceField(label=_label(Expense, "category"), choices=Category.choices)
    amount = _text(Expense, "cents", required=True, max_length=30, help_text=AMOUNT_HELP)
    currency = _currency(Expense)
    engagement = LabelledModelChoiceField(
        label=_label(Expense, "engagement"), queryset=None, required=False, empty_label=_("None"),
        label_from=lambda engagement: f"{engagement.firm.name_en} ({engagement.started_on:%Y-%m-%d})",
    )  # fmt: skip
    description = _text(Expense, "description", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, engagements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_from(self, "engagement", engagements)

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["engagement"] = data["engagement"].pk if data["engagement"] is not None else None
        return data


class RateForm(forms.Form):
    currency = forms.ChoiceField(label=_label(ExpenseRate, "currency"), choices=Currency.choices)
    rate = _text(ExpenseRate, "rate", required=True, max_length=30,
                 help_text=_("How many units of that currency one unit of the expense's is worth."))  # fmt: skip
    rate_date = _date(ExpenseRate, "rate_date")
    source = _text(ExpenseRate, "source", help_text=_("For example the bank's daily rate."))


class InvoiceUploadForm(forms.Form):
    engagement = LabelledModelChoiceField(
        label=_("Engagement"), queryset=None, empty_label=_("Choose an engagement"),
        label_from=lambda engagement: f"{engagement.firm.name_en} ({engagement.started_on:%Y-%m-%d})",
    )  # fmt: skip
    currency = _currency(Expense)
    file = forms.FileField(label=_("LEDES 1998B file"), help_text=_("A text file of up to 20 MB."))

    def __init__(self, *args: Any, engagements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_from(self, "engagement", engagements)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LEDES_BYTES:
            raise ValidationError(_("A LEDES file is at most 20 MB."), code="size")
        return upload


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)


class CreditForm(forms.Form):
    company = LabelledModelChoiceField(
        label=_("Company"), queryset=None, empty_label=_("Choose a company"),
        label_from=lambda company: company.legal_name_en,
    )  # fmt: skip
    kind = forms.ChoiceField(label=_label(Credit, "kind"), choices=Settlement.choices, widget=forms.RadioSelect)
    amount = _text(Credit, "cents", required=True, max_length=30, help_text=AMOUNT_HELP)
    currency = _currency(Credit)
    received_on = _date(Credit, "received_on")
    reference = _text(Credit, "reference")

    def __init__(self, *args: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_from(self, "company", companies)


class StatementCurrencyForm(forms.Form):
    """?currency=: the statement converted into one currency (GET). An unknown one converts nothing."""

    currency = forms.ChoiceField(
        label=_("Show the totals in"), required=False, choices=[("", _("Each expense's own currency")),
                                                               *Currency.choices],
    )  # fmt: skip
