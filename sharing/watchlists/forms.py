"""The add-a-watch forms, one per criterion, each posting `criterion` and `<criterion>-value`. Types only: the
service validates the value for its criterion (patent number, known forum...), so web and API say the same."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from sharing.watchlists.labels import CHOICE_LABELS
from sharing.watchlists.models import Criterion

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HELP: dict[str, "StrOrPromise"] = {
    Criterion.PLAINTIFF: _("The asserting party's name; plaintiffs already reported are suggested as you type."),
    Criterion.PATENT: _("A US patent number in any spelling: “US 10,123,456 B2”, “10123456”, “D765,432”."),
    Criterion.LAW_FIRM: _("The plaintiff's law firm, as the complaint names it."),
}


class WatchForm(forms.Form):
    value = forms.CharField(max_length=255)

    def __init__(self, criterion: str, data=None, **kwargs):
        super().__init__(data, prefix=criterion, **kwargs)
        self.criterion = criterion
        field = self.fields["value"]
        field.label = Criterion(criterion).label
        field.help_text = HELP.get(criterion, "")
        choices = CHOICE_LABELS.get(criterion)
        if choices:
            field.widget = forms.Select(choices=[("", "---------"), *choices.items()])
        elif criterion == Criterion.PLAINTIFF:
            field.widget.attrs.update({"list": "plaintiff-suggestions", "autocomplete": "off"})


def watch_forms(data=None) -> list[WatchForm]:
    """One form per criterion; only the one whose `criterion` was posted is bound to `data`."""
    posted = data.get("criterion") if data is not None else None
    return [WatchForm(criterion, data if criterion == posted else None) for criterion in Criterion.values]
