"""reports.models.ChoiceLabels replaces Django's Model._get_FIELD_display (a private name: Django rebuilds the
choice table, translating all 104 forum labels, on every call). These fail loudly if Django renames it or the
models stop using the table, and check the labels are Django's own, in both languages."""

from unittest import mock

from django.db import models
from django.utils import translation

from sharing.campaigns.models import Campaign
from sharing.counsel.models import Recommendation, Review
from sharing.reports.models import ChoiceLabels, Report, SharedVersion

MODELS = (Report, SharedVersion, Campaign, Recommendation, Review)


def test_django_still_has_the_method_the_mixin_replaces():
    assert callable(models.Model._get_FIELD_display)
    for model in MODELS:
        assert issubclass(model, ChoiceLabels) and model._get_FIELD_display is ChoiceLabels._get_FIELD_display


def test_the_labels_are_djangos_in_both_languages_without_djangos_method():
    for language in ("en", "zh-hans"):
        with translation.override(language):
            expected = {model: str(dict(model._meta.get_field("forum").flatchoices)["ilnd"]) for model in MODELS}
            with mock.patch.object(models.Model, "_get_FIELD_display", side_effect=AssertionError("Django's own")):
                for model in MODELS:
                    assert model(forum="ilnd").get_forum_display() == expected[model], (model, language)
