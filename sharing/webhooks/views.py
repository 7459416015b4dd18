"""A company admin's webhook pages, /a/<slug>/webhooks/: the company's subscriptions, subscribing, one
subscription with its delivery log and its actions. The secret is shown once, on the page after it was made
(kept in the session until then), as for API keys."""

from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from sharing.webhooks import selectors, services
from sharing.webhooks.forms import SubscriptionForm
from tenancy.access import Role
from tenancy.mixins import AssociationMixin
from web.service_views import ServiceActionView, ServiceFormView

COMPANY_ADMIN = frozenset({Role.COMPANY_ADMIN})
LOG_ROWS = 50


def _secret_key(subscription_id: int) -> str:
    return f"webhook_secret_shown_once:{subscription_id}"


class SubscriptionListView(AssociationMixin, ServiceFormView):
    allowed_roles = COMPANY_ADMIN
    form_class = SubscriptionForm
    template_name = "webhooks/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(subscriptions=selectors.subscriptions_for(self.access), **kwargs)

    def perform(self, form):
        self.subscription, secret = services.subscription_create(access=self.access, **form.cleaned_data)
        self.request.session[_secret_key(self.subscription.pk)] = secret
        return _("Subscribed. Copy the secret now: it is shown only this once.")

    def get_success_url(self):
        return reverse("webhooks:detail", args=[self.access.association.slug, self.subscription.pk])


@method_decorator(never_cache, name="dispatch")
class SubscriptionDetailView(AssociationMixin, TemplateView):
    allowed_roles = COMPANY_ADMIN
    template_name = "webhooks/detail.html"

    def get_context_data(self, **kwargs):
        subscription = selectors.get_subscription_for(self.access, self.kwargs["pk"])
        deliveries = selectors.deliveries_for(self.access, subscription.pk)[:LOG_ROWS]
        secret = self.request.session.pop(_secret_key(subscription.pk), None)
        return super().get_context_data(subscription=subscription, deliveries=deliveries, secret=secret, **kwargs)


class _Action(AssociationMixin, ServiceActionView):
    allowed_roles = COMPANY_ADMIN

    def get_success_url(self):
        return reverse("webhooks:detail", args=[self.access.association.slug, self.kwargs["pk"]])


class SubscriptionTestView(_Action):
    def perform(self):
        services.subscription_send_test(access=self.access, subscription_id=self.kwargs["pk"])
        return _("A test event was sent: its attempt is in the log.")


class SubscriptionRotateView(_Action):
    def perform(self):
        subscription, secret = services.subscription_rotate_secret(
            access=self.access, subscription_id=self.kwargs["pk"]
        )
        self.request.session[_secret_key(subscription.pk)] = secret
        return _("A new secret was made; the previous one keeps signing for 24 hours.")


class SubscriptionEnableView(_Action):
    def perform(self):
        services.subscription_enable(access=self.access, subscription_id=self.kwargs["pk"])
        return _("The subscription is enabled again.")


class DeliveryRedeliverView(_Action):
    def perform(self):
        services.delivery_redeliver(
            access=self.access, subscription_id=self.kwargs["pk"], delivery_id=self.kwargs["delivery_pk"]
        )
        return _("The event was sent again: the new attempt is in the log.")


class SubscriptionDeleteView(_Action):
    success_url_name = "webhooks:list"

    def perform(self):
        services.subscription_delete(access=self.access, subscription_id=self.kwargs["pk"])
        return _("The subscription was deleted.")

    def get_success_url(self):
        return reverse("webhooks:list", args=[self.access.association.slug])
