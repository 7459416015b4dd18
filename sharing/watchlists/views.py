"""The watchlist page, /a/<slug>/watchlist/: what the caller watches, forms to add a watch, a button to remove one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from sharing.watchlists import selectors, services
from sharing.watchlists.forms import watch_forms
from sharing.watchlists.labels import watch_label
from tenancy.access import PERSON_ROLES
from tenancy.mixins import AssociationMixin
from web.forms import add_service_errors
from web.service_views import ServiceActionView


class WatchListView(AssociationMixin, TemplateView):
    """GET shows the watches and the forms; POST adds a watch (errors beside the form that was sent)."""

    allowed_roles = PERSON_ROLES
    template_name = "watchlists/list.html"

    def get_context_data(self, forms=None, page_errors=(), **kwargs):
        watches = list(selectors.watches_for(self.access))
        for watch in watches:
            watch.shown = watch_label(watch)
        return super().get_context_data(
            watches=watches, forms=forms or watch_forms(), page_errors=page_errors, **kwargs
        )

    def post(self, request, *args, **kwargs):
        forms = watch_forms(request.POST)
        form = next((form for form in forms if form.is_bound), None)
        criterion = request.POST.get("criterion", "")
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(forms=forms))
        try:
            services.watch_add(
                access=self.access, criterion=criterion, value=form.cleaned_data["value"] if form else ""
            )
        except ValidationError as error:
            if form is None:  # an unknown criterion: there is no form to show the error beside
                return self.render_to_response(self.get_context_data(page_errors=error.messages))
            add_service_errors(form, error)
            return self.render_to_response(self.get_context_data(forms=forms))
        messages.success(request, _("Added to your watchlist."))
        return redirect("watchlists:list", slug=self.access.association.slug)


class WatchRemoveView(AssociationMixin, ServiceActionView):
    allowed_roles = PERSON_ROLES
    success_url_name = "watchlists:list"

    def perform(self):
        services.watch_remove(access=self.access, watch_id=self.kwargs["watch_id"])
        return _("Removed from your watchlist.")
