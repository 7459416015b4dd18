"""Reminders before the due date and the overdue escalation: each exactly once, however often the job runs."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from notifications.models import Notification
from sharing.deadlines import services
from sharing.deadlines.models import ReminderSent
from sharing.deadlines.reminders import send_due_reminders
from sharing.deadlines.tasks import send_deadline_reminders
from tenancy.models import Membership, MembershipStatus
from tests.deadlines.conftest import ANSWER_DUE, IPR_BAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the job as of `today`, with the e-mails it queues on commit sent."""

    def run(today: date):
        with django_capture_on_commit_callbacks(execute=True):
            return send_due_reminders(today=today)

    return run


def kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("id").values_list("kind", flat=True))


def test_reminder_7_days_before_to_every_person_of_the_company_once(cast, colleague, answer, run):
    colleague.preferred_language = "zh-hans"
    colleague.save()
    sent = run(ANSWER_DUE - timedelta(days=7))
    assert (sent.reminders, sent.escalations) == (2, 0)
    for user in (cast.users["entitled"], colleague):
        assert kinds(user) == ["deadline.reminder"]
    assert sorted(message.to[0] for message in mail.outbox) == sorted([cast.users["entitled"].email, colleague.email])
    english = next(m for m in mail.outbox if m.to == [cast.users["entitled"].email])
    assert english.subject == "Deadline: Answer to the complaint, Monday, 2026-07-06"
    assert english.body.startswith(
        "Answer to the complaint in the case against Lumen Holdings, LLC is due on Monday, 2026-07-06: 7 days left."
    )
    assert "FRCP 12(a)(1)(A)(i), 6(a)" in english.body
    assert "Guidance, not legal advice" in english.body
    assert f"/a/alpha/deadlines/{answer.pk}/" in english.body
    chinese = next(m for m in mail.outbox if m.to == [colleague.email])
    assert "星期一" in chinese.subject  # the date in the reader's language
    # The same day again, and the day after: nothing new.
    assert run(ANSWER_DUE - timedelta(days=7)).reminders == 0
    assert run(ANSWER_DUE - timedelta(days=6)).reminders == 0
    assert len(mail.outbox) == 2
    # Other companies' people hear nothing.
    assert not Notification.objects.filter(recipient=cast.users["not_entitled"]).exists()
    assert not Notification.objects.filter(recipient=cast.users["moderator"]).exists()


def test_digest_readers_get_reminders_at_once_and_never_means_in_app_only(cast, colleague, answer, run):
    cast.users["entitled"].notification_email = "weekly"
    cast.users["entitled"].save()
    colleague.notification_email = "off"
    colleague.save()
    assert run(ANSWER_DUE - timedelta(days=7)).reminders == 2
    assert [message.to for message in mail.outbox] == [[cast.users["entitled"].email]]
    assert kinds(colleague) == ["deadline.reminder"]


def test_each_offset_then_the_day_itself(cast, answer, run):
    user = cast.users["entitled"]
    for days in range(9, -1, -1):
        run(ANSWER_DUE - timedelta(days=days))
    assert kinds(user) == ["deadline.reminder", "deadline.reminder", "deadline.reminder", "deadline.today"]
    texts = [n.params["left"] for n in Notification.objects.filter(recipient=user).order_by("id")]
    assert texts == ["7 days left", "3 days left", "1 day left", "due today"]
    assert sorted(ReminderSent.objects.filter(user=user, deadline=answer).values_list("offset", flat=True)) == [
        0, 1, 3, 7
    ]  # fmt: skip


def test_a_missed_run_catches_up_with_the_latest_offset_only(cast, answer, run):
    assert run(ANSWER_DUE - timedelta(days=2)).reminders == 1  # 7 and 3 were missed: one reminder (the 3-day one)
    assert list(ReminderSent.objects.values_list("offset", flat=True)) == [3]


def test_overdue_escalates_once_to_the_company_admins(cast, colleague, answer, run):
    sent = run(ANSWER_DUE + timedelta(days=1))
    assert sent.escalations == 1
    assert kinds(cast.users["entitled"]) == ["deadline.overdue"]
    assert kinds(colleague) == []
    assert run(ANSWER_DUE + timedelta(days=2)).escalations == 0


def test_long_overdue_deadlines_are_not_mailed(answer, run):
    assert run(ANSWER_DUE + timedelta(days=30)).escalations == 0


def test_done_deadlines_are_not_reminded(reporter, answer, run):
    services.deadline_set_done(access=reporter, deadline=answer, done=True)
    assert run(ANSWER_DUE - timedelta(days=1)).reminders == 0
    assert run(ANSWER_DUE + timedelta(days=1)).escalations == 0


def test_an_overridden_date_gets_its_own_reminders(cast, reporter, answer, run):
    run(ANSWER_DUE - timedelta(days=1))
    services.deadline_override(access=reporter, deadline=answer, due_on=date(2026, 7, 20), reason="Extension.")
    assert run(date(2026, 7, 19)).reminders == 1
    assert run(ANSWER_DUE + timedelta(days=1)).escalations == 0  # the old date is not overdue


def test_company_offsets(reporter, answer, run):
    services.reminder_offsets_set(access=reporter, offsets=[10])
    assert run(ANSWER_DUE - timedelta(days=7)).reminders == 1
    assert list(ReminderSent.objects.values_list("offset", flat=True)) == [10]
    assert run(ANSWER_DUE - timedelta(days=1)).reminders == 0


def test_settings_offsets(settings, answer, run):
    settings.DEADLINE_REMINDER_OFFSETS = (2,)
    assert run(ANSWER_DUE - timedelta(days=7)).reminders == 0
    assert run(ANSWER_DUE - timedelta(days=2)).reminders == 1


def test_a_suspended_membership_stops_reminders(cast, answer, run):
    Membership.objects.filter(company=cast.users["entitled"].company).update(status=MembershipStatus.SUSPENDED)
    assert run(ANSWER_DUE - timedelta(days=1)).reminders == 0


def test_the_command_run_twice_sends_once(cast, served, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_deadline_reminders", today=(ANSWER_DUE - timedelta(days=3)).isoformat())
        call_command("send_deadline_reminders", today=(ANSWER_DUE - timedelta(days=3)).isoformat())
    out = capsys.readouterr().out.splitlines()
    assert out == ["1 reminders and 0 escalations sent.", "0 reminders and 0 escalations sent."]
    assert len(mail.outbox) == 1


def test_the_task_runs_the_same_job_as_of_today(reporter, report, django_capture_on_commit_callbacks):
    served_on = timezone.localdate() - timedelta(days=20)  # the answer is due in 1 to 4 days (weekends, holidays)
    data = {"complaint_served_on": served_on, "complaint_service_method": "personal"}
    services.case_facts_set(access=reporter, report=report, data=data)
    with django_capture_on_commit_callbacks(execute=True):
        result = send_deadline_reminders.enqueue()
    assert result.return_value == {"reminders": 1, "escalations": 0}
    assert len(mail.outbox) == 1


def test_ipr_bar_is_reminded_too(cast, served, run):
    assert run(IPR_BAR - timedelta(days=1)).reminders == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_reminder_once(cast, colleague, served):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    today = ANSWER_DUE - timedelta(days=3)
    barrier = threading.Barrier(2)
    results = []

    def job():
        try:
            barrier.wait()
            results.append(send_due_reminders(today=today).reminders)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results)[1] >= 1 and sum(results) == 2  # two people, one reminder each, between the two runs
    assert ReminderSent.objects.count() == 2
    assert Notification.objects.filter(kind="deadline.reminder").count() == 2
