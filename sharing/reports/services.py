"""Writes for reports: save, submit, withdraw, archive (the reporter) and approve, return, reject, redact (the
moderators). Each validates, runs in one transaction, is audited, and notifies on commit.

Events about the raw report are audited without an association, so the association's audit log (read by its
admins) never ties a member to a report; moderators' decisions name only the shared version.
"""

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.services import notify
from sharing.plaintiffs.services import plaintiff_classify, plaintiff_for_name
from sharing.reports import search
from sharing.reports.anonymizer import redact
from sharing.reports.choices import ReportStatus, VersionStatus
from sharing.reports.dockets import docket_key
from sharing.reports.models import Report, ReturnReason, SharedRight, SharedVersion
from sharing.reports.shared import SharedDraft, build_shared
from sharing.reports.signals import report_withdrawn, version_published
from sharing.reports.validation import LIST_FIELDS, check_report, clean_list, clean_rights
from tenancy import grants
from tenancy.access import Access
from tenancy.models import Association

_TEXT_FIELDS = ("plaintiff_name", "law_firm", "narrative", "docket_number")
# What a report's company group may do with its raw report.
OWNER_PERMS = ("view_report", "change_report")
RIGHTS_INPUT = ("patents", "trademarks", "copyright", "trade_secret")
SAVED_FIELDS = (
    "kind", "forum", "plaintiff_name", "law_firm", "product_category", "industry", "notice_received_on",
    "filed_on", "served_on", "response_due_on", "stage", "outcome", "currency", "damages_claimed",
    "settlement_amount", "frozen_funds", "defense_cost", "docket_number", "narrative", *LIST_FIELDS,
)  # fmt: skip
EDITABLE = {ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.SUBMITTED, ReportStatus.PUBLISHED,
            ReportStatus.UPDATED}  # fmt: skip
# Statuses in which the report has a revision the moderators have not decided yet.
IN_MODERATION = {ReportStatus.SUBMITTED, ReportStatus.UPDATED}


class _Errors:
    """Collects field errors from every check, so the user sees all of them at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, error: ValidationError) -> None:
        by_field = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        for field, messages in by_field.items():
            self.errors.setdefault(field, []).extend(messages)

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _fill(report: Report, data: dict[str, Any]) -> Report:
    """Validate `data` (a complete report) onto `report` without saving it. The plaintiff is resolved (and
    created if new) only when everything else is valid, inside the caller's transaction."""
    errors = _Errors()
    values = {name: data.get(name) for name in SAVED_FIELDS if name in data}
    for name in LIST_FIELDS:
        try:
            values[name] = clean_list(data.get(name) or [], name)
        except ValidationError as error:
            errors.add(error)
    try:
        rights = clean_rights(**{name: data[name] for name in RIGHTS_INPUT if name in data})
    except ValidationError as error:
        errors.add(error)
        rights = []
    try:
        check_report(values)
    except ValidationError as error:
        errors.add(error)
    for name, value in values.items():
        if name in _TEXT_FIELDS:
            value = (value or "").strip()
        setattr(report, name, value)
    report.rights = rights
    report.docket_key = docket_key(report.forum, report.docket_number)
    own_names = redact(f"{report.plaintiff_name}\n{report.law_firm}", member_terms=report.company.identity_terms())
    if own_names.spans:
        errors.add(
            ValidationError({"plaintiff_name": _("The asserting party and its law firm must not name your company.")})
        )
    try:
        report.full_clean(exclude=["plaintiff", "company", "association", "created_by", "rights"])
    except ValidationError as error:
        errors.add(error)
    errors.raise_any()
    try:
        report.plaintiff = plaintiff_for_name(association=report.association, name=report.plaintiff_name)
    except ValidationError as error:
        raise ValidationError({"plaintiff_name": error.messages}) from None
    return report


def report_preview(*, access: Access, data: dict[str, Any], report: Report | None = None) -> SharedDraft:
    """The shared version `data` would produce (for a new report, or as changes to `report`), without saving
    anything: the reporter's preview."""
    moderator_terms = _moderator_terms(report) if report is not None else []
    assert access.company is not None and access.user is not None  # a company's person reports
    report = report or Report(association=access.association, company=access.company, created_by=access.user)
    with transaction.atomic():
        _fill(report, data)
        draft = build_shared(report, moderator_terms)
        transaction.set_rollback(True)  # a plaintiff name typed for the first time is not kept by a preview
    return draft


def report_create(
    *, access: Access, data: dict[str, Any], idempotency_key: uuid.UUID | None = None
) -> tuple[Report, bool]:
    """Create a draft for the caller's company. With an idempotency key, a repeated call (even a concurrent one)
    returns the report the first call created, and False."""
    if idempotency_key is not None and (existing := _created_with(access, idempotency_key)) is not None:
        return existing, False
    assert access.company is not None and access.user is not None  # a company's person reports
    try:
        with transaction.atomic():
            report = Report(
                association=access.association,
                company=access.company,
                created_by=access.user,
                idempotency_key=idempotency_key,
            )
            _fill(report, data)
            report.save()
            for perm in OWNER_PERMS:
                grants.grant(perm=perm, group=access.company.group, obj=report, actor=access.user, association=None)
            audit_record(action="report.create", actor=access.user, target=report)
    except IntegrityError:
        existing = _created_with(access, idempotency_key) if idempotency_key is not None else None
        if existing is None:
            raise
        return existing, False
    return report, True


def _created_with(access: Access, idempotency_key: uuid.UUID) -> Report | None:
    report = Report.objects.filter(company=access.company, idempotency_key=idempotency_key).first()
    if report is not None and report.association_id != access.association.pk:
        raise ValidationError(
            {"idempotency_key": _("This idempotency key was already used for another report.")}, code="reused"
        )
    return report


def report_update(*, report: Report, actor: User, data: dict[str, Any]) -> Report:
    """Save changes. A report already in moderation or published goes back to moderation as a new revision."""
    if report.status not in EDITABLE:
        raise ValidationError(_("A withdrawn, rejected or archived report cannot be changed."), code="locked")
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _fill(report, data)
        report.save()
        audit_record(action="report.update", actor=actor, target=report)
        if report.status in IN_MODERATION | {ReportStatus.PUBLISHED}:
            _submit(report, actor)
    return report


def report_submit(*, report: Report, actor: User) -> Report:
    """Send the report's shared version to the moderation queue. Submitting twice changes nothing."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status in IN_MODERATION:
            return report
        if report.status not in {ReportStatus.DRAFT, ReportStatus.RETURNED}:
            raise ValidationError(_("Only a draft or a returned report can be submitted."), code="invalid_state")
        _submit(report, actor)
    return report


def _submit(report: Report, actor: User) -> SharedVersion:
    """Replace any undecided revision by a new one built from the raw report as it is now."""
    SharedVersion.objects.filter(report=report, status=VersionStatus.PENDING).update(status=VersionStatus.SUPERSEDED)
    revision = (report.versions.order_by("-revision").values_list("revision", flat=True).first() or 0) + 1
    draft = build_shared(report, _moderator_terms(report))
    version = SharedVersion.objects.create(
        report=report, association=report.association, revision=revision, **draft.fields
    )
    SharedRight.objects.bulk_create(
        SharedRight(version=version, right_type=right["type"], key=right["key"]) for right in report.rights
    )
    has_published = report.versions.filter(status=VersionStatus.PUBLISHED).exists()
    report.status = ReportStatus.UPDATED if has_published else ReportStatus.SUBMITTED
    report.save(update_fields=["status", "updated_at"])
    audit_record(action="report.submit", actor=actor, target=report, details={"revision": revision})
    notify(
        recipients=_moderators(report.association),
        association=report.association,
        kind="report.awaiting_moderation",
        params={"association": report.association.name},
        url=reverse("reports:moderation_detail", kwargs={"slug": report.association.slug, "version_id": version.pk}),
    )
    return version


def _moderator_terms(report: Report) -> list[str]:
    terms = report.versions.values_list("moderator_redactions", flat=True)
    return list(dict.fromkeys(term for batch in terms for term in batch))


def report_withdraw(*, report: Report, actor: User) -> Report:
    """Take the report out of every view and the API at once. The audit trail stays."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status == ReportStatus.WITHDRAWN:
            return report
        report.versions.filter(status__in=[VersionStatus.PENDING, VersionStatus.PUBLISHED]).update(
            status=VersionStatus.WITHDRAWN
        )
        report.status = ReportStatus.WITHDRAWN
        report.save(update_fields=["status", "updated_at"])
        report_withdrawn.send(sender=Report, report=report)
        audit_record(action="report.withdraw", actor=actor, target=report)
    return report


def report_archive(*, report: Report, actor: User) -> Report:
    """Close a published case: it stays readable by everyone, and can no longer be changed."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status == ReportStatus.ARCHIVED:
            return report
        if report.status != ReportStatus.PUBLISHED:
            raise ValidationError(_("Only a published report can be archived."), code="invalid_state")
        report.status = ReportStatus.ARCHIVED
        report.save(update_fields=["status", "updated_at"])
        audit_record(action="report.archive", actor=actor, target=report)
    return report


# Moderation ------------------------------------------------------------------------------------------------


def _decide(version: SharedVersion, actor: User, status: str, **changes: Any) -> SharedVersion:
    """Lock the version, refuse unless it still awaits a decision, and record the decision on it."""
    version = SharedVersion.objects.select_for_update().select_related("report").get(pk=version.pk)
    if version.status != VersionStatus.PENDING:
        raise ValidationError(_("This revision was already decided or replaced."), code="invalid_state")
    version.status = status
    version.decided_at = timezone.now()
    version.decided_by = actor
    for name, value in changes.items():
        setattr(version, name, value)
    version.save()
    return version


def version_approve(*, version: SharedVersion, actor: User) -> SharedVersion:
    """Publish the revision; the report's earlier published revision, if any, is superseded. The apps on top
    hear of it (reports.signals.version_published): campaigns of its plaintiff, patents or law firm form or grow,
    its watchers are told."""
    with transaction.atomic():
        SharedVersion.objects.filter(report_id=version.report_id, status=VersionStatus.PUBLISHED).update(
            status=VersionStatus.SUPERSEDED
        )
        version = _decide(version, actor, VersionStatus.PUBLISHED, published_at=timezone.now())
        search.index_version(version)
        _set_report_status(version.report, ReportStatus.PUBLISHED)
        version_published.send(sender=SharedVersion, version=version)
        audit_record(action="report.approve", actor=actor, association=version.association, target=version)
        _tell_reporter(version, "report.published")
    return version


def version_return(
    *, version: SharedVersion, actor: User, reasons: Iterable[ReturnReason] = (), note: str = ""
) -> SharedVersion:
    """Send the revision back to its reporter with reasons (reusable templates, a note, or both)."""
    note = (note or "").strip()
    if not reasons and not note:
        raise ValidationError({"note": _("Give at least one reason or a note.")})
    snapshot = [{"en": r.text_en, "zh-hans": r.text_zh} for r in reasons]
    with transaction.atomic():
        version = _decide(version, actor, VersionStatus.RETURNED, return_reasons=snapshot, decision_note=note)
        has_published = version.report.versions.filter(status=VersionStatus.PUBLISHED).exists()
        _set_report_status(version.report, ReportStatus.PUBLISHED if has_published else ReportStatus.RETURNED)
        audit_record(
            action="report.return",
            actor=actor,
            association=version.association,
            target=version,
            details={"reasons": len(snapshot)},
        )
        _tell_reporter(version, "report.returned")
    return version


def version_reject(*, version: SharedVersion, actor: User, note: str = "") -> SharedVersion:
    """Refuse the revision for good. A report published before keeps its published revision."""
    with transaction.atomic():
        version = _decide(version, actor, VersionStatus.REJECTED, decision_note=(note or "").strip())
        has_published = version.report.versions.filter(status=VersionStatus.PUBLISHED).exists()
        _set_report_status(version.report, ReportStatus.PUBLISHED if has_published else ReportStatus.REJECTED)
        audit_record(action="report.reject", actor=actor, association=version.association, target=version)
        _tell_reporter(version, "report.rejected")
    return version


def version_redact(*, version: SharedVersion, actor: User, terms: list[str]) -> SharedVersion:
    """A moderator redacts more words from an undecided revision; later revisions keep redacting them."""
    terms = clean_list(terms, "terms")
    if not terms:
        raise ValidationError({"terms": _("Enter at least one word or phrase to redact.")})
    with transaction.atomic():
        version = SharedVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != VersionStatus.PENDING:
            raise ValidationError(_("This revision was already decided or replaced."), code="invalid_state")
        version.narrative = redact(version.narrative, extra_terms=terms).text
        version.moderator_redactions = list(dict.fromkeys([*version.moderator_redactions, *terms]))
        version.save(update_fields=["narrative", "moderator_redactions"])
        audit_record(
            action="report.redact",
            actor=actor,
            association=version.association,
            target=version,
            details={"terms": len(terms)},
        )
    return version


def version_classify_plaintiff(*, version: SharedVersion, actor: User, classification: str) -> SharedVersion:
    """Classify the plaintiff of a revision under review; every report naming it shows the classification."""
    plaintiff_classify(entity=version.plaintiff, classification=classification, actor=actor)
    return version


def _set_report_status(report: Report, status: str) -> None:
    report.status = status
    report.save(update_fields=["status", "updated_at"])


def _moderators(association: Association) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, association_roles__association=association, association_roles__role="moderator"
    ).distinct()


def _tell_reporter(version: SharedVersion, kind: str) -> None:
    report = version.report
    notify(
        recipients=User.objects.filter(company_id=report.company_id, is_active=True),
        association=version.association,
        kind=kind,
        params={"plaintiff": version.plaintiff.name},
        url=reverse("reports:own_detail", kwargs={"slug": version.association.slug, "report_id": report.pk}),
    )


# Return reason templates -----------------------------------------------------------------------------------


def reason_save(
    *,
    association: Association,
    actor: User,
    title: str,
    text_en: str,
    text_zh: str,
    reason: ReturnReason | None = None,
) -> ReturnReason:
    """Create a reusable return reason (or change `reason`), in English and Chinese."""
    reason = reason or ReturnReason(association=association)
    reason.title, reason.text_en, reason.text_zh = title.strip(), text_en.strip(), text_zh.strip()
    reason.full_clean()
    with transaction.atomic():
        reason.save()
        audit_record(action="report.reason_save", actor=actor, association=association, target=reason)
    return reason


def reason_delete(*, reason: ReturnReason, actor: User) -> None:
    with transaction.atomic():
        audit_record(action="report.reason_delete", actor=actor, association=reason.association, target=reason)
        reason.delete()
