"""Scoped reads of deadlines: only the people of the company that owns the case see them. Moderators, association
admins, partners and other companies get NoAccess (404), the same as a missing id."""

from django.conf import settings
from django.db.models import F, QuerySet

from accounts.tokens import digest
from sharing.deadlines.models import CalendarFeed, CaseFacts, Deadline, ReminderSettings
from sharing.reports.models import Report
from sharing.reports.selectors import get_own_report
from tenancy.access import COMPANY_ROLES, Access, NoAccess
from tenancy.models import Company, Membership, MembershipStatus


def _require_company(access: Access) -> Company:
    """The caller's company, or NoAccess for anyone else."""
    if not access.has_any(COMPANY_ROLES) or access.company is None:
        raise NoAccess
    return access.company


def company_deadlines(access: Access) -> QuerySet[Deadline]:
    """The caller's company's deadlines in this association, soonest first."""
    _require_company(access)
    return (
        Deadline.objects.filter(association=access.association, company=access.company)
        .select_related("report", "report__plaintiff")
        .order_by(F("done_at").asc(nulls_first=True), "effective_on", "id")  # open ones first, soonest first
    )


def get_deadline(access: Access, deadline_id: int | str) -> Deadline:
    deadline = company_deadlines(access).filter(pk=deadline_id).first()
    if deadline is None:
        raise NoAccess
    return deadline


def get_case_report(access: Access, report_id: int | str, perm: str = "view_report") -> Report:
    """One of the company's own raw reports (the guardian grant of reports.selectors), or NoAccess."""
    company = _require_company(access)
    report = get_own_report(access, report_id, perm)
    if report.company_id != company.pk:  # a report another company granted the caller is not its case
        raise NoAccess
    return report


def report_deadlines(report: Report) -> QuerySet[Deadline]:
    return Deadline.objects.filter(report=report).order_by("effective_on", "id")


def case_facts(report: Report) -> CaseFacts:
    """The saved facts, or unsaved defaults taken from the report (its service date)."""
    facts = CaseFacts.objects.filter(report=report).first()
    if facts is None:
        facts = CaseFacts(report=report, company_id=report.company_id, association_id=report.association_id)
        facts.complaint_served_on = report.served_on
    return facts


def reminder_offsets(company_id: int) -> tuple[int, ...]:
    own = ReminderSettings.objects.filter(company_id=company_id).values_list("offsets", flat=True).first()
    return tuple(own) if own else tuple(settings.DEADLINE_REMINDER_OFFSETS)


def active_feed(access: Access) -> CalendarFeed | None:
    _require_company(access)
    return CalendarFeed.objects.filter(company=access.company, revoked_at__isnull=True).first()


def feed_for_token(token: str) -> CalendarFeed | None:
    """The active feed whose token this is. The lookup is by the token's hash, so no comparison leaks timing."""
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.filter(token_hash=digest(token), revoked_at__isnull=True)
        .select_related("created_by")
        .first()
    )


def feed_deadlines(feed: CalendarFeed) -> QuerySet[Deadline]:
    """Open deadlines of the feed's company, in the associations where its membership is active."""
    active = Membership.objects.filter(company_id=feed.company_id, status=MembershipStatus.ACTIVE).values(
        "association_id"
    )
    return (
        Deadline.objects.filter(company_id=feed.company_id, association_id__in=active, done_at__isnull=True)
        .select_related("report", "association")
        .order_by("effective_on", "id")
    )
