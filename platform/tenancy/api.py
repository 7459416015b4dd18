"""REST endpoints for the association, its memberships, a member's own company, and association roles."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.scopes import ApiScope
from tenancy import selectors, services
from tenancy.access import COMPANY_ROLES, PERSON_ROLES, Role
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView
from tenancy.serializers import (
    AssociationProfileSerializer,
    AssociationRoleSerializer,
    AssociationSettingsSerializer,
    AuditEventSerializer,
    AuditQuerySerializer,
    CompanyProfileSerializer,
    MembershipDecisionSerializer,
    MembershipQuerySerializer,
    MembershipSerializer,
    RoleAppointSerializer,
    RoleQuerySerializer,
)

ASSOCIATION_ADMIN = frozenset({Role.ASSOCIATION_ADMIN})


class AssociationDetailView(AssociationGenericAPIView):
    """The association and your roles in it. PATCH: its settings (association admins)."""

    role_map = {"GET": PERSON_ROLES | {Role.PARTNER}, "PATCH": ASSOCIATION_ADMIN}
    partner_scope = ApiScope.ASSOCIATION_READ
    serializer_class = AssociationProfileSerializer

    @extend_schema(operation_id="association_retrieve")
    def get(self, request, slug):
        return Response(self.get_serializer(self.access).data)

    @extend_schema(operation_id="association_settings_update", request=AssociationSettingsSerializer)
    def patch(self, request, slug):
        services.association_settings_update(
            association=self.access.association, actor=request.user, **self.body(AssociationSettingsSerializer)
        )
        return Response(self.get_serializer(self.access).data)


class MembershipListView(AssociationListAPIView):
    """Member companies and applications, newest first (association admins)."""

    role_map = {"GET": ASSOCIATION_ADMIN}
    serializer_class = MembershipSerializer
    query_serializer_class = MembershipQuerySerializer

    def get_queryset(self):
        return selectors.memberships_for_admin(self.access, self.query().get("status"))


class MembershipDecisionView(AssociationGenericAPIView):
    """Approve or reject an application; suspend or reinstate a member (suspension cuts its users off at once)."""

    role_map = {"POST": ASSOCIATION_ADMIN}
    serializer_class = MembershipSerializer

    @extend_schema(request=MembershipDecisionSerializer, responses=MembershipSerializer)
    def post(self, request, slug, pk):
        membership = selectors.get_membership_for_admin(self.access, pk)
        decision = self.body(MembershipDecisionSerializer)
        membership = services.membership_decide(membership=membership, actor=request.user, **decision)
        return Response(self.get_serializer(membership).data)


class CompanyView(AssociationGenericAPIView):
    """Your own company's profile: every member reads it, company admins edit it."""

    role_map = {"GET": COMPANY_ROLES, "PATCH": frozenset({Role.COMPANY_ADMIN})}
    serializer_class = CompanyProfileSerializer

    def get(self, request, slug):
        return Response(self.get_serializer(selectors.own_company(self.access)).data)

    def patch(self, request, slug):
        company = selectors.own_company(self.access)
        serializer = self.get_serializer(company, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        company = services.company_update(
            company=company, association=self.access.association, actor=request.user, **serializer.validated_data
        )
        return Response(self.get_serializer(company).data)


class RoleListView(AssociationListAPIView):
    """Association roles (admins, moderators, counsel); admins appoint moderators among member companies' users."""

    role_map = {"GET": ASSOCIATION_ADMIN, "POST": ASSOCIATION_ADMIN}
    serializer_class = AssociationRoleSerializer
    query_serializer_class = RoleQuerySerializer

    def get_queryset(self):
        return selectors.association_roles(self.access, self.query().get("role"))

    @extend_schema(request=RoleAppointSerializer, responses={201: AssociationRoleSerializer})
    def post(self, request, slug):
        appointment = self.body(RoleAppointSerializer)
        assignment = services.role_appoint(
            association=self.access.association,
            user=appointment["user_id"],
            role=appointment["role"],
            actor=request.user,
        )
        return Response(self.get_serializer(assignment).data, status=status.HTTP_201_CREATED)


class RoleDetailView(AssociationGenericAPIView):
    """Remove a role; an association keeps at least one admin."""

    role_map = {"DELETE": ASSOCIATION_ADMIN}

    @extend_schema(responses={204: None})
    def delete(self, request, slug, pk):
        services.role_remove(assignment=selectors.get_association_role(self.access, pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AuditEventListView(AssociationListAPIView):
    """The association's audit trail, newest first."""

    role_map = {"GET": frozenset({Role.ASSOCIATION_ADMIN})}
    serializer_class = AuditEventSerializer
    query_serializer_class = AuditQuerySerializer

    def get_queryset(self):
        return selectors.audit_events_for(self.access, action=self.query().get("action"))
