"""OpenAPI: the partner key security scheme, the one error format, and which errors each operation can answer."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers

from api.base import IsPerson, ScopedView

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PARTNER_KEY_SCHEME = "partnerKey"


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.api_keys.ApiKeyAuthentication"
    name = PARTNER_KEY_SCHEME

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "jdp_<prefix>_<secret>",
            "description": str(
                _(
                    "A partner organization's API key, created by an association admin and bound to that association. "
                    "Send it as `Authorization: Bearer jdp_...`."
                )
            ),
        }


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("not_found, invalid, not_authenticated, permission_denied, throttled…"))
    message = serializers.CharField(help_text=_("Translated into the caller's language."))
    # A declared field named "fields": DRF's serializer metaclass takes it into _declared_fields, so Serializer.fields
    # (the property the stubs see) is untouched.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Messages per field path (“email”, “aliases.2”); “non_field_errors” for the rest."),
    )
    retry_after = serializers.IntegerField(required=False, help_text=_("Seconds to wait; only on 429."))


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


def error_response(description: "StrOrPromise") -> OpenApiResponse:
    return OpenApiResponse(response=ErrorSerializer, description=description)


# Path segment -> the domain tag it belongs to (a segment not listed is its own tag). TAGS in the settings says
# what each tag holds, in the reader's language.
DOMAINS = {
    "costs": "costs", "cost-statements": "costs", "rooms": "chat", "documents": "documents",
    "engagements": "counsel", "listed-groups": "groups", "me": "account", "keys": "partners", "partner": "partners",
    "plaintiffs": "reports", "watches": "watchlists", "roles": "association", "audit": "association",
    "memberships": "association", "invitations": "association",
}  # fmt: skip


class AutoSchema(SpectacularAutoSchema):
    """Adds the error responses each operation can give, and shows the partner key only where it is accepted."""

    def _partner_role_map_allows(self) -> bool:
        return isinstance(self.view, ScopedView) and self.view.allows_partner_keys(self.method)

    def _requires_authentication(self) -> bool:
        return not any(isinstance(p, permissions.AllowAny) for p in self.view.get_permissions())

    def get_auth(self):
        auths = super().get_auth()
        if self._partner_role_map_allows():
            return auths
        return [auth for auth in auths if PARTNER_KEY_SCHEME not in auth]

    # drf-spectacular's signature, which itself overrides DRF's ViewInspector.get_description(path, method).
    def get_description(self):  # type: ignore[override]
        description = super().get_description() or ""
        scope = getattr(self.view, "partner_scope", None)
        if scope and self._partner_role_map_allows():
            description += "\n\n" + _("Partner keys need the scope “%(scope)s”.") % {"scope": scope}
        return description.strip()

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        query = getattr(self.view, "query_serializer_class", None)
        return [*parameters, query] if query and self.method == "GET" else parameters

    def get_tags(self):
        """One tag per domain (the docs page groups operations by it): a path's first segment, or inside a defense
        group the part of the group it works on (its costs, chat, documents), through DOMAINS."""
        first = (super().get_tags() or ["association"])[0]
        within_group = self.path.split("{group_id}/", 1)[1].split("/", 1)[0] if "{group_id}/" in self.path else ""
        return [DOMAINS.get(within_group) or DOMAINS.get(first) or first]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        writes = self.method not in permissions.SAFE_METHODS
        has_query = any(getattr(p, "location", "query") == "query" for p in self.get_override_parameters()) or (
            self.method == "GET" and getattr(self.view, "pagination_class", None) is not None  # cursor, page_size
        )
        scoped = isinstance(self.view, ScopedView)
        person_only = any(isinstance(p, IsPerson) for p in self.view.get_permissions())
        errors = {
            "400": (writes or has_query, _("Invalid input; `fields` says what to fix.")),
            "401": (
                self._requires_authentication(),
                _("Not signed in, or the API key is malformed, unknown, revoked or expired."),
            ),
            "403": (
                writes or person_only or self._partner_role_map_allows(),
                _("Refused: CSRF check failed, the API key lacks a scope, or API keys are not accepted here."),
            ),
            "404": (scoped or "{" in self.path, _("Not found, or not visible to you (the same answer for both).")),
            "415": (
                self.method in ("POST", "PUT", "PATCH"),
                _("The body is not of the content type this operation reads."),
            ),
            "429": (True, _("Too many requests; `retry_after` says how many seconds to wait.")),
        }
        for code, (applies, description) in errors.items():
            if applies and code not in responses:
                responses[code] = self._get_response_for_code(
                    error_response(str(description)), code, direction=direction
                )
        for code, response in responses.items():
            if str(code).startswith("2") or str(code) == "429":
                response.setdefault("headers", {}).update(rate_limit_headers(retry=str(code) == "429"))
        return responses


def rate_limit_headers(*, retry: bool) -> dict[str, dict]:
    """The RateLimit headers of api.throttles (sent where a rate limit applies to the caller, hence optional)."""
    described = {
        "RateLimit-Limit": _("Requests allowed per window for you (your API key, or you signed in)."),
        "RateLimit-Remaining": _("Requests left in the current window."),
        "RateLimit-Reset": _("Seconds until the oldest request of the window leaves it."),
    }
    if retry:
        described["Retry-After"] = _("Seconds to wait before trying again.")
    return {
        name: {"schema": {"type": "integer", "minimum": 0}, "description": str(text)}
        for name, text in described.items()
    }


PAGING_PARAMETERS = {"cursor", "page_size"}


def blank_means_absent(result, generator, request, public):
    """A postprocessing hook: an optional filter sent empty (`?sort=`, as a web form sends an untouched field) is
    taken as not given, by DRF's query serializers and by django-filter alike; the schema says so, rather than
    promise a 400 the API never answers. The pagination's own parameters are not filters: empty is an error."""
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method != "get":
                continue
            for parameter in operation.get("parameters", []):
                if (
                    parameter.get("in") != "query"
                    or parameter.get("required")
                    or parameter["name"] in PAGING_PARAMETERS
                ):
                    continue
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and not {"enum", "minLength", "pattern", "format"} & set(schema):
                    continue  # takes "" already
                parameter["schema"] = {"anyOf": [schema, {"type": "string", "enum": [""]}]}
    return result
