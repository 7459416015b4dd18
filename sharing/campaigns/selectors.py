"""Scoped reads of campaigns and plaintiff entities.

Every person of the association may see a campaign (what is faced, by how many companies, and the published
reports behind it: published data every member reads anyway). Whether the caller's own company is in it, and
the names of the companies that opted in, only an affected company sees, the names only once it opted in too.
Moderators and admins see counts, never which companies are in a campaign nor how many opted in.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from sharing.campaigns.detection import LIVE, MINIMUM_COMPANIES
from sharing.campaigns.models import Campaign, CampaignBasis, CampaignOptIn, CampaignReport
from sharing.defense.models import DefenseGroup
from sharing.plaintiffs.models import PlaintiffEntity
from sharing.reports.choices import ReportStatus
from sharing.reports.models import Report, SharedRight, SharedVersion, choice_labels
from sharing.reports.selectors import published_versions
from tenancy.access import PERSON_ROLES, STAFF_ROLES, Access, NoAccess, Role
from tenancy.models import Company

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class OptedIn(TypedDict):
    """Whether the caller's company opted in to the campaign."""

    opted_in: bool


class Involvement(OptedIn):
    """And whether the caller's company is in the campaign (has a live report in it)."""

    affected: bool


def _require(access: Access, roles: Iterable[Role]) -> None:
    if not access.has_any(roles):
        raise NoAccess


def _affected(company_id: int | None) -> QuerySet[CampaignReport]:
    return CampaignReport.objects.filter(
        campaign=OuterRef("pk"),
        report__company_id=company_id,  # type: ignore[misc]  # None (no company) is valid Django, IS NULL: no row; the plugin wants an id
        report__status__in=LIVE,
    )


def campaigns_for(access: Access) -> "QuerySet[WithAnnotations[Campaign, Involvement]]":
    """The association's campaigns (two companies or more), most recently active first; `affected` and
    `opted_in` say whether the caller's company is in each and has opted in (never, for a partner key)."""
    _require(access, PERSON_ROLES | {Role.PARTNER})
    company_id = access.company.pk if access.company is not None else None
    return (
        Campaign.objects.filter(association=access.association, company_count__gte=MINIMUM_COMPANIES)
        .select_related("plaintiff", "association")
        .annotate(
            affected=Exists(_affected(company_id)),
            opted_in=Exists(
                CampaignOptIn.objects.filter(
                    campaign=OuterRef("pk"),
                    company_id=company_id,  # type: ignore[misc]  # None (no company) is valid Django, IS NULL: no row; the plugin wants an id
                )
            ),
        )
        .order_by("-updated_at", "-id")
    )


def get_campaign(access: Access, campaign_id: int | str) -> "WithAnnotations[Campaign, Involvement]":
    """One campaign, for people only: its page names listed groups (and opted-in companies), which partner keys
    never see."""
    _require(access, PERSON_ROLES)
    campaign = campaigns_for(access).filter(pk=campaign_id).first()
    if campaign is None:
        raise NoAccess
    return campaign


def campaign_versions(access: Access, campaign: Campaign) -> QuerySet[SharedVersion]:
    """The published reports behind the campaign, oldest filing first: those the published list shows for the
    same plaintiff, patent, or law firm and forum (between the campaign's first and last filing months). Read
    from the published versions, not from the campaign's links, so nothing ties a report to the campaign that
    the published list does not already show."""
    versions = published_versions(access)
    if campaign.basis == CampaignBasis.PLAINTIFF:
        versions = versions.filter(plaintiff_id=campaign.plaintiff_id)
    elif campaign.basis == CampaignBasis.PATENT:
        versions = versions.filter(Exists(SharedRight.objects.filter(version=OuterRef("pk"), key=campaign.right_key)))
    else:
        versions = versions.filter(kind="schedule_a", law_firm_key=campaign.law_firm_key, forum=campaign.forum)
        if campaign.first_filed and campaign.last_filed:
            versions = versions.filter(
                filed_month__gte=campaign.first_filed.replace(day=1), filed_month__lte=campaign.last_filed
            )
    return versions.order_by("filed_month", "published_at", "id")


def campaign_counts(versions: QuerySet[SharedVersion], field: str) -> list[dict[str, Any]]:
    """{"label", "count"} of published reports for each value of `field`, most frequent first."""
    labels = choice_labels(SharedVersion._meta.get_field(field))
    rows = versions.order_by().values(field).annotate(n=Count("id")).order_by("-n", field)
    return [{"label": str(labels.get(row[field], row[field])), "count": row["n"]} for row in rows]


def campaign_patents(versions: QuerySet[SharedVersion]) -> list[str]:
    """The patent keys asserted across `versions` (published versions), most asserted first."""
    rows = SharedRight.objects.filter(version__in=versions, right_type__in=("utility", "design")).values_list(
        "key", flat=True
    )
    counts: dict[str, int] = {}
    for key in rows:
        counts[key] = counts.get(key, 0) + 1
    return sorted(counts, key=lambda key: (-counts[key], key))


def campaign_groups(access: Access, campaign: Campaign) -> QuerySet[DefenseGroup]:
    """Listed defense groups around the campaign (or its plaintiff): their names only."""
    _require(access, PERSON_ROLES)
    around = Q(campaign=campaign)
    if campaign.plaintiff_id is not None:
        around |= Q(plaintiff_id=campaign.plaintiff_id)
    return DefenseGroup.objects.filter(around, association=access.association, listed=True).order_by("name", "id")


def opted_in_companies(access: Access, campaign: "WithAnnotations[Campaign, Involvement]") -> QuerySet[Company]:
    """The affected companies that opted in: shown only to a company that is affected and opted in itself."""
    if access.company is None or not (campaign.affected and campaign.opted_in):
        return Company.objects.none()
    opted = CampaignOptIn.objects.filter(campaign=campaign).values("company_id")
    affected = CampaignReport.objects.filter(campaign=campaign, report__status__in=LIVE).values("report__company_id")
    return Company.objects.filter(id__in=opted).filter(id__in=affected).order_by("legal_name_en", "id")


def report_campaigns(report: Report) -> "QuerySet[WithAnnotations[Campaign, OptedIn]]":
    """The campaigns (two companies or more) the caller's own report is in: for its reporter's page."""
    if report.status not in LIVE:  # no rows, so none lacks the annotation
        return cast("QuerySet[WithAnnotations[Campaign, OptedIn]]", Campaign.objects.none())
    return (
        Campaign.objects.filter(links__report=report, company_count__gte=MINIMUM_COMPANIES)
        .select_related("plaintiff", "association")
        .annotate(opted_in=Exists(CampaignOptIn.objects.filter(campaign=OuterRef("pk"), company_id=report.company_id)))
        .order_by("basis", "id")
    )


# Plaintiff entities, for moderators -------------------------------------------------------------------------


def moderated_plaintiffs(access: Access) -> QuerySet[PlaintiffEntity]:
    """Plaintiffs of reports that reached the moderators (drafts excepted), with their aliases: moderators
    and association admins, who merge and split them."""
    _require(access, STAFF_ROLES)
    reached = Report.objects.filter(plaintiff=OuterRef("pk")).exclude(status=ReportStatus.DRAFT)
    return (
        PlaintiffEntity.objects.filter(association=access.association)
        .filter(Exists(reached))
        .prefetch_related("aliases")
        .order_by("name", "id")
    )


def get_moderated_plaintiff(access: Access, entity_id: int | str) -> PlaintiffEntity:
    entity = moderated_plaintiffs(access).filter(pk=entity_id).first()
    if entity is None:
        raise NoAccess
    return entity
