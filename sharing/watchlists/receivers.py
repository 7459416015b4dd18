"""What watchlists do when reports change (sharing.reports.signals); connected in WatchlistsConfig.ready()."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from sharing.reports.signals import version_published
from sharing.watchlists.tasks import alert_version_watchers


@receiver(version_published, dispatch_uid="watchlists.alert_watchers")
def alert_watchers_on_commit(sender, version, **kwargs) -> None:
    """After the publishing transaction commits, queue the task that tells the version's watchers."""
    transaction.on_commit(partial(alert_version_watchers.enqueue, version_id=version.pk), robust=True)
