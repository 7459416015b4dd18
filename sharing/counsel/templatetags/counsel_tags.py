"""Counsel panels for the pages of apps below counsel, and the labels of the directory's codes. A report's pages
show the firms that handled cases like it; a defense group's page shows the firms it engaged. Their views do not
know counsel: the templates ask for it (docs/ARCHITECTURE.md, "Apps and the direction of their dependencies")."""

from collections.abc import Iterable
from typing import Any

from django import template

from sharing.counsel import selectors
from sharing.counsel.choices import BAR_ADMISSIONS, FORUMS, INDUSTRIES, KINDS, LANGUAGES, RIGHTS
from sharing.reports.anonymizer import marked_shared
from sharing.reports.choices import Outcome
from tenancy.access import PERSON_ROLES

register = template.Library()

VOCABULARIES: dict[str, dict[str, Any]] = {
    "forums": FORUMS,
    "kinds": KINDS,
    "rights": RIGHTS,
    "industries": INDUSTRIES,
    "languages": LANGUAGES,
    "bar_admissions": BAR_ADMISSIONS,
    "outcomes": dict(Outcome.choices),
}


@register.filter
def code_label(code: str, vocabulary: str) -> str:
    """One code's label in the reader's language ("ilnd"|code_label:"forums")."""
    return str(VOCABULARIES[vocabulary].get(code, code))


@register.filter
def code_labels(codes: Iterable[str] | None, vocabulary: str) -> str:
    """A list of codes as their labels, comma-separated (firm.languages|code_labels:"languages")."""
    return ", ".join(code_label(code, vocabulary) for code in codes or ())


@register.filter
def marked(text: str) -> list[tuple[str, bool]]:
    """A shared text as pieces for reports/_marked_shared.html: its placeholders highlighted."""
    return marked_shared(text)


@register.inclusion_tag("counsel/_similar_firms.html", takes_context=True)
def similar_case_firms(context, forum: str, kind: str) -> dict[str, Any]:
    """Firms recommended or reviewed for this forum and kind: how many companies recommend each, and outcome
    counts past the review threshold. Never who."""
    access = context["access"]
    found = selectors.firms_for_cases_like(access, forum=forum, kind=kind) if access.has_any(PERSON_ROLES) else []
    return {"slug": access.association.slug, "found": found, "forum": forum, "kind": kind}


@register.inclusion_tag("counsel/_group_engagements.html", takes_context=True)
def group_engagements(context, gaccess) -> dict[str, Any]:
    """The firms the group engaged, for its participants; the link to engage one for the group's lead."""
    return {
        "slug": gaccess.access.association.slug,
        "group": gaccess.group,
        "manages": gaccess.manages,
        "engagements": selectors.engagements(gaccess),
    }
