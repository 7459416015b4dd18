"""Filters, search and sort of published reports: one FilterSet for the web page and the API."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from sharing.plaintiffs.models import PlaintiffEntity
from sharing.plaintiffs.names import normalize_party_name
from sharing.reports import search
from sharing.reports.choices import Outcome, ReportKind, RightType, Stage, VersionStatus
from sharing.reports.forums import FORUM_CHOICES
from sharing.reports.models import SharedRight, SharedVersion
from sharing.reports.products import ProductCategory
from sharing.reports.rights import parse_patent
from tenancy.models import Industry


class PatentNumberField(forms.CharField):
    """A US patent number in any spelling, cleaned to its key (an invalid one is a field error)."""

    def clean(self, value):
        value = super().clean(value)
        return parse_patent(value).key if value else value


class PatentFilter(django_filters.CharFilter):
    field_class = PatentNumberField


SORTS = {
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
}


class PublishedReportFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)
    plaintiff = django_filters.ModelChoiceFilter(
        label=_("Plaintiff"), queryset=PlaintiffEntity.objects.none(), field_name="plaintiff"
    )
    law_firm = django_filters.CharFilter(label=_("Plaintiff's law firm"), method="filter_law_firm", max_length=255)
    forum = django_filters.ChoiceFilter(label=_("Forum"), choices=FORUM_CHOICES)
    kind = django_filters.ChoiceFilter(label=_("Kind of case"), choices=ReportKind.choices)
    right = django_filters.ChoiceFilter(label=_("Right asserted"), choices=RightType.choices, method="filter_right")
    patent = PatentFilter(label=_("Patent number"), method="filter_patent", max_length=40)
    industry = django_filters.ChoiceFilter(label=_("Industry"), choices=Industry.choices)
    product_category = django_filters.ChoiceFilter(label=_("Product category"), choices=ProductCategory.choices)
    filed_after = django_filters.DateFilter(label=_("Filed from"), field_name="filed_month", lookup_expr="gte")
    filed_before = django_filters.DateFilter(label=_("Filed until"), field_name="filed_month", lookup_expr="lte")
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices)
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[("newest", _("Newest first")), ("oldest", _("Oldest first"))],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = SharedVersion
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, association, **kwargs):
        super().__init__(data, queryset, **kwargs)
        published = SharedVersion.objects.filter(association=association, status=VersionStatus.PUBLISHED)
        self.filters["plaintiff"].queryset = PlaintiffEntity.objects.filter(id__in=published.values("plaintiff_id"))

    def filter_search(self, queryset, name, value):
        return search.search(queryset, value)

    def filter_law_firm(self, queryset, name, value):
        key = normalize_party_name(value)
        return queryset.filter(law_firm_key__contains=key) if key else queryset

    def filter_right(self, queryset, name, value):
        return queryset.filter(Exists(SharedRight.objects.filter(version=OuterRef("pk"), right_type=value)))

    def filter_patent(self, queryset, name, value):
        return queryset.filter(Exists(SharedRight.objects.filter(version=OuterRef("pk"), key=value)))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["newest"]))
