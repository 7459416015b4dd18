"""REST endpoints for lawsuit reports: published reports (people of the association and partner keys), the
company's own raw reports, the preview, and moderation. Views parse, call one service or selector, render."""

import uuid
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from api.pagination import CursorPagination
from api.schema import error_response
from api.scopes import ApiScope
from sharing.plaintiffs.selectors import plaintiff_suggestions
from sharing.reports import selectors, services
from sharing.reports.filters import SORTS, PublishedReportFilter
from sharing.reports.models import Report, SharedVersion
from sharing.reports.serializers import (
    ModerationDecisionSerializer,
    ModerationVersionSerializer,
    OwnReportDetailSerializer,
    OwnReportSerializer,
    PlaintiffQuerySerializer,
    PlaintiffSerializer,
    PublishedReportDetailSerializer,
    PublishedReportSerializer,
    ReportInputSerializer,
    ReportPreviewInputSerializer,
    ReportPreviewSerializer,
    ReturnReasonSerializer,
)
from tenancy.access import COMPANY_ROLES, PERSON_ROLES, STAFF_ROLES, Role
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView
from tenancy.kept_lists import KeptListMixin

READERS = PERSON_ROLES | {Role.PARTNER}
IDEMPOTENCY_HEADER = "Idempotency-Key"


class AssociationFilterBackend(DjangoFilterBackend):
    """django-filter with the request's association, which the FilterSet needs to scope its choices. A query
    parameter that is neither a filter nor the pagination's is refused (django-filter would ignore a misspelt
    filter and answer the whole list); with no filter at all, the FilterSet (a form of every filter, built per
    request) is not built: the list is the selector's, newest first."""

    def filter_queryset(self, request, queryset, view):
        filters = set(view.filterset_class.base_filters)
        paging = {CursorPagination.cursor_query_param, CursorPagination.page_size_query_param}
        unknown = sorted(set(request.query_params) - filters - paging)
        if unknown:
            raise ValidationError({name: [_("There is no such filter.")] for name in unknown})
        if not filters & set(request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "association": view.access.association}


# Published reports -----------------------------------------------------------------------------------------


class PublishedReportListView(KeptListMixin, AssociationListAPIView):
    """Published, anonymized reports of the association, newest first unless `sort=oldest`; filter by any field
    and search the narrative, plaintiff and law firm with `q`."""

    role_map = {"GET": READERS}
    partner_scope = ApiScope.REPORTS_READ
    serializer_class = PublishedReportSerializer
    filter_backends = [AssociationFilterBackend]
    filterset_class = PublishedReportFilter

    @property
    def cursor_ordering(self):
        """The cursor follows the chosen sort, so a next-page link stays valid."""
        return SORTS.get(self.request.query_params.get("sort", "")) or SORTS["newest"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: only the model is needed
            return SharedVersion.objects.none()
        return selectors.published_versions(self.access)

    @extend_schema(
        responses={
            200: PublishedReportSerializer(many=True),
            400: error_response(gettext_lazy("A filter value is invalid; `fields` says which.")),
        },
        examples=[
            OpenApiExample(
                "A published report",
                response_only=True,
                value={
                    "id": 2, "revision": 1, "kind": "district_patent", "kind_label": "US district court patent suit",
                    "forum": "txed", "forum_label": "E.D. Tex. (Eastern District of Texas)",
                    "plaintiff": {"id": 1, "name": "Lumen Holdings, LLC", "classification": "unknown"},
                    "law_firm": "Rabicoff Law LLC",
                    "rights": [{"type": "utility", "key": "10123456", "display": "US 10,123,456"}],
                    "product_category": "lighting", "product_category_label": "Lighting", "industry": "electronics",
                    "industry_label": "Electronics", "stage": "served", "stage_label": "Served",
                    "outcome": "pending", "outcome_label": "Pending", "notice_month": None,
                    "filed_month": "2026-03", "served_month": "2026-03", "currency": "USD", "damages_band": "1m",
                    "settlement_band": None, "frozen_band": None, "defense_cost_band": None,
                    "narrative": "Served through the online marketplace; the complaint names 40 sellers.",
                    "published_on": "2026-04-02",
                },
            )
        ],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class PublishedReportDetailView(AssociationGenericAPIView):
    """One published report, with up to ten similar ones (same plaintiff, or one of the same patents or marks)."""

    role_map = {"GET": READERS}
    partner_scope = ApiScope.REPORTS_READ
    serializer_class = PublishedReportDetailSerializer

    def get(self, request, slug, pk):
        version = selectors.get_published_version(self.access, pk)
        similar = selectors.similar_versions(self.access, version)
        return Response(
            self.get_serializer(version, context={**self.get_serializer_context(), "similar": similar}).data
        )


class PlaintiffSuggestView(AssociationGenericAPIView):
    """Plaintiff entities whose names match what was typed (case, punctuation and corporate suffixes ignored)."""

    role_map = {"GET": READERS}
    partner_scope = ApiScope.REPORTS_READ
    serializer_class = PlaintiffSerializer
    query_serializer_class = PlaintiffQuerySerializer
    pagination_class = None  # a few suggestions, best first

    @extend_schema(responses=PlaintiffSerializer(many=True))
    def get(self, request, slug):
        entities = plaintiff_suggestions(
            entities=selectors.known_plaintiffs(self.access), text=self.query().get("q", "")
        )
        return Response(self.get_serializer(entities, many=True).data)


# The company's own reports ---------------------------------------------------------------------------------


def _idempotency_key(request) -> uuid.UUID | None:
    value = request.headers.get(IDEMPOTENCY_HEADER)
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ValidationError({IDEMPOTENCY_HEADER: _("Send a UUID, such as one from uuid4().")}) from None


class OwnReportListView(AssociationListAPIView):
    role_map = {"GET": COMPANY_ROLES, "POST": COMPANY_ROLES}
    serializer_class = OwnReportSerializer

    def get_queryset(self):
        return selectors.own_reports(self.access)

    @extend_schema(
        description=gettext_lazy(
            "Your company's raw reports, newest first. Each report's detail adds its revisions and how many "
            "other members face the same plaintiff or case."
        )
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        description=gettext_lazy(
            "Create a draft report for your company. With an `Idempotency-Key` header (a UUID), a repeated call "
            "creates nothing and answers 200 with the report the first call created."
        ),
        request=ReportInputSerializer,
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                OpenApiTypes.UUID,
                OpenApiParameter.HEADER,
                description=gettext_lazy("Makes retries safe: the same key returns the same report."),
            )
        ],
        responses={
            201: OwnReportDetailSerializer,
            200: OpenApiResponse(
                OwnReportDetailSerializer, description=gettext_lazy("A repeat of an earlier call's key.")
            ),
        },
    )
    def post(self, request, slug):
        key = _idempotency_key(request)
        report, created = services.report_create(
            access=self.access, data=self.body(ReportInputSerializer), idempotency_key=key
        )
        return Response(
            OwnReportDetailSerializer(report, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class OwnReportDetailView(AssociationGenericAPIView):
    role_map = {"GET": COMPANY_ROLES, "PATCH": COMPANY_ROLES}
    serializer_class = OwnReportDetailSerializer

    @extend_schema(
        description=gettext_lazy("Your company's raw report, its revisions, and how many other members face it.")
    )
    def get(self, request, slug, pk):
        return Response(self.get_serializer(selectors.get_own_report(self.access, pk)).data)

    @extend_schema(
        description=gettext_lazy(
            "Replace the report's content. The body is the complete report, as for creating one: a field left "
            "out takes its default, it does not keep its earlier value. A report awaiting moderation or published "
            "goes back to moderation as a new revision; the published revision stays listed until it is replaced."
        ),
        # The same body as POST, all of it: not the partial one drf-spectacular derives for PATCH.
        request={"application/json": {"$ref": "#/components/schemas/ReportInputRequest"}},
    )
    def patch(self, request, slug, pk):
        report = selectors.get_own_report(self.access, pk, perm="change_report")
        report = services.report_update(report=report, actor=request.user, data=self.body(ReportInputSerializer))
        return Response(self.get_serializer(report).data)


class _OwnReportActionView(AssociationGenericAPIView):
    role_map = {"POST": COMPANY_ROLES}
    serializer_class = OwnReportDetailSerializer
    service: Callable[..., Report]  # the report service the action calls (each subclass names one)

    @extend_schema(request=None)
    def post(self, request, slug, pk):
        report = selectors.get_own_report(self.access, pk, perm="change_report")
        return Response(self.get_serializer(self.service(report=report, actor=request.user)).data)


class OwnReportSubmitView(_OwnReportActionView):
    """Send a draft or returned report to moderation. Submitting again changes nothing."""

    service = staticmethod(services.report_submit)


class OwnReportWithdrawView(_OwnReportActionView):
    """Take the report out of every view and the API at once; the audit trail stays. Withdrawing again changes
    nothing."""

    service = staticmethod(services.report_withdraw)


class OwnReportArchiveView(_OwnReportActionView):
    """Close a published case: it stays readable, and can no longer be changed. Archiving again changes nothing."""

    service = staticmethod(services.report_archive)


class ReportPreviewView(AssociationGenericAPIView):
    """The shared version a report would have (a new one, or `report` with these changes), with every redaction
    of the narrative marked. Nothing is saved."""

    role_map = {"POST": COMPANY_ROLES}
    serializer_class = ReportPreviewSerializer

    @extend_schema(request=ReportPreviewInputSerializer, responses=ReportPreviewSerializer)
    def post(self, request, slug):
        data = self.body(ReportPreviewInputSerializer)
        report = data.pop("report", None)
        draft = services.report_preview(access=self.access, data=data, report=report)
        context = {**self.get_serializer_context(), "redaction": draft.redaction}
        return Response(self.get_serializer(SharedVersion(**draft.fields), context=context).data)


# Moderation ------------------------------------------------------------------------------------------------


# Each decision's service and the body fields it reads.
DECISIONS: dict[str, tuple[Callable[..., SharedVersion], tuple[str, ...]]] = {
    "approve": (services.version_approve, ()),
    "return": (services.version_return, ("reasons", "note")),
    "reject": (services.version_reject, ("note",)),
    "redact": (services.version_redact, ("terms",)),
    "classify": (services.version_classify_plaintiff, ("classification",)),
}


class ModerationQueueView(AssociationListAPIView):
    """Revisions awaiting a decision, oldest first (moderators and association admins)."""

    role_map = {"GET": STAFF_ROLES}
    serializer_class = ModerationVersionSerializer
    cursor_ordering = ("submitted_at", "id")

    def get_queryset(self):
        return selectors.moderation_queue(self.access)


class ModerationVersionView(AssociationGenericAPIView):
    """A revision awaiting a decision, as it would be shared, with the moderators' redactions."""

    role_map = {"GET": STAFF_ROLES}
    serializer_class = ModerationVersionSerializer

    def get(self, request, slug, pk):
        return Response(self.get_serializer(selectors.get_version_for_moderation(self.access, pk)).data)


class ModerationDecisionView(AssociationGenericAPIView):
    """Decide on a revision awaiting moderation. `approve` publishes it (replacing the report's published one);
    `return` sends it back with `reasons` (return reason ids) and/or a `note`; `reject` refuses it for good, with
    an optional `note`; `redact` replaces `terms` by [REDACTED] and `classify` sets the plaintiff's
    `classification` (every report naming it shows it), both leaving it in the queue. A decided revision leaves
    the queue (404 afterwards). Every decision is audited; the reporter is told of approvals, returns and
    rejections."""

    role_map = {"POST": STAFF_ROLES}
    serializer_class = ModerationVersionSerializer

    @extend_schema(
        operation_id="moderation_decide",
        request=ModerationDecisionSerializer,
        parameters=[OpenApiParameter("decision", str, OpenApiParameter.PATH, enum=list(DECISIONS))],
    )
    def post(self, request, slug, pk, decision):
        if decision not in DECISIONS:
            raise NotFound
        service, fields = DECISIONS[decision]
        version = selectors.get_version_for_moderation(self.access, pk)
        body = self.body(ModerationDecisionSerializer)
        version = service(version=version, actor=request.user, **{name: body[name] for name in fields})
        return Response(self.get_serializer(version).data)


class ReturnReasonListView(AssociationListAPIView):
    """Reusable, bilingual reasons for returning a report (moderators and association admins)."""

    role_map = {"GET": STAFF_ROLES, "POST": STAFF_ROLES}
    serializer_class = ReturnReasonSerializer
    cursor_ordering = ("title", "id")

    def get_queryset(self):
        return selectors.return_reasons(self.access)

    @extend_schema(responses={201: ReturnReasonSerializer})
    def post(self, request, slug):
        reason = services.reason_save(
            association=self.access.association, actor=request.user, **self.body(ReturnReasonSerializer)
        )
        return Response(self.get_serializer(reason).data, status=status.HTTP_201_CREATED)


class ReturnReasonDetailView(AssociationGenericAPIView):
    """Change a return reason (fields left out keep their value) or delete it. Reports already returned keep
    the text they were sent."""

    role_map = {"PATCH": STAFF_ROLES, "DELETE": STAFF_ROLES}
    serializer_class = ReturnReasonSerializer

    def patch(self, request, slug, pk):
        reason = selectors.get_return_reason(self.access, pk)
        serializer = self.get_serializer(reason, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = {name: getattr(reason, name) for name in ("title", "text_en", "text_zh")}
        reason = services.reason_save(
            association=self.access.association,
            actor=request.user,
            reason=reason,
            **{**fields, **serializer.validated_data},
        )
        return Response(self.get_serializer(reason).data)

    @extend_schema(responses={204: None})
    def delete(self, request, slug, pk):
        services.reason_delete(reason=selectors.get_return_reason(self.access, pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
