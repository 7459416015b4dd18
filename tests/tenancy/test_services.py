import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from notifications.models import Notification
from tenancy import services
from tenancy.access import NoAccess, Role, resolve_access
from tenancy.grants import objects_for_user
from tenancy.models import AssociationRole, Membership, MembershipStatus
from tests.factories import AssociationFactory, CompanyFactory, UserFactory, association_role, company_user
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


def test_company_create_makes_its_group_and_grants_it_view_on_the_company():
    association = AssociationFactory()
    company = CompanyFactory(association=association)
    assert company.group.name == f"company:{company.pk}"
    colleague = company_user(company)
    outsider = company_user(CompanyFactory(association=association))
    visible = objects_for_user(colleague, "view_company", type(company).objects.all())
    assert list(visible) == [company]
    assert list(objects_for_user(outsider, "view_company", type(company).objects.filter(pk=company.pk))) == []
    assert AuditEvent.objects.filter(action="permission.grant", target_id=str(company.pk)).exists()


def test_company_identity_terms_cover_names_aliases_marks_stores_and_domains():
    company = CompanyFactory(
        legal_name_en="Acme Ltd.",
        legal_name_zh="阿克米有限公司",
        aliases=["Acme", " Acme "],
        trademarks=["ACMEX"],
        store_names=["Acme Store"],
        web_domains=["acme.example"],
    )
    assert company.identity_terms() == ["Acme Ltd.", "阿克米有限公司", "Acme", "ACMEX", "Acme Store", "acme.example"]


def test_membership_lifecycle_and_illegal_transitions():
    association = AssociationFactory()
    admin = association_role(association, "admin")
    company = CompanyFactory(association=association)
    user = company_user(company, role="admin")
    membership = services.membership_apply(association=association, company=company, actor=user)
    assert membership.status == MembershipStatus.PENDING
    assert Notification.objects.filter(recipient=admin, kind="membership.applied").exists()
    with pytest.raises(NoAccess):
        resolve_access(slug=association.slug, user=user)

    services.membership_decide(membership=membership, decision="approve", actor=admin)
    access = resolve_access(slug=association.slug, user=user)
    assert access.roles == {Role.COMPANY_ADMIN} and access.company == company

    before = database_fingerprint()
    with pytest.raises(ValidationError):
        services.membership_decide(membership=membership, decision="approve", actor=admin)
    with pytest.raises(ValidationError):
        services.membership_decide(membership=membership, decision="explode", actor=admin)
    assert database_fingerprint() == before

    services.membership_decide(membership=membership, decision="suspend", actor=admin, note="unpaid dues")
    with pytest.raises(NoAccess):
        resolve_access(slug=association.slug, user=user)
    services.membership_decide(membership=membership, decision="reinstate", actor=admin)
    assert resolve_access(slug=association.slug, user=user).company == company
    actions = list(
        AuditEvent.objects.filter(target_type="tenancy.membership", target_id=str(membership.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "membership.apply",
        "membership.approve",
        "membership.suspend",
        "membership.reinstate",
    ]


def test_applying_twice_is_refused_but_a_rejected_company_may_apply_again():
    association = AssociationFactory()
    admin = association_role(association, "admin")
    company = CompanyFactory(association=association)
    actor = company_user(company, role="admin")
    membership = services.membership_apply(association=association, company=company, actor=actor)
    with pytest.raises(ValidationError):
        services.membership_apply(association=association, company=company, actor=actor)
    services.membership_decide(membership=membership, decision="reject", actor=admin)
    again = services.membership_apply(association=association, company=company, actor=actor)
    assert again.pk == membership.pk and again.status == MembershipStatus.PENDING
    assert Membership.objects.filter(company=company).count() == 1


def test_a_company_may_belong_to_several_associations_independently():
    first, second = AssociationFactory(), AssociationFactory()
    company = CompanyFactory(association=first)
    user = company_user(company)
    Membership.objects.create(association=first, company=company, status=MembershipStatus.ACTIVE)
    other = Membership.objects.create(association=second, company=company, status=MembershipStatus.ACTIVE)
    services.membership_decide(membership=other, decision="suspend", actor=association_role(second, "admin"))
    assert resolve_access(slug=first.slug, user=user).company == company
    with pytest.raises(NoAccess):
        resolve_access(slug=second.slug, user=user)


def test_moderators_are_chosen_among_active_member_users_and_roles_are_unique():
    association = AssociationFactory()
    admin = association_role(association, "admin")
    company = CompanyFactory(association=association)
    Membership.objects.create(association=association, company=company, status=MembershipStatus.ACTIVE)
    user = company_user(company)
    assignment = services.role_appoint(association=association, user=user, role="moderator", actor=admin)
    assert Role.MODERATOR in resolve_access(slug=association.slug, user=user).roles
    with pytest.raises(ValidationError):
        services.role_appoint(association=association, user=user, role="moderator", actor=admin)
    with pytest.raises(ValidationError):
        services.role_appoint(association=association, user=UserFactory(), role="moderator", actor=admin)
    services.role_remove(assignment=assignment, actor=admin)
    assert Role.MODERATOR not in resolve_access(slug=association.slug, user=user).roles


def test_the_last_association_admin_cannot_be_removed():
    association = AssociationFactory()
    admin = association_role(association, "admin")
    assignment = AssociationRole.objects.get(user=admin)
    with pytest.raises(ValidationError):
        services.role_remove(assignment=assignment, actor=admin)
    assert AssociationRole.objects.filter(pk=assignment.pk).exists()


def test_unknown_slug_and_foreign_association_are_the_same_no_access(cast):
    user = cast.users["entitled"]
    with pytest.raises(NoAccess):
        resolve_access(slug="no-such-association", user=user)
    with pytest.raises(NoAccess):
        resolve_access(slug=cast.other_association.slug, user=user)
