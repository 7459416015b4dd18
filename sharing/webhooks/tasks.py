"""Background tasks of webhooks. Arguments are plain JSON: the database backend stores them as a row."""

from django.tasks import task


@task
def deliver_webhooks(*, delivery_ids: list[int]) -> int:
    """Send these delivery attempts if they are still pending and due (a retry queued with `run_after`, or the
    first attempts of an event, queued on commit); how many were sent."""
    from sharing.webhooks.services import deliver  # services queue this task: imported when it runs

    return deliver(delivery_ids=delivery_ids)
