"""What one person may do in one defense group, resolved live from participants and agreement acceptances.

Levels: an invited participant sees the invitation; an active participant whose company (or who, for
counsel) has not accepted the current agreement version sees the summary (name, plaintiff, participants,
agreement); after acceptance, the documents and the chat too. Not being a participant is NoAccess (404):
membership is confidential.
"""

from dataclasses import dataclass
from enum import IntEnum

from accounts.models import User
from sharing.defense.models import (
    Acceptance,
    Agreement,
    DefenseGroup,
    GroupStatus,
    Participant,
    ParticipantRole,
    ParticipantStatus,
)
from tenancy.access import Access, NoAccess, Role


class Level(IntEnum):
    INVITED = 1
    SUMMARY = 2
    FULL = 3


@dataclass(frozen=True)
class GroupAccess:
    access: Access
    group: DefenseGroup
    participant: Participant
    level: Level
    agreement: Agreement | None  # the current version

    @property
    def user(self) -> User:
        """The person acting: group access is only ever a person's (participant_for finds none for a key)."""
        user = self.access.user
        assert user is not None
        return user

    @property
    def is_lead(self) -> bool:
        return self.participant.role == ParticipantRole.LEAD

    @property
    def is_counsel(self) -> bool:
        return self.participant.role == ParticipantRole.COUNSEL

    @property
    def acts_for_participant(self) -> bool:
        """May accept or withdraw from the agreement and answer invitations: a company's admin, or counsel."""
        return self.participant.user_id is not None or self.access.is_company_admin

    @property
    def manages(self) -> bool:
        """Runs the group (invites, removes, agreement text, listing, archive): the lead company's admins."""
        return self.is_lead and self.access.is_company_admin and self.is_open

    @property
    def is_open(self) -> bool:
        return self.group.status == GroupStatus.ACTIVE

    @property
    def can_read(self) -> bool:
        return self.level == Level.FULL

    @property
    def can_write(self) -> bool:
        """Post, upload, share: full access in an open group, observers excepted."""
        return self.can_read and self.is_open and self.participant.role != ParticipantRole.OBSERVER


def participant_for(access: Access, group: DefenseGroup) -> Participant | None:
    """The caller's own participation: as counsel (a user), or through their company."""
    if access.user is None:
        return None
    statuses = [ParticipantStatus.INVITED, ParticipantStatus.ACTIVE]
    participants = Participant.objects.filter(group=group, status__in=statuses)
    if access.company is not None:
        found = participants.filter(company=access.company).first()
        if found is not None:
            return found
    if access.has_any({Role.COUNSEL}):
        return participants.filter(user=access.user).first()
    return None


def current_agreement(group: DefenseGroup) -> Agreement | None:
    return group.agreements.order_by("-version").first()


def has_accepted(participant: Participant, agreement: Agreement | None) -> bool:
    return (
        agreement is not None
        and Acceptance.objects.filter(agreement=agreement, participant=participant, withdrawn_at__isnull=True).exists()
    )


def group_access(access: Access, group: DefenseGroup) -> GroupAccess:
    """The caller's access to `group` (of the caller's association), or NoAccess."""
    if group.association_id != access.association.pk:
        raise NoAccess
    participant = participant_for(access, group)
    if participant is None:
        raise NoAccess
    agreement = current_agreement(group)
    if participant.status == ParticipantStatus.INVITED:
        level = Level.INVITED
    elif has_accepted(participant, agreement):
        level = Level.FULL
    else:
        level = Level.SUMMARY
    return GroupAccess(access=access, group=group, participant=participant, level=level, agreement=agreement)


def get_group_access(access: Access, group_id: int | str, minimum: Level = Level.INVITED) -> GroupAccess:
    """Resolve a group id from the URL; below `minimum` is NoAccess, the same as a missing group."""
    group = DefenseGroup.objects.filter(pk=group_id, association=access.association).select_related("plaintiff").first()
    if group is None:
        raise NoAccess
    group_access_ = group_access(access, group)
    if group_access_.level < minimum:
        raise NoAccess
    return group_access_
