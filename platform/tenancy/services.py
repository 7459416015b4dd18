"""Writes for associations, companies, memberships and association roles. Each is audited, and those that concern
someone send a tenancy.signals signal (notifications tells them)."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from realtime.events import access_changed_on_commit
from tenancy import grants
from tenancy.models import (
    Association,
    AssociationRole,
    AssociationRoleKind,
    Company,
    Membership,
    MembershipStatus,
)
from tenancy.signals import membership_applied, membership_decided, role_appointed, role_removed

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL): django-stubs' plugin reads `_User` as accounts.User, which sits above
    # tenancy in the apps' layers and so is never imported here, not even for typing.
    from django.contrib.auth.models import _User as User

COMPANY_PROFILE_FIELDS = (
    "legal_name_en",
    "legal_name_zh",
    "aliases",
    "trademarks",
    "store_names",
    "web_domains",
    "industry",
    "size",
)
# The lists the anonymizer redacts: each item must be a real, distinct term.
IDENTITY_LIST_FIELDS = ("aliases", "trademarks", "store_names", "web_domains")
IDENTITY_TERM_MAX_LENGTH = 200
IDENTITY_TERMS_MAX_COUNT = 50


def _clean_identity_list(values: object, *, domains: bool) -> list[str]:
    """Trimmed, non-empty, length-limited, de-duplicated (case-insensitively) strings; domains in lower case."""
    if not isinstance(values, list | tuple):
        raise ValidationError(_("Enter a list of texts."))
    if len(values) > IDENTITY_TERMS_MAX_COUNT:
        raise ValidationError(_("Enter at most %(count)d items.") % {"count": IDENTITY_TERMS_MAX_COUNT})
    cleaned: dict[str, str] = {}
    for position, value in enumerate(values, start=1):
        term = value.strip() if isinstance(value, str) else None
        if not term:
            raise ValidationError(_("Item %(position)d is empty or not a text.") % {"position": position})
        if len(term) > IDENTITY_TERM_MAX_LENGTH:
            raise ValidationError(
                _("Item %(position)d is longer than %(limit)d characters.")
                % {"position": position, "limit": IDENTITY_TERM_MAX_LENGTH}
            )
        if domains:
            term = term.lower().rstrip(".")
            try:
                DomainNameValidator(accept_idna=True)(term)
            except ValidationError:
                raise ValidationError(
                    _("Item %(position)d, “%(value)s”, is not a domain name such as example.com.")
                    % {"position": position, "value": term}
                ) from None
        cleaned.setdefault(term.casefold(), term)
    return list(cleaned.values())


def clean_company_profile(profile: dict[str, Any]) -> dict[str, Any]:
    """Validate the identity lists of a company profile (the rest is checked by the model's full_clean)."""
    cleaned, errors = dict(profile), {}
    for name in IDENTITY_LIST_FIELDS:
        if name in profile:
            try:
                cleaned[name] = _clean_identity_list(profile[name], domains=name == "web_domains")
            except ValidationError as error:
                errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def association_create(
    *, name: str, slug: str, default_language: str = "en", actor: "User | None" = None
) -> Association:
    association = Association(name=name, slug=slug, default_language=default_language)
    association.full_clean()
    association.save()
    audit_record(action="association.create", actor=actor, association=association, target=association)
    return association


ASSOCIATION_SETTINGS_FIELDS = ("counsel_open_to_partners",)


@transaction.atomic
def association_settings_update(*, association: Association, actor: "User | None", **changes: Any) -> Association:
    """Change what the association's admins decide for it (ASSOCIATION_SETTINGS_FIELDS); audited when it changes."""
    unknown = set(changes) - set(ASSOCIATION_SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    changed = {name: value for name, value in changes.items() if getattr(association, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(association, name, value)
        association.save(update_fields=[*changed])
        audit_record(
            action="association.settings", actor=actor, association=association, target=association, details=changed
        )
    return association


@transaction.atomic
def company_create(*, association: Association, actor: "User | None", **profile: Any) -> Company:
    """Create a company, its Django group (which receives its object permissions) and its grant on itself."""
    profile = clean_company_profile(profile)
    company = Company(group=Group.objects.create(name=f"company:pending:{timezone.now().timestamp()}"), **profile)
    company.full_clean(exclude=["group"])
    company.save()
    company.group.name = f"company:{company.pk}"
    company.group.save(update_fields=["name"])
    grants.grant(perm="view_company", group=company.group, obj=company, actor=actor, association=association)
    audit_record(action="company.create", actor=actor, association=association, target=company)
    return company


@transaction.atomic
def company_update(*, company: Company, association: Association, actor: "User | None", **changes: Any) -> Company:
    unknown = set(changes) - set(COMPANY_PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    changes = clean_company_profile(changes)
    for name, value in changes.items():
        setattr(company, name, value)
    company.full_clean(exclude=["group"])
    company.save(update_fields=[*changes])
    audit_record(
        action="company.update",
        actor=actor,
        association=association,
        target=company,
        details={"fields": sorted(changes)},
    )
    return company


def _company_admins(company: Company) -> list["User"]:
    return list(company.users.filter(is_active=True, company_role="admin"))


@transaction.atomic
def membership_apply(*, association: Association, company: Company, actor: "User | None") -> Membership:
    """A company asks to join an association; its admins wait for an association admin's decision."""
    membership, created = Membership.objects.get_or_create(association=association, company=company)
    if not created and membership.status != MembershipStatus.REJECTED:
        raise ValidationError(_("Your company has already applied to or belongs to this association."))
    membership.status = MembershipStatus.PENDING
    membership.decided_at = None
    membership.decided_by = None
    membership.save()
    audit_record(action="membership.apply", actor=actor, association=association, target=membership)
    membership_applied.send(sender=Membership, membership=membership)
    return membership


# Which decisions are allowed from which state, and what they lead to.
_TRANSITIONS = {
    "approve": ({MembershipStatus.PENDING}, MembershipStatus.ACTIVE),
    "reject": ({MembershipStatus.PENDING}, MembershipStatus.REJECTED),
    "suspend": ({MembershipStatus.ACTIVE}, MembershipStatus.SUSPENDED),
    "reinstate": ({MembershipStatus.SUSPENDED}, MembershipStatus.ACTIVE),
}
MEMBERSHIP_DECISIONS = tuple(_TRANSITIONS)


@transaction.atomic
def membership_decide(*, membership: Membership, decision: str, actor: "User | None", note: str = "") -> Membership:
    """Approve, reject, suspend or reinstate. Suspension cuts the company's users off at once, sockets included."""
    if decision not in _TRANSITIONS:
        raise ValidationError(_("Unknown decision."))
    allowed_from, new_status = _TRANSITIONS[decision]
    membership = Membership.objects.select_for_update().select_related("association", "company").get(pk=membership.pk)
    if membership.status not in allowed_from:
        raise ValidationError(
            _("This membership is %(status)s; it cannot be changed that way.")
            % {"status": membership.get_status_display().lower()}
        )
    membership.status = new_status
    membership.note = note
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save()
    audit_record(
        action=f"membership.{decision}",
        actor=actor,
        association=membership.association,
        target=membership,
        details={"company_id": membership.company_id, "note": note},
    )
    membership_decided.send(sender=Membership, membership=membership, decision=decision)
    if decision == "suspend":
        access_changed_on_commit(list(membership.company.users.filter(is_active=True).values_list("pk", flat=True)))
    return membership


@transaction.atomic
def role_appoint(*, association: Association, user: "User", role: str, actor: "User | None") -> AssociationRole:
    if role not in AssociationRoleKind.values:
        raise ValidationError(_("Unknown role."))
    if not user.is_active:
        raise ValidationError(_("This account is deactivated."))
    if (
        role == AssociationRoleKind.MODERATOR
        and (
            user.company_id is None
            or not Membership.objects.filter(
                association=association, company_id=user.company_id, status=MembershipStatus.ACTIVE
            ).exists()
        )
        and not association.roles.filter(user=user, role=AssociationRoleKind.ADMIN).exists()
    ):
        raise ValidationError(_("Moderators are chosen among the users of active member companies."))
    assignment, created = AssociationRole.objects.get_or_create(association=association, user=user, role=role)
    if not created:
        raise ValidationError(_("%(user)s already holds this role.") % {"user": user.display_name})
    audit_record(
        action="role.appoint",
        actor=actor,
        association=association,
        target=assignment,
        details={"user_id": user.pk},
    )
    role_appointed.send(sender=AssociationRole, assignment=assignment)
    return assignment


@transaction.atomic
def role_remove(*, assignment: AssociationRole, actor: "User | None") -> None:
    association, user, role = assignment.association, assignment.user, assignment.role
    if role == AssociationRoleKind.ADMIN and association.roles.filter(role=AssociationRoleKind.ADMIN).count() <= 1:
        raise ValidationError(_("An association keeps at least one admin."))
    audit_record(
        action="role.remove",
        actor=actor,
        association=association,
        target=assignment,
        details={"user_id": user.pk},
    )
    assignment.delete()
    role_removed.send(sender=AssociationRole, association=association, user=user, role=role)
    access_changed_on_commit([user.pk])
