"""REST endpoints of deadlines, for the people of the company whose case it is (anyone else: 404). Partner keys,
moderators and association admins see nothing here."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.schema import error_response
from sharing.deadlines import selectors, services
from sharing.deadlines.models import Deadline
from sharing.deadlines.serializers import (
    CaseFactsSerializer,
    DeadlineDetailSerializer,
    DeadlineSerializer,
    DoneSerializer,
    FeedSerializer,
    OverrideSerializer,
)
from sharing.deadlines.views import feed_url
from tenancy.access import COMPANY_ROLES, Role
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView

COMPANY_ADMIN = frozenset({Role.COMPANY_ADMIN})
INVALID = error_response(gettext_lazy("The input is refused; `fields` says why. Nothing was saved."))


def company_only(*methods: str, roles=COMPANY_ROLES) -> dict:
    return dict.fromkeys(methods, roles)


class DeadlineListView(AssociationListAPIView):
    """The company's deadlines in this association, soonest first."""

    role_map = company_only("GET")
    serializer_class = DeadlineSerializer
    cursor_ordering = ("effective_on", "id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Deadline.objects.none()
        return selectors.company_deadlines(self.access).order_by("effective_on", "id")


class DeadlineDetailView(AssociationGenericAPIView):
    """One deadline with every counting step, in the caller's language."""

    role_map = company_only("GET")
    serializer_class = DeadlineDetailSerializer

    def get(self, request, slug, pk):
        return Response(self.get_serializer(selectors.get_deadline(self.access, pk)).data)


class OverrideView(AssociationGenericAPIView):
    """POST replaces the computed date with another and a reason (audited); DELETE goes back to the computed date."""

    role_map = company_only("POST", "DELETE")
    serializer_class = DeadlineDetailSerializer

    @extend_schema(request=OverrideSerializer, responses={200: DeadlineDetailSerializer, 400: INVALID})
    def post(self, request, slug, pk):
        deadline = selectors.get_deadline(self.access, pk)
        deadline = services.deadline_override(access=self.access, deadline=deadline, **self.body(OverrideSerializer))
        return Response(self.get_serializer(deadline).data)

    @extend_schema(request=None, responses={200: DeadlineDetailSerializer})
    def delete(self, request, slug, pk):
        deadline = services.deadline_override_clear(
            access=self.access, deadline=selectors.get_deadline(self.access, pk)
        )
        return Response(self.get_serializer(deadline).data)


class DoneView(AssociationGenericAPIView):
    """Mark a deadline met (no more reminders), or open it again."""

    role_map = company_only("POST")
    serializer_class = DeadlineDetailSerializer

    @extend_schema(request=DoneSerializer, responses={200: DeadlineDetailSerializer, 400: INVALID})
    def post(self, request, slug, pk):
        deadline = selectors.get_deadline(self.access, pk)
        done = self.body(DoneSerializer)["done"]
        return Response(
            self.get_serializer(services.deadline_set_done(access=self.access, deadline=deadline, done=done)).data
        )


class CaseFactsView(AssociationGenericAPIView):
    """The facts of one of the company's reports (`pk`: the report) and the deadlines they give. PUT saves them
    and computes the deadlines again."""

    role_map = company_only("GET", "PUT")
    serializer_class = CaseFactsSerializer

    def get(self, request, slug, pk):
        return Response(self.get_serializer(selectors.case_facts(selectors.get_case_report(self.access, pk))).data)

    @extend_schema(request=CaseFactsSerializer, responses={200: CaseFactsSerializer, 400: INVALID})
    def put(self, request, slug, pk):
        report = selectors.get_case_report(self.access, pk, perm="change_report")
        data = self.body(CaseFactsSerializer)
        facts = services.case_facts_set(access=self.access, report=report, data=data)
        return Response(self.get_serializer(facts).data)


class FeedView(AssociationGenericAPIView):
    """Company admins: POST makes a new secret calendar address (the old one stops working); DELETE revokes it."""

    role_map = company_only("POST", "DELETE", roles=COMPANY_ADMIN)
    serializer_class = FeedSerializer

    @extend_schema(request=None, responses={201: FeedSerializer})
    def post(self, request, slug):
        _feed, token = services.feed_rotate(access=self.access)
        return Response({"url": feed_url(request, token)}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: OpenApiResponse(description=gettext_lazy("Revoked."))})
    def delete(self, request, slug):
        services.feed_revoke(access=self.access)
        return Response(status=status.HTTP_204_NO_CONTENT)
