"""Defense groups for the web tests: one group with a participant of each kind, the nine actors its pages are
checked with, uploads (including raw multipart bodies whose file names carry a path) and a private storage in
a temporary folder.

The actors: anonymous, another association's admin, an outsider (a company admin of the association who is not
in the group), the invited company's admin, an accepted member company's admin, the lead company's admin, the
accepted counsel, the association's moderator and its admin. The cast's six-actor matrix carries anonymous, the
other association, the outsider (as "not_entitled"), one participant (as "entitled"), the moderator and the
admin; the other participants are extra calls held to the same rules.
"""

from dataclasses import dataclass

from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from sharing.defense import services
from sharing.defense.access import get_group_access
from sharing.defense.models import DocumentVersion
from tenancy.access import resolve_access
from tests.defense.helpers import Side, counsel, joined_group, side
from tests.permission_matrix import database_fingerprint
from tests.web.helpers import matrix, not_found
from tests.web.helpers import signed_in as signed_in  # the tests import it from here too

ACTORS = ("anonymous", "other_association", "outsider", "invited", "member", "lead", "counsel", "moderator", "admin")
PARTICIPANTS = ("invited", "member", "lead", "counsel")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class World:
    group: object
    lead: Side
    member: Side
    invited: Side
    lawyer: object
    users: dict

    @property
    def url(self) -> str:
        return f"/a/alpha/groups/{self.group.pk}/"

    def gaccess(self, user):
        return get_group_access(resolve_access(slug="alpha", user=user), self.group.pk)


def world(cast) -> World:
    """A group led by one company, with an accepted member company, an invited company (not answered yet) and
    an accepted counsel."""
    lead, member, invited = side(cast.association), side(cast.association), side(cast.association)
    group = joined_group(cast.association, lead, member)
    services.invite_company(gaccess=lead.gaccess(group), company=invited.company)
    lawyer = counsel(cast.association)
    services.invite_counsel(gaccess=lead.gaccess(group), user=lawyer)
    lawyer_access = resolve_access(slug="alpha", user=lawyer)
    services.invitation_answer(gaccess=get_group_access(lawyer_access, group.pk), accept=True)
    services.agreement_accept(gaccess=get_group_access(lawyer_access, group.pk), version=1)
    users = {
        "anonymous": None,
        "other_association": cast.users["other_association"],
        "outsider": cast.users["entitled"],
        "invited": invited.admin,
        "member": member.admin,
        "lead": lead.admin,
        "counsel": lawyer,
        "moderator": cast.users["moderator"],
        "admin": cast.users["admin"],
    }
    return World(group=group, lead=lead, member=member, invited=invited, lawyer=lawyer, users=users)


def expect(**statuses) -> dict[str, int]:
    """Signed-out visitors go to the login page; everyone else gets a 404 unless named."""
    return {**dict.fromkeys(ACTORS, 404), "anonymous": 302, **statuses}


PARTICIPANTS_OK = expect(invited=200, member=200, lead=200, counsel=200)
FULL_OK = expect(member=200, lead=200, counsel=200)
LEAD_OK = expect(lead=200)


def check(cast, w: World, request, expected: dict, *, write=False, slot="lead", changes=()) -> dict:
    """Run `request` as the nine actors (`slot` is the participant in the cast's matrix, the other participants
    follow in ACTORS order). Every 404 has the unknown association's body. With write=True a refused request
    writes nothing, and so does every extra participant not named in `changes`, whatever its status."""
    assert set(expected) == set(ACTORS)
    six = {actor: expected[actor] for actor in ("anonymous", "other_association", "moderator", "admin")}
    six.update(not_entitled=expected["outsider"], entitled=expected[slot])
    overrides = {"not_entitled": w.users["outsider"], "entitled": w.users[slot]}
    found = matrix(cast, request, six, write=write, overrides=overrides)
    responses = {actor: found[actor] for actor in six if actor in ACTORS}
    responses.update(outsider=found["not_entitled"], **{slot: found["entitled"]})
    for actor in PARTICIPANTS:
        if actor == slot:
            continue
        client = Client()
        client.force_login(w.users[actor])
        before = database_fingerprint() if write and (actor not in changes or expected[actor] >= 400) else None
        response = request(client)
        assert response.status_code == expected[actor], (
            f"{actor}: expected {expected[actor]}, got {response.status_code}: {response.content[:300]!r}"
        )
        if before is not None:
            assert database_fingerprint() == before, f"{actor}: the request changed the database"
        if response.status_code == 404:
            assert response.content == not_found(client).content, f"{actor}: 404 body differs from an unknown slug's"
        responses[actor] = response
    return responses


def pdf(name: str = "brief.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def upload_data(name: str = "brief.pdf", content: bytes = PDF, **fields) -> dict:
    return {"title": "Claim chart", "audience": "group", **fields, "file": pdf(name, content)}


def raw_upload(client: Client, url: str, filename: str, content: bytes = PDF, **fields):
    """POST a multipart body naming the file exactly `filename`: Django's test client would keep only its last
    path component, as browsers do; a hand-made request need not."""
    body = encode_multipart(BOUNDARY, {"title": "Claim chart", "audience": "group", **fields})
    closing = f"--{BOUNDARY}--\r\n".encode()
    part = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    body = body[: -len(closing)] + part + content + b"\r\n" + closing
    return client.generic("POST", url, body, content_type=MULTIPART_CONTENT)


def use_private_storage(settings, tmp_path, monkeypatch):
    """Documents go to `tmp_path`. The file field took its storage when the model was imported, so it is
    pointed at the new one too."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    monkeypatch.setattr(DocumentVersion._meta.get_field("file"), "storage", storages["private"])
    return tmp_path


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()]
