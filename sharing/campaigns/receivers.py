"""What campaigns do when reports change (sharing.reports.signals), and the kept campaign lists
(tenancy.kept_lists) going out of date with any change to a campaign or its opt-ins; connected in
CampaignsConfig.ready()."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from sharing.campaigns.detection import detect_on_publish, recount_on_withdrawal
from sharing.campaigns.models import Campaign, CampaignOptIn
from sharing.reports.signals import report_withdrawn, version_published
from tenancy.kept_lists import lists_changed


@receiver(version_published, dispatch_uid="campaigns.detect")
def detect_campaigns(sender, version, **kwargs) -> None:
    detect_on_publish(version=version)


@receiver(report_withdrawn, dispatch_uid="campaigns.recount")
def recount_campaigns(sender, report, **kwargs) -> None:
    recount_on_withdrawal(report=report)


@receiver(post_save, sender=Campaign, dispatch_uid="campaigns.kept_lists.saved")
@receiver(post_delete, sender=Campaign, dispatch_uid="campaigns.kept_lists.deleted")
def campaign_saved(sender, instance, **kwargs) -> None:
    lists_changed(instance.association_id)


# A campaign's reports are not listed, only counted on the campaign itself (saved, or recounted in bulk by
# detection's _recount, which says so before any campaign_changed): no receiver for them or for that signal.
@receiver(post_save, sender=CampaignOptIn, dispatch_uid="campaigns.kept_lists.opt_in_saved")
@receiver(post_delete, sender=CampaignOptIn, dispatch_uid="campaigns.kept_lists.opt_in_deleted")
def opt_in_changed(sender, instance, **kwargs) -> None:
    association_id = Campaign.objects.filter(pk=instance.campaign_id).values_list("association_id", flat=True).first()
    if association_id is not None:  # None: deleted with its campaign, whose own signal has spoken
        lists_changed(association_id)
