"""Form pieces every web page shares: service errors shown on forms, one-per-line list fields, model choices
scoped per request."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on `form`: beside the field it names, or at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def choices_from[M: Model](form: forms.BaseForm, name: str, queryset: QuerySet[M]) -> None:
    """Give the form's model choice field `name` (single or multiple) its choices: a queryset of the caller's
    scope, known only per request."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


class LabelledModelChoiceField(forms.ModelChoiceField):
    """A model choice field whose choices read `label_from(obj)` rather than str(obj)."""

    def __init__(self, *, label_from: Callable[[Any], str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.label_from = label_from

    def label_from_instance(self, obj: Any) -> str:
        return self.label_from(obj)


class LinesField(forms.Field):
    """A textarea holding one entry per line, cleaned into a list of the non-blank lines. The service that
    receives the list validates its entries (tenancy.services.clean_company_profile)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One per line."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value) -> list[str]:
        lines = value if isinstance(value, list | tuple) else (value or "").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def validate(self, value) -> None:
        super().validate(value)
        for line in value:  # as CharField does: PostgreSQL cannot store a NUL character
            ProhibitNullCharactersValidator()(line)
