"""Every defense group endpoint and method through the group's permission matrix (tests/defense/api_helpers.py):
anonymous 401; another association, the association admin (no company), a moderator and a company outside the
group 404, byte for byte an unknown association's; participants by level and role. Partner keys get 404 everywhere.
Refused writes change nothing."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from sharing.defense import document_services, selectors, services
from sharing.defense.access import Level
from sharing.defense.models import Document, GroupStatus, Participant, ParticipantStatus
from sharing.reports import services as report_services
from tests.api.calls import a, bearer, error, patch, post
from tests.defense.api_helpers import (  # noqa: F401 (private_storage: a fixture)
    ORDER,
    PDF,
    build_world,
    document,
    group_matrix,
    levels,
    private_storage,
    stored_files,
    upload_file,
)
from tests.defense.helpers import counsel, side
from tests.factories import PartnerFactory, api_key_for, report_data
from tests.permission_matrix import database_fingerprint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]

# Below the level an endpoint needs: 403 with these codes.
PENDING, AGREEMENT, DENIED = "invitation_pending", "agreement_required", "permission_denied"
SUMMARY_READ = levels(403, 200, 200)  # participants who joined
FULL_READ = levels(403, 403, 200)  # and bound by the agreement
LEAD_ONLY = levels(403, 403, 403, lead=200)


@pytest.fixture
def world(cast):
    return build_world(cast)


def codes(responses) -> dict[str, str]:
    return {actor: error(r)["code"] for actor, r in responses.items() if r.status_code == 403}


# Groups ----------------------------------------------------------------------------------------------------


def test_group_list(world):
    other = services.group_create(access=world.outsider.access(), name="Elsewhere")
    expected = {
        **levels(200, 200, 200),
        "moderator": 200,  # a person of a member company: an empty list
        "outsider": 200,
        "admin": 404,  # no company, not counsel
    }
    responses = group_matrix(world, lambda c: c.get(a("alpha", "groups/")), expected)
    for actor in ("invited", "joined", "counsel", "member", "lead"):
        assert [g["id"] for g in responses[actor].json()["results"]] == [world.group.pk]
    assert [g["id"] for g in responses["outsider"].json()["results"]] == [other.pk]
    assert responses["moderator"].json()["results"] == []
    seen = {actor: responses[actor].json()["results"][0] for actor in ("invited", "joined", "counsel", "lead")}
    assert {actor: (g["role"], g["level"]) for actor, g in seen.items()} == {
        "invited": ("member", "invited"),
        "joined": ("member", "summary"),
        "counsel": ("counsel", "full"),
        "lead": ("lead", "full"),
    }


def test_group_create(world):
    created = {**levels(201, 201, 201, counsel=404), "outsider": 201}  # company admins; counsel has no company
    body = {"name": "Versus Lumen", "plaintiff_name": "Lumen Holdings, LLC", "agreement_text": "We agree."}
    responses = group_matrix(world, lambda c: post(c, a("alpha", "groups/"), body), created, write=True)
    group = responses["lead"].json()
    assert (group["name"], group["role"], group["level"], group["plaintiff"]["name"]) == (
        "Versus Lumen",
        "lead",
        "full",
        "Lumen Holdings, LLC",
    )
    plain_member = world.member.member  # not a company admin
    assert post(_client(plain_member), a("alpha", "groups/"), body).status_code == 404


def test_listed_groups(world):
    world.group.listed = True
    world.group.save()
    services.group_create(access=world.outsider.access(), name="Unlisted")
    staff = dict.fromkeys(ORDER, 404) | {"anonymous": 401, "moderator": 200, "admin": 200}
    responses = group_matrix(world, lambda c: c.get(a("alpha", "listed-groups/")), staff)
    assert responses["moderator"].json()["results"] == [{"name": "Common defense", "plaintiff": None, "size": 4}]


def test_group_summary(world):
    responses = group_matrix(world, lambda c: c.get(world.url()), levels(200, 200, 200))
    invited = responses["invited"].json()
    assert (invited["level"], invited["participants"], invited["acceptances"]) == ("invited", None, None)
    summary = responses["joined"].json()
    assert summary["level"] == "summary" and summary["agreement"]["version"] == 1
    assert {p["status"] for p in summary["participants"]} == {"active", "invited"}
    assert {(x["version"], x["participant"]) for x in summary["acceptances"]} == {
        (1, p.pk) for p in Participant.objects.filter(acceptances__isnull=False)
    }
    assert responses["lead"].json()["manages"] and not responses["member"].json()["manages"]


def test_group_update(world):
    responses = group_matrix(
        world, lambda c: patch(c, world.url(), {"name": "Renamed", "listed": True}), LEAD_ONLY, write=True
    )
    assert codes(responses) == {"invited": PENDING, "joined": DENIED, "counsel": DENIED, "member": DENIED}
    world.group.refresh_from_db()
    assert (world.group.name, world.group.listed, world.group.description) == ("Renamed", True, "")


def test_group_archive(world):
    group_matrix(world, lambda c: post(c, world.url("archive/")), LEAD_ONLY, write=True)
    world.group.refresh_from_db()
    assert world.group.status == GroupStatus.ARCHIVED


# Participants ----------------------------------------------------------------------------------------------


def test_participant_list(world):
    responses = group_matrix(world, lambda c: c.get(world.url("participants/")), SUMMARY_READ)
    listed = {p["company"]["id"] if p["company"] else p["counsel"]["id"]: p for p in responses["joined"].json()}
    member = listed[world.member.company.pk]
    assert {person["id"] for person in member["people"]} == {world.member.admin.pk, world.member.member.pk}
    assert listed[world.invited.company.pk]["people"] == []  # not until it joins
    assert listed[world.lawyer.pk]["people"] == [{"id": world.lawyer.pk, "display_name": world.lawyer.display_name}]


@pytest.mark.parametrize("invitee", ["company", "counsel"])
def test_invite(world, invitee):
    if invitee == "company":
        body = {"company": side(world.cast.association).company.pk, "role": "observer"}
    else:
        body = {"counsel": counsel(world.cast.association).pk}
    responses = group_matrix(
        world, lambda c: post(c, world.url("participants/"), body), levels(403, 403, 403, lead=201)
    )
    assert codes(responses)["member"] == DENIED
    invited = responses["lead"].json()
    assert (invited["status"], invited["role"]) == ("invited", "observer" if invitee == "company" else "counsel")


def test_remove_participant(world):
    target = world.gaccess("member").participant
    url = world.url(f"participants/{target.pk}/")
    group_matrix(world, lambda c: c.delete(url), levels(403, 403, 403, lead=204), write=True)
    target.refresh_from_db()
    assert target.status == ParticipantStatus.REMOVED


@pytest.mark.parametrize("accept", [True, False])
def test_answer(world, accept):
    # Only the invited company's admin has an invitation to answer.
    expected = levels(200 if accept else 204, 400, 400)
    responses = group_matrix(world, lambda c: post(c, world.url("answer/"), {"accept": accept}), expected, write=True)
    status = Participant.objects.get(group=world.group, company=world.invited.company).status
    assert status == (ParticipantStatus.ACTIVE if accept else ParticipantStatus.DECLINED)
    if accept:
        assert responses["invited"].json()["level"] == "summary"


def test_leave(world):
    # Each leaves in turn (the lead cannot: it archives the group instead).
    responses = group_matrix(world, lambda c: post(c, world.url("leave/")), levels(403, 204, 204, lead=400), write=True)
    assert codes(responses) == {"invited": PENDING}
    left = Participant.objects.filter(group=world.group, status=ParticipantStatus.LEFT)
    assert {p.company_id or p.user_id for p in left} == {
        world.joined.company.pk,
        world.member.company.pk,
        world.lawyer.pk,
    }


# The agreement ---------------------------------------------------------------------------------------------


def test_agreement_versions(world):
    services.agreement_publish(gaccess=world.gaccess("lead"), text="Version two.")
    responses = group_matrix(world, lambda c: c.get(world.url("agreement/")), SUMMARY_READ)
    assert [(v["version"], v["text"]) for v in responses["member"].json()] == [
        (2, "Version two."),
        (1, "The parties share a common legal interest in defending against the plaintiff's claims."),
    ]


def test_agreement_publish(world):
    url = world.url("agreement/")
    responses = group_matrix(
        world, lambda c: post(c, url, {"text": "Version two."}), levels(403, 403, 403, lead=201), write=True
    )
    assert responses["lead"].json()["version"] == 2
    assert world.gaccess("member").level == Level.SUMMARY  # summary again, until it accepts version 2


def test_agreement_accept(world):
    url = world.url("agreement/accept/")
    responses = group_matrix(world, lambda c: post(c, url, {"version": 1}), levels(403, 200, 200), write=True)
    assert responses["joined"].json()["level"] == "full"
    assert codes(responses) == {"invited": PENDING}


def test_agreement_withdraw(world):
    url = world.url("agreement/withdraw/")
    responses = group_matrix(world, lambda c: post(c, url), levels(403, 403, 200), write=True)
    assert codes(responses) == {"invited": PENDING, "joined": AGREEMENT}
    assert responses["member"].json()["level"] == "summary"


# Documents -------------------------------------------------------------------------------------------------


def test_document_list(world):
    mine = document(world, title="For everyone")
    counsel_only = document(world, actor="lead", audience="counsel", title="Strategy")
    responses = group_matrix(world, lambda c: c.get(world.url("documents/")), FULL_READ)
    assert codes(responses) == {"invited": PENDING, "joined": AGREEMENT}
    titles = {actor: [d["id"] for d in responses[actor].json()["results"]] for actor in ("counsel", "member", "lead")}
    assert titles == {"counsel": [counsel_only.pk, mine.pk], "member": [mine.pk], "lead": [counsel_only.pk, mine.pk]}


def test_document_upload(world):
    def send(client):
        return client.post(world.url("documents/"), {"title": "Claim chart", "file": upload_file()})

    responses = group_matrix(world, send, levels(403, 403, 201), write=True)
    created = responses["lead"].json()
    assert (created["title"], created["latest_version"]["filename"], created["versions"][0]["number"]) == (
        "Claim chart",
        "brief.pdf",
        1,
    )
    assert Document.objects.count() == 3 and len(stored_files()) == 3


def test_document_detail(world):
    doc = document(world)
    responses = group_matrix(world, lambda c: c.get(world.url(f"documents/{doc.pk}/")), FULL_READ)
    detail = responses["counsel"].json()
    assert [v["number"] for v in detail["versions"]] == [1] and detail["companies"] == []
    counsel_only = document(world, actor="lead", audience="counsel")
    url = world.url(f"documents/{counsel_only.pk}/")
    group_matrix(world, lambda c: c.get(url), {**FULL_READ, "member": 404})


def test_document_new_version(world):
    doc = document(world)

    def send(client):
        return client.post(world.url(f"documents/{doc.pk}/versions/"), {"file": upload_file("v2.pdf")})

    responses = group_matrix(world, send, levels(403, 403, 201), write=True)
    assert responses["lead"].json()["number"] == 4
    assert [v.number for v in doc.versions.all()] == [4, 3, 2, 1]


def test_document_download(world):
    doc = document(world)
    url = world.url(f"documents/{doc.pk}/versions/1/download/")
    # Every refusal is 404, for participants below full access too.
    responses = group_matrix(world, lambda c: c.get(url), levels(404, 404, 200))
    download = responses["member"]
    assert download["Content-Disposition"] == 'attachment; filename="brief.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff" and download["Cache-Control"] == "no-store"
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    events = AuditEvent.objects.filter(action="defense.document_download")
    assert sorted(e.actor_id for e in events) == sorted(world.users[x].pk for x in ("counsel", "member", "lead"))
    assert {e.association_id for e in events} == {None}
    group_matrix(world, lambda c: c.get(world.url(f"documents/{doc.pk}/versions/2/download/")), levels(404, 404, 404))


# Raw reports shared into the group -------------------------------------------------------------------------


def shared_report(world):
    report, _ = report_services.report_create(access=world.member.access(), data=report_data())
    services.report_share(gaccess=world.gaccess("member"), report=report)
    return report


def test_shared_reports(world):
    report = shared_report(world)
    responses = group_matrix(world, lambda c: c.get(world.url("reports/")), FULL_READ)
    shared = responses["lead"].json()["results"]
    assert [(r["id"], r["company"]["id"], r["docket_number"]) for r in shared] == [
        (report.pk, world.member.company.pk, "2:26-cv-00123-JRG")
    ]


def test_share_report(world):
    report, _ = report_services.report_create(access=world.member.access(), data=report_data())
    url = world.url("reports/")
    # Only the reporting company shares its report; another's report is a field error.
    expected = levels(403, 403, 400, member=201)
    group_matrix(world, lambda c: post(c, url, {"report": report.pk}), expected, write=True)
    assert list(selectors.shared_reports(world.gaccess("lead"))) == [report]


def test_unshare_report(world):
    report = shared_report(world)
    url = world.url(f"reports/{report.pk}/")
    order = [actor for actor in ORDER if actor != "member"] + ["member"]
    responses = group_matrix(world, lambda c: c.delete(url), levels(403, 403, 403, member=204), order=order, write=True)
    assert codes(responses)["lead"] == DENIED
    assert not selectors.shared_reports(world.gaccess("lead")).exists()


# Partner keys ----------------------------------------------------------------------------------------------


def test_partner_keys_get_404_everywhere(world, cast):
    doc = document(world)
    key = api_key_for(PartnerFactory(association=cast.association))[1]
    participant = world.gaccess("member").participant
    report = shared_report(world)
    group = world.url()
    requests = [
        ("get", a("alpha", "groups/")),
        ("post", a("alpha", "groups/")),
        ("get", a("alpha", "listed-groups/")),
        ("get", group),
        ("patch", group),
        ("post", f"{group}archive/"),
        ("get", f"{group}participants/"),
        ("post", f"{group}participants/"),
        ("delete", f"{group}participants/{participant.pk}/"),
        ("post", f"{group}answer/"),
        ("post", f"{group}leave/"),
        ("get", f"{group}agreement/"),
        ("post", f"{group}agreement/"),
        ("post", f"{group}agreement/accept/"),
        ("post", f"{group}agreement/withdraw/"),
        ("get", f"{group}documents/"),
        ("post", f"{group}documents/"),
        ("get", f"{group}documents/{doc.pk}/"),
        ("post", f"{group}documents/{doc.pk}/versions/"),
        ("get", f"{group}documents/{doc.pk}/versions/1/download/"),
        ("get", f"{group}reports/"),
        ("post", f"{group}reports/"),
        ("delete", f"{group}reports/{report.pk}/"),
        ("get", f"{group}rooms/"),
        ("post", f"{group}rooms/"),
        ("get", f"{group}rooms/1/messages/"),
        ("post", f"{group}rooms/1/messages/"),
        ("patch", f"{group}rooms/1/messages/1/"),
        ("delete", f"{group}rooms/1/messages/1/"),
        ("post", f"{group}rooms/1/read/"),
    ]
    reference = Client().get(a("no-such-association/"), **bearer(key))
    before = database_fingerprint()
    for method, url in requests:
        response = getattr(Client(), method)(url, {}, content_type="application/json", **bearer(key))
        assert response.status_code == 404, (method, url, response.content)
        assert response.content == reference.content
    assert database_fingerprint() == before


def test_unknown_group_and_another_association_s_group_look_missing(world, cast):
    theirs = side(cast.other_association)
    foreign = services.group_create(access=theirs.access("bravo"), name="Theirs")
    client = world.client("lead")
    reference = client.get(a("no-such-association/")).content
    for url in (a("alpha", f"groups/{foreign.pk}/"), a("alpha", "groups/999999/"), world.url("documents/999999/")):
        response = client.get(url)
        assert (response.status_code, response.content) == (404, reference)


def test_company_member_without_admin_rights(world):
    """A plain member of a joined company reads what its company may, and may not act for it."""
    client = _client(world.member.member)
    assert client.get(world.url("documents/")).status_code == 200
    before = database_fingerprint()
    response = post(client, world.url("agreement/withdraw/"))
    assert response.status_code == 403 and error(response)["code"] == DENIED
    assert database_fingerprint() == before


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_observer_reads_and_never_writes(world):
    observer = side(world.cast.association)
    services.invite_company(gaccess=world.gaccess("lead"), company=observer.company, role="observer")
    services.invitation_answer(gaccess=observer.gaccess(world.group), accept=True)
    services.agreement_accept(gaccess=observer.gaccess(world.group), version=1)
    client = _client(observer.admin)
    assert client.get(world.url("documents/")).status_code == 200
    before = database_fingerprint()
    response = client.post(world.url("documents/"), {"file": upload_file()})
    assert response.status_code == 403 and error(response)["code"] == DENIED
    assert database_fingerprint() == before and stored_files() == []


# Query counts ----------------------------------------------------------------------------------------------


def counted(client, url) -> tuple[int, list]:
    client.get(url)  # warm up: first-request bookkeeping is not the list's
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()["results"]


def test_group_list_queries_do_not_grow_with_rows(world):
    client = world.client("member")
    one, groups = counted(client, a("alpha", "groups/"))
    assert len(groups) == 1
    for n in range(19):
        group = services.group_create(access=world.lead.access(), name=f"G{n}", agreement_text="We agree.")
        services.invite_company(gaccess=world.lead.gaccess(group), company=world.member.company)
        if n % 2:
            services.invitation_answer(gaccess=world.member.gaccess(group), accept=True)
    twenty, groups = counted(client, a("alpha", "groups/"))
    assert len(groups) == 20 and twenty == one, f"{one} queries for 1 group, {twenty} for 20"
    assert {g["level"] for g in groups} == {"invited", "summary", "full"}


def test_document_list_queries_do_not_grow_with_rows(world):
    document(world)
    client = world.client("counsel")
    one, docs = counted(client, world.url("documents/"))
    assert len(docs) == 1
    for n in range(19):
        doc = document(world, actor=("member", "lead", "counsel")[n % 3], audience=("group", "counsel")[n % 2])
        document_services.document_add_version(gaccess=world.gaccess("lead"), document=doc, upload=upload_file())
    twenty, docs = counted(client, world.url("documents/"))
    assert len(docs) == 20 and twenty == one, f"{one} queries for 1 document, {twenty} for 20"
    assert docs[0]["version_count"] == 2 and docs[0]["latest_version"]["number"] == 2
