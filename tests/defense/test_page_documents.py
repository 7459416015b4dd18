"""Group documents on the web: the audited download (as every actor), versions, audiences per document,
observers, and bad uploads refused with a field error in the user's language, storing nothing at all."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from audit.models import AuditEvent
from sharing.defense import document_services, services
from sharing.defense.models import Document, DocumentVersion
from tests.defense.helpers import side
from tests.defense.page_helpers import (
    FULL_OK,
    PDF,
    check,
    expect,
    pdf,
    raw_upload,
    signed_in,
    stored_files,
    upload_data,
    use_private_storage,
    world,
)
from tests.permission_matrix import database_fingerprint
from tests.web.helpers import page_text

pytestmark = pytest.mark.django_db


def downloads():
    return AuditEvent.objects.filter(action="defense.document_download")


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    return use_private_storage(settings, tmp_path, monkeypatch)


@pytest.fixture
def w(cast):
    return world(cast)


def upload(w, user=None, name="brief.pdf", content=PDF, **kwargs) -> Document:
    kwargs.setdefault("audience", "group")
    return document_services.document_upload(
        gaccess=w.gaccess(user or w.lead.admin), title=kwargs.pop("title", "Claim chart"),
        upload=pdf(name, content), **kwargs,
    )  # fmt: skip


def download_url(w, document, number=1) -> str:
    return f"{w.url}documents/{document.pk}/versions/{number}/download/"


def joined(cast, w, role="member"):
    """Another company, joined and bound by the agreement."""
    other = side(cast.association)
    services.invite_company(gaccess=w.gaccess(w.lead.admin), company=other.company, role=role)
    services.invitation_answer(gaccess=other.gaccess(w.group), accept=True)
    services.agreement_accept(gaccess=other.gaccess(w.group), version=1)
    return other


# Downloads --------------------------------------------------------------------------------------------------


def test_download_every_actor_refusals_are_404_and_unaudited_each_served_one_audited(cast, w):
    document = upload(w)
    responses = check(
        cast, w, lambda c: c.get(download_url(w, document)), FULL_OK, write=True, slot="member",
        changes={"lead", "counsel"},
    )  # fmt: skip
    served = [actor for actor, response in responses.items() if response.status_code == 200]
    assert sorted(served) == ["counsel", "lead", "member"]
    assert sorted(downloads().values_list("actor__email", flat=True)) == sorted(
        w.users[actor].email for actor in served
    )
    assert all(event.details == {"version": 1} and event.association_id is None for event in downloads())


def test_a_download_is_an_attachment_never_sniffed_nor_cached(w):
    document = upload(w, name="起诉书 answer.pdf")
    response = signed_in(w.member.admin).get(download_url(w, document))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E8%B5%B7%E8%AF%89%E4%B9%A6%20answer.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_text_is_served_as_its_stored_type(w):
    document = upload(w, name="notes.txt", content=b"<script>alert(1)</script>")
    response = signed_in(w.member.admin).get(download_url(w, document))
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == 'attachment; filename="notes.txt"'


def test_every_failed_download_is_the_same_404_and_unaudited(cast, w, private_storage):
    document = upload(w)
    other_group = services.group_create(access=w.lead.access(), name="Other", agreement_text="We agree.")
    foreign = document_services.document_upload(
        gaccess=w.lead.gaccess(other_group), title="Elsewhere", audience="group", upload=pdf()
    )
    for path in private_storage.rglob("*.bin"):
        if path.name == document.versions.get().file.name.rsplit("/", 1)[-1]:
            gone = path
    urls = [
        download_url(w, document, 2),  # no such version
        f"{w.url}documents/999999/versions/1/download/",
        download_url(w, foreign),  # another group's document through this group
    ]
    for url in urls:
        check(cast, w, lambda c, url=url: c.get(url), expect(), write=True)
    gone.unlink()
    check(cast, w, lambda c: c.get(download_url(w, document)), expect(), write=True)
    assert not downloads().exists()


# Versions ---------------------------------------------------------------------------------------------------


def test_add_a_version_every_actor(cast, w):
    document = upload(w)
    check(
        cast, w, lambda c: c.post(f"{w.url}documents/{document.pk}/", {"file": pdf("brief-v2.pdf")}),
        expect(member=302, lead=302, counsel=302), write=True, slot="member", changes={"lead", "counsel"},
    )  # fmt: skip
    assert sorted(document.versions.values_list("number", flat=True)) == [1, 2, 3, 4]
    page = page_text(signed_in(w.member.admin).get(f"{w.url}documents/{document.pk}/"))
    for number in (1, 2, 3, 4):
        assert f"/versions/{number}/download/" in page
    assert signed_in(w.member.admin).get(download_url(w, document, 4)).status_code == 200


# Audiences --------------------------------------------------------------------------------------------------


def visible(user, w) -> bool:
    return "Secret chart" in page_text(signed_in(user).get(w.url + "documents/"))


def test_counsel_only_documents(cast, w):
    other = joined(cast, w)
    client = signed_in(w.member.admin)
    response = client.post(w.url + "documents/", upload_data(title="Secret chart", audience="counsel"))
    document = Document.objects.get(title="Secret chart")
    assert response["Location"] == f"{w.url}documents/{document.pk}/"
    for user in (w.lawyer, w.lead.admin, w.member.admin):  # counsel, the lead, and its uploader
        assert visible(user, w) and signed_in(user).get(download_url(w, document)).status_code == 200
    for user in (other.admin, w.member.member):
        assert not visible(user, w)
        assert signed_in(user).get(f"{w.url}documents/{document.pk}/").status_code == 404
        assert signed_in(user).get(download_url(w, document)).status_code == 404


def test_documents_for_chosen_companies(cast, w):
    chosen, left_out = joined(cast, w), joined(cast, w)
    page = page_text(signed_in(w.lead.admin).get(w.url + "documents/"))
    for company in (w.lead.company, w.member.company, chosen.company, left_out.company):
        assert f'name="companies" value="{company.pk}"' in page
    assert f'value="{w.invited.company.pk}"' not in page  # invited, not in yet
    data = upload_data(title="Secret chart", audience="companies", companies=[chosen.company.pk])
    signed_in(w.lead.admin).post(w.url + "documents/", data)
    document = Document.objects.get(title="Secret chart")
    for user in (chosen.admin, chosen.member, w.lead.admin):
        assert visible(user, w) and signed_in(user).get(download_url(w, document)).status_code == 200
    for user in (left_out.admin, w.member.admin, w.lawyer):
        assert not visible(user, w) and signed_in(user).get(download_url(w, document)).status_code == 404


def test_chosen_companies_must_be_named_and_in_the_group(cast, w, private_storage):
    outsider = side(cast.association)
    client = signed_in(w.lead.admin)
    before = database_fingerprint()
    response = client.post(w.url + "documents/", upload_data(audience="companies"))
    assert "Choose at least one company." in page_text(response)
    response = client.post(w.url + "documents/", upload_data(audience="companies", companies=[outsider.company.pk]))
    assert response.status_code == 200 and "Select a valid choice." in page_text(response)
    assert database_fingerprint() == before and stored_files(private_storage) == []


# Observers --------------------------------------------------------------------------------------------------


def test_observers_read_but_cannot_upload(cast, w, private_storage):
    observer = joined(cast, w, role="observer")
    document = upload(w)
    client = signed_in(observer.admin)
    assert client.get(w.url + "documents/").status_code == 200
    assert client.get(download_url(w, document)).status_code == 200
    files, before = stored_files(private_storage), database_fingerprint()
    for url, data in ((w.url + "documents/", upload_data()), (f"{w.url}documents/{document.pk}/", {"file": pdf()})):
        response = client.post(url, data)
        assert response.status_code == 200 and "You can read this group but not add to it." in page_text(response)
    assert database_fingerprint() == before and stored_files(private_storage) == files


# Bad uploads ------------------------------------------------------------------------------------------------

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
PATH = "The file name must be a plain name, without a path."
MISMATCH = "The file's content does not match its type."
BAD = [
    ("notes.pdf", b"Just a text file pretending to be a PDF.\n", MISMATCH),
    ("setup.pdf", EXE, MISMATCH),
    ("scan.png", PDF, MISMATCH),
    ("setup.exe", EXE, "Upload a PDF, Word, Excel, PowerPoint, image, text or CSV file."),
    ("empty.pdf", b"", "The submitted file is empty."),
]
PATHS = ["../x.pdf", "a\\b.pdf", "..\\..\\x.pdf", "/etc/x.pdf", "docs/x.pdf"]


def assert_refused(response, message, language="en"):
    """The form again, with `message` (in `language`) beside the file field."""
    with translation.override(language):
        expected = escape(gettext(message))
    assert response.status_code == 200
    pattern = r'<ul class="errorlist"[^>]*id="id_file_error"[^>]*>\s*<li>' + re.escape(expected)
    assert re.search(pattern, page_text(response))


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[row[0] for row in BAD])
def test_bad_uploads_are_refused_and_nothing_is_stored(w, private_storage, name, content, message):
    before = database_fingerprint()
    response = signed_in(w.member.admin).post(w.url + "documents/", upload_data(name, content))
    assert_refused(response, message)
    assert database_fingerprint() == before and stored_files(private_storage) == []


@pytest.mark.parametrize("name", PATHS)
def test_a_path_in_the_file_name_is_refused_not_shortened(w, private_storage, name):
    before = database_fingerprint()
    response = raw_upload(signed_in(w.member.admin), w.url + "documents/", name)
    assert_refused(response, PATH)
    assert database_fingerprint() == before and stored_files(private_storage) == []


def test_too_large_an_upload_is_refused(w, settings, private_storage):
    settings.DOCUMENT_MAX_BYTES = 50
    before = database_fingerprint()
    response = signed_in(w.member.admin).post(w.url + "documents/", upload_data())
    assert_refused(response, "The file is larger than 50\xa0bytes.")
    assert database_fingerprint() == before and stored_files(private_storage) == []


def test_a_bad_new_version_is_refused_too(w, private_storage):
    document = upload(w)
    files, before = stored_files(private_storage), database_fingerprint()
    client = signed_in(w.member.admin)
    url = f"{w.url}documents/{document.pk}/"
    assert_refused(client.post(url, {"file": pdf("v2.pdf", b"plain text")}), MISMATCH)
    assert_refused(raw_upload(client, url, "../v2.pdf"), PATH)
    assert database_fingerprint() == before and stored_files(private_storage) == files


def test_upload_errors_speak_the_users_language(w, private_storage):
    client = signed_in(w.member.admin, "zh-hans")
    assert_refused(client.post(w.url + "documents/", upload_data("notes.pdf", b"text")), MISMATCH, "zh-hans")
    assert_refused(raw_upload(client, w.url + "documents/", "../x.pdf"), PATH, "zh-hans")
    response = client.post(w.url + "documents/", upload_data("empty.pdf", b""))
    assert_refused(response, "The submitted file is empty.", "zh-hans")
    assert "提交的是空文件" in page_text(response)  # Django's own catalog: the field errors are translated
    assert not Document.objects.exists()


def test_a_good_upload_keeps_a_sanitized_name_and_the_type_read_from_the_content(w, private_storage):
    response = signed_in(w.member.admin).post(w.url + "documents/", upload_data("claim chart (v1) <draft>.pdf"))
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.filename == "claim chart (v1) _draft_.pdf" and version.content_type == "application/pdf"
    assert [path.name for path in stored_files(private_storage)] == [version.file.name.rsplit("/", 1)[-1]]
    assert "draft" not in version.file.name  # the stored name is not the user's
