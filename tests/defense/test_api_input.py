"""Bad input to the defense group endpoints, in English and Chinese: a field error in the caller's language, in the
one error format, and nothing written (no row, no file in the private storage). Also uploads through the CSRF
check, which parses the body before the view does."""

import pytest
from django.middleware.csrf import get_token
from django.template.defaultfilters import filesizeformat
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from sharing.defense import services
from sharing.defense.models import Document, ParticipantStatus
from sharing.reports import services as report_services
from tests.api.calls import error, post
from tests.defense.api_helpers import (  # noqa: F401 (private_storage: a fixture)
    PDF,
    PNG,
    build_world,
    document,
    multipart,
    private_storage,
    stored_files,
)
from tests.defense.helpers import counsel, side
from tests.factories import report_data
from tests.permission_matrix import database_fingerprint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]

LANGUAGES = ["en", "zh-hans"]


@pytest.fixture
def world(cast):
    return build_world(cast)


def _text(text, **params):
    """One of our messages, looked up when the test compares (in the language then active)."""
    return lambda: gettext(text) % params if params else gettext(text)


def refused(response, fields: list[str]) -> dict:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    body = error(response)
    assert body["code"] == "invalid"
    assert list(body["fields"]) == fields, body
    return body


def unchanged(world, send, language, field, text=None):
    """`send(client)` as the lead, in `language`: refused on `field` (with `text`), nothing written."""
    client = world.client("lead", language)
    files = stored_files()
    before = database_fingerprint()
    response = send(client)
    problem = refused(response, [field])
    assert response["Content-Language"] == language
    assert database_fingerprint() == before
    assert stored_files() == files
    if text is not None:
        with translation.override(language):
            assert problem["fields"][field] == [text()]
    return problem


# Invitations -----------------------------------------------------------------------------------------------


def _invitees(world):
    """Each bad invitation: (body, field, message)."""
    foreign = side(world.cast.other_association)
    return [
        ({"company": 999999}, "company", _text("Choose an active member company of this association.")),
        ({"company": foreign.company.pk}, "company", _text("Choose an active member company of this association.")),
        ({"company": world.member.company.pk}, "company", _text("Already invited or in the group.")),
        ({"company": world.invited.company.pk}, "company", _text("Already invited or in the group.")),
        ({"company": world.outsider.company.pk, "role": "lead"}, "role", None),
        ({"company": "one"}, "company", None),
        ({"counsel": 999999}, "counsel", _text("Choose one of the association's external counsel.")),
        ({"counsel": world.outsider.admin.pk}, "counsel", _text("Choose one of the association's external counsel.")),
        ({"counsel": world.lawyer.pk}, "counsel", _text("Already invited or in the group.")),
        ({}, "non_field_errors", _text("Invite either a company or a counsel.")),
        (
            {"company": world.outsider.company.pk, "counsel": counsel(world.cast.association).pk},
            "non_field_errors",
            _text("Invite either a company or a counsel."),
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_invitations(world, language):
    for body, field, text in _invitees(world):
        unchanged(world, lambda c, body=body: post(c, world.url("participants/"), body), language, field, text)


def test_inviting_again_after_a_decline_is_allowed(world):
    services.invitation_answer(gaccess=world.gaccess("invited"), accept=False)
    response = post(world.client("lead"), world.url("participants/"), {"company": world.invited.company.pk})
    assert response.status_code == 201 and response.json()["status"] == ParticipantStatus.INVITED


# The agreement ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_accepting_a_stale_version(world, language):
    services.agreement_publish(gaccess=world.gaccess("lead"), text="Version two.")
    client = world.client("member", language)
    before = database_fingerprint()
    for version, text in (
        (1, _text("The agreement changed; read the current version before accepting it.")),
        (3, _text("The agreement changed; read the current version before accepting it.")),
        (0, None),
        ("two", None),
    ):
        problem = refused(post(client, world.url("agreement/accept/"), {"version": version}), ["version"])
        if text is not None:
            with translation.override(language):
                assert problem["fields"]["version"] == [text()]
    assert database_fingerprint() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_agreement_text(world, language):
    url = world.url("agreement/")
    unchanged(world, lambda c: post(c, url, {"text": "  "}), language, "text", _text("This field is required."))
    unchanged(
        world,
        lambda c: post(c, url, {"text": "x" * 50_001}),
        language,
        "text",
        _text("Enter at most %(limit)d characters.", limit=50_000),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_below_the_level_is_403_with_a_translated_reason(world, language):
    for actor, code, text in (
        ("joined", "agreement_required", "Accept the group's current agreement first: until then you see the "
         "group's summary only."),
        ("invited", "invitation_pending", "Answer the group's invitation first."),
    ):  # fmt: skip
        response = world.client(actor, language).get(world.url("documents/"))
        assert response.status_code == 403
        with translation.override(language):
            assert error(response) == {"code": code, "message": gettext(text), "fields": {}}


# Groups ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_groups(world, language):
    url = world.url().replace(f"groups/{world.group.pk}/", "groups/")
    for body, field in (
        ({"name": " "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": 42}, "name"),
        ({"name": "G", "listed": "perhaps"}, "listed"),
    ):
        unchanged(world, lambda c, body=body: post(c, url, body), language, field)


# Documents -------------------------------------------------------------------------------------------------


def _upload(world, name: str, content: bytes, **fields):
    body, content_type = multipart({"title": "Exhibit", **fields}, {"file": (name, content)})
    return lambda client: client.post(world.url("documents/"), body, content_type=content_type)


BAD_FILES = [
    pytest.param("../../etc/passwd.pdf", PDF, _text("The file name must be a plain name, without a path."), id="dots"),
    pytest.param("a\\b.pdf", PDF, _text("The file name must be a plain name, without a path."), id="backslash"),
    pytest.param("/etc/passwd.pdf", PDF, _text("The file name must be a plain name, without a path."), id="root"),
    pytest.param("..", PDF, None, id="parent"),
    pytest.param("brief.pdf", PNG, _text("The file's content does not match its type."), id="png-as-pdf"),
    pytest.param("notes.txt", PNG, _text("The file's content does not match its type."), id="png-as-text"),
    pytest.param("notes.txt", b"\xff\xfe\x00binary", _text("The file's content does not match its type."), id="bin"),
    pytest.param(
        "run.exe", b"MZ\x90\x00", _text("Upload a PDF, Word, Excel, PowerPoint, image, text or CSV file."), id="exe"
    ),
    pytest.param("empty.pdf", b"", _text("The file is empty."), id="empty"),
    pytest.param("bell\x07.pdf", PDF, None, id="control-character"),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "content", "text"), BAD_FILES)
def test_bad_upload(world, language, name, content, text):
    unchanged(world, _upload(world, name, content), language, "file", text)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "content", "text"), BAD_FILES)
def test_bad_new_version(world, language, name, content, text):
    doc = document(world, actor="lead")
    body, content_type = multipart({}, {"file": (name, content)})
    url = world.url(f"documents/{doc.pk}/versions/")
    unchanged(world, lambda c: c.post(url, body, content_type=content_type), language, "file", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_too_large(world, settings, language):
    settings.DOCUMENT_MAX_BYTES = len(PDF) - 1
    with translation.override(language):
        text = gettext("The file is larger than %(limit)s.") % {"limit": filesizeformat(len(PDF) - 1)}
    unchanged(world, _upload(world, "brief.pdf", PDF), language, "file", lambda: text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_file(world, language):
    body, content_type = multipart({"title": "Nothing"}, {})
    unchanged(world, lambda c: c.post(world.url("documents/"), body, content_type=content_type), language, "file")


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_audiences(world, language):
    foreign = side(world.cast.other_association)
    this_group = _text("Choose companies of this group.")
    for fields, field, text in (
        ({"audience": "companies"}, "companies", _text("Choose at least one company.")),
        ({"audience": "companies", "companies": [str(world.outsider.company.pk)]}, "companies", this_group),
        ({"audience": "companies", "companies": [str(world.invited.company.pk)]}, "companies", this_group),
        ({"audience": "companies", "companies": [str(foreign.company.pk)]}, "companies", this_group),
        ({"audience": "companies", "companies": ["x"]}, "companies.0", None),
        ({"audience": "everyone"}, "audience", None),
    ):
        unchanged(world, _upload(world, "brief.pdf", PDF, **fields), language, field, text)


def test_chosen_companies_read_the_document(world):
    chosen = [str(world.member.company.pk), str(world.lead.company.pk)]
    response = _upload(world, "brief.pdf", PDF, audience="companies", companies=chosen)(world.client("lead"))
    assert response.status_code == 201, response.content
    created = response.json()
    assert {c["id"] for c in created["companies"]} == {world.member.company.pk, world.lead.company.pk}
    for actor, status in (("member", 200), ("counsel", 404)):
        assert world.client(actor).get(world.url(f"documents/{created['id']}/")).status_code == status


def test_file_names_are_checked_after_the_csrf_check_parsed_the_body(world):
    """With CSRF checks on (a browser's session), the body is parsed before the view: names are kept there too."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["lead"])
    token = get_token(RequestFactory().get("/"))
    client.cookies["csrftoken"] = token
    files = stored_files()
    before = database_fingerprint()
    body, content_type = multipart({"title": "Exhibit", "csrfmiddlewaretoken": token}, {"file": ("../x.pdf", PDF)})
    response = client.post(world.url("documents/"), body, content_type=content_type)
    refused(response, ["file"])
    assert database_fingerprint() == before and stored_files() == files
    body, content_type = multipart({"title": "Exhibit", "csrfmiddlewaretoken": token}, {"file": ("x.pdf", PDF)})
    response = client.post(world.url("documents/"), body, content_type=content_type)
    assert response.status_code == 201, response.content
    assert response.json()["latest_version"]["filename"] == "x.pdf"
    assert Document.objects.filter(pk=response.json()["id"]).exists() and len(stored_files()) == len(files) + 1


def test_unsafe_characters_in_a_plain_name_are_replaced(world):
    response = _upload(world, "Claim chart <final>; v2.pdf", PDF)(world.client("lead"))
    assert response.status_code == 201, response.content
    version = response.json()["latest_version"]
    assert version["filename"] == "Claim chart _final__ v2.pdf"
    download = world.client("member").get(version["download"])
    assert download["Content-Disposition"] == 'attachment; filename="Claim chart _final__ v2.pdf"'


# Shared reports --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_sharing_another_company_s_report(world, language):
    theirs, _ = report_services.report_create(access=world.member.access(), data=report_data())
    url = world.url("reports/")
    text = _text("Choose one of your company's reports.")
    for report_id in (theirs.pk, 999999):
        unchanged(world, lambda c, report_id=report_id: post(c, url, {"report": report_id}), language, "report", text)
