"""What webhooks announce when reports or campaigns change (sharing.reports.signals, sharing.campaigns.signals);
connected in WebhooksConfig.ready(). Each runs inside the change's transaction; sending follows its commit."""

from django.dispatch import receiver

from sharing.campaigns.detection import LIVE
from sharing.campaigns.models import CampaignReport
from sharing.campaigns.signals import campaign_changed
from sharing.reports.choices import VersionStatus
from sharing.reports.models import SharedVersion
from sharing.reports.signals import report_withdrawn, version_published
from sharing.webhooks import payloads
from sharing.webhooks.models import EventType
from sharing.webhooks.services import announce


@receiver(version_published, dispatch_uid="webhooks.report_published")
def announce_publication(sender, version, **kwargs) -> None:
    """report.published for a report's first published revision, report.updated for a later one."""
    superseded = (
        SharedVersion.objects.filter(report_id=version.report_id, status=VersionStatus.SUPERSEDED)
        .order_by("-published_at", "-id")
        .values_list("id", flat=True)
        .first()
    )
    announce(
        association=version.association,
        type=EventType.REPORT_UPDATED if superseded else EventType.REPORT_PUBLISHED,
        data=lambda: payloads.report_data(version, replaces=superseded),
        companies=lambda: {version.report.company_id},
    )


@receiver(report_withdrawn, dispatch_uid="webhooks.report_withdrawn")
def announce_withdrawal(sender, report, **kwargs) -> None:
    """report.withdrawn, when the report had been published (a draft or a report in moderation was never
    announced)."""
    last = (
        SharedVersion.objects.filter(report=report, status=VersionStatus.WITHDRAWN, published_at__isnull=False)
        .order_by("-published_at", "-id")
        .values_list("id", flat=True)
        .first()
    )
    if last is None:
        return
    announce(
        association=report.association,
        type=EventType.REPORT_WITHDRAWN,
        data=lambda: payloads.withdrawn_data(last),
        companies=lambda: {report.company_id},
    )


@receiver(campaign_changed, dispatch_uid="webhooks.campaign_changed")
def announce_campaign(sender, campaign, change, **kwargs) -> None:
    def companies() -> set[int]:
        live = CampaignReport.objects.filter(campaign=campaign, report__status__in=LIVE)
        return set(live.values_list("report__company_id", flat=True))

    announce(
        association=campaign.association,
        type=EventType.CAMPAIGN_FORMED if change == "formed" else EventType.CAMPAIGN_GROWN,
        data=lambda: payloads.campaign_data(campaign),
        companies=companies,
    )
