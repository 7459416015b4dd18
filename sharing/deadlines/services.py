"""Writes for deadlines: a company's case facts (which recompute its deadlines), overrides with a reason, marking
a deadline done, its reminder offsets and its calendar feed. Each validates, runs in one transaction and is
audited. Like the raw report's own events, they are audited without an association, so the association's audit
log (read by its admins) never ties a member to a case."""

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.tokens import digest
from audit.services import audit_record
from sharing.deadlines import engine
from sharing.deadlines.engine import RULE4_METHODS, RULE5_METHODS
from sharing.deadlines.models import CalendarFeed, CaseFacts, Deadline, ReminderSettings
from sharing.reports.choices import ReportKind, RightType
from sharing.reports.models import Report
from tenancy.access import Access

FACT_FIELDS = (
    "holiday_calendar", "complaint_served_on", "complaint_service_method", "waiver_requested", "waiver_sent_on",
    "waiver_sent_abroad", "amended_served_on", "amended_service_method", "tro_entered_on", "tro_fixed_expiry_on",
    "tro_extended", "itc_served_on", "itc_served_by_mail", "itc_temporary_relief",
)  # fmt: skip
# Dates of things that have already happened.
PAST_DATES = ("complaint_served_on", "waiver_sent_on", "amended_served_on", "tro_entered_on", "itc_served_on")
PATENT_RIGHTS = {RightType.UTILITY_PATENT, RightType.DESIGN_PATENT}
MAX_OFFSETS = 6
MAX_OFFSET_DAYS = 60


def _forbid_unless(condition: bool) -> None:
    if not condition:
        raise ValidationError(_("Only your company's own people can do this."), code="forbidden")


def _own(access: Access, company_id: int) -> None:
    _forbid_unless(access.company is not None and access.company.pk == company_id)


# Case facts and the deadlines computed from them -----------------------------------------------------------


def _check_facts(facts: CaseFacts, report: Report) -> None:
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    try:
        facts.holiday_calendar = engine.check_calendar(facts.holiday_calendar)
    except ValidationError as error:
        refuse("holiday_calendar", error.message_dict["holiday_calendar"][0])
    today = timezone.localdate()
    for name in PAST_DATES:
        value = getattr(facts, name)
        if value is not None and value > today:
            refuse(name, _("This date is in the future: enter it once it has happened."))
    if report.filed_on is not None:
        for name in ("complaint_served_on", "waiver_sent_on", "amended_served_on"):
            value = getattr(facts, name)
            if value is not None and value < report.filed_on:
                refuse(
                    name,
                    _("This date is before the complaint was filed (%(filed)s).") % {"filed": report.filed_on},
                )
    pairs = (
        ("complaint_served_on", "complaint_service_method", RULE4_METHODS),
        ("amended_served_on", "amended_service_method", RULE5_METHODS),
    )
    for date_field, method_field, allowed in pairs:
        served, method = getattr(facts, date_field), getattr(facts, method_field)
        if served is not None and not method:
            refuse(method_field, _("Choose how it was served: the deadline depends on it."))
        if method and served is None:
            refuse(date_field, _("Enter the date of service, or clear the service method."))
        if method and method not in allowed:
            refuse(method_field, _("This service method does not apply to this paper."))
    if (
        facts.amended_served_on is not None
        and facts.complaint_served_on is not None
        and facts.amended_served_on < facts.complaint_served_on
    ):
        refuse("amended_served_on", _("The amended complaint cannot be served before the original one."))
    if facts.waiver_requested and facts.waiver_sent_on is None:
        refuse("waiver_sent_on", _("Enter the date the waiver request was sent: the time to answer runs from it."))
    if not facts.waiver_requested and (facts.waiver_sent_on is not None or facts.waiver_sent_abroad):
        refuse("waiver_requested", _("Tick “a waiver of service was requested” or clear the waiver details."))
    if facts.tro_entered_on is None and (facts.tro_fixed_expiry_on is not None or facts.tro_extended):
        refuse("tro_entered_on", _("Enter the date the TRO was entered."))
    if facts.tro_entered_on is not None and facts.tro_fixed_expiry_on is not None:
        days = (facts.tro_fixed_expiry_on - facts.tro_entered_on).days
        if not 0 < days <= 14:
            refuse("tro_fixed_expiry_on", _("A TRO expires after its entry and at most 14 days later (FRCP 65(b)(2))."))
    if facts.itc_served_on is None and (facts.itc_served_by_mail or facts.itc_temporary_relief):
        refuse("itc_served_on", _("Enter the date the ITC complaint and notice of investigation were served."))
    if errors:
        raise ValidationError(errors)


def _is_patent_case(report: Report) -> bool:
    return report.kind == ReportKind.DISTRICT_PATENT or any(r.get("type") in PATENT_RIGHTS for r in report.rights)


def _computations(facts: CaseFacts, report: Report) -> list[engine.Computation]:
    """Every deadline the facts give, each computed by the engine."""
    compute = engine.compute
    calendar = facts.holiday_calendar
    results = []
    if facts.complaint_served_on is not None:
        answer = compute(
            "frcp12a_answer",
            trigger_on=facts.complaint_served_on,
            method=facts.complaint_service_method,
            calendar=calendar,
        )
        results.append(answer)
        if _is_patent_case(report):
            results.append(compute("ipr_315b_bar", trigger_on=facts.complaint_served_on, calendar=calendar))
    if facts.waiver_requested:
        rule = "frcp12a_waiver_foreign" if facts.waiver_sent_abroad else "frcp12a_waiver"
        results.append(compute(rule, trigger_on=facts.waiver_sent_on, calendar=calendar))
    if facts.amended_served_on is not None:
        original = [r.due_on for r in results if r.rule.startswith("frcp12a")]
        results.append(
            compute(
                "frcp15a3_amended",
                trigger_on=facts.amended_served_on,
                method=facts.amended_service_method,
                calendar=calendar,
                original_due_on=max(original) if original else None,
            )
        )
    if facts.tro_entered_on is not None:
        rules = ["frcp65b2_tro"] + (["frcp65b2_tro_extended"] if facts.tro_extended else [])
        for rule in rules:
            results.append(compute(rule, trigger_on=facts.tro_entered_on, fixed_expiry_on=facts.tro_fixed_expiry_on))
    if facts.itc_served_on is not None:
        rule = "itc_210_13_temporary_relief" if facts.itc_temporary_relief else "itc_210_13"
        results.append(
            compute(rule, trigger_on=facts.itc_served_on, calendar=calendar, by_mail=facts.itc_served_by_mail)
        )
    return results


def _store(report: Report, results: list[engine.Computation]) -> dict[str, str]:
    """Write the computed deadlines of `report`; rules that no longer apply are deleted. An override survives
    only while the computed date it overrode stays the same. Returns what changed, by rule, for the audit."""
    now = timezone.now()
    existing = {deadline.rule: deadline for deadline in Deadline.objects.select_for_update().filter(report=report)}
    changes = {}
    for result in results:
        deadline = existing.pop(result.rule, None) or Deadline(
            report=report, company_id=report.company_id, association_id=report.association_id, rule=result.rule
        )
        if deadline.pk is None:
            changes[result.rule] = "created"
        elif deadline.due_on != result.due_on or deadline.trigger_on != result.trigger_on:
            changes[result.rule] = "changed"
            if deadline.override_on is not None:
                changes[result.rule] = "changed, override cleared"
                deadline.override_on, deadline.override_reason = None, ""
                deadline.overridden_by, deadline.overridden_at = None, None
        deadline.reference = result.reference
        deadline.trigger_on = result.trigger_on
        deadline.due_on = result.due_on
        deadline.steps = result.steps_json()
        deadline.calendar = result.calendar
        deadline.computed_at = now
        deadline.effective_on = deadline.override_on or result.due_on
        deadline.save()
    for rule, deadline in existing.items():
        changes[rule] = "deleted"
        deadline.delete()
    return changes


def case_facts_set(*, access: Access, report: Report, data: dict[str, Any]) -> CaseFacts:
    """Save the case facts of the caller's company's report and recompute its deadlines."""
    _own(access, report.company_id)
    with transaction.atomic():
        facts = CaseFacts.objects.select_for_update().filter(report=report).first() or CaseFacts(
            report=report, company_id=report.company_id, association_id=report.association_id
        )
        for name in FACT_FIELDS:
            if name in data:
                value = data[name]
                setattr(facts, name, "" if value is None and name.endswith("_method") else value)
        if facts.holiday_calendar is None:
            facts.holiday_calendar = engine.DEFAULT_CALENDAR
        _check_facts(facts, report)
        results = _computations(facts, report)
        facts.updated_by = access.user
        facts.save()
        changes = _store(report, results)
        audit_record(action="deadline.facts", actor=access.user, target=report, details={"deadlines": changes})
    return facts


def deadline_override(*, access: Access, deadline: Deadline, due_on: date, reason: str) -> Deadline:
    """Replace the computed date by the user's, with a reason (a court order, a stipulation...)."""
    _own(access, deadline.company_id)
    reason = (reason or "").strip()
    errors = {}
    if not isinstance(due_on, date):
        errors["due_on"] = [_("Enter the date that applies instead.")]
    if not reason:
        errors["reason"] = [_("Say why the computed date does not apply (for example the court's order).")]
    elif len(reason) > 2000:
        errors["reason"] = [_("Keep the reason under 2,000 characters.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
        previous = deadline.effective_on
        deadline.override_on, deadline.override_reason = due_on, reason
        deadline.overridden_by, deadline.overridden_at = access.user, timezone.now()
        deadline.effective_on = due_on
        deadline.save()
        audit_record(
            action="deadline.override",
            actor=access.user,
            target=deadline,
            details={"rule": deadline.rule, "from": str(previous), "to": str(due_on), "reason": reason},
        )
    return deadline


def deadline_override_clear(*, access: Access, deadline: Deadline) -> Deadline:
    _own(access, deadline.company_id)
    with transaction.atomic():
        deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
        if deadline.override_on is None:
            return deadline
        previous = deadline.override_on
        deadline.override_on, deadline.override_reason = None, ""
        deadline.overridden_by, deadline.overridden_at = None, None
        deadline.effective_on = deadline.due_on
        deadline.save()
        audit_record(
            action="deadline.override_clear",
            actor=access.user,
            target=deadline,
            details={"rule": deadline.rule, "from": str(previous), "to": str(deadline.due_on)},
        )
    return deadline


def deadline_set_done(*, access: Access, deadline: Deadline, done: bool) -> Deadline:
    """Mark a deadline met (no more reminders) or open again."""
    _own(access, deadline.company_id)
    with transaction.atomic():
        deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
        if (deadline.done_at is not None) == done:
            return deadline
        deadline.done_at, deadline.done_by = (timezone.now(), access.user) if done else (None, None)
        deadline.save(update_fields=["done_at", "done_by"])
        audit_record(
            action="deadline.done" if done else "deadline.reopen", actor=access.user, target=deadline,
            details={"rule": deadline.rule},
        )  # fmt: skip
    return deadline


# Reminder offsets and the calendar feed: company admins ------------------------------------------------------


def reminder_offsets_set(*, access: Access, offsets: list[int]) -> list[int]:
    """The company's own reminder days; an empty list goes back to the platform's default."""
    _forbid_unless(access.is_company_admin)
    cleaned = sorted({int(offset) for offset in offsets}, reverse=True)
    if any(not 0 <= offset <= MAX_OFFSET_DAYS for offset in cleaned):
        raise ValidationError(
            {"offsets": [_("Each reminder is 0 to %(max)s days before the due date.") % {"max": MAX_OFFSET_DAYS}]}
        )
    if len(cleaned) > MAX_OFFSETS:
        raise ValidationError({"offsets": [_("At most %(count)s reminders.") % {"count": MAX_OFFSETS}]})
    with transaction.atomic():
        if cleaned:
            ReminderSettings.objects.update_or_create(company=access.company, defaults={"offsets": cleaned})
        else:
            ReminderSettings.objects.filter(company=access.company).delete()
        audit_record(action="deadline.reminder_offsets", actor=access.user, details={"offsets": cleaned})
    return cleaned


def feed_rotate(*, access: Access) -> tuple[CalendarFeed, str]:
    """A new secret feed address for the company; the previous one stops working at once. Returns the token,
    shown this once: only its hash is kept."""
    _forbid_unless(access.is_company_admin)
    assert access.company is not None  # a company admin's
    token = secrets.token_urlsafe(32)
    token_hash = digest(token)
    with transaction.atomic():
        revoked = CalendarFeed.objects.filter(company=access.company, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        feed = CalendarFeed.objects.create(company=access.company, token_hash=token_hash, created_by=access.user)
        audit_record(action="deadline.feed_rotate", actor=access.user, target=feed, details={"revoked": revoked})
    return feed, token


def feed_revoke(*, access: Access) -> int:
    _forbid_unless(access.is_company_admin)
    with transaction.atomic():
        revoked = CalendarFeed.objects.filter(company=access.company, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if revoked:
            audit_record(action="deadline.feed_revoke", actor=access.user, details={"revoked": revoked})
    return revoked
