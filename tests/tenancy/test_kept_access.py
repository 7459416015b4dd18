"""Kept accesses (tenancy.access): a person's roles in an association are read once, then kept until anything
they depend on changes; each change below must apply to the very next request."""

import pytest
from django.contrib.auth import user_logged_in
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from tenancy.access import NoAccess, Role, resolve_access
from tenancy.models import AssociationRole, Membership
from tenancy.services import membership_decide, role_remove

pytestmark = pytest.mark.django_db


def roles_of(user, slug="alpha"):
    """The roles resolve_access finds for a fresh copy of `user` (as the next request loads it), or None."""
    try:
        return resolve_access(slug=slug, user=User.objects.get(pk=user.pk)).roles
    except NoAccess:
        return None


def test_a_kept_access_costs_no_query(cast):
    user = User.objects.get(pk=cast.users["entitled"].pk)
    first = resolve_access(slug="alpha", user=user)
    with CaptureQueriesContext(connection) as queries:
        again = resolve_access(slug="alpha", user=user)
    assert len(queries) == 0
    assert (again.association, again.roles, again.company) == (first.association, first.roles, first.company)


def test_a_suspension_applies_to_the_next_request(cast, django_capture_on_commit_callbacks):
    user = cast.users["entitled"]
    assert roles_of(user) == {Role.COMPANY_ADMIN}
    membership = Membership.objects.get(company=user.company, association=cast.association)
    with django_capture_on_commit_callbacks(execute=True):
        membership_decide(membership=membership, decision="suspend", actor=cast.users["admin"])
    assert roles_of(user) is None


def test_a_removed_role_and_a_changed_company_role_apply_to_the_next_request(cast):
    moderator, member = cast.users["moderator"], cast.users["not_entitled"]
    assert Role.MODERATOR in roles_of(moderator)
    role_remove(assignment=AssociationRole.objects.get(user=moderator, association=cast.association), actor=None)
    assert Role.MODERATOR not in roles_of(moderator)
    assert roles_of(member) == {Role.COMPANY_MEMBER}
    member.company_role = "admin"
    member.save()
    assert roles_of(member) == {Role.COMPANY_ADMIN}


def test_a_deactivated_user_and_an_unknown_slug_get_nothing(cast):
    user = cast.users["entitled"]
    assert roles_of(user, slug="nowhere") is None
    assert roles_of(user) is not None
    User.objects.filter(pk=user.pk).update(is_active=False)  # even without a signal: checked on every request
    assert roles_of(user) is None


def test_a_sign_in_keeps_every_access(cast):
    user = User.objects.get(pk=cast.users["entitled"].pk)
    resolve_access(slug="alpha", user=user)
    user_logged_in.send(sender=User, request=RequestFactory().get("/"), user=user)  # saves last_login
    with CaptureQueriesContext(connection) as queries:
        resolve_access(slug="alpha", user=user)
    assert len(queries) == 0
