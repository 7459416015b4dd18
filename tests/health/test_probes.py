"""/healthz and /readyz: plain HTTP, no sign-in, never cached, and a real failure when a dependency is down."""

import socket
import time

import pytest
from django.test import Client

from health.views import CHECK_TIMEOUT_SECONDS

NOT_CACHED = "max-age=0, no-cache, no-store, must-revalidate, private"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_answers_without_the_database(client):
    response = client.get("/healthz")  # no django_db mark: a query would fail the test
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == NOT_CACHED


@pytest.mark.django_db
def test_readyz_checks_database_and_channel_layer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "channel_layer": "ok"}}
    assert response["Cache-Control"] == NOT_CACHED


@pytest.mark.django_db
def test_readyz_fails_when_the_channel_layer_is_unreachable(client, settings):
    secret_host = f"redis://:hunter2-secret@127.0.0.1:{closed_port()}/0"
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "realtime.channel_layer.FewerTripsRedisChannelLayer", "CONFIG": {"hosts": [secret_host]}}
    }
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started < CHECK_TIMEOUT_SECONDS + 1
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "ok", "channel_layer": "failed"}}
    assert b"hunter2" not in response.content and b"127.0.0.1" not in response.content
    assert response["Cache-Control"] == NOT_CACHED


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@pytest.mark.django_db
def test_probes_are_exempt_from_the_https_redirect(settings, path):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get(path).status_code == 200
    # The redirect itself is on: any other path over plain HTTP is sent to HTTPS.
    other = Client().get(f"{path}-not-a-probe")
    assert other.status_code == 301 and other["Location"].startswith("https://")


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@pytest.mark.django_db
def test_probes_answer_reads_only(client, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405
