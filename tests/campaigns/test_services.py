"""Opting in and a group around a campaign: the "done when" of the issue end to end, and every refusal leaving
the database as it was."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from notifications.models import Notification
from sharing.campaigns import services
from sharing.campaigns.models import CampaignOptIn
from sharing.defense.access import get_group_access
from sharing.defense.models import Participant
from sharing.defense.services import invitation_answer
from tenancy.access import resolve_access
from tests.campaigns.helpers import plaintiff_campaign, publish, side
from tests.factories import AssociationFactory, company_user, member_company
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(cast):
    return cast.users["moderator"]


@pytest.fixture
def world(cast, moderator, django_capture_on_commit_callbacks):
    first, second, bystander = side(cast.association), side(cast.association), side(cast.association)
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = publish(first, moderator, plaintiff_name="Lumen Holdings, LLC", patents=[])
        publish(second, moderator, plaintiff_name="lumen holdings l.l.c.", patents=[])
    return plaintiff_campaign(report), first, second, bystander


def test_two_spellings_told_of_each_other_then_a_group_together(world, django_capture_on_commit_callbacks):
    campaign, first, second, _bystander = world
    for reporter in (first, second):
        notice = Notification.objects.get(recipient=reporter.admin, kind="campaign.formed")
        assert notice.params["count"] == 2 and notice.url.endswith(f"/campaigns/{campaign.pk}/")
    services.campaign_opt_in(access=first.access(), campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_opt_in(access=second.access(), campaign=campaign)
    assert Notification.objects.filter(recipient=first.admin, kind="campaign.opted_in").exists()
    group = services.campaign_group_create(access=second.access(), campaign=campaign, name="Lumen defense")
    invitation = Participant.objects.get(group=group, company=first.company)
    assert invitation.status == "invited"
    invitation_answer(gaccess=get_group_access(first.access(), group.pk), accept=True)
    assert group.campaign == campaign and group.plaintiff == campaign.plaintiff
    # The association's audit log never ties a company to the campaign.
    assert not AuditEvent.objects.filter(action__startswith="campaign.", association__isnull=False).exists()


def test_opting_in_twice_changes_nothing_and_opting_out_takes_the_name_back(world):
    campaign, first, _second, _bystander = world
    services.campaign_opt_in(access=first.access(), campaign=campaign)
    before = database_fingerprint()
    services.campaign_opt_in(access=first.access(), campaign=campaign)
    assert database_fingerprint() == before
    services.campaign_opt_out(access=first.access(), campaign=campaign)
    assert not CampaignOptIn.objects.exists()


def _refusals(cast, campaign, first, bystander):
    foreign = member_company(AssociationFactory(slug="charlie"))
    foreign_admin = company_user(foreign, role="admin")
    return {
        "a member, not an admin": lambda: services.campaign_opt_in(
            access=resolve_access(slug="alpha", user=first.member), campaign=campaign
        ),
        "a company not in the campaign": lambda: services.campaign_opt_in(access=bystander.access(), campaign=campaign),
        "a staff member without a company": lambda: services.campaign_opt_in(
            access=resolve_access(slug="alpha", user=cast.users["admin"]), campaign=campaign
        ),
        "another association": lambda: services.campaign_opt_in(
            access=resolve_access(slug="charlie", user=foreign_admin), campaign=campaign
        ),
        "a group before opting in": lambda: services.campaign_group_create(
            access=first.access(), campaign=campaign, name="Too early"
        ),
        "opting out of a campaign not faced": lambda: services.campaign_opt_out(
            access=bystander.access(), campaign=campaign
        ),
    }


def test_refusals_write_nothing(cast, world):
    campaign, first, _second, bystander = world
    for name, call in _refusals(cast, campaign, first, bystander).items():
        before = database_fingerprint()
        with pytest.raises(ValidationError):
            call()
        assert database_fingerprint() == before, name


def test_a_group_needs_a_name(world):
    campaign, first, _second, _bystander = world
    services.campaign_opt_in(access=first.access(), campaign=campaign)
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        services.campaign_group_create(access=first.access(), campaign=campaign, name="  ")
    assert "name" in caught.value.message_dict
    assert database_fingerprint() == before
