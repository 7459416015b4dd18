"""Every channel goes through tasks queued on commit, and each notification goes out at most once per channel:
a retried task, a second worker run or a second digest run sends nothing again. E-mails follow each person's
preference (at once, daily, weekly, never) and speak their language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from notifications.models import Delivery, Notification
from notifications.services import mark_read, notify
from notifications.tasks import deliver_notifications, send_digests
from realtime.events import user_group
from tenancy.models import Membership, MembershipStatus
from tests.channel_events import events_to_groups
from tests.factories import company_user, member_company

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(cast):
    """Four colleagues of alpha, one per e-mail preference."""
    company = member_company(cast.association)
    return {
        preference: company_user(company, email=f"{preference}@example.test", notification_email=preference)
        for preference in ("instant", "daily", "weekly", "off")
    }


def tell(users, association, who="x@example.test", **kwargs):
    with transaction.atomic():
        return notify(
            recipients=users, association=association, kind="invitation.accepted", params={"email": who}, **kwargs
        )


def inbox(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_instant_email_after_commit_only_and_only_for_who_wants_it(cast, people):
    with transaction.atomic():
        notify(
            recipients=people.values(), association=cast.association, kind="invitation.accepted",
            params={"email": "new@example.test"}, url="/a/alpha/manage/invitations/",
        )  # fmt: skip
        assert mail.outbox == []
    (message,) = mail.outbox
    assert message.to == ["instant@example.test"]
    assert message.subject == "Alpha Association: new@example.test accepted your invitation."
    notification = Notification.objects.get(recipient=people["instant"])
    assert f"/a/alpha/notifications/{notification.pk}/open/" in message.body
    assert "/accounts/profile/" in message.body


def test_a_rolled_back_notification_is_never_delivered(cast, people):
    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        notify(recipients=[people["instant"]], association=cast.association, kind="invitation.accepted")
        raise RolledBack
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_running_the_delivery_task_again_delivers_nothing_twice(cast, people):
    group = user_group(people["instant"].pk)
    (notification,), received = events_to_groups([group], lambda: tell([people["instant"]], cast.association))
    assert [event["notification"]["id"] for event in received[group]] == [notification.pk]
    again, received = events_to_groups([group], lambda: deliver_notifications.call(notification_ids=[notification.pk]))
    assert again == {"pushed": 0, "emailed": 0} and received[group] == []
    assert len(inbox(people["instant"])) == 1
    assert sorted(Delivery.objects.values_list("channel", flat=True)) == ["email", "push"]


def test_a_failed_send_is_not_claimed_so_a_retry_sends_it(cast, people, monkeypatch):
    from notifications import delivery

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr(delivery, "send_mail", broken)
    first, second = tell([people["instant"]], cast.association) + tell([people["instant"]], cast.association)
    with pytest.raises(ConnectionError):
        deliver_notifications.call(notification_ids=[first.pk, second.pk])
    assert not Delivery.objects.filter(channel="email").exists()
    assert Delivery.objects.filter(channel="push").count() == 2  # the other channel was not held up
    monkeypatch.undo()
    assert deliver_notifications.call(notification_ids=[first.pk, second.pk]) == {"pushed": 0, "emailed": 2}
    assert len(inbox(people["instant"])) == 2


def test_database_backend_delivers_through_db_worker_once(cast, people, database_backend, run_worker):
    (notification,) = tell([people["instant"]], cast.association)
    (row,) = DBTaskResult.objects.all()
    assert row.task_path == "notifications.tasks.deliver_notifications"
    assert row.args_kwargs["kwargs"] == {"notification_ids": [notification.pk]}
    assert mail.outbox == []
    run_worker()
    assert len(inbox(people["instant"])) == 1
    # A worker that died after sending, before recording success, runs the task again: nothing is sent twice.
    DBTaskResult.objects.update(status="READY")
    run_worker()
    assert len(inbox(people["instant"])) == 1


def test_email_false_is_never_emailed(cast, people):
    tell([people["instant"], people["daily"]], cast.association, email=False)
    assert send_digests.call(frequency="daily") == 0
    assert mail.outbox == []
    assert Delivery.objects.filter(channel="push").count() == 2


def test_instant_email_speaks_the_recipients_language(cast, people):
    user = people["instant"]
    user.preferred_language = "zh-hans"
    user.save()
    with transaction.atomic():
        notify(recipients=[user], association=cast.association, kind="role.appointed",
               params={"association": "Alpha Association", "role": "moderator"})  # fmt: skip
    (message,) = inbox(user)
    with translation.override("zh-hans"):
        from notifications.kinds import render

        expected = render("role.appointed", {"association": "Alpha Association", "role": "moderator"})
    assert expected in message.body and "You were appointed" not in message.body


def test_no_email_once_access_to_the_association_is_lost(cast, people):
    Membership.objects.filter(company=people["instant"].company).update(status=MembershipStatus.SUSPENDED)
    tell([people["instant"]], cast.association)
    assert mail.outbox == []


def test_daily_digest_lists_unread_notifications_once(cast, people):
    daily = people["daily"]
    first, _second, read = (tell([daily], cast.association, who=f"{n}@example.test")[0] for n in ("a", "b", "c"))
    mark_read(user=daily, association=cast.association, notification_ids=[read.pk])
    assert mail.outbox == []
    call_command("send_notification_digests", "daily", verbosity=0)
    (message,) = mail.outbox
    assert message.to == [daily.email]
    assert "a@example.test accepted" in message.body and "b@example.test accepted" in message.body
    assert "c@example.test" not in message.body
    assert "Alpha Association" in message.body
    assert f"/a/alpha/notifications/{first.pk}/open/" in message.body
    call_command("send_notification_digests", "daily", verbosity=0)
    assert len(mail.outbox) == 1
    tell([daily], cast.association, who="d@example.test")
    assert send_digests.call(frequency="daily") == 1
    assert "d@example.test" in mail.outbox[1].body and "a@example.test" not in mail.outbox[1].body


def test_weekly_and_daily_digests_go_to_their_own_people(cast, people):
    tell(people.values(), cast.association)
    mail.outbox.clear()
    assert send_digests.call(frequency="weekly") == 1
    assert [m.to for m in mail.outbox] == [[people["weekly"].email]]
    assert send_digests.call(frequency="daily") == 1
    assert send_digests.call(frequency="daily") == 0
    assert not inbox(people["off"])


def test_digest_leaves_out_old_notifications_and_associations_no_longer_entered(cast, people):
    daily = people["daily"]
    (old,) = tell([daily], cast.association, who="old@example.test")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=45))
    assert send_digests.call(frequency="daily") == 0
    tell([daily], cast.association, who="new@example.test")
    Membership.objects.filter(company=daily.company).update(status=MembershipStatus.SUSPENDED)
    assert send_digests.call(frequency="daily") == 0
    Membership.objects.filter(company=daily.company).update(status=MembershipStatus.ACTIVE)
    assert send_digests.call(frequency="daily") == 1
    assert "new@example.test" in mail.outbox[0].body and "old@example.test" not in mail.outbox[0].body


def test_digest_speaks_the_recipients_language(cast, people):
    weekly = people["weekly"]
    weekly.preferred_language = "zh-hans"
    weekly.save()
    with transaction.atomic():
        notify(recipients=[weekly], association=cast.association, kind="role.appointed",
               params={"association": "Alpha Association", "role": "moderator"})  # fmt: skip
    send_digests.call(frequency="weekly")
    (message,) = mail.outbox
    assert "You were appointed" not in message.body


def test_enqueued_digests_run_in_the_worker(cast, people, database_backend, run_worker):
    tell([people["daily"]], cast.association)
    call_command("send_notification_digests", "daily", "--enqueue", verbosity=0)
    assert DBTaskResult.objects.filter(task_path="notifications.tasks.send_digests").count() == 1
    run_worker()
    assert len(inbox(people["daily"])) == 1


def test_digest_command_refuses_an_unknown_frequency():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_notification_digests", "hourly")
    with pytest.raises(ValueError):
        send_digests.call(frequency="instant")
