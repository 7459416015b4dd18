"""The operators' admin: audit events and most records are read-only; associations and their admins are
created through the audited services."""

import pytest
from django.contrib import admin
from django.test import Client

from audit.models import AuditEvent
from tenancy.models import Association, AssociationRole
from tests.factories import AssociationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator():
    user = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return user, client


def test_audit_events_cannot_be_added_changed_or_deleted_even_by_a_superuser(operator, rf):
    user, client = operator
    AssociationFactory()
    event = AuditEvent.objects.create(action="test.event", actor_label="x@example.test")
    model_admin = admin.site._registry[AuditEvent]
    request = rf.get("/admin/")
    request.user = user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)
    assert model_admin.list_filter

    listing = client.get("/admin/audit/auditevent/?action=test.event")
    assert listing.status_code == 200 and "test.event" in listing.content.decode()
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    assert client.get(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
    before = AuditEvent.objects.count()
    client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "tampered"})
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"
    assert AuditEvent.objects.count() == before


def test_every_model_of_the_platform_is_registered(operator):
    _user, client = operator
    index = client.get("/admin/").content.decode()
    for path in (
        "accounts/user",
        "accounts/invitation",
        "accounts/partnerorganization",
        "accounts/apikey",
        "tenancy/association",
        "tenancy/company",
        "tenancy/membership",
        "tenancy/associationrole",
        "audit/auditevent",
        "notifications/notification",
    ):
        assert f"/admin/{path}/" in index, path
        assert client.get(f"/admin/{path}/").status_code == 200, path


def test_operators_create_an_association_and_its_admin_through_the_services(operator):
    user, client = operator
    response = client.post(
        "/admin/tenancy/association/add/", {"name": "Gamma Chamber", "slug": "gamma", "default_language": "zh-hans"}
    )
    assert response.status_code == 302
    association = Association.objects.get(slug="gamma")
    assert AuditEvent.objects.filter(action="association.create", target_id=str(association.pk), actor=user).exists()

    person = UserFactory()
    response = client.post(
        "/admin/tenancy/associationrole/add/", {"association": association.pk, "user": person.pk, "role": "admin"}
    )
    assert response.status_code == 302
    assert AssociationRole.objects.filter(association=association, user=person, role="admin").exists()
    assert AuditEvent.objects.filter(action="role.appoint", association=association, actor=user).exists()
    # Moderators are appointed by the association's admins in the site, not here.
    response = client.post(
        "/admin/tenancy/associationrole/add/", {"association": association.pk, "user": person.pk, "role": "moderator"}
    )
    assert response.status_code == 200
    assert not AssociationRole.objects.filter(role="moderator").exists()
