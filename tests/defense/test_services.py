"""Defense groups: invitations, the agreement gate, leaving, removal, and raw reports shared into a group."""

import pytest
from django.core.exceptions import ValidationError

from sharing.defense import selectors, services
from sharing.defense.access import Level, get_group_access
from sharing.reports import services as report_services
from tenancy.access import NoAccess, resolve_access
from tests.defense.helpers import counsel, joined_group, side
from tests.factories import report_data

pytestmark = pytest.mark.django_db


def test_membership_is_confidential_and_the_agreement_gates_content(cast):
    lead, invited, outsider = side(cast.association), side(cast.association), side(cast.association)
    group = services.group_create(access=lead.access(), name="Versus Lumen", agreement_text="We agree.")
    assert lead.gaccess(group).level == Level.FULL
    with pytest.raises(NoAccess):
        invited.gaccess(group)
    services.invite_company(gaccess=lead.gaccess(group), company=invited.company)
    assert invited.gaccess(group).level == Level.INVITED
    with pytest.raises(NoAccess):
        outsider.gaccess(group)
    moderator = resolve_access(slug="alpha", user=cast.users["moderator"])
    assert not selectors.listed_groups(moderator).exists()
    services.invitation_answer(gaccess=invited.gaccess(group), accept=True)
    assert invited.gaccess(group, user=invited.member).level == Level.SUMMARY
    with pytest.raises(NoAccess):
        selectors.documents(invited.gaccess(group))
    with pytest.raises(ValidationError):
        services.agreement_accept(gaccess=invited.gaccess(group, user=invited.member), version=1)
    with pytest.raises(ValidationError):
        services.agreement_accept(gaccess=invited.gaccess(group), version=2)
    services.agreement_accept(gaccess=invited.gaccess(group), version=1)
    assert invited.gaccess(group, user=invited.member).level == Level.FULL


def test_a_new_version_must_be_accepted_again_and_withdrawal_cuts_off(cast):
    lead, member = side(cast.association), side(cast.association)
    group = joined_group(cast.association, lead, member)
    services.agreement_publish(gaccess=lead.gaccess(group), text="Version two.")
    assert member.gaccess(group).level == Level.SUMMARY
    assert lead.gaccess(group).level == Level.FULL
    services.agreement_accept(gaccess=member.gaccess(group), version=2)
    services.agreement_withdraw(gaccess=member.gaccess(group))
    assert member.gaccess(group, user=member.member).level == Level.SUMMARY


def test_remove_leave_and_rejoin(cast):
    lead, a, b = side(cast.association), side(cast.association), side(cast.association)
    group = joined_group(cast.association, lead, a, b)
    services.participant_remove(gaccess=lead.gaccess(group), participant=a.gaccess(group).participant)
    with pytest.raises(NoAccess):
        a.gaccess(group)
    services.group_leave(gaccess=b.gaccess(group))
    with pytest.raises(NoAccess):
        b.gaccess(group)
    with pytest.raises(ValidationError):
        services.group_leave(gaccess=lead.gaccess(group))
    services.invite_company(gaccess=lead.gaccess(group), company=a.company)
    services.invitation_answer(gaccess=a.gaccess(group), accept=True)
    assert a.gaccess(group).level == Level.SUMMARY  # its old acceptance ended with its removal


def test_counsel_and_non_members(cast):
    lead = side(cast.association)
    lawyer = counsel(cast.association)
    group = services.group_create(access=lead.access(), name="G", agreement_text="We agree.")
    services.invite_counsel(gaccess=lead.gaccess(group), user=lawyer)
    lawyer_access = resolve_access(slug="alpha", user=lawyer)
    services.invitation_answer(gaccess=get_group_access(lawyer_access, group.pk), accept=True)
    services.agreement_accept(gaccess=get_group_access(lawyer_access, group.pk), version=1)
    assert get_group_access(lawyer_access, group.pk).is_counsel
    with pytest.raises(ValidationError):
        services.invite_counsel(gaccess=lead.gaccess(group), user=cast.users["not_entitled"])
    other_company = side(cast.other_association)
    with pytest.raises(ValidationError):
        services.invite_company(gaccess=lead.gaccess(group), company=other_company.company)


def test_a_reporter_reveals_its_raw_report_to_the_group_only(cast):
    lead, member = side(cast.association), side(cast.association)
    group = joined_group(cast.association, lead, member)
    report, _ = report_services.report_create(access=lead.access(), data=report_data())
    services.report_share(gaccess=lead.gaccess(group), report=report)
    assert list(selectors.shared_reports(member.gaccess(group))) == [report]
    with pytest.raises(ValidationError):
        services.report_share(gaccess=member.gaccess(group), report=report)
    services.agreement_withdraw(gaccess=member.gaccess(group))
    with pytest.raises(NoAccess):
        selectors.shared_reports(member.gaccess(group))
    services.report_unshare(gaccess=lead.gaccess(group), report=report)
    assert not selectors.shared_reports(lead.gaccess(group)).exists()


def test_a_company_that_leaves_takes_its_shared_reports_with_it(cast):
    lead, member, third = side(cast.association), side(cast.association), side(cast.association)
    group = joined_group(cast.association, lead, member, third)
    report, _ = report_services.report_create(access=member.access(), data=report_data())
    services.report_share(gaccess=member.gaccess(group), report=report)
    assert list(selectors.shared_reports(third.gaccess(group))) == [report]
    services.group_leave(gaccess=member.gaccess(group))
    assert not selectors.shared_reports(third.gaccess(group)).exists()
