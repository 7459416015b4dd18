"""Defense group pages, mounted at /a/<slug>/groups/.

Who is in a group is confidential: every group page resolves the caller's participation first
(sharing.defense.access.get_group_access), and anyone who is not a participant, or whose level is below what the
page needs, gets the same 404 as for a group that does not exist. Reads go through sharing.defense.selectors, writes
through sharing.defense.services and .document_services, one call per request. The chat's page is sharing.chat.views'.
"""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import FileResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sharing.defense import document_services, selectors, services, uploads
from sharing.defense.access import GroupAccess, Level, get_group_access
from sharing.defense.forms import (
    AcceptForm,
    AgreementForm,
    DocumentUploadForm,
    GroupCreateForm,
    GroupSettingsForm,
    InviteForm,
    ShareReportForm,
    UploadForm,
)
from sharing.defense.models import ParticipantRole, ParticipantStatus
from sharing.reports import selectors as report_selectors
from sharing.reports.models import Report
from tenancy.access import COMPANY_ROLES, STAFF_ROLES, Access, NoAccess, Role
from tenancy.mixins import AssociationMixin
from tenancy.models import Company
from web.pagination import page_of
from web.service_views import ServiceActionView, ServiceFormView

GROUP_PEOPLE = COMPANY_ROLES | {Role.COUNSEL}

if TYPE_CHECKING:
    from django.views.generic.base import ContextMixin

    class _MixedInto(ContextMixin, View):
        """What _ResolveGroup is mixed into (its super() calls are checked against it)."""

        access: Access  # AssociationMixin's
else:
    _MixedInto = object


def group_url(name: str, slug: str, group_id: int, **kwargs) -> str:
    return reverse(f"defense:{name}", kwargs={"slug": slug, "group_id": group_id, **kwargs})


class _ResolveGroup(_MixedInto):
    """Runs after AssociationMixin has resolved `self.access` (see GroupMixin's bases)."""

    gaccess: GroupAccess
    minimum = Level.INVITED
    managers_only = False  # the lead company's admins only (settings, invitations, agreement, removal, archive)

    def dispatch(self, request, *args, **kwargs):
        self.gaccess = get_group_access(self.access, kwargs["group_id"], minimum=self.minimum)
        if self.managers_only and not self.gaccess.manages:
            raise NoAccess
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(gaccess=self.gaccess, group=self.gaccess.group, **kwargs)

    def group_url(self, name: str = "detail", **kwargs) -> str:
        return group_url(name, self.access.association.slug, self.gaccess.group.pk, **kwargs)


class GroupMixin(AssociationMixin, _ResolveGroup):
    """A page of one group: `self.gaccess` is the caller's access to it, at least `minimum`."""


class GroupAction(GroupMixin, ServiceActionView):
    """A POST button of a group page: one service call, back to the group with a message (or to the list of
    groups when the caller is no longer in it)."""

    left = False

    def get_success_url(self) -> str:
        return reverse("defense:list", kwargs={"slug": self.kwargs["slug"]}) if self.left else self.group_url()


# Lists and creation ----------------------------------------------------------------------------------------


class GroupListView(AssociationMixin, TemplateView):
    """The groups the caller's company (or the caller, as counsel) is in, and its pending invitations."""

    allowed_roles = GROUP_PEOPLE
    template_name = "defense/list.html"

    def get_context_data(self, **kwargs):
        groups = list(selectors.groups_for(self.access))
        return super().get_context_data(
            invitations=[group for group in groups if group.my_status == ParticipantStatus.INVITED],
            groups=[group for group in groups if group.my_status != ParticipantStatus.INVITED],
            can_create=self.access.is_company_admin,
            **kwargs,
        )


class GroupCreateView(AssociationMixin, ServiceFormView):
    allowed_roles = frozenset({Role.COMPANY_ADMIN})
    form_class = GroupCreateForm
    template_name = "defense/create.html"

    def perform(self, form):
        self.group = services.group_create(access=self.access, **form.cleaned_data)
        return _("The group is created. Invite the companies and counsel who defend with you.")

    def get_success_url(self) -> str:
        return group_url("detail", self.access.association.slug, self.group.pk)


class ListedGroupsView(AssociationMixin, TemplateView):
    """Moderators and association admins: that listed groups exist (name, plaintiff, size), never their content."""

    allowed_roles = STAFF_ROLES
    template_name = "defense/listed.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_obj=page_of(self.request, selectors.listed_groups(self.access)), **kwargs)


# One group: summary, invitation, agreement, management -----------------------------------------------------


class GroupDetailView(GroupMixin, TemplateView):
    """What the caller's level allows: the invitation; the summary and the agreement to accept; or everything."""

    template_name = "defense/detail.html"

    def get_context_data(self, **kwargs):
        gaccess = self.gaccess
        context: dict[str, Any] = {"invited": gaccess.level == Level.INVITED}
        if context["invited"]:
            context["lead"] = selectors.participants(gaccess).filter(role=ParticipantRole.LEAD).first()
        else:
            context["participants"] = selectors.participants(gaccess)
            context["acceptances"] = selectors.acceptances(gaccess)
            context["can_withdraw"] = gaccess.can_read and gaccess.acts_for_participant
            context["can_leave"] = gaccess.acts_for_participant and not gaccess.is_lead
        return super().get_context_data(**context, **kwargs)


class GroupSettingsView(GroupMixin, ServiceFormView):
    managers_only = True
    form_class = GroupSettingsForm
    template_name = "defense/settings.html"

    def get_initial(self):
        group = self.gaccess.group
        return {"name": group.name, "description": group.description, "listed": group.listed}

    def perform(self, form):
        services.group_update(gaccess=self.gaccess, **form.cleaned_data)
        return _("The group's settings are saved.")

    def get_success_url(self) -> str:
        return self.group_url()


class GroupArchiveView(GroupAction):
    managers_only = True

    def perform(self):
        services.group_archive(gaccess=self.gaccess)
        return _("The group is archived: its participants can still read it, nobody can add to it.")


class InviteView(GroupMixin, ServiceFormView):
    managers_only = True
    form_class = InviteForm
    template_name = "defense/invite.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "companies": selectors.invitable_companies(self.gaccess),
            "counsel": selectors.invitable_counsel(self.gaccess),
        }

    def perform(self, form):
        data = form.cleaned_data
        if data["company"] is not None:
            services.invite_company(gaccess=self.gaccess, company=data["company"], role=data["role"])
        else:
            services.invite_counsel(gaccess=self.gaccess, user=data["counsel"])
        return _("The invitation is sent. Its admins see the group once they accept.")

    def get_success_url(self) -> str:
        return self.group_url()


class AnswerView(GroupAction):
    """The invited company's admin (or the invited counsel) accepts or declines the invitation."""

    def perform(self):
        answer = self.kwargs["answer"]
        if answer not in {"accept", "decline"}:
            raise NoAccess
        services.invitation_answer(gaccess=self.gaccess, accept=answer == "accept")
        if answer == "accept":
            return _("You joined the group. Accept its agreement to read the documents and the chat.")
        self.left = True
        return _("You declined the invitation.")


class RemoveView(GroupAction):
    managers_only = True

    def perform(self):
        participant = selectors.get_participant(self.gaccess, self.kwargs["participant_id"])
        services.participant_remove(gaccess=self.gaccess, participant=participant)
        return _("The participant is removed: its people lost access to the group at once.")


class LeaveView(GroupAction):
    minimum = Level.SUMMARY

    def perform(self):
        participant = services.group_leave(gaccess=self.gaccess)
        self.left = True
        return _("You left the group.") if participant.user_id else _("Your company left the group.")


class AgreementView(GroupMixin, ServiceFormView):
    """The lead publishes a new version of the agreement."""

    managers_only = True
    form_class = AgreementForm
    template_name = "defense/agreement.html"

    def get_initial(self):
        return {"text": self.gaccess.agreement.text if self.gaccess.agreement else ""}

    def perform(self, form):
        agreement = services.agreement_publish(gaccess=self.gaccess, text=form.cleaned_data["text"])
        return _(
            "Version %(version)d is published. The other participants read the documents and the chat again once "
            "they accept it."
        ) % {"version": agreement.version}

    def get_success_url(self) -> str:
        return self.group_url()


class AgreementAcceptView(GroupAction):
    minimum = Level.SUMMARY

    def perform(self):
        form = AcceptForm(self.request.POST)
        version = form.cleaned_data["version"] if form.is_valid() else None
        acceptance = services.agreement_accept(gaccess=self.gaccess, version=version)
        return _("You accepted version %(version)d of the agreement: the documents and the chat are open.") % {
            "version": acceptance.agreement.version
        }


class AgreementWithdrawView(GroupAction):
    minimum = Level.FULL

    def perform(self):
        services.agreement_withdraw(gaccess=self.gaccess)
        return _("You withdrew from the agreement: the documents and the chat are closed to you from now on.")


# Documents -------------------------------------------------------------------------------------------------


class DocumentListView(GroupMixin, ServiceFormView):
    """The documents the caller may read, and the upload form."""

    minimum = Level.FULL
    form_class = DocumentUploadForm
    template_name = "defense/documents.html"

    def get_form_kwargs(self):
        # The "chosen companies" audience: the group's active companies.
        active = selectors.participants(self.gaccess).filter(status=ParticipantStatus.ACTIVE, company__isnull=False)
        companies = Company.objects.filter(pk__in=active.values("company_id")).order_by("legal_name_en", "id")
        return {**super().get_form_kwargs(), "companies": companies}

    def get_context_data(self, **kwargs):
        listed = selectors.documents(self.gaccess).prefetch_related("versions__uploaded_by")
        return super().get_context_data(documents=listed, max_bytes=settings.DOCUMENT_MAX_BYTES, **kwargs)

    def perform(self, form):
        uploads.check_sent_names(self.request)
        data = form.cleaned_data
        self.document = document_services.document_upload(
            gaccess=self.gaccess,
            title=data["title"],
            audience=data["audience"],
            upload=data["file"],
            companies=data["companies"],
        )
        return _("The document is uploaded.")

    def get_success_url(self) -> str:
        return self.group_url("document", document_id=self.document.pk)


class DocumentDetailView(GroupMixin, ServiceFormView):
    """A document's versions, each downloadable, and the form to add a version."""

    minimum = Level.FULL
    form_class = UploadForm
    template_name = "defense/document.html"

    @cached_property
    def document(self):
        return selectors.get_document(self.gaccess, self.kwargs["document_id"])

    def get_context_data(self, **kwargs):
        versions = sorted(self.document.versions.all(), key=lambda version: -version.number)
        return super().get_context_data(document=self.document, versions=versions, **kwargs)

    def perform(self, form):
        uploads.check_sent_names(self.request)
        version = document_services.document_add_version(
            gaccess=self.gaccess, document=self.document, upload=form.cleaned_data["file"]
        )
        return _("Version %(version)d is uploaded.") % {"version": version.number}

    def get_success_url(self) -> str:
        return self.group_url("document", document_id=self.document.pk)


class DocumentDownloadView(GroupMixin, View):
    """One version's file, as an attachment, never rendered by the browser; every download is audited. Any
    failure (no access, no such version, a file missing from storage) is the same 404."""

    minimum = Level.FULL
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        document = selectors.get_document(self.gaccess, kwargs["document_id"])
        version = next((v for v in document.versions.all() if v.number == kwargs["number"]), None)
        if version is None:
            raise NoAccess
        if version.file.name is None:  # no file stored: a 404, like any other failure
            raise NoAccess
        try:
            handle = version.file.storage.open(version.file.name, "rb")
        except (OSError, ValueError):
            raise NoAccess from None
        document_services.download_recorded(gaccess=self.gaccess, version=version)
        response = FileResponse(
            handle, as_attachment=True, filename=version.filename, content_type=version.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


# Raw reports shared into the group -------------------------------------------------------------------------


class SharedReportsView(GroupMixin, ServiceFormView):
    """Reports their companies revealed to the group; a reporting company shares one of its own here."""

    minimum = Level.FULL
    form_class = ShareReportForm
    template_name = "defense/reports.html"

    @cached_property
    def shared(self):
        return selectors.shared_reports(self.gaccess).order_by("-created_at", "-id")

    def get_form_kwargs(self):
        reports = Report.objects.none()
        if self.access.company is not None:
            reports = report_selectors.own_reports(self.access).exclude(pk__in=self.shared.values("pk"))
        return {**super().get_form_kwargs(), "reports": reports}

    def get_context_data(self, **kwargs):
        can_share = self.gaccess.can_write and self.access.company is not None
        return super().get_context_data(shared=self.shared, can_share=can_share, **kwargs)

    def perform(self, form):
        services.report_share(gaccess=self.gaccess, report=form.cleaned_data["report"])
        return _("Your report is shared with the group: its participants now read it as you wrote it.")

    def get_success_url(self) -> str:
        return self.group_url("reports")


class ReportUnshareView(GroupAction):
    minimum = Level.SUMMARY

    def perform(self):
        report = report_selectors.get_own_report(self.access, self.kwargs["report_id"])
        services.report_unshare(gaccess=self.gaccess, report=report)
        return _("The group no longer sees your report.")

    def get_success_url(self) -> str:
        return self.group_url("reports")
