"""Deadline reminders: before each due date at the company's offsets (default 7, 3, 1 and 0 days), in-app and by
e-mail to the company's people, and one escalation to its admins once a deadline is overdue.

Exactly once: each reminder is a ReminderSent row under a unique constraint, inserted in the same transaction as
the notification and the e-mail it stands for (the e-mail leaves on commit). A second run, even one running at the
same moment, fails on the insert (on PostgreSQL it waits for the first run's commit) and sends nothing.

A run that was missed catches up with the latest offset passed only (3 days before, not 7 and 3); an escalation is
sent for deadlines overdue by at most OVERDUE_WINDOW_DAYS, so entering an old case does not mail everyone.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.kinds import render
from notifications.models import NotificationEmail
from notifications.services import email_on_commit, notify
from sharing.deadlines.engine import DISCLAIMER, RULES, days_left_text
from sharing.deadlines.models import Deadline, ReminderKind, ReminderSent
from sharing.deadlines.selectors import reminder_offsets
from sharing.deadlines.services import MAX_OFFSET_DAYS
from tenancy.models import Membership, MembershipStatus

OVERDUE_WINDOW_DAYS = 14


@dataclass
class Sent:
    reminders: int = 0
    escalations: int = 0


def _open_deadlines(today: date, horizon: int):
    """Deadlines not done, due within `horizon` days or overdue within the window, of active memberships."""
    active = Membership.objects.filter(
        association_id=OuterRef("association_id"), company_id=OuterRef("company_id"), status=MembershipStatus.ACTIVE
    )
    return (
        Deadline.objects.filter(
            Exists(active),
            done_at__isnull=True,
            effective_on__gte=today - timedelta(days=OVERDUE_WINDOW_DAYS),
            effective_on__lte=today + timedelta(days=horizon),
        )
        .select_related("report", "association", "company")
        .order_by("effective_on", "id")
    )


def send_due_reminders(*, today: date | None = None) -> Sent:
    """Send every reminder and escalation due today that was not sent yet."""
    today = today or timezone.localdate()
    sent = Sent()
    deadlines = list(_open_deadlines(today, max([*settings.DEADLINE_REMINDER_OFFSETS, MAX_OFFSET_DAYS])))
    # What earlier runs sent is skipped without trying (hourly reruns stay cheap); the unique insert in _send
    # still decides when two runs race.
    already = set(
        ReminderSent.objects.filter(deadline__in=deadlines).values_list(
            "deadline_id", "user_id", "kind", "offset", "due_on"
        )
    )
    people_of: dict[int, list] = {}
    offsets_of: dict[int, tuple[int, ...]] = {}
    for deadline in deadlines:
        company_id = deadline.company_id
        if company_id not in people_of:
            people_of[company_id] = list(User.objects.filter(company_id=company_id, is_active=True).order_by("id"))
            offsets_of[company_id] = reminder_offsets(company_id)
        days_left = (deadline.effective_on - today).days
        if days_left < 0:
            kind, offset = ReminderKind.OVERDUE, -1
            recipients = [user for user in people_of[company_id] if user.company_role == "admin"]
        else:
            passed = [offset for offset in offsets_of[company_id] if offset >= days_left]
            if not passed:
                continue
            kind, offset = ReminderKind.BEFORE, min(passed)
            recipients = people_of[company_id]
        for user in recipients:
            if (deadline.pk, user.pk, kind, offset, deadline.effective_on) in already:
                continue
            count = _send(deadline, user, kind, offset, days_left)
            if kind == ReminderKind.OVERDUE:
                sent.escalations += count
            else:
                sent.reminders += count
    return sent


def _send(deadline: Deadline, user, kind: str, offset: int, days_left: int) -> int:
    """1 if this reminder went out now, 0 if it had been sent before."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                deadline=deadline, user=user, kind=kind, offset=offset, due_on=deadline.effective_on
            )
            _deliver(deadline, user, kind, days_left)
    except IntegrityError:
        return 0
    return 1


def _kind(kind: str, days_left: int) -> str:
    if kind == ReminderKind.OVERDUE:
        return "deadline.overdue"
    return "deadline.today" if days_left == 0 else "deadline.reminder"


def _deliver(deadline: Deadline, user, kind: str, days_left: int) -> None:
    """The notification and the e-mail, in the recipient's language (each reminder has one recipient, so its
    parameters are stored already in their words)."""
    notification_kind = _kind(kind, days_left)
    url = reverse("deadlines:detail", kwargs={"slug": deadline.association.slug, "deadline_id": deadline.pk})
    with translation.override(user.preferred_language):
        rule = str(RULES[deadline.rule].label)
        due = date_format(deadline.effective_on, "l, Y-m-d")
        left = days_left_text(days_left)
        params = {"rule": rule, "plaintiff": deadline.report.plaintiff_name, "due": due, "left": left}
        text = render(notification_kind, params)
        subject = _("Deadline: %(rule)s, %(due)s") % {"rule": rule, "due": due}
        body = "\n\n".join(
            [
                text,
                _("Rule: %(reference)s") % {"reference": deadline.reference},
                _("Every counting step: %(url)s") % {"url": f"{settings.SITE_URL}{url}"},
                str(DISCLAIMER),
            ]
        )
    notify(
        recipients=[user], association=deadline.association, kind=notification_kind, params=params, url=url,
        email=False,  # the e-mail below says more (the rule, the link to every step, the disclaimer)
    )  # fmt: skip
    # A reminder never waits for a digest (a deadline may be a day away); only "never" keeps it out of the inbox.
    if user.notification_email != NotificationEmail.OFF:
        email_on_commit(recipient=user.email, subject=subject, body=body)
