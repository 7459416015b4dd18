"""Every defense group POST as every actor (refused requests write nothing), then the flows through the web
pages: create, invite, join, accept the agreement; withdrawal and a new agreement version close the content at
once; leaving, removal, archiving; sharing a report into the group."""

import re

import pytest

from audit.models import AuditEvent
from sharing.chat.models import Room
from sharing.defense import selectors, services
from sharing.defense.access import Level
from sharing.defense.models import Acceptance, DefenseGroup, GroupStatus, Participant, ParticipantStatus
from sharing.reports import services as report_services
from tenancy.access import NoAccess
from tests.defense.helpers import counsel, side
from tests.defense.page_helpers import check, expect, signed_in, upload_data, use_private_storage, world
from tests.factories import report_data
from tests.permission_matrix import database_fingerprint
from tests.web.helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    return use_private_storage(settings, tmp_path, monkeypatch)


@pytest.fixture
def w(cast):
    return world(cast)


def status_of(participant: Participant) -> str:
    participant.refresh_from_db()
    return participant.status


# The matrix of every action ---------------------------------------------------------------------------------


def test_create_a_group_company_admins(cast, w):
    data = {"name": "Versus Lumen", "plaintiff_name": "Lumen Holdings, LLC", "agreement_text": "We agree."}
    check(
        cast, w, lambda c: c.post("/a/alpha/groups/new/", data),
        expect(outsider=302, invited=302, member=302, lead=302), write=True, changes={"invited", "member"},
    )  # fmt: skip
    created = DefenseGroup.objects.filter(name="Versus Lumen")
    assert created.count() == 4
    for group in created:
        lead = group.participants.get()
        assert lead.role == "lead" and group.plaintiff.name == "Lumen Holdings, LLC"
        assert group.agreements.get().acceptances.get().participant == lead


def test_settings_the_lead_admins(cast, w):
    data = {"name": "Renamed", "description": "New words", "listed": "on"}
    check(cast, w, lambda c: c.post(w.url + "settings/", data), expect(lead=302), write=True)
    w.group.refresh_from_db()
    assert (w.group.name, w.group.description, w.group.listed) == ("Renamed", "New words", True)
    assert signed_in(w.lead.member).post(w.url + "settings/", data).status_code == 404


def test_archive_the_lead_admins(cast, w):
    check(cast, w, lambda c: c.post(w.url + "archive/"), expect(lead=302), write=True)
    w.group.refresh_from_db()
    assert w.group.status == GroupStatus.ARCHIVED
    assert signed_in(w.member.admin).get(w.url + "documents/").status_code == 200  # still readable


def test_invite_the_lead_admins(cast, w):
    newcomer = side(cast.association)
    data = {"company": newcomer.company.pk, "role": "observer"}
    check(cast, w, lambda c: c.post(w.url + "invite/", data), expect(lead=302), write=True)
    invited = Participant.objects.get(group=w.group, company=newcomer.company)
    assert (invited.role, invited.status) == ("observer", ParticipantStatus.INVITED)


def test_publish_an_agreement_version_the_lead_admins(cast, w):
    check(cast, w, lambda c: c.post(w.url + "agreement/", {"text": "Version two."}), expect(lead=302), write=True)
    assert list(w.group.agreements.values_list("version", flat=True)) == [2, 1]


def test_remove_a_participant_the_lead_admins(cast, w):
    participant = w.gaccess(w.member.admin).participant
    url = f"{w.url}participants/{participant.pk}/remove/"
    check(cast, w, lambda c: c.post(url), expect(lead=302), write=True)
    assert status_of(participant) == ParticipantStatus.REMOVED


@pytest.mark.parametrize(("answer", "status"), [("accept", ParticipantStatus.ACTIVE), ("decline", "declined")])
def test_answer_the_invitation_the_invited_admin(cast, w, answer, status):
    participant = w.gaccess(w.invited.admin).participant
    # The other participants may press the button too: the service refuses, with a message, and writes nothing.
    responses = check(
        cast, w, lambda c: c.post(f"{w.url}answer/{answer}/"),
        expect(invited=302, member=302, lead=302, counsel=302), write=True, slot="invited",
    )  # fmt: skip
    assert status_of(participant) == status
    expected = w.url if answer == "accept" else "/a/alpha/groups/"
    assert responses["invited"]["Location"] == expected


def test_an_unknown_answer_is_not_found(cast, w):
    check(cast, w, lambda c: c.post(f"{w.url}answer/maybe/"), expect(), write=True)


def test_leave_the_group(cast, w):
    member, lawyer = w.gaccess(w.member.admin).participant, w.gaccess(w.lawyer).participant
    responses = check(
        cast, w, lambda c: c.post(w.url + "leave/"),
        expect(member=302, lead=302, counsel=302), write=True, slot="member", changes={"counsel"},
    )  # fmt: skip
    assert status_of(member) == status_of(lawyer) == ParticipantStatus.LEFT
    assert responses["member"]["Location"] == "/a/alpha/groups/"
    assert responses["lead"]["Location"] == w.url  # the lead cannot leave: refused, with a message


def test_accept_the_agreement(cast, w):
    services.agreement_publish(gaccess=w.gaccess(w.lead.admin), text="Version two.")
    check(
        cast, w, lambda c: c.post(w.url + "agreement/accept/", {"version": 2}),
        expect(member=302, lead=302, counsel=302), write=True, slot="member", changes={"counsel"},
    )  # fmt: skip
    for user in (w.member.admin, w.lawyer, w.lead.admin):
        assert w.gaccess(user).level == Level.FULL


def test_withdraw_from_the_agreement(cast, w):
    check(
        cast, w, lambda c: c.post(w.url + "agreement/withdraw/"),
        expect(member=302, lead=302, counsel=302), write=True, slot="member", changes={"lead", "counsel"},
    )  # fmt: skip
    for user in (w.member.admin, w.lawyer, w.lead.admin):
        assert w.gaccess(user).level == Level.SUMMARY


def test_open_a_chat_topic(cast, w):
    check(
        cast, w, lambda c: c.post(w.url + "chat/", {"topic": "Prior art"}),
        expect(member=302, lead=302, counsel=302), write=True, slot="member",  # the same topic: found, not made
    )  # fmt: skip
    room = Room.objects.get(group=w.group, topic="Prior art")
    assert signed_in(w.member.admin).post(w.url + "chat/", {"topic": "Prior art"})["Location"] == (
        f"{w.url}chat/?room={room.pk}"
    )


def test_upload_a_document(cast, w):
    check(
        cast, w, lambda c: c.post(w.url + "documents/", upload_data()),
        expect(member=302, lead=302, counsel=302), write=True, slot="member", changes={"lead", "counsel"},
    )  # fmt: skip
    assert w.group.documents.count() == 3


def test_share_a_report_the_reporting_company(cast, w):
    report, _created = report_services.report_create(access=w.member.access(), data=report_data())
    # Anyone else's form does not offer the report: a field error, nothing written.
    check(
        cast, w, lambda c: c.post(w.url + "reports/", {"report": report.pk}),
        expect(member=302, lead=200, counsel=200), write=True, slot="member",
    )  # fmt: skip
    assert list(selectors.shared_reports(w.gaccess(w.lead.admin))) == [report]
    assert page_text(signed_in(w.lead.admin).get(w.url + "reports/")).count(report.docket_number) == 1


def test_unshare_a_report_the_reporting_company(cast, w):
    report, _created = report_services.report_create(access=w.member.access(), data=report_data())
    services.report_share(gaccess=w.gaccess(w.member.admin), report=report)
    check(
        cast, w, lambda c: c.post(f"{w.url}reports/{report.pk}/unshare/"), expect(member=302), write=True, slot="member"
    )
    assert report.docket_number not in page_text(signed_in(w.lead.admin).get(w.url + "reports/"))


def test_actions_are_post_only(w):
    client = signed_in(w.lead.admin)
    participant = w.gaccess(w.member.admin).participant
    for path in ("archive/", "answer/accept/", f"participants/{participant.pk}/remove/", "leave/",
                 "agreement/accept/", "agreement/withdraw/"):  # fmt: skip
        assert client.get(w.url + path).status_code == 405, path


# Flows ------------------------------------------------------------------------------------------------------


def test_create_invite_join_accept_upload_download_through_the_pages(cast):
    lead, other = side(cast.association), side(cast.association)
    lead_client, other_client = signed_in(lead.admin), signed_in(other.admin)
    response = lead_client.post(
        "/a/alpha/groups/new/",
        {"name": "Versus Lumen", "description": "Claims on lamps", "agreement_text": "We agree."},
    )
    group = DefenseGroup.objects.get(name="Versus Lumen")
    url = f"/a/alpha/groups/{group.pk}/"
    assert response["Location"] == url
    assert other_client.get(url).status_code == 404  # not invited yet: the group does not exist for them

    response = lead_client.post(url + "invite/", {"company": other.company.pk, "role": "member"}, follow=True)
    assert "The invitation is sent." in page_text(response)
    assert "Versus Lumen" in page_text(other_client.get("/a/alpha/groups/"))

    response = other_client.post(url + "answer/accept/", follow=True)
    page = page_text(response)
    assert "You joined the group." in page and "Accept version 1" in page
    assert other_client.get(url + "documents/").status_code == 404

    response = other_client.post(url + "agreement/accept/", {"version": 1}, follow=True)
    assert "You accepted version 1 of the agreement" in page_text(response)
    assert other_client.get(url + "documents/").status_code == 200

    response = other_client.post(url + "documents/", upload_data("answer.pdf"), follow=True)
    assert "The document is uploaded." in page_text(response)
    document = group.documents.get()
    download = lead_client.get(f"{url}documents/{document.pk}/versions/1/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="defense.document_download", actor=lead.admin).count() == 1


def test_withdrawal_closes_documents_and_chat_at_once(cast, w):
    client = signed_in(w.member.admin)
    client.post(w.url + "documents/", upload_data())
    document = w.group.documents.get()
    response = client.post(w.url + "agreement/withdraw/", follow=True)
    assert "You withdrew from the agreement" in page_text(response)
    for path in ("documents/", f"documents/{document.pk}/", f"documents/{document.pk}/versions/1/download/",
                 "chat/", "reports/"):  # fmt: skip
        assert client.get(w.url + path).status_code == 404, path
    colleague = signed_in(w.member.member)
    assert colleague.get(w.url + "documents/").status_code == 404  # the whole company
    assert "Accept version 1" in page_text(client.get(w.url))


def test_a_new_agreement_version_gates_the_content_again(cast, w):
    lead_client, member_client = signed_in(w.lead.admin), signed_in(w.member.admin)
    response = lead_client.post(w.url + "agreement/", {"text": "Version two, with costs."}, follow=True)
    assert "Version 2 is published." in page_text(response)
    assert lead_client.get(w.url + "documents/").status_code == 200  # the lead accepted by publishing
    assert member_client.get(w.url + "documents/").status_code == 404
    before = database_fingerprint()
    response = member_client.post(w.url + "agreement/accept/", {"version": 1}, follow=True)
    assert "The agreement changed; read the current version before accepting it." in page_text(response)
    assert database_fingerprint() == before
    member_client.post(w.url + "agreement/accept/", {"version": 2})
    assert member_client.get(w.url + "documents/").status_code == 200
    acceptance = Acceptance.objects.get(participant__company=w.member.company, agreement__version=2)
    assert acceptance.accepted_by == w.member.admin
    page = page_text(member_client.get(w.url))
    assert re.search(r"<td>2</td>\s*<td>" + re.escape(w.member.admin.display_name), page)


def test_only_company_admins_answer_accept_and_withdraw_for_the_company(cast, w):
    services.agreement_publish(gaccess=w.gaccess(w.lead.admin), text="Version two.")
    colleague = signed_in(w.member.member)
    before = database_fingerprint()
    page = page_text(colleague.post(w.url + "agreement/accept/", {"version": 2}, follow=True))
    assert "Only a company admin can accept the agreement for the company." in page
    page = page_text(signed_in(w.invited.member).post(w.url + "answer/accept/", follow=True))
    assert "There is no invitation for you to answer." in page
    assert database_fingerprint() == before


def test_removal_and_leaving_cut_off_at_once(cast, w):
    member_client = signed_in(w.member.admin)
    participant = w.gaccess(w.member.admin).participant
    signed_in(w.lead.admin).post(f"{w.url}participants/{participant.pk}/remove/")
    assert member_client.get(w.url).status_code == 404
    assert "Common defense" not in page_text(member_client.get("/a/alpha/groups/"))
    lawyer_client = signed_in(w.lawyer)
    response = lawyer_client.post(w.url + "leave/", follow=True)
    assert "You left the group." in page_text(response)
    assert lawyer_client.get(w.url).status_code == 404
    with pytest.raises(NoAccess):
        w.gaccess(w.lawyer)


def test_a_form_error_keeps_the_page_and_writes_nothing(cast, w):
    before = database_fingerprint()
    response = signed_in(w.lead.admin).post(w.url + "invite/", {"role": "member"})
    assert response.status_code == 200 and "Choose one company or one counsel to invite." in page_text(response)
    response = signed_in(w.lead.admin).post(w.url + "agreement/", {"text": ""})
    assert response.status_code == 200 and "This field is required." in page_text(response)
    response = signed_in(w.lead.admin).post("/a/alpha/groups/new/", {"name": ""})
    assert response.status_code == 200 and "This field is required." in page_text(response)
    assert database_fingerprint() == before


def test_inviting_counsel(cast, w):
    lawyer = counsel(cast.association)
    response = signed_in(w.lead.admin).post(w.url + "invite/", {"counsel": lawyer.pk, "role": "member"})
    assert response.status_code == 302
    participant = Participant.objects.get(group=w.group, user=lawyer)
    assert (participant.role, participant.status) == ("counsel", ParticipantStatus.INVITED)
    page = page_text(signed_in(lawyer).post(w.url + "answer/accept/", follow=True))
    assert "Accept version 1" in page
