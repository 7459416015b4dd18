"""Background tasks of watchlists. Arguments are plain JSON: the database backend stores them as a row."""

from django.tasks import task

from sharing.watchlists.services import watchers_alert


@task
def alert_version_watchers(*, version_id: int) -> int:
    """Tell the watchers of a just-published version (at most once per version, even when retried)."""
    return watchers_alert(version_id=version_id)
