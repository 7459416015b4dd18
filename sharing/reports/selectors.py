"""Scoped reads of reports. Raw reports: the reporting company (guardian grants to its group) and whom it
granted. Published shared versions: every person of the association and partner keys. The moderation queue:
moderators and association admins. Anything else is NoAccess (404), the same as a missing id."""

from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from sharing.plaintiffs.models import PlaintiffEntity
from sharing.reports.choices import ReportStatus, VersionStatus
from sharing.reports.models import Report, ReturnReason, SharedRight, SharedVersion
from tenancy.access import COMPANY_ROLES, PERSON_ROLES, STAFF_ROLES, Access, NoAccess, Role
from tenancy.grants import objects_for_user

SIMILAR_LIMIT = 10
# Reports that count when telling a member how many others face the same plaintiff or case.
LINKABLE = (ReportStatus.SUBMITTED, ReportStatus.PUBLISHED, ReportStatus.UPDATED, ReportStatus.RETURNED,
            ReportStatus.ARCHIVED)  # fmt: skip


def _require(access: Access, roles: Iterable[Role]) -> None:
    if not access.has_any(roles):
        raise NoAccess


def own_reports(access: Access, perm: str = "view_report") -> QuerySet[Report]:
    """Raw reports of this association the caller holds `perm` on (through their company's group)."""
    _require(access, COMPANY_ROLES)
    assert access.user is not None  # company roles are a person's
    reports = Report.objects.filter(association=access.association).select_related("plaintiff")
    return objects_for_user(access.user, perm, reports)


def get_own_report(access: Access, report_id: int | str, perm: str = "view_report") -> Report:
    report = own_reports(access, perm).filter(pk=report_id).select_related("company").first()
    if report is None:
        raise NoAccess
    return report


def report_links(report: Report) -> dict[str, int]:
    """How many *other* member companies report the same plaintiff, and the same case (docket): counts only."""
    others = Report.objects.filter(association_id=report.association_id, status__in=LINKABLE).exclude(
        company_id=report.company_id
    )
    counts = others.aggregate(
        same_plaintiff=Count("company", distinct=True, filter=Q(plaintiff_id=report.plaintiff_id)),
        same_case=Count("company", distinct=True, filter=Q(docket_key=report.docket_key) & ~Q(docket_key="")),
    )
    return {name: counts[name] or 0 for name in ("same_plaintiff", "same_case")}


def report_versions(report: Report) -> QuerySet[SharedVersion]:
    """The revisions of the caller's own report, newest first, with the moderators' reasons."""
    return report.versions.order_by("-revision")


def published_versions(access: Access) -> QuerySet[SharedVersion]:
    """The published shared versions of the association, newest first: people of the association and partners."""
    _require(access, PERSON_ROLES | {Role.PARTNER})
    return (
        SharedVersion.objects.filter(association=access.association, status=VersionStatus.PUBLISHED)
        .select_related("plaintiff")
        .defer("search_vector", "moderator_redactions", "return_reasons", "decision_note")
        .order_by("-published_at", "-id")
    )


def get_published_version(access: Access, version_id: int | str) -> SharedVersion:
    version = published_versions(access).filter(pk=version_id).first()
    if version is None:
        raise NoAccess
    return version


def similar_versions(access: Access, version: SharedVersion) -> QuerySet[SharedVersion]:
    """Other published reports with the same plaintiff or asserting one of the same patents or marks."""
    keys = [right["key"] for right in version.rights if right.get("key")]
    same_right = SharedRight.objects.filter(version=OuterRef("pk"), key__in=keys)
    return (
        published_versions(access)
        .exclude(report_id=version.report_id)
        .filter(Q(plaintiff_id=version.plaintiff_id) | Q(Exists(same_right)))[:SIMILAR_LIMIT]
    )


def known_plaintiffs(access: Access) -> QuerySet[PlaintiffEntity]:
    """Plaintiffs the caller may see named: those of published reports, and those of the caller's company's own
    reports. A plaintiff typed only into another member's draft stays unseen (it would tell that someone is
    about to report it)."""
    _require(access, PERSON_ROLES | {Role.PARTNER})
    published = SharedVersion.objects.filter(association=access.association, status=VersionStatus.PUBLISHED)
    visible = Q(id__in=published.values("plaintiff_id"))
    if access.company is not None:
        visible |= Q(
            id__in=Report.objects.filter(association=access.association, company=access.company).values("plaintiff_id")
        )
    return PlaintiffEntity.objects.filter(Q(association=access.association) & visible)


def moderation_queue(access: Access) -> QuerySet[SharedVersion]:
    """Revisions awaiting a decision, oldest first."""
    _require(access, STAFF_ROLES)
    return (
        SharedVersion.objects.filter(association=access.association, status=VersionStatus.PENDING)
        .select_related("plaintiff")
        .order_by("submitted_at", "id")
    )


def get_version_for_moderation(access: Access, version_id: int | str) -> SharedVersion:
    version = moderation_queue(access).filter(pk=version_id).first()
    if version is None:
        raise NoAccess
    return version


def return_reasons(access: Access) -> QuerySet[ReturnReason]:
    _require(access, STAFF_ROLES)
    return ReturnReason.objects.filter(association=access.association)


def get_return_reason(access: Access, reason_id: int | str) -> ReturnReason:
    reason = return_reasons(access).filter(pk=reason_id).first()
    if reason is None:
        raise NoAccess
    return reason
