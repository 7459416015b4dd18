"""DRF authentication for partner API keys: `Authorization: Bearer jdp_<prefix>_<secret>`.

A key is read with its partner and association, and kept in the cache under the generation of all keys
(api.generations): every partner call needs it, and a query for it cost as much as the rest of a kept list's
answer. Any save or delete of a key, a partner or an association drops that generation (accounts.receivers), so a
revoked key is refused at once on every process. The secret is checked against the hash on every request."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from accounts.models import ApiKey
from accounts.services import api_key_matches
from accounts.tokens import parse_api_key
from api import generations


class PartnerUser:
    """The request.user of a partner call: not a person, never staff, never a member of anything."""

    is_authenticated = True
    is_active = True
    is_staff = False
    is_superuser = False
    is_anonymous = False
    pk = None
    id = None

    def __init__(self, api_key: ApiKey):
        self.api_key = api_key
        self.display_name = api_key.partner.name

    def __str__(self) -> str:
        return f"partner:{self.api_key.prefix}"


KEYS_FAMILY = "partner-keys"
KEPT_SECONDS = 300


def keys_changed() -> None:
    generations.drop(KEYS_FAMILY)


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0] != self.keyword:
            raise exceptions.AuthenticationFailed(_("Send the key as: Authorization: Bearer <key>."))
        prefix = parse_api_key(parts[1])
        if prefix is None:
            raise exceptions.AuthenticationFailed(_("This API key is malformed."))
        kept_as = f"partner-key:{prefix}"
        generation, api_key = generations.read(KEYS_FAMILY, kept_as)
        if api_key is None:
            api_key = ApiKey.objects.select_related("partner__association").filter(prefix=prefix).first()
            if api_key is not None:
                generations.keep(kept_as, generation, api_key, KEPT_SECONDS)
        if api_key is None or not api_key_matches(api_key, parts[1]):
            raise exceptions.AuthenticationFailed(_("This API key is not valid."))
        if api_key.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked."))
        if api_key.expires_at is not None and api_key.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(_("This API key has expired."))
        # One cheap UPDATE, at most once a minute per key (and the kept key learns it, or every call would).
        now = timezone.now()
        if api_key.last_used_at is None or (now - api_key.last_used_at).total_seconds() > 60:
            ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
            api_key.last_used_at = now
            generations.keep(kept_as, generation, api_key, KEPT_SECONDS)
        return PartnerUser(api_key), api_key

    def authenticate_header(self, request):
        return self.keyword
