"""REST endpoints of webhook subscriptions: a partner key (scope webhooks:manage) manages its partner
organization's, a company admin its company's. Anyone else, and anyone else's subscription: 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from api.scopes import ApiScope
from sharing.webhooks import selectors, services
from sharing.webhooks.models import Delivery, Subscription
from sharing.webhooks.serializers import (
    DeliverySerializer,
    SubscriptionInputSerializer,
    SubscriptionSerializer,
    SubscriptionUpdateSerializer,
    SubscriptionWithSecretSerializer,
)
from tenancy.access import Role
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView

OWNERS = frozenset({Role.PARTNER, Role.COMPANY_ADMIN})


class _WebhookView(AssociationGenericAPIView):
    partner_scope = ApiScope.WEBHOOKS_MANAGE
    serializer_class: type[Serializer] = SubscriptionSerializer

    def with_secret(self, subscription, secret, *, status_code=status.HTTP_200_OK) -> Response:
        context = {**self.get_serializer_context(), "secret": secret}
        return Response(SubscriptionWithSecretSerializer(subscription, context=context).data, status=status_code)


class SubscriptionListView(AssociationListAPIView):
    """Your webhook subscriptions; subscribe with POST (the answer carries the secret, shown this once)."""

    role_map = {"GET": OWNERS, "POST": OWNERS}
    partner_scope = ApiScope.WEBHOOKS_MANAGE
    serializer_class = SubscriptionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Subscription.objects.none()
        return selectors.subscriptions_for(self.access)

    @extend_schema(request=SubscriptionInputSerializer, responses={201: SubscriptionWithSecretSerializer})
    def post(self, request, slug):
        subscription, secret = services.subscription_create(
            access=self.access, **self.body(SubscriptionInputSerializer)
        )
        context = {**self.get_serializer_context(), "secret": secret}
        data = SubscriptionWithSecretSerializer(subscription, context=context).data
        return Response(data, status=status.HTTP_201_CREATED)


class SubscriptionDetailView(_WebhookView):
    """One subscription: read it, change its URL, events or description, or delete it."""

    role_map = {"GET": OWNERS, "PATCH": OWNERS, "DELETE": OWNERS}

    def get(self, request, slug, pk):
        return Response(self.get_serializer(selectors.get_subscription_for(self.access, pk)).data)

    @extend_schema(request=SubscriptionUpdateSerializer, responses={200: SubscriptionSerializer})
    def patch(self, request, slug, pk):
        subscription = services.subscription_update(
            access=self.access, subscription_id=pk, **self.body(SubscriptionUpdateSerializer)
        )
        return Response(self.get_serializer(subscription).data)

    @extend_schema(responses={204: None})
    def delete(self, request, slug, pk):
        services.subscription_delete(access=self.access, subscription_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SubscriptionRotateSecretView(_WebhookView):
    """A new secret, shown this once; the previous one keeps signing alongside it for 24 hours."""

    role_map = {"POST": OWNERS}

    @extend_schema(request=None, responses={200: SubscriptionWithSecretSerializer})
    def post(self, request, slug, pk):
        subscription, secret = services.subscription_rotate_secret(access=self.access, subscription_id=pk)
        return self.with_secret(subscription, secret)


class SubscriptionEnableView(_WebhookView):
    """Enable a disabled subscription again; its failure count starts from zero."""

    role_map = {"POST": OWNERS}

    @extend_schema(request=None, responses={200: SubscriptionSerializer})
    def post(self, request, slug, pk):
        return Response(self.get_serializer(services.subscription_enable(access=self.access, subscription_id=pk)).data)


class SubscriptionTestView(_WebhookView):
    """Send a `webhook.test` event to this subscription now; the answer is its first attempt in the log."""

    role_map = {"POST": OWNERS}
    serializer_class = DeliverySerializer

    @extend_schema(request=None, responses={202: DeliverySerializer})
    def post(self, request, slug, pk):
        attempt = services.subscription_send_test(access=self.access, subscription_id=pk)
        attempt.refresh_from_db()
        return Response(self.get_serializer(attempt).data, status=status.HTTP_202_ACCEPTED)


class DeliveryListView(AssociationListAPIView):
    """The subscription's delivery log, newest first: one row per attempt."""

    role_map = {"GET": OWNERS}
    partner_scope = ApiScope.WEBHOOKS_MANAGE
    serializer_class = DeliverySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delivery.objects.none()
        return selectors.deliveries_for(self.access, self.kwargs["pk"])


class DeliveryRedeliverView(_WebhookView):
    """Send the event of this attempt once more, now (one manual attempt)."""

    role_map = {"POST": OWNERS}
    serializer_class = DeliverySerializer

    @extend_schema(request=None, responses={202: DeliverySerializer})
    def post(self, request, slug, pk, delivery_pk):
        attempt = services.delivery_redeliver(access=self.access, subscription_id=pk, delivery_id=delivery_pk)
        attempt.refresh_from_db()
        return Response(self.get_serializer(attempt).data, status=status.HTTP_202_ACCEPTED)
