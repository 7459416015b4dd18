import signal
import socket
import time

import pytest
from django.core.management import call_command

from tests.factories import (
    AssociationFactory,
    PartnerFactory,
    api_key_for,
    association_role,
    company_user,
    member_company,
)
from tests.permission_matrix import Cast


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Plain HTTP to the test client (production settings redirect to HTTPS), no collectstatic manifest, and a
    fast password hasher: the cast and the sign-up flows hash many passwords and Argon2 would dominate the run."""
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def no_dns_for_webhooks(monkeypatch):
    """Webhook targets resolve no real name in tests (no network, never an outside host, whatever URL a test or
    the API fuzzer subscribes): only `localhost`, or what a test's own stub of socket.getaddrinfo answers."""
    from sharing.webhooks import targets

    real = socket.getaddrinfo

    def lookup(host, port):
        if socket.getaddrinfo is not real or host == "localhost":  # a test's stub, or the local name
            return list(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        raise socket.gaierror(socket.EAI_NONAME, "no DNS in tests")

    monkeypatch.setattr(targets, "getaddrinfo", lookup)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters of one test must not throttle the next (ids repeat after a rollback)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def one_rate_window(monkeypatch):
    """A test's requests all fall in one rate-limit window: a window that ended mid-test would refill a bucket
    and let through a request the test expects refused. (DRF's throttles read `timer`; the chat's limit reads
    its module's `time`.)"""
    from types import SimpleNamespace

    from rest_framework.throttling import SimpleRateThrottle

    from sharing.chat import services as chat_services

    moment = time.time()
    monkeypatch.setattr(SimpleRateThrottle, "timer", staticmethod(lambda: moment))
    monkeypatch.setattr(chat_services, "time", SimpleNamespace(time=lambda: moment))


@pytest.fixture
def second_admin(cast):
    """Another admin of the cast's association: the "entitled" actor of admin-only endpoints."""
    return association_role(cast.association, "admin")


@pytest.fixture
def as_admin(cast, second_admin):
    """Matrix overrides for pages and endpoints only association admins may use."""
    return {"entitled": second_admin}


@pytest.fixture
def partner(cast):
    return PartnerFactory(association=cast.association, name="Guidance Centre")


@pytest.fixture
def partner_key(partner, cast):
    """(ApiKey, plain key) for `alpha`, with every scope."""
    return api_key_for(partner, created_by=cast.users["admin"])


@pytest.fixture
def cast(db) -> Cast:
    """Association A with one of each role, and association B with its own company admin."""
    association = AssociationFactory(slug="alpha", name="Alpha Association")
    other = AssociationFactory(slug="bravo", name="Bravo Association")
    company = member_company(association)
    other_company = member_company(other)
    entitled_company = member_company(association)
    users = {
        "anonymous": None,
        "other_association": company_user(other_company, role="admin"),
        "not_entitled": company_user(company, role="member"),
        "entitled": company_user(entitled_company, role="admin"),
        "moderator": association_role(association, "moderator", company_user(member_company(association))),
        "admin": association_role(association, "admin"),
    }
    association_role(other, "admin", users["other_association"])
    return Cast(association=association, other_association=other, users=users)


@pytest.fixture
def database_backend(settings):
    """Tasks queued in the database (django-tasks-db), as in production, instead of run at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker():
    """Run `db_worker --batch` in this process, then give back the signal handlers it installs."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {number: signal.getsignal(number) for number in signals}

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    yield run
    for number, handler in saved.items():
        signal.signal(number, handler)
