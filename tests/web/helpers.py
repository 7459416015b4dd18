"""Shared pieces of the web tests: the reference 404 and the expected statuses of the usual audiences."""

from django.test import Client

from tests.permission_matrix import assert_matrix


def not_found(client):
    """The reference 404: an association that does not exist."""
    return client.get("/a/no-such-association/")


def expect(**statuses) -> dict[str, int]:
    """Expected statuses: signed-out visitors go to the login page, everyone else gets a 404 unless named."""
    base = dict.fromkeys(("other_association", "not_entitled", "entitled", "moderator", "admin"), 404)
    return {"anonymous": 302, **base, **statuses}


# Everyone who belongs to the association (the cast's moderator is also a company member).
MEMBERS_OK = expect(not_entitled=200, entitled=200, moderator=200, admin=200)
# Company people only (the cast's association admin has no company).
COMPANY_OK = expect(not_entitled=200, entitled=200, moderator=200)
# Association admins: the cast's admin and, as "entitled", a second admin.
ADMINS_OK = expect(entitled=200, admin=200)


def matrix(cast, request, expected, **kwargs):
    return assert_matrix(cast, request, expected, not_found_body=not_found, **kwargs)


def page_text(response) -> str:
    return response.content.decode()


def signed_in(user, language: str = "en") -> Client:
    """A client of `user` speaking `language` (the user's preferred language wins over cookie and header)."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    client = Client(headers={"accept-language": language})
    client.cookies["django_language"] = language
    client.force_login(user)
    return client
