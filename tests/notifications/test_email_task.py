"""E-mail goes through django.tasks after commit: at once by default, through db_worker with the database backend."""

import pytest
from django.core import mail
from django.db import transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.services import invitation_create
from tests.factories import AssociationFactory, association_role

pytestmark = pytest.mark.django_db(transaction=True)


class RolledBack(Exception):
    pass


@pytest.fixture
def invite():
    """invite() creates a company invitation to "Alpha Association" and returns its token."""
    association = AssociationFactory(name="Alpha Association")
    admin = association_role(association, "admin")

    def invite_():
        _, token = invitation_create(association=association, kind="company", email="invitee@example.test", actor=admin)
        return token

    return invite_


def test_invitation_email_is_sent_after_commit_only(invite):
    with transaction.atomic():
        token = invite()
        assert mail.outbox == []
    (message,) = mail.outbox
    assert message.to == ["invitee@example.test"]
    assert message.subject == "Invitation to Alpha Association"
    assert token in message.body


def test_no_email_for_a_rolled_back_invitation(invite):
    with pytest.raises(RolledBack), transaction.atomic():
        invite()
        raise RolledBack
    assert mail.outbox == []


def test_database_backend_stores_the_email_and_db_worker_delivers_it_once(invite, database_backend, run_worker):
    with transaction.atomic():
        token = invite()
        assert not DBTaskResult.objects.exists()
    (row,) = DBTaskResult.objects.all()
    assert row.status == TaskResultStatus.READY
    assert row.task_path == "notifications.tasks.send_email"
    kwargs = row.args_kwargs["kwargs"]
    assert kwargs["recipient"] == "invitee@example.test" and token in kwargs["body"]
    assert mail.outbox == []

    run_worker()
    (message,) = mail.outbox
    assert message.to == ["invitee@example.test"] and token in message.body
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL

    run_worker()
    assert len(mail.outbox) == 1


def test_database_backend_enqueues_nothing_for_a_rolled_back_invitation(invite, database_backend):
    with pytest.raises(RolledBack), transaction.atomic():
        invite()
        raise RolledBack
    assert not DBTaskResult.objects.exists()
