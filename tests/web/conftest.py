import pytest

from tests.factories import association_role


@pytest.fixture(autouse=True)
def web_test_settings(settings):
    """Plain HTTP to the test client, no collectstatic manifest, and a fast password hasher (the cast and the
    sign-up flows hash many passwords; Argon2 would dominate the run time)."""
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def second_admin(cast):
    """Another admin of the cast's association: the "entitled" actor of the association admin pages."""
    return association_role(cast.association, "admin")


@pytest.fixture
def as_admin(cast, second_admin):
    """Matrix overrides for pages only association admins may use."""
    return {"entitled": second_admin}
