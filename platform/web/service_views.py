"""Base views that call one service and end in a redirect (POST-redirect-GET), so a reload never writes twice."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView

from web.forms import add_service_errors


class SuccessUrlMixin:
    """Redirect to the named URL; pages of an association stay in the association of the request."""

    success_url_name = ""
    kwargs: Any  # the URL's keyword arguments (View.setup sets them)

    def get_success_url(self) -> str:
        kwargs = {"slug": self.kwargs["slug"]} if "slug" in self.kwargs else {}
        return reverse(self.success_url_name, kwargs=kwargs)


class ServiceFormView(SuccessUrlMixin, FormView):
    """A form whose valid submission calls one service (`perform`). The service's ValidationError is shown on
    the form, field by field; success adds the message `perform` returns and redirects."""

    def perform(self, form) -> str | None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url())


class ServiceActionView(SuccessUrlMixin, View):
    """A POST-only button (approve, revoke, mark read...) that calls one service, then redirects to its list
    with a success message, or with the service's refusal as an error message."""

    http_method_names = ["post"]

    def perform(self) -> str | None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message = self.perform()
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            if message:
                messages.success(request, message)
        return redirect(self.get_success_url())
