"""API shapes of defense groups: the group, its participants, the agreement, documents and shared raw reports.
Parsing and rendering only: the services decide. Ids sent in a body resolve through the selectors, so an id the
caller may not use is a field error that says nothing about what exists."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from api.fields import MAX_ID, IdField, StrictCharField
from sharing.defense import selectors
from sharing.defense.access import Level
from sharing.defense.models import (
    Acceptance,
    Agreement,
    DefenseGroup,
    Document,
    DocumentAudience,
    DocumentVersion,
    GroupStatus,
    Participant,
    ParticipantRole,
    ParticipantStatus,
)
from sharing.reports import selectors as report_selectors
from sharing.reports.serializers import OwnReportSerializer, PlaintiffSerializer
from tenancy.access import NoAccess
from tenancy.serializers import CompanySummarySerializer

PRIVILEGE_LABEL = _("Privileged and confidential, common interest")
LEVELS = {Level.INVITED: "invited", Level.SUMMARY: "summary", Level.FULL: "full"}


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "display_name"]
        read_only_fields = fields


class LevelField(serializers.ChoiceField):
    """What the caller sees of the group: the invitation, the summary, or everything (after the agreement)."""

    def __init__(self, **kwargs):
        super().__init__(choices=list(LEVELS.values()), read_only=True, **kwargs)

    def to_representation(self, value):
        return LEVELS[Level(value)]


# Groups ----------------------------------------------------------------------------------------------------


class GroupSerializer(serializers.ModelSerializer):
    """A group in the caller's list (`selectors.groups_with_standing`), with the caller's role and level."""

    plaintiff = PlaintiffSerializer(read_only=True, allow_null=True)
    role = serializers.ChoiceField(source="my_role", choices=ParticipantRole.choices, read_only=True)
    level = serializers.SerializerMethodField(help_text=_("invited, summary (agreement not accepted) or full."))

    class Meta:
        model = DefenseGroup
        fields = [
            "id",
            "name",
            "description",
            "plaintiff",
            "listed",
            "status",
            "created_at",
            "archived_at",
            "role",
            "level",
        ]
        read_only_fields = fields

    @extend_schema_field(LevelField())
    def get_level(self, group) -> str:
        if group.my_status == ParticipantStatus.INVITED:
            return LEVELS[Level.INVITED]
        return LEVELS[Level.FULL if group.my_accepted else Level.SUMMARY]


class GroupCreateSerializer(serializers.Serializer):
    name = StrictCharField(trim_whitespace=False)
    description = StrictCharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    plaintiff_name = StrictCharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The plaintiff the members face, as a complaint names it; matched to the known entities."),
    )
    listed = serializers.BooleanField(
        required=False, default=False, help_text=_("Moderators may see that the group exists, never its content.")
    )
    agreement_text = StrictCharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text=_("Version 1 of the common-interest agreement, accepted by your company at once."),
    )


class GroupUpdateSerializer(serializers.Serializer):
    """Fields left out keep their value."""

    name = StrictCharField(required=False, trim_whitespace=False)
    description = StrictCharField(required=False, allow_blank=True, trim_whitespace=False)
    listed = serializers.BooleanField(required=False)


class AgreementVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["version", "created_at"]
        read_only_fields = fields


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["version", "text", "created_at"]
        read_only_fields = fields


class ParticipantSerializer(serializers.ModelSerializer):
    """A company (with its people once it has joined) or one external counsel."""

    company = CompanySummarySerializer(read_only=True, allow_null=True)
    counsel = PersonSerializer(source="user", read_only=True, allow_null=True)
    people = serializers.SerializerMethodField(
        help_text=_("Who the participant stands for, once it has joined: ids to mention in the chat.")
    )

    class Meta:
        model = Participant
        fields = ["id", "company", "counsel", "role", "status", "invited_at", "decided_at", "people"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(many=True))
    def get_people(self, participant):
        if participant.status != ParticipantStatus.ACTIVE:
            return []
        if participant.user_id is not None:
            people = [participant.user] if participant.user.is_active else []
        else:
            people = participant.company.active_people  # prefetched by the view
        return PersonSerializer(people, many=True).data


class AcceptanceSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="agreement.version", read_only=True)
    participant = serializers.IntegerField(source="participant_id", read_only=True)
    company = CompanySummarySerializer(source="participant.company", read_only=True, allow_null=True)
    counsel = PersonSerializer(source="participant.user", read_only=True, allow_null=True)
    accepted_by = PersonSerializer(read_only=True)

    class Meta:
        model = Acceptance
        fields = ["version", "participant", "company", "counsel", "accepted_by", "accepted_at", "withdrawn_at"]
        read_only_fields = fields


class GroupSummarySerializer(serializers.Serializer):
    """One group as the caller sees it (rendered from a GroupAccess). Participants and acceptances are given
    once the caller's company (or the caller, as counsel) has joined: pass them as `participants` and
    `acceptances` in the context, or None."""

    id = serializers.IntegerField(source="group.pk")
    name = serializers.CharField(source="group.name")
    description = serializers.CharField(source="group.description")
    plaintiff = PlaintiffSerializer(source="group.plaintiff", allow_null=True)
    listed = serializers.BooleanField(source="group.listed")
    status = serializers.ChoiceField(source="group.status", choices=GroupStatus.choices)
    created_at = serializers.DateTimeField(source="group.created_at")
    archived_at = serializers.DateTimeField(source="group.archived_at", allow_null=True)
    level = LevelField()
    role = serializers.ChoiceField(source="participant.role", choices=ParticipantRole.choices)
    participant = serializers.IntegerField(source="participant.pk", help_text=_("Your company's (or your) place."))
    manages = serializers.BooleanField(help_text=_("You may invite, remove, publish the agreement and archive."))
    can_write = serializers.BooleanField(help_text=_("You may upload, share reports and post."))
    acts_for_participant = serializers.BooleanField(
        help_text=_("You may answer the invitation, accept or withdraw from the agreement, and leave.")
    )
    agreement = AgreementVersionSerializer(allow_null=True, help_text=_("The current version."))
    participants = serializers.SerializerMethodField()
    acceptances = serializers.SerializerMethodField()
    # A declared field named "label": DRF's serializer metaclass takes it into _declared_fields, so Field.label (the
    # attribute the stubs see) is untouched.
    label = serializers.SerializerMethodField()  # type: ignore[assignment]

    @extend_schema_field(ParticipantSerializer(many=True, allow_null=True))
    def get_participants(self, gaccess):
        participants = self.context["participants"]
        return None if participants is None else ParticipantSerializer(participants, many=True).data

    @extend_schema_field(AcceptanceSerializer(many=True, allow_null=True))
    def get_acceptances(self, gaccess):
        acceptances = self.context["acceptances"]
        return None if acceptances is None else AcceptanceSerializer(acceptances, many=True).data

    def get_label(self, gaccess) -> str:
        return str(PRIVILEGE_LABEL)


class ListedGroupSerializer(serializers.ModelSerializer):
    """What moderators and association admins may know of a listed group: never who is in it."""

    plaintiff = PlaintiffSerializer(read_only=True, allow_null=True)
    size = serializers.IntegerField(read_only=True, help_text=_("Participants that have joined."))

    class Meta:
        model = DefenseGroup
        fields = ["name", "plaintiff", "size"]
        read_only_fields = fields


# Participants ----------------------------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class _InvitableCompanyField(serializers.IntegerField):
    default_error_messages = {
        "does_not_exist": _("Choose an active member company of this association."),
        "taken": _("Already invited or in the group."),
    }

    def to_internal_value(self, data):
        company_id = super().to_internal_value(data)
        gaccess = self.context["gaccess"]
        company = selectors.invitable_companies(gaccess).filter(pk=company_id).first()
        if company is None:
            taken = selectors.participants(gaccess).filter(company_id=company_id).exists()
            self.fail("taken" if taken else "does_not_exist")
        return company


@extend_schema_field(OpenApiTypes.INT)
class _InvitableCounselField(serializers.IntegerField):
    default_error_messages = {
        "does_not_exist": _("Choose one of the association's external counsel."),
        "taken": _("Already invited or in the group."),
    }

    def to_internal_value(self, data):
        user_id = super().to_internal_value(data)
        gaccess = self.context["gaccess"]
        user = selectors.invitable_counsel(gaccess).filter(pk=user_id).first()
        if user is None:
            taken = selectors.participants(gaccess).filter(user_id=user_id).exists()
            self.fail("taken" if taken else "does_not_exist")
        return user


class InviteSerializer(serializers.Serializer):
    """A member company (`company`, with `role`) or one of the association's external counsel (`counsel`)."""

    company = _InvitableCompanyField(required=False, help_text=_("A member company's id."))
    role = serializers.ChoiceField(
        choices=[ParticipantRole.MEMBER, ParticipantRole.OBSERVER],
        required=False,
        default=ParticipantRole.MEMBER,
        help_text=_("For a company: member, or observer (reads, never writes)."),
    )
    counsel = _InvitableCounselField(required=False, help_text=_("An external counsel's user id."))

    def validate(self, data):
        if ("company" in data) == ("counsel" in data):
            raise serializers.ValidationError(_("Invite either a company or a counsel."))
        return data


class AnswerSerializer(serializers.Serializer):
    accept = serializers.BooleanField(help_text=_("true joins the group, false declines the invitation."))


# The agreement ---------------------------------------------------------------------------------------------


class AgreementPublishSerializer(serializers.Serializer):
    text = StrictCharField(allow_blank=True, trim_whitespace=False)


class AgreementAcceptSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text=_("The version you read: accepting fails if a newer one was published meanwhile."),
    )


# Documents -------------------------------------------------------------------------------------------------


class DocumentVersionSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField(help_text=_("Where to download this version (an attachment)."))

    class Meta:
        model = DocumentVersion
        fields = ["number", "filename", "content_type", "size", "sha256", "uploaded_at", "download"]
        read_only_fields = fields

    def get_download(self, version) -> str:
        view = self.context["view"]
        path = reverse(
            "api:group-document-download",
            kwargs={
                "slug": view.access.association.slug,
                "group_id": view.gaccess.group.pk,
                "document_id": version.document_id,
                "number": version.number,
            },
        )
        return self.context["request"].build_absolute_uri(path)


class DocumentVersionDetailSerializer(DocumentVersionSerializer):
    uploaded_by = PersonSerializer(read_only=True)

    class Meta(DocumentVersionSerializer.Meta):
        fields = [*DocumentVersionSerializer.Meta.fields, "uploaded_by"]
        read_only_fields = fields


class DocumentSerializer(serializers.ModelSerializer):
    """A document with its latest version (the versions are prefetched, newest first)."""

    created_by = PersonSerializer(read_only=True)
    latest_version = serializers.SerializerMethodField()
    version_count = serializers.SerializerMethodField()
    # A declared field named "label": DRF's serializer metaclass takes it into _declared_fields, so Field.label (the
    # attribute the stubs see) is untouched.
    label = serializers.SerializerMethodField()  # type: ignore[assignment]

    class Meta:
        model = Document
        fields = ["id", "title", "audience", "created_by", "created_at", "latest_version", "version_count", "label"]
        read_only_fields = fields

    @extend_schema_field(DocumentVersionSerializer)
    def get_latest_version(self, document):
        versions = list(document.versions.all())
        return DocumentVersionSerializer(versions[0], context=self.context).data

    def get_version_count(self, document) -> int:
        return len(document.versions.all())

    def get_label(self, document) -> str:
        return str(PRIVILEGE_LABEL)


class DocumentDetailSerializer(DocumentSerializer):
    """Pass the versions (with their uploaders) as `versions`, and for the "chosen companies" audience the
    companies as `companies`, in the context."""

    versions = serializers.SerializerMethodField()
    companies = serializers.SerializerMethodField(help_text=_("For the “chosen companies” audience: which."))

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "companies", "versions"]
        read_only_fields = fields

    @extend_schema_field(DocumentVersionDetailSerializer(many=True))
    def get_versions(self, document):
        return DocumentVersionDetailSerializer(self.context["versions"], many=True, context=self.context).data

    @extend_schema_field(CompanySummarySerializer(many=True))
    def get_companies(self, document):
        return CompanySummarySerializer(self.context["companies"], many=True).data


class DocumentUploadSerializer(serializers.Serializer):
    """multipart/form-data. The service checks the file (size, a plain name, content matching the type)."""

    title = StrictCharField(
        required=False, allow_blank=True, default="", trim_whitespace=False, help_text=_("The file's name if empty.")
    )
    audience = serializers.ChoiceField(choices=DocumentAudience.choices, default=DocumentAudience.GROUP)
    companies = serializers.ListField(
        child=IdField(),
        required=False,
        default=list,
        max_length=100,
        help_text=_("For the “chosen companies” audience: ids of companies of the group (repeat the field)."),
    )
    file = serializers.FileField(allow_empty_file=True, use_url=False)

    def validate_companies(self, ids):
        if not ids:
            return []
        chosen = (
            selectors.participants(self.context["gaccess"])
            .filter(status=ParticipantStatus.ACTIVE, company_id__in=ids)
            .select_related("company")
        )
        companies = [participant.company for participant in chosen]
        if len(companies) != len(set(ids)):
            raise serializers.ValidationError(_("Choose companies of this group."))
        return companies


class DocumentVersionUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, use_url=False)


# Raw reports shared into the group ---------------------------------------------------------------------------


class SharedReportSerializer(OwnReportSerializer):
    """A raw report its company revealed to the group: the company is named, by its own choice."""

    company = CompanySummarySerializer(read_only=True)

    class Meta(OwnReportSerializer.Meta):
        fields = [*OwnReportSerializer.Meta.fields, "company"]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.INT)
class _OwnReportField(serializers.IntegerField):
    default_error_messages = {"does_not_exist": _("Choose one of your company's reports.")}

    def to_internal_value(self, data):
        try:
            return report_selectors.get_own_report(self.context["view"].access, super().to_internal_value(data))
        except NoAccess:
            self.fail("does_not_exist")


class ReportShareSerializer(serializers.Serializer):
    report = _OwnReportField(help_text=_("One of your company's reports: its raw version becomes readable here."))
