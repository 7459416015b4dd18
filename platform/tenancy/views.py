"""Association pages: dashboard, member companies, moderators, the caller's company profile.

Every view resolves the association through AssociationMixin (404 for outsiders, the same as an unknown slug)
and reads through the scoped selectors, so an id from another association is a 404 too.
"""

from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from tenancy import selectors, services
from tenancy.access import COMPANY_ROLES, NoAccess, Role, associations_for_user
from tenancy.forms import AssociationSettingsForm, CompanyProfileForm, MembershipDecisionForm, ModeratorAppointForm
from tenancy.mixins import AssociationMixin
from tenancy.models import AssociationRoleKind, MembershipStatus
from web.service_views import ServiceActionView, ServiceFormView

ADMINS = frozenset({Role.ASSOCIATION_ADMIN})


class DashboardView(AssociationMixin, TemplateView):
    """What needs the caller's attention here, by role."""

    template_name = "tenancy/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.access
        if access.is_association_admin:
            context["membership_counts"] = selectors.membership_counts(access)
        if access.company is not None:
            context["company"] = selectors.own_company(access)
            context["membership"] = selectors.own_membership(access)
        return context


class MembershipListView(AssociationMixin, TemplateView):
    """Member companies by status, with the decisions each status allows."""

    allowed_roles = ADMINS
    template_name = "tenancy/members.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", MembershipStatus.PENDING)
        if status not in MembershipStatus.values:
            status = ""
        memberships = selectors.memberships_for_admin(self.access, status or None)
        counts = selectors.membership_counts(self.access)
        context.update(
            status=status,
            extra_query=f"status={status or 'all'}",  # the filter survives paging
            statuses=[(value, label, counts[value]) for value, label in MembershipStatus.choices],
            page_obj=Paginator(memberships, 25).get_page(self.request.GET.get("page")),
        )
        return context


DECISION_LABELS = {
    "approve": gettext_lazy("Approve"),
    "reject": gettext_lazy("Reject"),
    "suspend": gettext_lazy("Suspend"),
    "reinstate": gettext_lazy("Reinstate"),
}


class MembershipDecisionView(AssociationMixin, ServiceFormView):
    """GET: a confirmation page with an optional note (used for reject and suspend). POST: the decision."""

    allowed_roles = ADMINS
    form_class = MembershipDecisionForm
    template_name = "tenancy/membership_decision.html"
    success_url_name = "association:members"

    @cached_property
    def decision(self) -> str:
        if self.kwargs["decision"] not in services.MEMBERSHIP_DECISIONS:
            raise NoAccess
        return self.kwargs["decision"]

    @cached_property
    def membership(self):
        return selectors.get_membership_for_admin(self.access, self.kwargs["membership_id"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            membership=self.membership, decision=self.decision, decision_label=DECISION_LABELS[self.decision], **kwargs
        )

    def perform(self, form):
        services.membership_decide(
            membership=self.membership, decision=self.decision, actor=self.user, note=form.cleaned_data["note"]
        )
        messages = {
            "approve": _("%(company)s is now a member."),
            "reject": _("The application of %(company)s was rejected."),
            "suspend": _("%(company)s is suspended; its people lost access at once."),
            "reinstate": _("%(company)s is active again."),
        }
        return messages[self.decision] % {"company": self.membership.company.legal_name_en}


class ModeratorListView(AssociationMixin, ServiceFormView):
    """The association's moderators, and appointing one among the people of active member companies."""

    allowed_roles = ADMINS
    form_class = ModeratorAppointForm
    template_name = "tenancy/moderators.html"
    success_url_name = "association:moderators"

    def moderators(self):
        return selectors.association_roles(self.access, AssociationRoleKind.MODERATOR)

    def get_form_kwargs(self):
        candidates = selectors.moderator_candidates(self.access).exclude(pk__in=self.moderators().values("user_id"))
        return {**super().get_form_kwargs(), "candidates": candidates}

    def get_context_data(self, **kwargs):
        return super().get_context_data(moderators=self.moderators(), **kwargs)

    def perform(self, form):
        user = form.cleaned_data["user"]
        services.role_appoint(
            association=self.access.association,
            user=user,
            role=AssociationRoleKind.MODERATOR,
            actor=self.user,
        )
        return _("%(name)s is now a moderator.") % {"name": user.display_name}


class ModeratorRemoveView(AssociationMixin, ServiceActionView):
    allowed_roles = ADMINS
    success_url_name = "association:moderators"

    def perform(self):
        assignment = selectors.get_association_role(
            self.access, self.kwargs["assignment_id"], role=AssociationRoleKind.MODERATOR
        )
        services.role_remove(assignment=assignment, actor=self.user)
        return _("%(name)s is no longer a moderator.") % {"name": assignment.user.display_name}


class AssociationSettingsView(AssociationMixin, ServiceFormView):
    """What the association's admins decide for it, such as opening the counsel directory to partners."""

    allowed_roles = ADMINS
    form_class = AssociationSettingsForm
    template_name = "tenancy/settings.html"
    success_url_name = "association:settings"

    def get_initial(self):
        return {name: getattr(self.access.association, name) for name in services.ASSOCIATION_SETTINGS_FIELDS}

    def perform(self, form):
        fields = {name: form.cleaned_data[name] for name in services.ASSOCIATION_SETTINGS_FIELDS}
        services.association_settings_update(association=self.access.association, actor=self.user, **fields)
        return _("The association's settings are saved.")


class CompanyProfileView(AssociationMixin, ServiceFormView):
    """Every person of the company sees its profile; its admins edit it."""

    allowed_roles = COMPANY_ROLES
    form_class = CompanyProfileForm
    template_name = "tenancy/company.html"
    success_url_name = "association:company"

    def post(self, request, *args, **kwargs):
        if not self.access.is_company_admin:
            raise NoAccess
        return super().post(request, *args, **kwargs)

    @cached_property
    def company(self):
        return selectors.own_company(self.access)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.company}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            company=self.company, membership=selectors.own_membership(self.access), **kwargs
        )

    def perform(self, form):
        fields = {name: form.cleaned_data[name] for name in services.COMPANY_PROFILE_FIELDS}
        services.company_update(company=self.company, association=self.access.association, actor=self.user, **fields)
        return _("The company profile is saved.")


class AuditEventListView(AssociationMixin, ListView):
    allowed_roles = frozenset({Role.ASSOCIATION_ADMIN})
    template_name = "tenancy/audit_log.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        self.actions = selectors.audit_actions_for(self.access)
        action = self.request.GET.get("action", "")
        self.action = action if action in self.actions else ""
        return selectors.audit_events_for(self.access, self.action or None)

    def get_context_data(self, **kwargs):
        # The filter survives paging.
        extra_query = urlencode({"action": self.action}) if self.action else ""
        return super().get_context_data(actions=self.actions, action=self.action, extra_query=extra_query, **kwargs)


# Outside any association ----------------------------------------------------------------------------------


class HomeView(LoginRequiredMixin, TemplateView):
    """The associations the user can enter; straight into the only one, or why there is none yet."""

    template_name = "tenancy/home.html"

    def get(self, request, *args, **kwargs):
        associations = associations_for_user(request.user)
        if len(associations) == 1:
            return redirect("association:dashboard", slug=associations[0].slug)
        return self.render_to_response(
            self.get_context_data(
                associations=associations, waiting_memberships=selectors.waiting_memberships_for_user(request.user)
            )
        )
