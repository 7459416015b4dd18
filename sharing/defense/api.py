"""REST endpoints of joint defense groups for their participants: the group, its participants and agreement,
documents and shared raw reports (the chat's are in sharing.chat.api). Company people and external counsel only;
partner keys get 404.

Who may see what is decided per group (sharing.defense.access): a caller who is not a participant gets the 404 of
a missing group. Each endpoint needs a level (`GroupAPIView.levels`); a participant below it gets 403 with the
code `invitation_pending` (invited, not yet joined) or `agreement_required` (joined, but its company, or the
counsel, has not accepted the current agreement version). A participant whose role does not allow a write gets
403 `permission_denied`. Downloads answer 404 to every refusal."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, parsers, permissions, status
from rest_framework.exceptions import NotFound, ParseError, PermissionDenied
from rest_framework.response import Response

from accounts.models import User
from api.schema import AutoSchema, error_response
from sharing.defense import document_services, selectors, services, uploads
from sharing.defense.access import Level, get_group_access
from sharing.defense.models import DefenseGroup, Document
from sharing.defense.serializers import (
    AgreementAcceptSerializer,
    AgreementPublishSerializer,
    AgreementSerializer,
    AnswerSerializer,
    DocumentDetailSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    DocumentVersionDetailSerializer,
    DocumentVersionUploadSerializer,
    GroupCreateSerializer,
    GroupSerializer,
    GroupSummarySerializer,
    GroupUpdateSerializer,
    InviteSerializer,
    ListedGroupSerializer,
    ParticipantSerializer,
    ReportShareSerializer,
    SharedReportSerializer,
)
from sharing.reports.models import Report
from tenancy.access import COMPANY_ROLES, STAFF_ROLES, Role
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView

PARTICIPANT_ROLES = COMPANY_ROLES | {Role.COUNSEL}
COMPANY_ADMIN = frozenset({Role.COMPANY_ADMIN})
INVITATION_PENDING = gettext_lazy("Answer the group's invitation first.")
AGREEMENT_REQUIRED = gettext_lazy(
    "Accept the group's current agreement first: until then you see the group's summary only."
)
GROUP_403 = gettext_lazy(
    "Refused, for a participant: `invitation_pending` (answer the invitation first), `agreement_required` (your "
    "company, or you as counsel, must accept the current agreement version first), or `permission_denied` (your "
    "role does not allow it, or the CSRF check failed)."
)


def for_participants(*methods: str) -> dict[str, frozenset]:
    return dict.fromkeys(methods, PARTICIPANT_ROLES)


class GroupSchema(AutoSchema):
    """Says which 403s a group endpoint can answer."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        view = self.view
        assert isinstance(view, GroupAPIView)  # the schema of GroupAPIView and its subclasses
        needed = view.levels.get(self.method, Level.INVITED)
        writes = self.method not in permissions.SAFE_METHODS
        if (needed > Level.INVITED or writes) and not view.hide_below_level:
            responses["403"] = self._get_response_for_code(error_response(str(GROUP_403)), "403", direction=direction)
        return responses


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser through the request's Django parser class, which web.uploads.SentFileNamesMiddleware
    sets to keep every file's name as sent (the CSRF check may parse the body first, with the same class)."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = parser_context["request"]
        meta = {**request.META, "CONTENT_TYPE": media_type}
        try:
            # rest_framework.parsers.get_encoding exists; djangorestframework-stubs 3.18 do not declare it.
            encoding = parsers.get_encoding(parser_context)  # type: ignore[attr-defined]
            parser = request.multipart_parser_class(meta, stream, request.upload_handlers, encoding)
            return parsers.DataAndFiles(*parser.parse())
        except MultiPartParserError as error:
            raise ParseError(_("The multipart body could not be read: %(error)s") % {"error": error}) from None


class GroupAPIView(AssociationGenericAPIView):
    """An endpoint of one group (`group_id` in the path). `self.gaccess` is the caller's access to it."""

    levels: dict[str, Level] = {}  # the level each method needs; INVITED if absent
    hide_below_level = False  # True: below the level is 404, like a non-participant
    schema = GroupSchema()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.gaccess = get_group_access(self.access, kwargs["group_id"])
        needed = self.levels.get("GET" if request.method == "HEAD" else request.method, Level.INVITED)
        if self.gaccess.level < needed:
            if self.hide_below_level:
                raise NotFound
            if self.gaccess.level == Level.INVITED:
                raise PermissionDenied(INVITATION_PENDING, code="invitation_pending")
            raise PermissionDenied(AGREEMENT_REQUIRED, code="agreement_required")

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError) and getattr(exc, "code", None) == "forbidden":
            exc = PermissionDenied(exc.messages[0])  # a service refusing the caller's role, not the input
        return super().handle_exception(exc)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "gaccess": getattr(self, "gaccess", None)}

    def require_manager(self) -> None:
        if not self.gaccess.manages:
            raise PermissionDenied(_("Only the lead company's admins manage the group."))

    def summary(self) -> Response:
        """The group as the caller sees it now (after a change of level, resolved again)."""
        gaccess = get_group_access(self.access, self.gaccess.group.pk)
        joined = gaccess.level >= Level.SUMMARY
        context = {
            **self.get_serializer_context(),
            "participants": participants_with_people(gaccess) if joined else None,
            "acceptances": selectors.acceptances(gaccess) if joined else None,
        }
        return Response(GroupSummarySerializer(gaccess, context=context).data)


def participants_with_people(gaccess):
    people = User.objects.filter(is_active=True).order_by("display_name", "id")
    return selectors.participants(gaccess).prefetch_related(
        Prefetch("company__users", queryset=people, to_attr="active_people")
    )


# Groups ----------------------------------------------------------------------------------------------------


class GroupListView(AssociationListAPIView):
    """The groups your company (or you, as counsel) is invited to or in, newest first, with your role and level.
    Company admins create groups; their company leads them."""

    role_map = {"GET": PARTICIPANT_ROLES, "POST": COMPANY_ADMIN}
    serializer_class = GroupSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DefenseGroup.objects.none()
        return selectors.groups_for(self.access)

    @extend_schema(request=GroupCreateSerializer, responses={201: GroupSerializer})
    def post(self, request, slug):
        group = services.group_create(access=self.access, **self.body(GroupCreateSerializer))
        return Response(self.get_serializer(self.get_queryset().get(pk=group.pk)).data, status=status.HTTP_201_CREATED)


class ListedGroupListView(AssociationListAPIView):
    """Groups that chose to be listed: their name, plaintiff and size, never who is in them (moderators and
    association admins)."""

    role_map = {"GET": STAFF_ROLES}
    serializer_class = ListedGroupSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DefenseGroup.objects.none()
        return selectors.listed_groups(self.access)


class GroupDetailView(GroupAPIView):
    """The group as you see it: an invitee sees the invitation (participants and acceptances are null); a
    participant sees who is in it and who accepted which agreement version. The lead's admins change the name,
    description and listing (fields left out keep their value)."""

    role_map = for_participants("GET", "PATCH")
    levels = {"GET": Level.INVITED, "PATCH": Level.SUMMARY}
    serializer_class = GroupSummarySerializer

    def get(self, request, slug, group_id):
        return self.summary()

    @extend_schema(request=GroupUpdateSerializer)
    def patch(self, request, slug, group_id):
        self.require_manager()
        data = self.body(GroupUpdateSerializer)
        group = self.gaccess.group
        services.group_update(
            gaccess=self.gaccess,
            name=data.get("name", group.name),
            description=data.get("description", group.description),
            listed=data.get("listed", group.listed),
        )
        return self.summary()


class GroupArchiveView(GroupAPIView):
    """Close the group (the lead's admins): everything stays readable by its participants, nothing can be added."""

    role_map = for_participants("POST")
    levels = {"POST": Level.SUMMARY}
    serializer_class = GroupSummarySerializer

    @extend_schema(request=None)
    def post(self, request, slug, group_id):
        services.group_archive(gaccess=self.gaccess)
        return self.summary()


# Participants ----------------------------------------------------------------------------------------------


class ParticipantListView(GroupAPIView):
    """Who is in the group and who is invited, with the people of those who joined. The lead's admins invite an
    active member company of the association (as member or observer) or one of its external counsel."""

    role_map = for_participants("GET", "POST")
    levels = {"GET": Level.SUMMARY, "POST": Level.SUMMARY}
    serializer_class = ParticipantSerializer
    pagination_class = None  # a group has a handful of participants

    @extend_schema(responses=ParticipantSerializer(many=True))
    def get(self, request, slug, group_id):
        return Response(self.get_serializer(participants_with_people(self.gaccess), many=True).data)

    @extend_schema(request=InviteSerializer, responses={201: ParticipantSerializer})
    def post(self, request, slug, group_id):
        self.require_manager()
        data = self.body(InviteSerializer)
        if "company" in data:
            participant = services.invite_company(gaccess=self.gaccess, company=data["company"], role=data["role"])
        else:
            participant = services.invite_counsel(gaccess=self.gaccess, user=data["counsel"])
        return Response(self.get_serializer(participant).data, status=status.HTTP_201_CREATED)


class ParticipantDetailView(GroupAPIView):
    """Remove a participant (the lead's admins): its people lose access at once. The lead cannot be removed."""

    role_map = for_participants("DELETE")
    levels = {"DELETE": Level.SUMMARY}

    @extend_schema(responses={204: None})
    def delete(self, request, slug, group_id, participant_id):
        participant = selectors.get_participant(self.gaccess, participant_id)
        services.participant_remove(gaccess=self.gaccess, participant=participant)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AnswerView(GroupAPIView):
    """The invited company's admin (or the invited counsel) joins the group or declines: joining answers the
    group's summary; declining answers 204, and the group disappears for you."""

    role_map = for_participants("POST")
    serializer_class = GroupSummarySerializer

    @extend_schema(request=AnswerSerializer, responses={200: GroupSummarySerializer, 204: None})
    def post(self, request, slug, group_id):
        accept = self.body(AnswerSerializer)["accept"]
        services.invitation_answer(gaccess=self.gaccess, accept=accept)
        return self.summary() if accept else Response(status=status.HTTP_204_NO_CONTENT)


class LeaveView(GroupAPIView):
    """A company's admin (or a counsel) leaves the group; its people lose access at once. The lead cannot leave."""

    role_map = for_participants("POST")
    levels = {"POST": Level.SUMMARY}

    @extend_schema(request=None, responses={204: None})
    def post(self, request, slug, group_id):
        services.group_leave(gaccess=self.gaccess)
        return Response(status=status.HTTP_204_NO_CONTENT)


# The agreement ---------------------------------------------------------------------------------------------


class AgreementView(GroupAPIView):
    """Every version of the common-interest agreement, newest first. The lead's admins publish a new version:
    every other participant must accept it before reading documents and chat again."""

    role_map = for_participants("GET", "POST")
    levels = {"GET": Level.SUMMARY, "POST": Level.SUMMARY}
    serializer_class = AgreementSerializer
    pagination_class = None  # a few versions

    @extend_schema(responses=AgreementSerializer(many=True))
    def get(self, request, slug, group_id):
        return Response(self.get_serializer(selectors.agreements(self.gaccess), many=True).data)

    @extend_schema(request=AgreementPublishSerializer, responses={201: AgreementSerializer})
    def post(self, request, slug, group_id):
        self.require_manager()
        text = self.body(AgreementPublishSerializer)["text"]
        agreement = services.agreement_publish(gaccess=self.gaccess, text=text)
        return Response(self.get_serializer(agreement).data, status=status.HTTP_201_CREATED)


class AgreementAcceptView(GroupAPIView):
    """A company's admin (or a counsel) accepts the current version for the company, naming the version read:
    a newer one published meanwhile is a field error. Accepting again changes nothing. Answers the summary."""

    role_map = for_participants("POST")
    levels = {"POST": Level.SUMMARY}
    serializer_class = GroupSummarySerializer

    @extend_schema(request=AgreementAcceptSerializer)
    def post(self, request, slug, group_id):
        version = self.body(AgreementAcceptSerializer)["version"]
        services.agreement_accept(gaccess=self.gaccess, version=version)
        return self.summary()


class AgreementWithdrawView(GroupAPIView):
    """A company's admin (or a counsel) withdraws from the agreement: its people lose the documents and the chat
    at once. Answers the summary."""

    role_map = for_participants("POST")
    levels = {"POST": Level.FULL}
    serializer_class = GroupSummarySerializer

    @extend_schema(request=None)
    def post(self, request, slug, group_id):
        services.agreement_withdraw(gaccess=self.gaccess)
        return self.summary()


# Documents -------------------------------------------------------------------------------------------------


class UploadGroupView(GroupAPIView):
    """multipart/form-data, with each file's name as sent (a name with a path in it is refused)."""

    parser_classes = [MultiPartParser]

    def upload(self, serializer_class) -> dict:
        data = self.body(serializer_class)
        uploads.check_sent_names(self.request)
        return data


class DocumentListView(mixins.ListModelMixin, UploadGroupView):
    """The group's documents you may read, newest first: the whole group's, counsel-only ones (for counsel and
    the lead), those chosen for your company, and your own uploads. Upload a PDF, Office, image, text or CSV
    file: its type is read from its content and must match its name."""

    role_map = for_participants("GET", "POST")
    levels = {"GET": Level.FULL, "POST": Level.FULL}
    serializer_class = DocumentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        return selectors.documents(self.gaccess).select_related("created_by")

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(request=DocumentUploadSerializer, responses={201: DocumentDetailSerializer})
    def post(self, request, slug, group_id):
        data = self.upload(DocumentUploadSerializer)
        document = document_services.document_upload(
            gaccess=self.gaccess,
            title=data["title"],
            audience=data["audience"],
            upload=data["file"],
            companies=data["companies"],
        )
        return document_detail(self, document.pk, status.HTTP_201_CREATED)


def document_detail(view: GroupAPIView, document_id, status_code=status.HTTP_200_OK) -> Response:
    document = selectors.get_document(view.gaccess, document_id)
    prefetch_related_objects([document], "created_by", "versions__uploaded_by")
    context = {
        **view.get_serializer_context(),
        "versions": document.versions.all(),
        "companies": selectors.document_companies(view.gaccess, document),
    }
    return Response(DocumentDetailSerializer(document, context=context).data, status=status_code)


class DocumentDetailView(GroupAPIView):
    """A document with all its versions, newest first."""

    role_map = for_participants("GET")
    levels = {"GET": Level.FULL}
    serializer_class = DocumentDetailSerializer

    def get(self, request, slug, group_id, document_id):
        return document_detail(self, document_id)


class DocumentVersionListView(UploadGroupView):
    """Upload a new version of a document (the same checks as a new document)."""

    role_map = for_participants("POST")
    levels = {"POST": Level.FULL}
    serializer_class = DocumentVersionDetailSerializer

    @extend_schema(request=DocumentVersionUploadSerializer, responses={201: DocumentVersionDetailSerializer})
    def post(self, request, slug, group_id, document_id):
        document = selectors.get_document(self.gaccess, document_id)
        upload = self.upload(DocumentVersionUploadSerializer)["file"]
        version = document_services.document_add_version(gaccess=self.gaccess, document=document, upload=upload)
        return Response(self.get_serializer(version).data, status=status.HTTP_201_CREATED)


class DocumentDownloadView(GroupAPIView):
    """One version's file, as an attachment under its sanitized name, never cached; every download is audited.
    Anything refused (not a participant, the agreement not accepted, a document you may not read) is 404."""

    role_map = for_participants("GET")
    levels = {"GET": Level.FULL}
    hide_below_level = True

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)  # a file, whatever the Accept header

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description=gettext_lazy("The file, in its own type, as an attachment.")
            )
        }
    )
    def get(self, request, slug, group_id, document_id, number):
        document = selectors.get_document(self.gaccess, document_id)
        version = next((v for v in document.versions.all() if v.number == number), None)
        if version is None:
            raise NotFound
        document_services.download_recorded(gaccess=self.gaccess, version=version)
        response = FileResponse(
            version.file.open("rb"), as_attachment=True, filename=version.filename, content_type=version.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response


# Raw reports shared into the group -------------------------------------------------------------------------


class SharedReportListView(mixins.ListModelMixin, GroupAPIView):
    """Raw reports their companies revealed to the group, newest first (the company is named, by its choice).
    A company shares one of its own reports; the group's participants read it while they stand by the agreement."""

    role_map = for_participants("GET", "POST")
    levels = {"GET": Level.FULL, "POST": Level.FULL}
    serializer_class = SharedReportSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Report.objects.none()
        return selectors.shared_reports(self.gaccess)

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(request=ReportShareSerializer, responses={201: SharedReportSerializer})
    def post(self, request, slug, group_id):
        report = self.body(ReportShareSerializer)["report"]
        services.report_share(gaccess=self.gaccess, report=report)
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)


class SharedReportDetailView(GroupAPIView):
    """Stop sharing one of your company's reports with the group."""

    role_map = for_participants("DELETE")
    levels = {"DELETE": Level.FULL}

    @extend_schema(responses={204: None})
    def delete(self, request, slug, group_id, report_id):
        report = selectors.shared_reports(self.gaccess).filter(pk=report_id).first()
        if report is None:
            raise NotFound
        services.report_unshare(gaccess=self.gaccess, report=report)
        return Response(status=status.HTTP_204_NO_CONTENT)
