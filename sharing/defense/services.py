"""Writes for defense groups: create, invite, answer, remove, leave, archive; agreement versions, acceptance and
withdrawal; sharing a raw report into a group. Every loss of access tells the affected people's open sockets to
re-check at once (realtime.events.access_changed_on_commit)."""

from typing import Any, NoReturn

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.services import notify
from realtime.events import access_changed_on_commit
from sharing.defense.access import GroupAccess, Level
from sharing.defense.models import (
    AGREEMENT_MAX_LENGTH,
    Acceptance,
    Agreement,
    DefenseGroup,
    GroupStatus,
    Participant,
    ParticipantRole,
    ParticipantStatus,
)
from sharing.defense.signals import group_created, participant_ended
from sharing.plaintiffs.services import plaintiff_for_name
from sharing.reports.models import Report
from tenancy import grants
from tenancy.access import Access
from tenancy.models import AssociationRole, AssociationRoleKind, Company, Membership, MembershipStatus

COMPANY_ROLES = (ParticipantRole.MEMBER, ParticipantRole.OBSERVER)
REJOINABLE = (ParticipantStatus.DECLINED, ParticipantStatus.LEFT, ParticipantStatus.REMOVED)


def _refuse(message: str, field: str | None = None, code: str = "invalid") -> NoReturn:
    raise ValidationError({field: message} if field else message, code=code)


def people_of(participant: Participant) -> QuerySet[User]:
    """The active users a participant stands for: its company's people, or the counsel user."""
    if participant.user_id is not None:
        return User.objects.filter(pk=participant.user_id, is_active=True)
    assert participant.company_id is not None  # a participant is a company or a counsel
    return User.objects.filter(company_id=participant.company_id, is_active=True)


def _admins_of(participant: Participant) -> QuerySet[User]:
    people = people_of(participant)
    return people if participant.user_id is not None else people.filter(company_role="admin")


def _group_url(group: DefenseGroup) -> str:
    return reverse("defense:detail", kwargs={"slug": group.association.slug, "group_id": group.pk})


def _clean_text(value: str, field: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        _refuse(_("This field is required."), field, "required")
    if len(value) > limit:
        _refuse(_("Enter at most %(limit)d characters.") % {"limit": limit}, field, "max_length")
    if "\x00" in value:
        _refuse(_("Null characters are not allowed."), field)
    return value


def group_create(
    *, access: Access, name: str, description: str = "", plaintiff_name: str = "", listed: bool = False,
    agreement_text: str = "", campaign: Any = None,  # a sharing.campaigns Campaign: above defense, not named here
) -> DefenseGroup:  # fmt: skip
    """A company admin creates a group; the company is its lead. An agreement text, if given, is version 1,
    accepted by the lead at once. A group around a campaign (sharing.campaigns) takes its plaintiff, if any."""
    if access.company is None or access.user is None or not access.is_company_admin:
        _refuse(_("Only a company admin can create a defense group."), code="forbidden")
    if campaign is not None and campaign.association_id != access.association.pk:
        _refuse(_("Choose a campaign of this association."), "campaign", "invalid_choice")
    name = _clean_text(name, "name", 200)
    description = _clean_text(description, "description", 4000, required=False)
    agreement_text = _clean_text(agreement_text, "agreement_text", AGREEMENT_MAX_LENGTH, required=False)
    with transaction.atomic():
        plaintiff = campaign.plaintiff if campaign is not None else None
        if (plaintiff_name or "").strip():
            try:
                plaintiff = plaintiff_for_name(association=access.association, name=plaintiff_name, reported=False)
            except ValidationError as error:
                raise ValidationError({"plaintiff_name": error.messages}) from None
        grantee = Group.objects.create(name=f"defense-{get_random_string(20)}")
        group = DefenseGroup.objects.create(
            association=access.association,
            name=name,
            description=description,
            plaintiff=plaintiff,
            campaign=campaign,
            listed=bool(listed),
            grantee=grantee,
            created_by=access.user,
        )
        lead = Participant.objects.create(
            group=group,
            company=access.company,
            role=ParticipantRole.LEAD,
            status=ParticipantStatus.ACTIVE,
            invited_by=access.user,
            decided_at=timezone.now(),
        )
        group_created.send(sender=DefenseGroup, group=group)  # the chat opens its general room
        audit_record(action="defense.create", actor=access.user, target=group)
        if agreement_text:
            _publish(group, lead, access.user, agreement_text)
    return group


def group_update(*, gaccess: GroupAccess, name: str, description: str, listed: bool) -> DefenseGroup:
    _require_manager(gaccess)
    group = gaccess.group
    group.name = _clean_text(name, "name", 200)
    group.description = _clean_text(description, "description", 4000, required=False)
    group.listed = bool(listed)
    with transaction.atomic():
        group.save(update_fields=["name", "description", "listed"])
        audit_record(action="defense.update", actor=gaccess.user, target=group)
    return group


def group_archive(*, gaccess: GroupAccess) -> DefenseGroup:
    """Close the group: everything stays readable by its participants, nothing can be added."""
    _require_manager(gaccess)
    group = gaccess.group
    with transaction.atomic():
        group.status = GroupStatus.ARCHIVED
        group.archived_at = timezone.now()
        group.save(update_fields=["status", "archived_at"])
        audit_record(action="defense.archive", actor=gaccess.user, target=group)
        access_changed_on_commit(_everyone(group))
    return group


def _require_manager(gaccess: GroupAccess) -> None:
    if not gaccess.manages:
        _refuse(_("Only the lead company's admins manage the group."), code="forbidden")


def _everyone(group: DefenseGroup) -> list[int]:
    ids: set[int] = set()
    for participant in group.participants.filter(status=ParticipantStatus.ACTIVE):
        ids.update(people_of(participant).values_list("pk", flat=True))
    return sorted(ids)


# Invitations ------------------------------------------------------------------------------------------------


def invite_company(*, gaccess: GroupAccess, company: Company, role: str = ParticipantRole.MEMBER) -> Participant:
    """Invite an active member company of the association, as a member or an observer."""
    _require_manager(gaccess)
    if role not in COMPANY_ROLES:
        _refuse(_("Choose member or observer."), "role")
    active = Membership.objects.filter(
        association=gaccess.group.association, company=company, status=MembershipStatus.ACTIVE
    ).exists()
    if not active:
        _refuse(_("Only active member companies of the association can be invited."), "company")
    return _invite(gaccess, role=role, company=company)


def invite_counsel(*, gaccess: GroupAccess, user: User) -> Participant:
    """Invite one of the association's external counsel."""
    _require_manager(gaccess)
    is_counsel = AssociationRole.objects.filter(
        association=gaccess.group.association, user=user, role=AssociationRoleKind.COUNSEL, user__is_active=True
    ).exists()
    if not is_counsel:
        _refuse(_("Only the association's external counsel can be invited as counsel."), "user")
    return _invite(gaccess, role=ParticipantRole.COUNSEL, user=user)


def _invite(
    gaccess: GroupAccess, *, role: str, company: Company | None = None, user: User | None = None
) -> Participant:
    group = gaccess.group
    with transaction.atomic():
        lookup = {"company": company} if company is not None else {"user": user}
        participant = Participant.objects.select_for_update().filter(group=group, **lookup).first()
        if participant is not None and participant.status not in REJOINABLE:
            _refuse(_("Already invited or in the group."), "company" if company is not None else "user", "duplicate")
        if participant is None:
            participant = Participant(group=group, **lookup)
        participant.role = role
        participant.status = ParticipantStatus.INVITED
        participant.invited_by = gaccess.user
        participant.invited_at = timezone.now()
        participant.decided_at = None
        participant.save()
        audit_record(action="defense.invite", actor=gaccess.user, target=group, details={"participant": participant.pk})
        notify(
            recipients=_admins_of(participant),
            association=group.association,
            kind="defense.invited",
            params={"group": group.name},
            url=_group_url(group),
        )
    return participant


def invitation_answer(*, gaccess: GroupAccess, accept: bool) -> Participant:
    """The invited company's admin (or the invited counsel) accepts or declines."""
    participant = gaccess.participant
    if gaccess.level != Level.INVITED or not gaccess.acts_for_participant:
        _refuse(_("There is no invitation for you to answer."), code="invalid_state")
    with transaction.atomic():
        participant.status = ParticipantStatus.ACTIVE if accept else ParticipantStatus.DECLINED
        participant.decided_at = timezone.now()
        participant.save(update_fields=["status", "decided_at"])
        audit_record(
            action="defense.join" if accept else "defense.decline",
            actor=gaccess.user,
            target=gaccess.group,
            details={"participant": participant.pk},
        )
        if not accept:
            access_changed_on_commit(people_of(participant).values_list("pk", flat=True))
    return participant


def participant_remove(*, gaccess: GroupAccess, participant: Participant) -> Participant:
    """The lead removes a participant; its people lose access at once."""
    _require_manager(gaccess)
    if participant.group_id != gaccess.group.pk or participant.role == ParticipantRole.LEAD:
        _refuse(_("The lead cannot be removed."), code="invalid_state")
    return _end(participant, ParticipantStatus.REMOVED, gaccess.user, "defense.remove")


def group_leave(*, gaccess: GroupAccess) -> Participant:
    if not gaccess.acts_for_participant or gaccess.level == Level.INVITED:
        _refuse(_("Only a company admin can take the company out of the group."), code="forbidden")
    if gaccess.is_lead:
        _refuse(_("The lead cannot leave; archive the group instead."), code="invalid_state")
    return _end(gaccess.participant, ParticipantStatus.LEFT, gaccess.user, "defense.leave")


def _end(participant: Participant, status: str, actor: User, action: str) -> Participant:
    with transaction.atomic():
        participant.status = status
        participant.decided_at = timezone.now()
        participant.save(update_fields=["status", "decided_at"])
        participant.acceptances.filter(withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_by=actor
        )
        if participant.company_id is not None:  # what it revealed to the group goes with it
            group = participant.group
            shared = Report.objects.filter(company_id=participant.company_id)
            for report in grants.objects_for_group(group.grantee, "view_report", shared):
                grants.revoke(
                    perm="reports.view_report", group=group.grantee, obj=report, actor=actor, association=None
                )
        audit_record(action=action, actor=actor, target=participant.group, details={"participant": participant.pk})
        participant_ended.send(
            sender=Participant, participant=participant, on=timezone.localdate(participant.decided_at), actor=actor
        )
        access_changed_on_commit(people_of(participant).values_list("pk", flat=True))
    return participant


# The common-interest agreement ------------------------------------------------------------------------------


def agreement_publish(*, gaccess: GroupAccess, text: str) -> Agreement:
    """A new version of the agreement. Everyone, the lead excepted, must accept it again before reading on."""
    _require_manager(gaccess)
    text = _clean_text(text, "text", AGREEMENT_MAX_LENGTH)
    with transaction.atomic():
        others = _everyone(gaccess.group)
        agreement = _publish(gaccess.group, gaccess.participant, gaccess.user, text)
        access_changed_on_commit(others)
    return agreement


def _publish(group: DefenseGroup, lead: Participant, actor: User, text: str) -> Agreement:
    version = (group.agreements.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    agreement = Agreement.objects.create(group=group, version=version, text=text, created_by=actor)
    Acceptance.objects.create(agreement=agreement, participant=lead, accepted_by=actor)
    audit_record(action="defense.agreement_publish", actor=actor, target=group, details={"version": version})
    recipients = User.objects.none()
    for participant in group.participants.filter(status=ParticipantStatus.ACTIVE).exclude(pk=lead.pk):
        recipients |= _admins_of(participant)
    notify(
        recipients=recipients,
        association=group.association,
        kind="defense.agreement",
        params={"group": group.name, "version": version},
        url=_group_url(group),
    )
    return agreement


def agreement_accept(*, gaccess: GroupAccess, version: int | None) -> Acceptance:
    """Accept the current version (naming it guards against accepting a text that changed meanwhile)."""
    if gaccess.level == Level.INVITED or not gaccess.acts_for_participant:
        _refuse(_("Only a company admin can accept the agreement for the company."), code="forbidden")
    agreement = gaccess.agreement
    if agreement is None:
        _refuse(_("The group has no agreement yet."), code="invalid_state")
    if version != agreement.version:
        _refuse(_("The agreement changed; read the current version before accepting it."), "version", "stale")
    with transaction.atomic():
        standing = agreement.acceptances.filter(participant=gaccess.participant, withdrawn_at__isnull=True).first()
        if standing is not None:
            return standing
        acceptance = Acceptance.objects.create(
            agreement=agreement, participant=gaccess.participant, accepted_by=gaccess.user
        )
        audit_record(
            action="defense.agreement_accept",
            actor=gaccess.user,
            target=gaccess.group,
            details={"version": agreement.version, "participant": gaccess.participant.pk},
        )
    return acceptance


def agreement_withdraw(*, gaccess: GroupAccess) -> None:
    """Withdraw the participant from the agreement: its people lose documents and chat at once."""
    if gaccess.level != Level.FULL or not gaccess.acts_for_participant:
        _refuse(_("Only a company admin can withdraw the company from the agreement."), code="forbidden")
    actor = gaccess.user
    with transaction.atomic():
        gaccess.participant.acceptances.filter(withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_by=actor
        )
        audit_record(
            action="defense.agreement_withdraw",
            actor=actor,
            target=gaccess.group,
            details={"participant": gaccess.participant.pk},
        )
        access_changed_on_commit(people_of(gaccess.participant).values_list("pk", flat=True))


# Raw reports shared into a group ----------------------------------------------------------------------------


def report_share(*, gaccess: GroupAccess, report: Report) -> None:
    """The reporting company reveals its raw report to the group (a guardian grant to the group's grantee)."""
    company = gaccess.access.company
    if not gaccess.can_write or company is None or report.company_id != company.pk:
        _refuse(_("Only the reporting company, with full access to the group, can share its report."), code="forbidden")
    with transaction.atomic():
        grants.grant(
            perm="reports.view_report",
            group=gaccess.group.grantee,
            obj=report,
            actor=gaccess.user,
            association=None,
        )


def report_unshare(*, gaccess: GroupAccess, report: Report) -> None:
    if gaccess.access.company is None or report.company_id != gaccess.access.company.pk:
        _refuse(_("Only the reporting company can stop sharing this report."), code="forbidden")
    with transaction.atomic():
        grants.revoke(
            perm="reports.view_report",
            group=gaccess.group.grantee,
            obj=report,
            actor=gaccess.user,
            association=None,
        )
