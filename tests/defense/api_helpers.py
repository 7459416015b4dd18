"""A defense group with one participant at every level, for the API tests, and the group permission matrix.

The cast of a group endpoint (beyond tests/conftest.py's): `outsider`, a company admin of the association whose
company is not in the group; `invited`, an admin of an invited company; `joined`, an admin of a company that
joined but has not accepted the agreement; `member`, an admin of a company bound by the agreement; `counsel`, an
external counsel bound by it; `lead`, an admin of the lead company. `moderator` belongs to a company that is not in
the group; the association `admin` has no company.
"""

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sharing.chat import selectors as chat_selectors
from sharing.chat import services as chat_services
from sharing.defense import document_services, services
from sharing.defense.access import get_group_access
from sharing.defense.models import DocumentVersion
from tenancy.access import resolve_access
from tests.api.calls import a, unknown_association
from tests.defense.helpers import Side, counsel, joined_group, side
from tests.permission_matrix import ACTORS, assert_matrix

# The order actors act in: refusals first, so that a write that succeeds comes after them.
ORDER = ("anonymous", "other_association", "admin", "moderator", "outsider", "invited", "joined", "counsel", "member",
         "lead")  # fmt: skip
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 32


@dataclass
class World:
    cast: object
    group: object
    lead: Side
    member: Side
    joined: Side
    invited: Side
    outsider: Side
    lawyer: object
    users: dict  # actor name -> user (None for anonymous)

    def url(self, path: str = "") -> str:
        return a("alpha", f"groups/{self.group.pk}/{path}")

    def gaccess(self, actor: str):
        return get_group_access(resolve_access(slug="alpha", user=self.users[actor]), self.group.pk)

    def client(self, actor: str, language: str | None = None) -> Client:
        """Signed in as `actor`; with `language` as the preferred language and in Accept-Language."""
        user = self.users[actor]
        if language:
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
        client = Client()
        client.force_login(user)
        if language:
            client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        return client


def build_world(cast) -> World:
    association = cast.association
    lead, member, joined, invited, outsider = (side(association) for _ in range(5))
    lawyer = counsel(association)
    group = joined_group(association, lead, member)
    lead_access = lead.gaccess(group)
    services.invite_company(gaccess=lead_access, company=joined.company)
    services.invitation_answer(gaccess=joined.gaccess(group), accept=True)
    services.invite_company(gaccess=lead_access, company=invited.company)
    services.invite_counsel(gaccess=lead_access, user=lawyer)
    lawyer_access = get_group_access(resolve_access(slug="alpha", user=lawyer), group.pk)
    services.invitation_answer(gaccess=lawyer_access, accept=True)
    services.agreement_accept(gaccess=get_group_access(resolve_access(slug="alpha", user=lawyer), group.pk), version=1)
    users = {
        "anonymous": None,
        "other_association": cast.users["other_association"],
        "admin": cast.users["admin"],
        "moderator": cast.users["moderator"],
        "outsider": outsider.admin,
        "invited": invited.admin,
        "joined": joined.admin,
        "counsel": lawyer,
        "member": member.admin,
        "lead": lead.admin,
    }
    return World(cast, group, lead, member, joined, invited, outsider, lawyer, users)


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    """Uploaded documents go to a temporary folder. The file field resolved its storage when the model was
    imported, so it is pointed there too."""
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": root}},
    }
    monkeypatch.setattr(DocumentVersion._meta.get_field("file"), "storage", FileSystemStorage(location=root))
    return root


def stored_files() -> list:
    """The files in the private storage (the `private_storage` fixture's folder)."""
    root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def group_matrix(world: World, request, expected: dict[str, int], *, order=ORDER, write: bool = False) -> dict:
    """assert_matrix over the group's cast, six actors at a time in `order` (padded with anonymous, whose
    refusal changes nothing). Every 404 must be an unknown association's; every refused write must change
    nothing. Returns the responses by actor."""
    assert set(expected) == set(ORDER), f"expected must name every actor: {ORDER}"
    responses = {}
    for start in range(0, len(order), len(ACTORS)):
        chunk = list(order[start : start + len(ACTORS)])
        chunk += ["anonymous"] * (len(ACTORS) - len(chunk))
        slots = dict(zip(ACTORS, chunk, strict=True))
        result = assert_matrix(
            world.cast,
            request,
            {slot: expected[actor] for slot, actor in slots.items()},
            write=write,
            not_found_body=unknown_association,
            overrides={slot: world.users[actor] for slot, actor in slots.items()},
        )
        responses.update({actor: result[slot] for slot, actor in slots.items()})
    return responses


def levels(invited: int, joined: int, full: int, *, counsel=None, member=None, lead=None) -> dict[str, int]:
    """Expected statuses: 401 for anonymous, 404 for everyone outside the group, then per participant."""
    outside = dict.fromkeys(("other_association", "admin", "moderator", "outsider"), 404)
    return {
        "anonymous": 401,
        **outside,
        "invited": invited,
        "joined": joined,
        "counsel": full if counsel is None else counsel,
        "member": full if member is None else member,
        "lead": full if lead is None else lead,
    }


def upload_file(name: str = "brief.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def document(world: World, actor: str = "member", audience: str = "group", companies=(), title: str = "Brief"):
    return document_services.document_upload(
        gaccess=world.gaccess(actor), title=title, audience=audience, upload=upload_file(), companies=companies
    )


def general_room(world: World):
    return chat_selectors.rooms(world.gaccess("lead")).get(topic="")


def message(world: World, actor: str = "member", body: str = "Hello", room=None, **kwargs):
    room = room or general_room(world)
    posted, _created = chat_services.message_post(
        gaccess=world.gaccess(actor), room=room, client_msg_id=uuid.uuid4(), body=body, **kwargs
    )
    return posted


def multipart(fields: dict, files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body written by hand: the test client would keep only the last part of a file name
    with a path in it (as a browser may not)."""
    boundary = "----jdp-test-boundary"
    parts = []
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
