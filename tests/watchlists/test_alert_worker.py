"""With the database task backend: publishing queues the watchers' alert after commit, db_worker runs it and the
deliveries it queues; running the worker again (a retry) notifies and e-mails nobody twice."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from notifications.models import Notification
from sharing.watchlists import services
from tenancy.access import resolve_access
from tests.factories import cast_published_report

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]


def test_the_worker_alerts_each_watcher_once(cast, run_worker):
    watcher = cast.users["not_entitled"]
    services.watch_add(access=resolve_access(slug="alpha", user=watcher), criterion="forum", value="txed")
    cast_published_report(cast)
    paths = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert "sharing.watchlists.tasks.alert_version_watchers" in paths
    assert not Notification.objects.filter(kind="watch.report_published").exists()
    run_worker()  # the alert, then (queued by it) the delivery
    run_worker()
    assert Notification.objects.filter(kind="watch.report_published", recipient=watcher).count() == 1
    assert len([m for m in mail.outbox if m.to == [watcher.email]]) == 1
    DBTaskResult.objects.update(status="READY")  # every task runs again, as after a crash
    run_worker()
    run_worker()
    assert Notification.objects.filter(kind="watch.report_published", recipient=watcher).count() == 1
    assert len([m for m in mail.outbox if m.to == [watcher.email]]) == 1
