"""Scoped reads of the counsel network. The directory: every person of the association (members, counsel,
moderators, admins); retired firms only for moderators and admins. A company's own reviews and recommendations:
that company's people. Moderation: moderators and admins. Anything else is NoAccess (404), like a missing id.

What any reader sees of recommendations and reviews is counted over companies, never naming one, and reviews (their
ratings, texts and outcomes) only once COUNSEL_REVIEW_THRESHOLD companies or more have published one."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from sharing.counsel import search
from sharing.counsel.choices import RATING_FIELDS, ProposalStatus, ReviewStatus
from sharing.counsel.models import (
    Attorney,
    Engagement,
    FeeArrangement,
    LawFirm,
    Proposal,
    Recommendation,
    Reply,
    Review,
)
from sharing.defense.access import GroupAccess, Level
from sharing.defense.selectors import require
from sharing.reports.models import Report
from sharing.reports.search import on_postgresql
from sharing.reports.selectors import own_reports
from tenancy.access import COMPANY_ROLES, PERSON_ROLES, STAFF_ROLES, Access, NoAccess, Role
from tenancy.models import AssociationRole, AssociationRoleKind

if TYPE_CHECKING:
    from accounts.models import User

# The directory's orders, each ending in a unique key (the API's cursor pages need one). A firm below the
# threshold has no rating: `rating_order` puts it last.
SORTS = {
    "name": ("name_en", "id"),
    "recommendations": ("-recommending_companies", "name_en", "id"),
    "rating": ("-rating_order", "name_en", "id"),
}


def review_threshold() -> int:
    """The number of distinct reviewing companies a firm needs before its reviews show: never below 5."""
    return max(5, int(settings.COUNSEL_REVIEW_THRESHOLD))


def _partner_may_read(access: Access) -> bool:
    return access.has_any({Role.PARTNER}) and access.association.counsel_open_to_partners


def _require(access: Access, roles: Iterable[Role]) -> None:
    if not access.has_any(roles):
        raise NoAccess


@dataclass(frozen=True)
class DirectoryFilters:
    text: str = ""
    forum: str = ""
    kind: str = ""
    right: str = ""
    language: str = ""
    fee_kind: str = ""
    verified: bool | None = None
    sort: str = "name"


def firms(access: Access) -> QuerySet[LawFirm]:
    """The association's firms the caller may read: current ones, and retired ones too for moderators and admins;
    current ones for a partner key where the association opens the directory to partners."""
    if not (access.has_any(PERSON_ROLES) or _partner_may_read(access)):
        raise NoAccess
    queryset = LawFirm.objects.filter(association=access.association).defer("search_vector", "search_text")
    if not access.has_any(STAFF_ROLES):
        queryset = queryset.filter(retired_at__isnull=True)
    return queryset


def get_firm(access: Access, firm_id: int | str) -> LawFirm:
    firm = firms(access).filter(pk=firm_id).first()
    if firm is None:
        raise NoAccess
    return firm


def _contains(field: str, value: str) -> Q:
    """A JSON list field holding the code `value`: PostgreSQL's containment; SQLite has none, so there the list's
    JSON text holds the quoted code (codes are plain words, so the match is exact)."""
    if on_postgresql():
        return Q(**{f"{field}__contains": [value]})
    return Q(**{f"{field}__icontains": f'"{value}"'})


def directory(access: Access, filters: DirectoryFilters) -> QuerySet[LawFirm]:
    """The directory as filtered and sorted: one query, whatever the number of firms shown."""
    queryset = search.search(firms(access), filters.text)
    for field, value in (("forums", filters.forum), ("kinds", filters.kind), ("rights", filters.right),
                         ("languages", filters.language)):  # fmt: skip
        if value:
            queryset = queryset.filter(_contains(field, value))
    if filters.fee_kind:  # Exists, not a join and DISTINCT: 7.6 against 1.1 ms at 5,000 firms
        queryset = queryset.filter(Exists(FeeArrangement.objects.filter(firm=OuterRef("pk"), kind=filters.fee_kind)))
    if filters.verified is not None:
        queryset = queryset.filter(verified_at__isnull=not filters.verified)
    queryset = queryset.annotate(rating_order=Coalesce("rating", Value(Decimal(-1))))
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["name"]))


def is_firm_counsel(access: Access, firm: LawFirm) -> bool:
    """The caller is one of the firm's attorneys, as the association's counsel."""
    return bool(
        access.user is not None
        and access.has_any({Role.COUNSEL})
        and Attorney.objects.filter(firm=firm, user=access.user).exists()
    )


def counsel_firms(access: Access) -> QuerySet[LawFirm]:
    """The firms the caller works for, as counsel."""
    if not access.has_any({Role.COUNSEL}) or access.user is None:
        return LawFirm.objects.none()
    return firms(access).filter(attorneys__user=access.user).distinct()


def recommendation_counts(firm: LawFirm) -> list[dict[str, Any]]:
    """[{kind, forum, companies}], most recommended first: how many member companies recommend the firm for each
    kind of case and forum. Counts only, never which companies."""
    rows = (
        Recommendation.objects.filter(firm=firm)
        .values("kind", "forum")
        .annotate(companies=Count("company", distinct=True))
        .order_by("-companies", "kind", "forum")
    )
    return [cast(dict[str, Any], row) for row in rows]


def published_reviews(firm: LawFirm) -> QuerySet[Review]:
    """The firm's published reviews, newest month first, once enough companies have reviewed it; none before."""
    if firm.reviewing_companies < review_threshold():
        return Review.objects.none()
    return (
        Review.objects.filter(firm=firm, status=ReviewStatus.PUBLISHED)
        .select_related("reply")
        .only(*RATING_FIELDS, "cost_band", "shared_text", "published_month", "firm_id", "reply__text", "reply__status")
        .order_by("-published_month", "-id")
    )


def per_company_ratings(firm: LawFirm) -> list[dict[str, float]]:
    """Each reviewing company's ratings of the firm, its published reviews averaged: one row per company (unnamed),
    so that a company with many reviews weighs as much as one with a single review."""
    rows = (
        Review.objects.filter(firm=firm, status=ReviewStatus.PUBLISHED)
        .values("company")
        .annotate(**{name: Avg(name) for name in RATING_FIELDS})
    )
    return [{name: float(cast(dict[str, Any], row)[name]) for name in RATING_FIELDS} for row in rows]


def rating_breakdown(firm: LawFirm) -> dict[str, float] | None:
    """Each rating averaged over companies, or None below the threshold."""
    if firm.reviewing_companies < review_threshold():
        return None
    rows = per_company_ratings(firm)
    if not rows:
        return None
    return {name: round(sum(row[name] for row in rows) / len(rows), 2) for name in RATING_FIELDS}


def outcome_counts(firm: LawFirm, forum: str) -> list[dict[str, Any]]:
    """[{outcome, cases}] of the firm's published reviews in one forum, once it passed the threshold."""
    if firm.reviewing_companies < review_threshold():
        return []
    rows = (
        Review.objects.filter(firm=firm, status=ReviewStatus.PUBLISHED, forum=forum)
        .values("outcome")
        .annotate(cases=Count("id"))
        .order_by("-cases", "outcome")
    )
    return [cast(dict[str, Any], row) for row in rows]


@dataclass(frozen=True)
class SimilarCaseFirm:
    firm: LawFirm
    recommended: int  # companies recommending it for the forum and kind
    outcomes: list[dict[str, Any]]  # [{outcome, cases}] in the forum, past the threshold; else empty


def firms_for_cases_like(access: Access, *, forum: str, kind: str, limit: int = 10) -> list[SimilarCaseFirm]:
    """Firms recommended or reviewed (published) for this forum and kind, most recommended first, with their
    outcomes in that forum once past the threshold."""
    recommended = Recommendation.objects.filter(firm=OuterRef("pk"), forum=forum, kind=kind)
    reviewed = Review.objects.filter(firm=OuterRef("pk"), forum=forum, kind=kind, status=ReviewStatus.PUBLISHED)
    found = (
        firms(access)
        .filter(retired_at__isnull=True)
        .filter(Q(Exists(recommended)) | Q(Exists(reviewed)))
        .annotate(
            recommended=Count(
                "recommendations__company",
                distinct=True,
                filter=Q(recommendations__forum=forum, recommendations__kind=kind),
            )
        )
        .order_by("-recommended", "name_en", "id")[:limit]
    )
    return [SimilarCaseFirm(firm, firm.recommended, outcome_counts(firm, forum)) for firm in found]


def own_recommendations(access: Access) -> QuerySet[Recommendation]:
    """The caller's company's recommendations (its people see them; no one else)."""
    _require(access, COMPANY_ROLES)
    return Recommendation.objects.filter(association=access.association, company=access.company).select_related("firm")


def own_reviews(access: Access) -> QuerySet[Review]:
    """The caller's company's reviews, every status."""
    _require(access, COMPANY_ROLES)
    return Review.objects.filter(association=access.association, company=access.company).select_related("firm")


def get_own_review(access: Access, review_id: int | str) -> Review:
    review = own_reviews(access).filter(pk=review_id).first()
    if review is None:
        raise NoAccess
    return review


def reviewable_reports(access: Access) -> QuerySet[Report]:
    """The reports a company may review counsel for: its own."""
    return own_reports(access)


def review_queue(access: Access) -> QuerySet[Review]:
    _require(access, STAFF_ROLES)
    return (
        Review.objects.filter(association=access.association, status=ReviewStatus.PENDING)
        .select_related("firm")
        .order_by("submitted_at", "id")
    )


def get_review_for_moderation(access: Access, review_id: int | str) -> Review:
    review = review_queue(access).filter(pk=review_id).first()
    if review is None:
        raise NoAccess
    return review


def get_published_review(access: Access, review_id: int | str) -> Review:
    """A published review of a firm past the threshold: what the firm's counsel may reply to."""
    review = (
        Review.objects.filter(association=access.association, status=ReviewStatus.PUBLISHED, pk=review_id)
        .select_related("firm")
        .first()
    )
    if review is None or review.firm.reviewing_companies < review_threshold():
        raise NoAccess
    return review


def reply_queue(access: Access) -> QuerySet[Reply]:
    _require(access, STAFF_ROLES)
    return (
        Reply.objects.filter(review__association=access.association, status=ReviewStatus.PENDING)
        .select_related("review__firm")
        .order_by("submitted_at", "id")
    )


def get_reply_for_moderation(access: Access, reply_id: int | str) -> Reply:
    reply = reply_queue(access).filter(pk=reply_id).first()
    if reply is None:
        raise NoAccess
    return reply


def proposal_queue(access: Access) -> QuerySet[Proposal]:
    _require(access, STAFF_ROLES)
    return Proposal.objects.filter(firm__association=access.association, status=ProposalStatus.PENDING).select_related(
        "firm", "proposed_by"
    )


def get_proposal(access: Access, proposal_id: int | str) -> Proposal:
    proposal = proposal_queue(access).filter(pk=proposal_id).first()
    if proposal is None:
        raise NoAccess
    return proposal


def engagements(gaccess: GroupAccess) -> QuerySet[Engagement]:
    """The firms the group engaged, newest first: every participant past the invitation sees them."""
    require(gaccess, Level.SUMMARY)
    return Engagement.objects.filter(group=gaccess.group).select_related("firm")


def _role_holders(association_id: int, role: str) -> "QuerySet[User]":
    roles = AssociationRole.objects.filter(association_id=association_id, role=role, user__is_active=True)
    return get_user_model().objects.filter(pk__in=roles.values("user_id"))


def counsel_users(association_id: int) -> "QuerySet[User]":
    """The association's active external counsel users."""
    return _role_holders(association_id, AssociationRoleKind.COUNSEL)


def moderators(association_id: int) -> "QuerySet[User]":
    """The association's active moderators: whom a review, a reply or a proposed change waits for."""
    return _role_holders(association_id, AssociationRoleKind.MODERATOR)


def engageable_counsel(firm: LawFirm) -> QuerySet[Attorney]:
    """The firm's attorneys who are the association's active counsel users: the ones a group can invite."""
    return firm.attorneys.filter(user__in=counsel_users(firm.association_id)).select_related("user")
