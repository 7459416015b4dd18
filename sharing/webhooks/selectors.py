"""Scoped reads of webhooks: a partner key reads its partner organization's subscriptions, a company admin its
company's; anything else, and anyone else's, is NoAccess (404)."""

from typing import Any, cast

from django.db.models import QuerySet

from accounts.models import ApiKey
from sharing.webhooks.models import Delivery, Subscription
from tenancy.access import Access, NoAccess


def owner_of(access: Access) -> dict[str, Any]:
    """The owner a subscription made with `access` gets: {"partner": ...} for a partner key, {"company": ...}
    for a company admin. NoAccess for anyone else."""
    if access.api_key is not None:
        return {"partner": cast(ApiKey, access.api_key).partner}
    if access.user is not None and access.is_company_admin and access.company is not None:
        return {"company": access.company}
    raise NoAccess


def subscriptions_for(access: Access) -> QuerySet[Subscription]:
    """The subscriptions of the caller's partner organization or company in the association of `access`."""
    return Subscription.objects.filter(association=access.association, **owner_of(access))


def get_subscription_for(access: Access, subscription_id: int | str) -> Subscription:
    subscription = subscriptions_for(access).filter(pk=subscription_id).first()
    if subscription is None:
        raise NoAccess
    return subscription


def deliveries_for(access: Access, subscription_id: int | str) -> QuerySet[Delivery]:
    """The delivery log of one of the caller's subscriptions, newest first."""
    subscription = get_subscription_for(access, subscription_id)
    return Delivery.objects.filter(subscription=subscription).select_related("event")


def get_delivery_for(access: Access, subscription_id: int | str, delivery_id: int | str) -> Delivery:
    delivery = deliveries_for(access, subscription_id).filter(pk=delivery_id).first()
    if delivery is None:
        raise NoAccess
    return delivery
