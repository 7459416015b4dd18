import pytest
from django.core.cache import cache

from tests.factories import PartnerFactory, api_key_for, association_role


@pytest.fixture(autouse=True)
def api_test_settings(settings):
    """Plain HTTP to the test client, no collectstatic manifest (the docs page links static files), and a fast
    password hasher (the cast hashes many passwords). Same as tests/web/conftest.py: could move to tests/conftest.py."""
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit buckets live in the cache: each test starts with empty ones."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def second_admin(cast):
    """Another admin of `alpha`: the entitled user of admin-only endpoints."""
    return association_role(cast.association, "admin")


@pytest.fixture
def partner(cast):
    return PartnerFactory(association=cast.association, name="Guidance Centre")


@pytest.fixture
def partner_key(partner, cast):
    """(ApiKey, plain key) for `alpha`, with every scope."""
    return api_key_for(partner, created_by=cast.users["admin"])
