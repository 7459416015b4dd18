import pytest
from django.core.cache import cache

from tests.factories import PartnerFactory, api_key_for


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit buckets live in the cache: each test starts with empty ones."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner(cast):
    return PartnerFactory(association=cast.association, name="Guidance Centre")


@pytest.fixture
def partner_key(partner, cast):
    """(ApiKey, plain key) for `alpha`, with every scope."""
    return api_key_for(partner, created_by=cast.users["admin"])
