"""Full-text search over published reports: PostgreSQL's text search where available, a plain
case-insensitive match elsewhere (SQLite, the embedded default). Chinese text has no word breaks for
PostgreSQL's parsers, so a query with CJK characters uses the plain match on both."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Model, Q, QuerySet, TextField, Value

from sharing.reports.models import SharedVersion

SEARCH_CONFIG = "english"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def index_version(version: SharedVersion) -> None:
    """Compute the version's search vector (call inside the transaction that publishes it)."""
    if on_postgresql():
        plaintiff = Value(version.plaintiff.name, output_field=TextField())
        SharedVersion.objects.filter(pk=version.pk).update(
            search_vector=SearchVector("narrative", "law_firm", plaintiff, config=SEARCH_CONFIG)
        )


def search(queryset: QuerySet[SharedVersion], text: str) -> QuerySet[SharedVersion]:
    """Published versions matching every word of `text` in the narrative, plaintiff or law firm."""
    return matching(queryset, text, fallback_fields=("narrative", "plaintiff__name", "law_firm"))


def matching[M: Model](
    queryset: QuerySet[M], text: str, *, fallback_fields: tuple[str, ...], vector: str = "search_vector"
) -> QuerySet[M]:
    """Rows of `queryset` matching every word of `text`: on PostgreSQL by the row's search vector (the field
    `vector`, computed in the SEARCH_CONFIG configuration), elsewhere (and for Chinese text) by a case-insensitive
    match of each word, crudely stemmed, in one of `fallback_fields`. The counsel directory searches this way too."""
    text = " ".join((text or "").split())
    if not text:
        return queryset
    if on_postgresql() and not _CJK.search(text):
        return queryset.filter(**{vector: SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")})
    for word in map(_stem, text.split()):
        # A word without letter case (Chinese) needs no case folding: a plain LIKE, not UPPER() over every row.
        lookup = "contains" if word.upper() == word.lower() else "icontains"
        any_field = Q()
        for name in fallback_fields:
            any_field |= Q(**{f"{name}__{lookup}": word})
        queryset = queryset.filter(any_field)
    return queryset


def _stem(word: str) -> str:
    """A crude English stem for the fallback, so "infringe" still finds "infringing"."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
