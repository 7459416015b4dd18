"""Account pages (login lives in urls.py: Django's views with our templates and forms), accepting an invitation,
and the association pages about people and keys: invitations, colleagues, partners and their API keys."""

from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django.views.i18n import set_language

from accounts import selectors, services
from accounts.forms import (
    ApiKeyForm,
    ColleagueInvitationForm,
    CompanyInvitationAcceptForm,
    InvitationAcceptForm,
    InvitationForm,
    PartnerForm,
    ProfileForm,
)
from accounts.models import InvitationKind
from realtime.events import access_changed_on_commit
from tenancy.access import COMPANY_ROLES, NoAccess, Role
from tenancy.mixins import AssociationMixin
from web.service_views import ServiceActionView, ServiceFormView

ADMINS = frozenset({Role.ASSOCIATION_ADMIN})
COMPANY_ADMINS = frozenset({Role.COMPANY_ADMIN})


class ProfileView(LoginRequiredMixin, ServiceFormView):
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url_name = "profile"

    def get_initial(self):
        user = self.request.user
        assert user.is_authenticated  # LoginRequiredMixin
        return {
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "notification_email": user.notification_email,
        }

    def perform(self, form):
        assert self.request.user.is_authenticated  # LoginRequiredMixin
        user = services.user_update_profile(user=self.request.user, **form.cleaned_data)
        translation.activate(user.preferred_language)  # the confirmation already speaks the new language
        return _("Your profile is saved.")


@method_decorator(never_cache, name="dispatch")
class InvitationAcceptView(ServiceFormView):
    """/invite/<token>/: who invited whom to what; creates the account, signs it in. Unknown links answer 404,
    used, withdrawn or expired ones 410, each with a page saying so."""

    template_name = "accounts/invitation_accept.html"
    success_url_name = "home"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.invitation = services.invitation_by_token(kwargs["token"])
        except ValidationError as error:
            status = 404 if error.code == "invalid" else 410
            return render(request, "accounts/invitation_unusable.html", {"reason": error.messages[0]}, status=status)
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        if self.invitation.kind == InvitationKind.COMPANY:
            return CompanyInvitationAcceptForm
        return InvitationAcceptForm

    def get_initial(self):
        return {"preferred_language": translation.get_language()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        user = services.invitation_accept(
            token=self.kwargs["token"],
            display_name=data["display_name"],
            password=data["password"],
            preferred_language=data["preferred_language"],
            company_profile=form.company_profile(),
        )
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        translation.activate(user.preferred_language)
        return _("Welcome, %(name)s. Your account is ready.") % {"name": user.display_name}


class InvitationListView(AssociationMixin, ServiceFormView):
    """Association admins invite member companies and external counsel, and see what became of each invitation."""

    allowed_roles = ADMINS
    form_class = InvitationForm
    template_name = "accounts/invitations.html"
    success_url_name = "association:invitations"

    def get_context_data(self, **kwargs):
        invitations = selectors.invitations_for(self.access).exclude(kind=InvitationKind.COLLEAGUE)
        page = Paginator(invitations, 25).get_page(self.request.GET.get("page"))
        return super().get_context_data(page_obj=page, **kwargs)

    def perform(self, form):
        invitation, _token = services.invitation_create(
            association=self.access.association, actor=self.user, **form.cleaned_data
        )
        return _("Invitation sent to %(email)s.") % {"email": invitation.email}


class InvitationRevokeView(AssociationMixin, ServiceActionView):
    allowed_roles = ADMINS
    success_url_name = "association:invitations"

    def perform(self):
        invitation = selectors.get_invitation_for(self.access, self.kwargs["invitation_id"])
        services.invitation_revoke(invitation=invitation, actor=self.user)
        return _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}


class ColleagueInvitationRevokeView(InvitationRevokeView):
    allowed_roles = COMPANY_ADMINS
    success_url_name = "association:colleagues"


class ColleagueListView(AssociationMixin, ServiceFormView):
    """The people of the caller's company; its admins invite and deactivate colleagues."""

    allowed_roles = COMPANY_ROLES
    form_class = ColleagueInvitationForm
    template_name = "accounts/colleagues.html"
    success_url_name = "association:colleagues"

    def post(self, request, *args, **kwargs):
        if not self.access.is_company_admin:
            raise NoAccess
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context: dict[str, QuerySet[Any]] = {"colleagues": selectors.colleagues(self.access)}
        if self.access.is_company_admin:
            context["invitations"] = selectors.invitations_for(self.access).filter(
                kind=InvitationKind.COLLEAGUE, company=self.access.company
            )
        return super().get_context_data(**context, **kwargs)

    def perform(self, form):
        invitation, _token = services.invitation_create(
            association=self.access.association,
            kind=InvitationKind.COLLEAGUE,
            company=self.access.company,
            actor=self.user,
            **form.cleaned_data,
        )
        return _("Invitation sent to %(email)s.") % {"email": invitation.email}


class ColleagueDeactivateView(AssociationMixin, ServiceActionView):
    allowed_roles = COMPANY_ADMINS
    success_url_name = "association:colleagues"

    def perform(self):
        colleague = selectors.get_colleague_for_admin(self.access, self.kwargs["user_id"])
        services.user_deactivate(user=colleague, actor=self.user, association=self.access.association)
        return _("%(name)s can no longer sign in.") % {"name": colleague.display_name}


class PartnerListView(AssociationMixin, ServiceFormView):
    """Partner organizations and their API keys; creating a partner."""

    allowed_roles = ADMINS
    form_class = PartnerForm
    template_name = "accounts/partners.html"
    success_url_name = "association:partners"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partners=selectors.partners_for(self.access), api_keys=selectors.api_keys_for(self.access), **kwargs
        )

    def perform(self, form):
        partner = services.partner_create(association=self.access.association, actor=self.user, **form.cleaned_data)
        return _("%(name)s is added.") % {"name": partner.name}


def _shown_once_session_key(key_id: int) -> str:
    return f"api_key_shown_once:{key_id}"


class ApiKeyCreateView(AssociationMixin, ServiceFormView):
    """Creates a key, then shows its plain value once on the next page (kept in the session until shown)."""

    allowed_roles = ADMINS
    form_class = ApiKeyForm
    template_name = "accounts/api_key_form.html"

    @cached_property
    def partner(self):
        return selectors.get_partner_for(self.access, self.kwargs["partner_id"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(partner=self.partner, **kwargs)

    def perform(self, form):
        self.api_key, plain = services.api_key_create(partner=self.partner, actor=self.user, **form.cleaned_data)
        self.request.session[_shown_once_session_key(self.api_key.pk)] = plain
        return None

    def get_success_url(self):
        return reverse(
            "association:api_key_created", kwargs={"slug": self.access.association.slug, "key_id": self.api_key.pk}
        )


@method_decorator(never_cache, name="dispatch")
class ApiKeyCreatedView(AssociationMixin, TemplateView):
    allowed_roles = ADMINS
    template_name = "accounts/api_key_created.html"

    def get_context_data(self, **kwargs):
        api_key = selectors.get_api_key_for(self.access, self.kwargs["key_id"])
        plain = self.request.session.pop(_shown_once_session_key(api_key.pk), None)
        return super().get_context_data(api_key=api_key, plain_key=plain, **kwargs)


class ApiKeyRevokeView(AssociationMixin, ServiceActionView):
    allowed_roles = ADMINS
    success_url_name = "association:partners"

    def perform(self):
        api_key = selectors.get_api_key_for(self.access, self.kwargs["key_id"])
        services.api_key_revoke(api_key=api_key, actor=self.user)
        return _("The key %(prefix)s… is revoked; it stops working at once.") % {"prefix": api_key.prefix}


class LogoutView(auth_views.LogoutView):
    """Signing out also closes the sockets of this session: they re-check their session when told to."""

    def post(self, request, *args, **kwargs):
        user_id = request.user.pk
        response = super().post(request, *args, **kwargs)
        if user_id is not None:
            access_changed_on_commit([user_id])
        return response


@require_POST
def language_switch(request):
    """Django's set_language (cookie, safe redirect back) plus, for a signed-in user, the saved preference that
    accounts.middleware applies on every request, so the choice follows them to any device."""
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and language != user.preferred_language:
        services.user_update_profile(user=user, preferred_language=language)
    return set_language(request)
