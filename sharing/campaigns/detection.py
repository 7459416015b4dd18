"""Campaign detection: when a report is published, find the other published reports of the same plaintiff, the
same patent, or (Schedule A) the same plaintiff law firm in the same forum filed within
settings.CAMPAIGN_LAW_FIRM_WINDOW_DAYS, and form or grow a campaign once two distinct companies are in it.

It runs inside the publishing transaction in a constant number of queries, however many reports and campaigns
exist: each step is one set-based query over all of the report's keys. Its notices go out on commit, to the
companies of the campaign (and, through sharing.watchlists, to those watching its plaintiff, patent, law firm
or forum), and say only what is faced and by how many companies: never who.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy

from accounts.models import User
from notifications.kinds import per_language
from notifications.services import notify
from sharing.campaigns.models import Campaign, CampaignBasis, CampaignReport
from sharing.campaigns.signals import campaign_changed
from sharing.reports.choices import ReportKind, ReportStatus, RightType, VersionStatus
from sharing.reports.models import Report, SharedRight, SharedVersion
from sharing.watchlists.services import watch_notify_campaign
from tenancy.kept_lists import lists_changed
from tenancy.models import Association

# The live reports of a campaign key: (report id, company id) of each.
Rows = set[tuple[int, int]]

# Reports with a published version: only these count (a draft or a report in moderation tells nobody anything).
LIVE = (ReportStatus.PUBLISHED, ReportStatus.UPDATED, ReportStatus.ARCHIVED)
PATENT_TYPES = (RightType.UTILITY_PATENT, RightType.DESIGN_PATENT)
MINIMUM_COMPANIES = 2


@dataclass(frozen=True)
class Key:
    """What identifies one campaign within an association."""

    basis: str
    plaintiff_id: int | None = None
    right_key: str = ""
    law_firm_key: str = ""
    forum: str = ""

    @classmethod
    def of(cls, campaign: Campaign) -> "Key":
        if campaign.basis == CampaignBasis.PLAINTIFF:
            return cls(campaign.basis, plaintiff_id=campaign.plaintiff_id)
        if campaign.basis == CampaignBasis.PATENT:
            return cls(campaign.basis, right_key=campaign.right_key)
        return cls(campaign.basis, law_firm_key=campaign.law_firm_key, forum=campaign.forum)

    def lookup(self) -> Q:
        fields = {"plaintiff_id": self.plaintiff_id, "right_key": self.right_key}
        fields |= {"law_firm_key": self.law_firm_key, "forum": self.forum}
        return Q(basis=self.basis, **fields)


def keys_of(version: SharedVersion) -> list[Key]:
    """Every campaign key a published version carries (the version's fields are the raw report's, kept)."""
    keys = [Key(CampaignBasis.PLAINTIFF, plaintiff_id=version.plaintiff_id)]
    patents = {right["key"] for right in version.rights if right.get("type") in PATENT_TYPES and right.get("key")}
    keys += [Key(CampaignBasis.PATENT, right_key=key) for key in sorted(patents)]
    if version.kind == ReportKind.SCHEDULE_A and version.law_firm_key:
        keys.append(Key(CampaignBasis.LAW_FIRM_FORUM, law_firm_key=version.law_firm_key, forum=version.forum))
    return keys


def detect_on_publish(*, version: SharedVersion) -> list[Campaign]:
    """Call inside the transaction that publishes `version` (after its report is marked published)."""
    report = version.report
    keys = keys_of(version)
    members = _members(report, version, keys)
    # Campaigns of the version's keys, and those the report belonged to under an earlier revision's keys.
    lookups = Q()
    for key in keys:
        lookups |= key.lookup()
    current = Campaign.objects.filter(Q(association_id=report.association_id) & (lookups | Q(links__report=report)))
    return sync_campaigns(report.association, members, existing=list(current.distinct()), leaving=report.pk)


def recount_on_withdrawal(*, report: Report) -> None:
    """Call inside the transaction that withdraws `report`: its campaigns stop counting it at once."""
    _recount(list(Campaign.objects.filter(links__report=report)))


def sync_campaigns(
    association: Association, members: dict[Key, Rows], *, existing: list[Campaign], leaving: int | None = None
) -> list[Campaign]:
    """Bring the campaigns of `members` (key -> {(report id, company id)}) up to date: create those that now have
    two companies, link their reports, unlink report `leaving` from campaigns whose key it no longer has,
    recount, tell the apps above (signals.campaign_changed) and schedule the notices. Returns the campaigns
    recounted."""
    by_key = {Key.of(campaign): campaign for campaign in existing}
    stale = [c.pk for key, c in by_key.items() if key not in members] if leaving is not None else []
    if stale and leaving is not None:  # stale ones only when a report is leaving
        CampaignReport.objects.filter(report_id=leaving, campaign_id__in=stale).delete()
    missing = [
        _new_campaign(association, key, rows)
        for key, rows in members.items()
        if key not in by_key and len({company for _report, company in rows}) >= MINIMUM_COMPANIES
    ]
    if missing:
        Campaign.objects.bulk_create(missing, ignore_conflicts=True)
        # Created here or, a moment earlier, by a concurrent publication: read them back either way.
        lookups = Q()
        for campaign in missing:
            lookups |= Key.of(campaign).lookup()
        by_key |= {Key.of(c): c for c in Campaign.objects.filter(Q(association=association) & lookups)}
    targets = {key: by_key[key] for key in members if key in by_key}
    before = _companies(targets.values())
    CampaignReport.objects.bulk_create(
        [CampaignReport(campaign=targets[key], report_id=report) for key in targets for report, _c in members[key]],
        ignore_conflicts=True,
    )
    recounted = _recount([*targets.values(), *(c for c in existing if c.pk in stale)])
    for campaign in targets.values():
        old = before.get(campaign.pk, set())
        new = _ids(members[Key.of(campaign)]) - old
        if new and campaign.company_count >= MINIMUM_COMPANIES:
            change = "formed" if len(old) < MINIMUM_COMPANIES else "grown"
            campaign_changed.send(sender=Campaign, campaign=campaign, change=change)
            transaction.on_commit(partial(_announce, campaign, old, new), robust=True)
    return recounted


def _members(report: Report, version: SharedVersion, keys: list[Key]) -> dict[Key, Rows]:
    """(report id, company id) of every live report of the association sharing each key: one query per basis."""
    association_id = report.association_id
    members: dict[Key, Rows] = {key: {(report.pk, report.company_id)} for key in keys}
    plaintiff = keys[0]
    rows = Report.objects.filter(association_id=association_id, status__in=LIVE, plaintiff_id=version.plaintiff_id)
    members[plaintiff] |= set(rows.values_list("id", "company_id"))
    patents = [key for key in keys if key.basis == CampaignBasis.PATENT]
    if patents:
        rights = SharedRight.objects.filter(
            version__association_id=association_id,
            version__status=VersionStatus.PUBLISHED,
            version__report__status__in=LIVE,
            right_type__in=PATENT_TYPES,
            key__in=[key.right_key for key in patents],
        ).values_list("key", "version__report_id", "version__report__company_id")
        for right_key, report_id, company_id in rights:
            members[Key(CampaignBasis.PATENT, right_key=right_key)].add((report_id, company_id))
    firm = next((key for key in keys if key.basis == CampaignBasis.LAW_FIRM_FORUM), None)
    if firm is not None:
        if report.filed_on is None:  # a case that cannot be placed in time joins no law-firm campaign
            del members[firm]
        else:
            window = timedelta(days=settings.CAMPAIGN_LAW_FIRM_WINDOW_DAYS)
            versions = SharedVersion.objects.filter(
                association_id=association_id,
                status=VersionStatus.PUBLISHED,
                kind=ReportKind.SCHEDULE_A,
                law_firm_key=firm.law_firm_key,
                forum=firm.forum,
                report__status__in=LIVE,
                report__filed_on__range=(report.filed_on - window, report.filed_on + window),
            )
            members[firm] |= set(versions.values_list("report_id", "report__company_id"))
    return members


def _new_campaign(association: Association, key: Key, rows: Rows) -> Campaign:
    campaign = Campaign(
        association=association,
        basis=key.basis,
        plaintiff_id=key.plaintiff_id,
        right_key=key.right_key,
        law_firm_key=key.law_firm_key,
        forum=key.forum,
    )
    if key.basis == CampaignBasis.LAW_FIRM_FORUM:
        report_ids = [report for report, _company in rows]
        campaign.law_firm = (
            SharedVersion.objects.filter(report_id__in=report_ids, status=VersionStatus.PUBLISHED)
            .order_by("published_at", "id")
            .values_list("law_firm", flat=True)
            .first()
        ) or key.law_firm_key
    return campaign


def _ids(rows: Rows) -> set[int]:
    return {company for _report, company in rows}


def _companies(campaigns: Iterable[Campaign]) -> dict[int, set[int]]:
    """The companies each campaign already counted (live reports only), before this change."""
    result: dict[int, set[int]] = {}
    links = CampaignReport.objects.filter(campaign__in=list(campaigns), report__status__in=LIVE)
    for campaign_id, company_id in links.values_list("campaign_id", "report__company_id"):
        result.setdefault(campaign_id, set()).add(company_id)
    return result


def _recount(campaigns: list[Campaign]) -> list[Campaign]:
    """Counts and dates from the links (live reports only): one aggregate query and one bulk update."""
    campaigns = list({c.pk: c for c in campaigns}.values())
    if not campaigns:
        return []
    totals = {
        row["campaign_id"]: row
        for row in CampaignReport.objects.filter(campaign__in=campaigns, report__status__in=LIVE)
        .values("campaign_id")
        .annotate(
            companies=Count("report__company_id", distinct=True),
            reports=Count("report_id", distinct=True),
            first=Min("report__filed_on"),
            last=Max("report__filed_on"),
        )
    }
    now = timezone.now()
    for campaign in campaigns:
        row: Mapping[str, Any] = totals.get(campaign.pk, {})
        campaign.company_count = row.get("companies", 0)
        campaign.report_count = row.get("reports", 0)
        campaign.first_filed, campaign.last_filed = row.get("first"), row.get("last")
        campaign.updated_at = now
    fields = ["company_count", "report_count", "first_filed", "last_filed", "updated_at"]
    Campaign.objects.bulk_update(campaigns, fields)
    for association_id in {campaign.association_id for campaign in campaigns}:
        lists_changed(association_id)  # bulk_update sends no post_save
    return campaigns


def campaign_url(campaign: Campaign) -> str:
    return reverse("campaigns:detail", kwargs={"slug": campaign.association.slug, "campaign_id": campaign.pk})


def _announce(campaign: Campaign, old: set[int], new: set[int]) -> None:
    """After commit: the companies that just joined (all of them, when the campaign just formed) learn how many
    companies face what they face; the ones already in learn that it grew. Names of companies: never."""
    campaign.refresh_from_db()
    formed = len(old) < MINIMUM_COMPANIES
    params = {"subject": per_language(lazy(lambda: campaign.subject, str)()), "count": campaign.company_count}
    told = old | new if formed else new
    with transaction.atomic():
        notify(
            recipients=User.objects.filter(company_id__in=told, is_active=True),
            association=campaign.association,
            kind="campaign.formed",
            params=params,
            url=campaign_url(campaign),
        )
        if not formed:
            notify(
                recipients=User.objects.filter(company_id__in=old, is_active=True),
                association=campaign.association,
                kind="campaign.grew",
                params=params,
                url=campaign_url(campaign),
            )
        watch_notify_campaign(campaign=campaign, change="formed" if formed else "grew")
