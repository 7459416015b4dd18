"""Who watches what a published version or a campaign carries: one query, whatever the number of watches.

The users come back from a single SELECT: an EXISTS over their watches with the criteria OR'd together, and
their access to the association checked in the same statement, so a user matching through several watches
is one row and gets one notification.
"""

from collections.abc import Iterable
from typing import Any, Protocol

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User
from sharing.plaintiffs.models import PlaintiffEntity
from sharing.reports.models import SharedVersion
from sharing.watchlists.models import Criterion, Watch
from tenancy.models import Association, AssociationRole, Membership, MembershipStatus


class WatchedCampaign(Protocol):
    """A campaign as watchlists read it: sharing.campaigns.models.Campaign, which stands on watchlists (its
    detection tells them) and so is not imported here."""

    @property
    def pk(self) -> Any: ...
    @property
    def association(self) -> Association: ...
    @property
    def basis(self) -> str: ...
    @property
    def plaintiff(self) -> PlaintiffEntity | None: ...
    @property
    def plaintiff_id(self) -> int | None: ...
    @property
    def right_key(self) -> str: ...
    @property
    def law_firm_key(self) -> str: ...
    @property
    def forum(self) -> str: ...
    @property
    def company_count(self) -> int: ...
    @property
    def report_count(self) -> int: ...


def _criteria(
    *,
    plaintiff_id: int | None = None,
    right_keys: Iterable[str] = (),
    law_firm_key: str = "",
    product_category: str = "",
    forum: str = "",
    kind: str = "",
) -> Q:
    """The watches matching any of the given values (empty values match nothing)."""
    matches = Q(pk__in=[])
    if plaintiff_id:
        matches |= Q(criterion=Criterion.PLAINTIFF, plaintiff_id=plaintiff_id)
    keys = [key for key in right_keys if key]
    if keys:
        matches |= Q(criterion=Criterion.PATENT, value__in=keys)
    for criterion, value in (
        (Criterion.LAW_FIRM, law_firm_key),
        (Criterion.PRODUCT_CATEGORY, product_category),
        (Criterion.FORUM, forum),
        (Criterion.KIND, kind),
    ):
        if value:
            matches |= Q(criterion=criterion, value=value)
    return matches


def watchers(association: Association, *, exclude_company_id: int | None = None, **values: Any) -> QuerySet[User]:
    """Active users who can enter `association` now and watch one of `values` there (see _criteria)."""
    watches = Watch.objects.filter(_criteria(**values), association=association, user=OuterRef("pk"))
    staff = AssociationRole.objects.filter(association=association, user=OuterRef("pk"))
    member = Membership.objects.filter(
        association=association, company=OuterRef("company_id"), status=MembershipStatus.ACTIVE
    )
    users = User.objects.filter(Exists(watches), Exists(staff) | Exists(member), is_active=True)
    if exclude_company_id is not None:
        users = users.exclude(company_id=exclude_company_id)
    return users.order_by("pk")


def version_watchers(version: SharedVersion) -> QuerySet[User]:
    """Who to tell about a published version: never the reporting company's own people."""
    return watchers(
        version.association,
        exclude_company_id=version.report.company_id,
        plaintiff_id=version.plaintiff_id,
        right_keys=[right.get("key") for right in version.rights],
        law_firm_key=version.law_firm_key,
        product_category=version.product_category,
        forum=version.forum,
        kind=version.kind,
    )


def campaign_watchers(campaign: WatchedCampaign) -> QuerySet[User]:
    """Who to tell about a campaign: watchers of its plaintiff, patent, law firm or forum."""
    return watchers(
        campaign.association,
        plaintiff_id=campaign.plaintiff_id,
        right_keys=[campaign.right_key or ""],
        law_firm_key=campaign.law_firm_key or "",
        forum=campaign.forum or "",
    )
