"""Full-text search over published reports: PostgreSQL's text search where available, a plain
case-insensitive match elsewhere (SQLite, the embedded default). Chinese text has no word breaks for
PostgreSQL's parsers, so a query with CJK characters uses the plain match on both."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet, TextField, Value

from sharing.reports.models import SharedVersion

SEARCH_CONFIG = "english"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def index_version(version: SharedVersion) -> None:
    """Compute the version's search vector (call inside the transaction that publishes it)."""
    if _on_postgresql():
        plaintiff = Value(version.plaintiff.name, output_field=TextField())
        SharedVersion.objects.filter(pk=version.pk).update(
            search_vector=SearchVector("narrative", "law_firm", plaintiff, config=SEARCH_CONFIG)
        )


def search(queryset: QuerySet[SharedVersion], text: str) -> QuerySet[SharedVersion]:
    """Published versions matching every word of `text` in the narrative, plaintiff or law firm."""
    text = " ".join((text or "").split())
    if not text:
        return queryset
    if _on_postgresql() and not _CJK.search(text):
        return queryset.filter(search_vector=SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch"))
    for word in map(_stem, text.split()):
        queryset = queryset.filter(
            Q(narrative__icontains=word) | Q(plaintiff__name__icontains=word) | Q(law_firm__icontains=word)
        )
    return queryset


def _stem(word: str) -> str:
    """A crude English stem for the fallback, so "infringe" still finds "infringing"."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
