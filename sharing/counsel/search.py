"""Full-text search over the directory: the reports' search (PostgreSQL text search, a plain match on SQLite and
for Chinese text) over each firm's search_text: its names, practice, attorneys and offices."""

from django.contrib.postgres.search import SearchVector
from django.db.models import QuerySet

from sharing.counsel.models import LawFirm
from sharing.reports.search import SEARCH_CONFIG, matching, on_postgresql


def index_firm(firm: LawFirm) -> None:
    """Recompute the firm's search text and vector (call inside the transaction that changes the firm)."""
    attorneys = [f"{a.name_en} {a.name_zh}" for a in firm.attorneys.all()]
    offices = [f"{o.city} {o.country}" for o in firm.offices.all()]
    text = "\n".join([firm.name_en, firm.name_zh, firm.practice_en, firm.practice_zh, *attorneys, *offices])
    LawFirm.objects.filter(pk=firm.pk).update(search_text=text)
    if on_postgresql():
        LawFirm.objects.filter(pk=firm.pk).update(search_vector=SearchVector("search_text", config=SEARCH_CONFIG))


def search(queryset: QuerySet[LawFirm], text: str) -> QuerySet[LawFirm]:
    return matching(queryset, text, fallback_fields=("search_text",))
