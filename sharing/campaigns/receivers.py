"""What campaigns do when reports change (sharing.reports.signals); connected in CampaignsConfig.ready()."""

from django.dispatch import receiver

from sharing.campaigns.detection import detect_on_publish, recount_on_withdrawal
from sharing.reports.signals import report_withdrawn, version_published


@receiver(version_published, dispatch_uid="campaigns.detect")
def detect_campaigns(sender, version, **kwargs) -> None:
    detect_on_publish(version=version)


@receiver(report_withdrawn, dispatch_uid="campaigns.recount")
def recount_campaigns(sender, report, **kwargs) -> None:
    recount_on_withdrawal(report=report)
