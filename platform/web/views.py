"""Pages outside any association: the home page (where to go next) and the language switch."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django.views.i18n import set_language

from accounts.services import user_update_profile
from tenancy.access import associations_for_user
from tenancy.selectors import waiting_memberships_for_user


class HomeView(LoginRequiredMixin, TemplateView):
    """The associations the user can enter; straight into the only one, or why there is none yet."""

    template_name = "web/home.html"

    def get(self, request, *args, **kwargs):
        associations = associations_for_user(request.user)
        if len(associations) == 1:
            return redirect("association:dashboard", slug=associations[0].slug)
        return self.render_to_response(
            self.get_context_data(
                associations=associations, waiting_memberships=waiting_memberships_for_user(request.user)
            )
        )


@require_POST
def language_switch(request):
    """Django's set_language (cookie, safe redirect back) plus, for a signed-in user, the saved preference that
    accounts.middleware applies on every request, so the choice follows them to any device."""
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and language != user.preferred_language:
        user_update_profile(user=user, preferred_language=language)
    return set_language(request)
