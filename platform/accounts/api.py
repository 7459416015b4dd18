"""REST endpoints for people: my profile, colleagues, invitations and sign-up, partners and their API keys."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response

from accounts import selectors, services
from accounts.models import InvitationKind
from accounts.serializers import (
    ApiKeyCreatedSerializer,
    ApiKeyCreateSerializer,
    ApiKeySerializer,
    ColleagueSerializer,
    InvitationAcceptSerializer,
    InvitationCreateSerializer,
    InvitationSerializer,
    MeSerializer,
    PartnerSerializer,
    PartnerWhoAmISerializer,
)
from api.base import GenericAPIView, IsPerson
from api.throttles import InvitationAcceptThrottle
from tenancy.access import COMPANY_ROLES, Role
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView
from tenancy.selectors import associations_with_roles
from tenancy.services import COMPANY_PROFILE_FIELDS

ASSOCIATION_ADMIN = frozenset({Role.ASSOCIATION_ADMIN})
COMPANY_ADMIN = frozenset({Role.COMPANY_ADMIN})
INVITERS = ASSOCIATION_ADMIN | COMPANY_ADMIN


def _me(user) -> dict:
    return MeSerializer(user, context={"associations": associations_with_roles(user)}).data


class MeView(GenericAPIView):
    """Your profile, company and associations. People only: partner keys get 403 (use `partner/whoami/`)."""

    permission_classes = [permissions.IsAuthenticated, IsPerson]
    serializer_class = MeSerializer

    def get(self, request):
        return Response(_me(request.user))

    def patch(self, request):
        serializer = self.get_serializer(request.user, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = services.user_update_profile(user=request.user, **serializer.validated_data)
        return Response(_me(user))


class ColleagueListView(AssociationListAPIView):
    """The people of your company."""

    role_map = {"GET": COMPANY_ROLES}
    serializer_class = ColleagueSerializer
    cursor_ordering = ("display_name", "id")

    def get_queryset(self):
        return selectors.colleagues(self.access)


class ColleagueDeactivateView(AssociationGenericAPIView):
    """A company admin removes a colleague: the account stops working at once."""

    role_map = {"POST": COMPANY_ADMIN}
    serializer_class = ColleagueSerializer

    @extend_schema(request=None)
    def post(self, request, slug, pk):
        colleague = selectors.get_colleague_for_admin(self.access, pk)
        user = services.user_deactivate(user=colleague, actor=request.user, association=self.access.association)
        return Response(self.get_serializer(user).data)


class InvitationListView(AssociationListAPIView):
    """Invitations you may send and see. The link goes to the invitee by e-mail only, never into a response."""

    role_map = {"GET": INVITERS, "POST": INVITERS}
    serializer_class = InvitationSerializer

    def get_queryset(self):
        return selectors.invitations_for(self.access)

    @extend_schema(request=InvitationCreateSerializer, responses={201: InvitationSerializer})
    def post(self, request, slug):
        data = self.body(InvitationCreateSerializer)
        if data["kind"] not in selectors.invitation_kinds_for(self.access):
            raise ValidationError({"kind": _("You cannot send this kind of invitation.")})
        colleague = data["kind"] == InvitationKind.COLLEAGUE
        invitation, _token = services.invitation_create(
            association=self.access.association,
            kind=data["kind"],
            email=data["email"],
            actor=request.user,
            company=self.access.company if colleague else None,
            company_role=data["company_role"],
        )
        return Response(self.get_serializer(invitation).data, status=status.HTTP_201_CREATED)


class InvitationRevokeView(AssociationGenericAPIView):
    role_map = {"POST": INVITERS}
    serializer_class = InvitationSerializer

    @extend_schema(request=None)
    def post(self, request, slug, pk):
        invitation = services.invitation_revoke(
            invitation=selectors.get_invitation_for(self.access, pk), actor=request.user
        )
        return Response(self.get_serializer(invitation).data)


class InvitationAcceptView(GenericAPIView):
    """Create your account from an invitation (no sign-in needed). Rate-limited per client address."""

    permission_classes = [permissions.AllowAny]
    throttle_classes = [InvitationAcceptThrottle]
    serializer_class = InvitationAcceptSerializer

    @extend_schema(responses={201: MeSerializer})
    def post(self, request):
        data = self.body(InvitationAcceptSerializer)
        user = services.invitation_accept(
            token=data["token"],
            display_name=data["display_name"],
            password=data["password"],
            preferred_language=data["preferred_language"],
            company_profile={name: data[name] for name in COMPANY_PROFILE_FIELDS if name in data},
        )
        return Response(_me(user), status=status.HTTP_201_CREATED)


class PartnerListView(AssociationListAPIView):
    """Partner organizations (law firms, guidance centres, data providers) reading this association's data."""

    role_map = {"GET": ASSOCIATION_ADMIN, "POST": ASSOCIATION_ADMIN}
    serializer_class = PartnerSerializer

    def get_queryset(self):
        return selectors.partners_for(self.access)

    @extend_schema(responses={201: PartnerSerializer})
    def post(self, request, slug):
        partner = services.partner_create(
            association=self.access.association, actor=request.user, **self.body(PartnerSerializer)
        )
        return Response(self.get_serializer(partner).data, status=status.HTTP_201_CREATED)


class PartnerKeyListView(AssociationListAPIView):
    """A partner's API keys. A new key is returned once, in `key`; afterwards only its prefix is shown."""

    role_map = {"GET": ASSOCIATION_ADMIN, "POST": ASSOCIATION_ADMIN}
    serializer_class = ApiKeySerializer

    def get_queryset(self):
        return selectors.api_keys_for(self.access, selectors.get_partner_for(self.access, self.kwargs["pk"]))

    @extend_schema(request=ApiKeyCreateSerializer, responses={201: ApiKeyCreatedSerializer})
    def post(self, request, slug, pk):
        partner = selectors.get_partner_for(self.access, pk)
        api_key, key = services.api_key_create(partner=partner, actor=request.user, **self.body(ApiKeyCreateSerializer))
        return Response(ApiKeyCreatedSerializer(api_key, context={"key": key}).data, status=status.HTTP_201_CREATED)


class ApiKeyRevokeView(AssociationGenericAPIView):
    role_map = {"POST": ASSOCIATION_ADMIN}
    serializer_class = ApiKeySerializer

    @extend_schema(request=None)
    def post(self, request, slug, pk):
        api_key = services.api_key_revoke(api_key=selectors.get_api_key_for(self.access, pk), actor=request.user)
        return Response(self.get_serializer(api_key).data)


class PartnerWhoAmIView(AssociationGenericAPIView):
    """For partner keys: which partner, key and scopes this is. A quick way to test a key."""

    role_map = {"GET": frozenset({Role.PARTNER})}
    serializer_class = PartnerWhoAmISerializer

    @extend_schema(
        examples=[
            OpenApiExample(
                "A key of a guidance centre",
                value={
                    "partner": "Guidance Centre", "association": "sccea", "association_name": "SCCEA",
                    "prefix": "UrN3sfBggyGv", "name": "Nightly import",
                    "scopes": ["association:read", "reports:read", "campaigns:read"], "expires_at": None,
                },
            )
        ]
    )  # fmt: skip
    def get(self, request, slug):
        return Response(self.get_serializer(self.access.api_key).data)
