"""With the database task backend (django-tasks-db and its worker, as in production): the first attempt is
queued on commit, not sent in the request; a failed attempt queues its retry with `run_after` at its time."""

import pytest
from django_tasks_db.models import DBTaskResult

from sharing.webhooks import delivery
from sharing.webhooks.models import Delivery, DeliveryStatus
from tests.factories import cast_published_report
from tests.webhooks.conftest import subscribe

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]


def test_a_retry_is_queued_for_its_time(cast, receiver, partner_access, run_worker, monkeypatch):
    monkeypatch.setattr(delivery.random, "random", lambda: 0.5)
    subscribe(partner_access[0], receiver.url)
    receiver.answer(503)
    cast_published_report(cast)
    assert receiver.requests == []  # queued, not sent in the request
    run_worker()
    assert len(receiver.requests) == 1
    failed = Delivery.objects.get(attempt=1)
    retry = Delivery.objects.get(attempt=2, status=DeliveryStatus.PENDING)
    (task,) = DBTaskResult.objects.filter(task_path="sharing.webhooks.tasks.deliver_webhooks", status="READY")
    assert task.run_after == retry.scheduled_at == failed.next_attempt_at
    assert task.args_kwargs["kwargs"] == {"delivery_ids": [retry.pk]}
    run_worker()  # not yet due: the worker leaves it
    assert len(receiver.requests) == 1
