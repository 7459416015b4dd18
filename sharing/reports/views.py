"""Report pages, mounted at /a/<slug>/reports/: browsing published reports, the company's own reports, moderation.

Every read goes through sharing.reports.selectors (scoped: a foreign or forbidden id is a 404) and every write
through sharing.reports.services. Pages other members or moderators see show shared versions only, never the
raw report or anything naming its company.
"""

import uuid
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sharing.plaintiffs.selectors import plaintiff_near_names, plaintiff_suggestions
from sharing.reports import selectors, services
from sharing.reports.anonymizer import marked_shared, marked_source
from sharing.reports.choices import ReportStatus
from sharing.reports.forms import (
    ApproveForm,
    ClassifyForm,
    PlaintiffQueryForm,
    PublishedFilter,
    ReasonForm,
    RedactForm,
    RejectForm,
    ReportCreateForm,
    ReportForm,
    ReturnForm,
)
from sharing.reports.models import Report, ReturnReason, SharedVersion
from sharing.reports.rights import right_labels, with_right_labels
from sharing.reports.shared import SharedDraft, build_shared
from tenancy.access import COMPANY_ROLES, PERSON_ROLES, STAFF_ROLES, Access, NoAccess
from tenancy.mixins import AssociationMixin
from web.forms import add_service_errors
from web.pagination import page_of
from web.service_views import ServiceActionView, ServiceFormView

if TYPE_CHECKING:
    _MixedInto = ServiceFormView  # what ReportFormMixin is mixed into: its super() calls are checked against it
else:
    _MixedInto = object

# Saving a report in these statuses sends the moderators a new revision (services.report_update).
RESUBMITTED_ON_UPDATE = services.IN_MODERATION | {ReportStatus.PUBLISHED}


def preview_context(draft: SharedDraft) -> dict:
    """What the reporter's preview shows: the shared fields, and the narrative with each redaction marked."""
    return {"shared": with_right_labels(SharedVersion(**draft.fields)), "marked": marked_source(draft.redaction)}


def own_detail_url(slug: str, report_id: int) -> str:
    return reverse("reports:own_detail", kwargs={"slug": slug, "report_id": report_id})


# Published reports: every person of the association --------------------------------------------------------


class PublishedListView(AssociationMixin, TemplateView):
    """Filters, search and sort; invalid filter values are field errors and an empty result."""

    allowed_roles = PERSON_ROLES
    template_name = "reports/published_list.html"

    def get_context_data(self, **kwargs):
        versions = selectors.published_versions(self.access)
        filters = PublishedFilter(self.request.GET, queryset=versions, association=self.access.association)
        page = page_of(self.request, filters.qs if filters.is_valid() else versions.none())
        for version in page.object_list:
            with_right_labels(version)
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(filters=filters, page_obj=page, extra_query=query.urlencode(), **kwargs)


class PublishedDetailView(AssociationMixin, TemplateView):
    allowed_roles = PERSON_ROLES
    template_name = "reports/published_detail.html"

    def get_context_data(self, **kwargs):
        version = selectors.get_published_version(self.access, self.kwargs["version_id"])
        return super().get_context_data(
            shared=with_right_labels(version),
            narrative=marked_shared(version.narrative),
            similar=[with_right_labels(other) for other in selectors.similar_versions(self.access, version)],
            **kwargs,
        )


class PlaintiffSuggestView(AssociationMixin, View):
    """GET ?q=: plaintiff entities matching what was typed, as [{"id", "name"}] for the report form's datalist."""

    allowed_roles = PERSON_ROLES
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        query = PlaintiffQueryForm(request.GET)
        text = query.cleaned_data["q"] if query.is_valid() else ""
        entities = plaintiff_suggestions(entities=selectors.known_plaintiffs(self.access), text=text)
        return JsonResponse([{"id": entity.pk, "name": entity.name} for entity in entities], safe=False)


# The caller's company's own reports ------------------------------------------------------------------------


class OwnListView(AssociationMixin, TemplateView):
    allowed_roles = COMPANY_ROLES
    template_name = "reports/own_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_obj=page_of(self.request, selectors.own_reports(self.access)), **kwargs)


class ReportFormMixin(_MixedInto):
    """The report form with its two buttons: "Preview" shows the shared version (and, for a plaintiff name no
    one used before, the known names close to it) and saves nothing; "Save" calls the view's service
    (`perform`) and opens the report."""

    template_name = "reports/report_form.html"
    access: Access  # AssociationMixin's
    saved: Report  # the report `perform` saved

    @property
    def report(self) -> Report | None:
        """The report being edited (ReportEditView); None for a new one."""
        return None

    def form_valid(self, form):
        if "preview" not in self.request.POST:
            return super().form_valid(form)
        try:
            draft = services.report_preview(access=self.access, data=form.service_data(), report=self.report)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        near = plaintiff_near_names(
            entities=selectors.known_plaintiffs(self.access), name=form.cleaned_data["plaintiff_name"]
        )
        context = self.get_context_data(form=form, preview=preview_context(draft), near_plaintiffs=near)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        resubmits = self.report is not None and self.report.status in RESUBMITTED_ON_UPDATE
        return super().get_context_data(report=self.report, resubmits=resubmits, **kwargs)

    def get_success_url(self) -> str:
        return own_detail_url(self.access.association.slug, self.saved.pk)


class ReportCreateView(AssociationMixin, ReportFormMixin, ServiceFormView):
    allowed_roles = COMPANY_ROLES
    form_class = ReportCreateForm

    def get_initial(self):
        assert self.access.company is not None  # COMPANY_ROLES
        return {"idempotency_key": uuid.uuid4(), "industry": self.access.company.industry}

    def perform(self, form):
        # A repeated submission of the same form finds the report the first one created.
        self.saved, _created = services.report_create(
            access=self.access, data=form.service_data(), idempotency_key=form.cleaned_data["idempotency_key"]
        )
        return _("The report is saved as a draft. Submit it when the shared version looks right.")


class ReportEditView(AssociationMixin, ReportFormMixin, ServiceFormView):
    allowed_roles = COMPANY_ROLES
    form_class = ReportForm

    @cached_property
    def report(self):
        return selectors.get_own_report(self.access, self.kwargs["report_id"], perm="change_report")

    def get_initial(self):
        return ReportForm.initial_for(self.report)

    def perform(self, form):
        self.saved = services.report_update(report=self.report, actor=self.user, data=form.service_data())
        if self.saved.status in services.IN_MODERATION:
            return _("The changes are saved and sent to the moderators as a new revision.")
        return _("The changes are saved.")


class OwnDetailView(AssociationMixin, TemplateView):
    """The raw report, how many others face the same plaintiff or case (never who), the shared version it makes,
    the moderators' decisions on each revision, and the actions its status allows. The campaigns it is in come
    from a template tag of campaigns (campaign_tags), which stand on reports."""

    allowed_roles = COMPANY_ROLES
    template_name = "reports/own_detail.html"

    def get_context_data(self, **kwargs):
        report = selectors.get_own_report(self.access, self.kwargs["report_id"])
        language = translation.get_language()
        versions = list(selectors.report_versions(report))
        for version in versions:
            version.reason_texts = [reason.get(language) or reason.get("en", "") for reason in version.return_reasons]
        status = report.status
        return super().get_context_data(
            report=report,
            right_labels=right_labels(report.rights),
            links=selectors.report_links(report),
            versions=versions,
            can_edit=status in services.EDITABLE,
            can_submit=status in {ReportStatus.DRAFT, ReportStatus.RETURNED},
            can_withdraw=status != ReportStatus.WITHDRAWN,
            can_archive=status == ReportStatus.PUBLISHED,
            **preview_context(build_shared(report)),
            **kwargs,
        )


class ReportActionView(AssociationMixin, ServiceActionView):
    """A button on the own report page: one service call, back to the report with a message."""

    allowed_roles = COMPANY_ROLES

    def perform(self):
        report = selectors.get_own_report(self.access, self.kwargs["report_id"], perm="change_report")
        return self.act(report)

    def act(self, report: Report) -> str:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return own_detail_url(self.kwargs["slug"], self.kwargs["report_id"])


class ReportSubmitView(ReportActionView):
    def act(self, report):
        services.report_submit(report=report, actor=self.user)
        return _("The report is sent to the moderators. Other members see it once a moderator publishes it.")


class ReportWithdrawView(ReportActionView):
    def act(self, report):
        services.report_withdraw(report=report, actor=self.user)
        return _("The report is withdrawn: no other member can see it any more.")


class ReportArchiveView(ReportActionView):
    def act(self, report):
        services.report_archive(report=report, actor=self.user)
        return _("The report is archived: it stays readable and can no longer be changed.")


# Moderation: moderators and association admins -------------------------------------------------------------


class ModerationQueueView(AssociationMixin, TemplateView):
    allowed_roles = STAFF_ROLES
    template_name = "reports/moderation_queue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_obj=page_of(self.request, selectors.moderation_queue(self.access)), **kwargs
        )


DECISION_FORMS = {
    "approve": ApproveForm,
    "return": ReturnForm,
    "reject": RejectForm,
    "redact": RedactForm,
    "classify": ClassifyForm,
}
STAYS_IN_QUEUE = {"redact", "classify"}  # after these the moderator is back on the revision


class ModerationDetailView(AssociationMixin, TemplateView):
    """A pending revision as moderators see it: the shared version only, and a form for each decision."""

    allowed_roles = STAFF_ROLES
    template_name = "reports/moderation_detail.html"

    @cached_property
    def version(self) -> SharedVersion:
        return selectors.get_version_for_moderation(self.access, self.kwargs["version_id"])

    def decision_form(self, decision: str, data=None):
        extra: dict[str, Any] = {"reasons": selectors.return_reasons(self.access)} if decision == "return" else {}
        if decision == "classify":
            extra = {"initial": {"classification": self.version.plaintiff.classification}}
        return DECISION_FORMS[decision](data, prefix=decision, **extra)

    def get_context_data(self, bound_forms=None, **kwargs):
        decision_forms = {decision: self.decision_form(decision) for decision in DECISION_FORMS}
        return super().get_context_data(
            shared=with_right_labels(self.version),
            narrative=marked_shared(self.version.narrative),
            forms={**decision_forms, **(bound_forms or {})},
            **kwargs,
        )


class ModerationDecisionView(ModerationDetailView):
    """POST a decision. Errors are shown on the moderation page; a decision goes back to the queue, a
    redaction back to the revision."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        decision = kwargs["decision"]
        if decision not in DECISION_FORMS:
            raise NoAccess
        form = self.decision_form(decision, request.POST)
        if form.is_valid():
            try:
                message = self.decide(decision, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, message)
                slug = self.access.association.slug
                if decision in STAYS_IN_QUEUE:
                    return redirect("reports:moderation_detail", slug=slug, version_id=self.version.pk)
                return redirect("reports:moderation", slug=slug)
        return self.render_to_response(self.get_context_data(bound_forms={decision: form}))

    def decide(self, decision: str, data: dict) -> str:
        version, actor = self.version, self.user
        if decision == "approve":
            services.version_approve(version=version, actor=actor)
            return _("The report is published. Its reporter is told.")
        if decision == "return":
            services.version_return(version=version, actor=actor, reasons=list(data["reasons"]), note=data["note"])
            return _("The report is returned to its reporter with your reasons.")
        if decision == "reject":
            services.version_reject(version=version, actor=actor, note=data["note"])
            return _("The report is rejected. Its reporter is told.")
        if decision == "classify":
            services.version_classify_plaintiff(version=version, actor=actor, classification=data["classification"])
            return _("The plaintiff is classified.")
        services.version_redact(version=version, actor=actor, terms=data["terms"])
        return _("The words are redacted.")


class ReasonListView(AssociationMixin, ServiceFormView):
    """The association's reusable return reasons, and a form to add one."""

    allowed_roles = STAFF_ROLES
    form_class = ReasonForm
    template_name = "reports/reasons.html"
    success_url_name = "reports:reasons"

    @property
    def reason(self) -> ReturnReason | None:
        """The reason being edited (ReasonEditView); None for a new one."""
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(reasons=selectors.return_reasons(self.access), reason=self.reason, **kwargs)

    def perform(self, form):
        services.reason_save(
            association=self.access.association, actor=self.user, reason=self.reason, **form.cleaned_data
        )
        return _("The reason is saved.")


class ReasonEditView(ReasonListView):
    template_name = "reports/reason_form.html"

    @cached_property
    def reason(self):
        return selectors.get_return_reason(self.access, self.kwargs["reason_id"])

    def get_initial(self):
        return {name: getattr(self.reason, name) for name in ReasonForm.Meta.fields}


class ReasonDeleteView(AssociationMixin, ServiceActionView):
    allowed_roles = STAFF_ROLES
    success_url_name = "reports:reasons"

    def perform(self):
        services.reason_delete(
            reason=selectors.get_return_reason(self.access, self.kwargs["reason_id"]), actor=self.user
        )
        return _("The reason is deleted. Reports already returned keep its text.")
