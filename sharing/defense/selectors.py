"""Scoped reads of defense groups. A group is visible to its invited and active participants only; moderators
and association admins see listed groups' names and plaintiffs, never who is in them or what they hold."""

from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from sharing.defense.access import GroupAccess, Level
from sharing.defense.models import (
    Acceptance,
    Agreement,
    DefenseGroup,
    Document,
    DocumentAudience,
    DocumentGroupObjectPermission,
    Participant,
    ParticipantStatus,
)
from sharing.reports.models import Report
from tenancy import grants
from tenancy.access import STAFF_ROLES, Access, NoAccess, Role
from tenancy.models import AssociationRole, AssociationRoleKind, Company, MembershipStatus

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

OPEN = (ParticipantStatus.INVITED, ParticipantStatus.ACTIVE)


class MyParticipation(TypedDict):
    """What groups_for adds to each group about the caller's own participation."""

    my_status: str
    my_role: str
    my_participant: int
    my_agreement: int | None
    my_accepted: bool


def groups_for(access: Access) -> "QuerySet[WithAnnotations[DefenseGroup, MyParticipation]]":
    """Groups the caller's company, or the caller as counsel, is invited to or in."""
    mine = Q()
    if access.company is not None:
        mine |= Q(company=access.company)
    if access.has_any({Role.COUNSEL}):
        mine |= Q(user=access.user)
    if not mine:  # no rows, so none lacks the annotations
        return cast("QuerySet[WithAnnotations[DefenseGroup, MyParticipation]]", DefenseGroup.objects.none())
    participations = Participant.objects.filter(mine, status__in=OPEN)
    # `my_status`: "invited" for a pending invitation, "active" once joined ("active" sorts first); `my_role`;
    # `my_accepted`: whether the caller's participation stands by the group's current agreement version.
    own = participations.filter(group=OuterRef("pk")).order_by("status")
    current = Agreement.objects.filter(group=OuterRef("pk")).order_by("-version").values("pk")[:1]
    standing = Acceptance.objects.filter(
        participant=OuterRef("my_participant"), agreement=OuterRef("my_agreement"), withdrawn_at__isnull=True
    )
    return (
        DefenseGroup.objects.filter(association=access.association, id__in=participations.values("group_id"))
        .select_related("plaintiff")
        .annotate(
            my_status=Subquery(own.values("status")[:1]),
            my_role=Subquery(own.values("role")[:1]),
            my_participant=Subquery(own.values("pk")[:1]),
            my_agreement=Subquery(current),
        )
        .annotate(my_accepted=Exists(standing))
        .order_by("-created_at", "-id")
    )


def listed_groups(access: Access) -> QuerySet[DefenseGroup]:
    """Listed groups, for moderators and association admins: name, plaintiff and size only."""
    if not access.has_any(STAFF_ROLES):
        raise NoAccess
    active = Q(participants__status=ParticipantStatus.ACTIVE)
    return (
        DefenseGroup.objects.filter(association=access.association, listed=True)
        .select_related("plaintiff")
        .annotate(size=Count("participants", filter=active))
        .order_by("-created_at", "-id")
    )


def participants(gaccess: GroupAccess) -> QuerySet[Participant]:
    """Who is in the group (and who is invited): for its participants only."""
    return (
        Participant.objects.filter(group=gaccess.group, status__in=OPEN)
        .select_related("company", "user")
        .order_by("invited_at", "id")
    )


def get_participant(gaccess: GroupAccess, participant_id: int | str) -> Participant:
    participant = participants(gaccess).filter(pk=participant_id).first()
    if participant is None:
        raise NoAccess
    return participant


def require(gaccess: GroupAccess, level: Level) -> GroupAccess:
    if gaccess.level < level:
        raise NoAccess
    return gaccess


def documents(gaccess: GroupAccess) -> QuerySet[Document]:
    """The group's documents the caller may read: the whole group's, counsel-only ones for counsel (and the
    lead), and those granted to the caller's company."""
    require(gaccess, Level.FULL)
    visible = Q(audience=DocumentAudience.GROUP)
    if gaccess.is_counsel or gaccess.is_lead:
        visible |= Q(audience=DocumentAudience.COUNSEL)
    if gaccess.access.company is not None:
        granted = grants.objects_for_group(
            gaccess.access.company.group, "view_document", Document.objects.filter(group=gaccess.group)
        )
        visible |= Q(audience=DocumentAudience.COMPANIES, id__in=granted.values("id"))
    visible |= Q(created_by=gaccess.access.user)  # an uploader always sees what it uploaded
    return (
        Document.objects.filter(visible, group=gaccess.group)
        .prefetch_related("versions")
        .order_by("-created_at", "-id")
    )


def get_document(gaccess: GroupAccess, document_id: int | str) -> Document:
    document = documents(gaccess).filter(pk=document_id).first()
    if document is None:
        raise NoAccess
    return document


def shared_reports(gaccess: GroupAccess) -> QuerySet[Report]:
    """Raw reports their companies revealed to this group (guardian grants to the group's grantee)."""
    require(gaccess, Level.FULL)
    reports = Report.objects.filter(association=gaccess.group.association).select_related("plaintiff", "company")
    return grants.objects_for_group(gaccess.group.grantee, "view_report", reports)


def agreements(gaccess: GroupAccess) -> QuerySet[Agreement]:
    """Every version of the group's agreement, newest first: for participants who joined."""
    require(gaccess, Level.SUMMARY)
    return Agreement.objects.filter(group=gaccess.group).order_by("-version")


def document_companies(gaccess: GroupAccess, document: Document) -> QuerySet[Company]:
    """The companies chosen to read a document of the "chosen companies" audience (their groups' grants)."""
    require(gaccess, Level.FULL)
    if document.audience != DocumentAudience.COMPANIES or document.group_id != gaccess.group.pk:
        return Company.objects.none()
    granted = DocumentGroupObjectPermission.objects.filter(
        content_object=document, permission__codename="view_document"
    ).values("group_id")
    return Company.objects.filter(group_id__in=granted).order_by("legal_name_en", "id")


def acceptances(gaccess: GroupAccess) -> QuerySet[Acceptance]:
    """Who accepted which version of the agreement, and when (withdrawn ones too): for participants who joined."""
    require(gaccess, Level.SUMMARY)
    return (
        Acceptance.objects.filter(agreement__group=gaccess.group)
        .select_related("agreement", "participant__company", "participant__user", "accepted_by")
        .order_by("-agreement__version", "accepted_at", "id")
    )


def invitable_companies(gaccess: GroupAccess) -> QuerySet[Company]:
    """Active member companies of the association not already invited to or in the group: for its managers."""
    if not gaccess.manages:
        raise NoAccess
    taken = Participant.objects.filter(group=gaccess.group, status__in=OPEN, company__isnull=False)
    return (
        Company.objects.filter(
            memberships__association=gaccess.group.association, memberships__status=MembershipStatus.ACTIVE
        )
        .exclude(id__in=taken.values("company_id"))
        .order_by("legal_name_en", "id")
    )


def invitable_counsel(gaccess: GroupAccess) -> QuerySet[User]:
    """The association's active external counsel not already invited to or in the group: for its managers."""
    if not gaccess.manages:
        raise NoAccess
    counsel = AssociationRole.objects.filter(association=gaccess.group.association, role=AssociationRoleKind.COUNSEL)
    taken = Participant.objects.filter(group=gaccess.group, status__in=OPEN, user__isnull=False)
    return (
        User.objects.filter(is_active=True, id__in=counsel.values("user_id"))
        .exclude(id__in=taken.values("user_id"))
        .order_by("display_name", "id")
    )
