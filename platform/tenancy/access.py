"""Tenant resolution: who may act in which association, and as what. Web, API and websockets all use it.

A person's association, roles and company there are kept in the cache under the generation of all accesses
(api.generations), because every request and socket event needs them and they cost three queries. Any save or
delete of an association, a role, a company, a membership or a user (but a sign-in's last_login) drops that
generation (tenancy.receivers, accounts.receivers): a suspension or a lost role applies to the next request."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from django.http import Http404

from api import generations
from tenancy.models import Association, AssociationRole, Company, Membership, MembershipStatus

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL): django-stubs' plugin reads `_User` as accounts.User, which sits above
    # tenancy in the apps' layers and so is never imported here, not even for typing.
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import _User as User


class Role(StrEnum):
    ASSOCIATION_ADMIN = "association_admin"
    MODERATOR = "moderator"
    COMPANY_ADMIN = "company_admin"
    COMPANY_MEMBER = "company_member"
    COUNSEL = "counsel"
    PARTNER = "partner"


class _Partner(Protocol):
    @property
    def association_id(self) -> int: ...

    @property
    def association(self) -> Association: ...


class PartnerKey(Protocol):
    """A partner's API key as tenancy reads it (accounts.models.ApiKey, above tenancy: not imported)."""

    @property
    def partner(self) -> _Partner: ...

    @property
    def scopes(self) -> list[str]: ...

    @property
    def is_usable(self) -> bool: ...


# Every role a person (not a partner key) can hold; "member" checks accept any of them.
PERSON_ROLES = frozenset(Role) - {Role.PARTNER}
COMPANY_ROLES = frozenset({Role.COMPANY_ADMIN, Role.COMPANY_MEMBER})
STAFF_ROLES = frozenset({Role.ASSOCIATION_ADMIN, Role.MODERATOR})


@dataclass(frozen=True)
class Access:
    """What one caller may do in one association, resolved once per request or socket event."""

    association: Association
    user: "User | None" = None
    company: Company | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    api_key: PartnerKey | None = None

    def has_any(self, roles: Iterable[Role]) -> bool:
        return bool(self.roles & frozenset(roles))

    @property
    def is_association_admin(self) -> bool:
        return Role.ASSOCIATION_ADMIN in self.roles

    @property
    def is_company_admin(self) -> bool:
        return Role.COMPANY_ADMIN in self.roles


ACCESS_FAMILY = "access"
KEPT_SECONDS = 300


def access_changed() -> None:
    """Someone's roles may have changed: every kept access is out of date."""
    generations.drop(ACCESS_FAMILY)


class NoAccess(Http404):
    """Raised for an unknown association and for one the caller may not enter: the two look the same."""


def user_roles(user: "User | AnonymousUser | None", association: Association) -> tuple[frozenset[Role], Company | None]:
    """The roles `user` holds in `association` right now (suspension and deactivation apply at once)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset(), None
    roles: set[Role] = set()
    staff = AssociationRole.objects.filter(association=association, user=user).values_list("role", flat=True)
    mapping = {"admin": Role.ASSOCIATION_ADMIN, "moderator": Role.MODERATOR, "counsel": Role.COUNSEL}
    roles.update(mapping[r] for r in staff)
    company = None
    if user.company_id is not None:
        # The company only if its membership here is active: one query for both.
        company = Company.objects.filter(
            pk=user.company_id, memberships__association=association, memberships__status=MembershipStatus.ACTIVE
        ).first()
        if company is not None:
            roles.add(Role.COMPANY_ADMIN if user.company_role == "admin" else Role.COMPANY_MEMBER)
    return frozenset(roles), company


def resolve_access(
    *, slug: str, user: "User | AnonymousUser | None" = None, api_key: PartnerKey | None = None
) -> Access:
    """Resolve the association named in the URL for a signed-in user or a partner key, or raise NoAccess."""
    association: Association | None
    if api_key is not None:  # a key belongs to one association, loaded with it (accounts.api_keys): no query
        association = api_key.partner.association
        if association.slug != slug or not api_key.is_usable:
            raise NoAccess
        return Access(association=association, roles=frozenset({Role.PARTNER}), api_key=api_key)
    if user is None or not user.is_authenticated or not user.is_active:
        raise NoAccess
    kept_as = f"access:{user.pk}:{slug}"
    generation, kept = generations.read(ACCESS_FAMILY, kept_as)
    if kept is None:
        association = Association.objects.filter(slug=slug).first()
        roles, company = user_roles(user, association) if association is not None else (frozenset(), None)
        kept = (association, roles, company)
        generations.keep(kept_as, generation, kept, KEPT_SECONDS)
    association, roles, company = kept
    if association is None or not roles:
        raise NoAccess
    return Access(association=association, user=user, company=company, roles=roles)


def associations_for_user(user: "User | AnonymousUser") -> list[Association]:
    """Associations the user can currently enter, for the home page and the association switcher."""
    if not user.is_authenticated or not user.is_active:
        return []
    ids = set(AssociationRole.objects.filter(user=user).values_list("association_id", flat=True))
    if user.company_id:
        ids |= set(
            Membership.objects.filter(company_id=user.company_id, status=MembershipStatus.ACTIVE).values_list(
                "association_id", flat=True
            )
        )
    return list(Association.objects.filter(id__in=ids).order_by("name"))
