"""The kept published lists (tenancy.kept_lists) go out of date with any change to a shared version (its rights
are shown from the version itself) or to a plaintiff entity (names are shown in the list), and with a withdrawal
(versions are updated in bulk); connected in ReportsConfig.ready()."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from sharing.plaintiffs.models import PlaintiffEntity
from sharing.reports.models import SharedVersion
from sharing.reports.signals import report_withdrawn
from tenancy.kept_lists import lists_changed


@receiver(post_save, sender=SharedVersion, dispatch_uid="reports.kept_lists.version_saved")
@receiver(post_delete, sender=SharedVersion, dispatch_uid="reports.kept_lists.version_deleted")
@receiver(post_save, sender=PlaintiffEntity, dispatch_uid="reports.kept_lists.plaintiff_saved")
@receiver(post_delete, sender=PlaintiffEntity, dispatch_uid="reports.kept_lists.plaintiff_deleted")
def association_row_changed(sender, instance, **kwargs) -> None:
    lists_changed(instance.association_id)


@receiver(report_withdrawn, dispatch_uid="reports.kept_lists.withdrawn")
def report_withdrawn_from_lists(sender, report, **kwargs) -> None:
    lists_changed(report.association_id)
