"""Server-side request forgery: which addresses are public, and that a delivery connects to the address it
checked (a DNS answer changing after the check cannot move it) and checks again at every delivery."""

import ipaddress
import socket
from datetime import UTC, datetime

import pytest

from sharing.webhooks import delivery, targets
from sharing.webhooks.models import Delivery, DeliveryStatus
from sharing.webhooks.services import deliver
from tests.webhooks.conftest import subscribe

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
     "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "ff02::1",
     "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2001:db8::1", "192.0.2.1"],
)  # fmt: skip
def test_non_public_addresses(address):
    assert not targets.is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses(address):
    assert targets.is_public(ipaddress.ip_address(address))


def test_every_resolved_address_must_be_public(monkeypatch, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    answers = [("93.184.216.34", 443), ("10.0.0.7", 443)]  # one public, one private: refused
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", x) for x in answers]
    )
    with pytest.raises(targets.TargetRefused, match=r"10\.0\.0\.7"):
        targets.check_url("https://mixed.example.com/")


def test_the_connection_goes_to_the_checked_address_with_the_hostname_as_host(receiver, monkeypatch):
    """The name is resolved once, to 127.0.0.1; were it asked again (DNS rebinding) it would answer
    elsewhere, but the connection uses the address checked."""
    port = int(receiver.url.rsplit(":", 1)[1].split("/")[0])
    calls = []

    def getaddrinfo(host, port_, *args, **kwargs):
        calls.append(host)
        address = "127.0.0.1" if len(calls) == 1 else "10.99.99.99"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port_))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    outcome = delivery.send(
        url=f"http://rebind.example.com:{port}/hooks",
        secrets_in_use=["whsec_" + "A" * 44],
        msg_id="msg_test",
        payload={"type": "webhook.test", "timestamp": "2026-12-07T00:00:00Z", "data": {}},
        now=datetime.now(UTC),
    )
    assert outcome.succeeded, outcome.error
    assert calls == ["rebind.example.com"]
    (request,) = receiver.requests
    assert request.headers["host"] == f"rebind.example.com:{port}"


def test_the_target_is_checked_again_at_delivery(cast, receiver, company_admin_access, settings):
    subscription, _ = subscribe(company_admin_access, receiver.url)
    from sharing.webhooks.services import subscription_send_test

    attempt = subscription_send_test(access=company_admin_access, subscription_id=subscription.pk)
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False  # e.g. the name now resolves inside the network
    deliver(delivery_ids=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == DeliveryStatus.FAILED and "private network (127.0.0.1)" in attempt.error
    assert receiver.requests == []
    assert Delivery.objects.filter(attempt=2, status=DeliveryStatus.PENDING).exists()  # retried later


def test_a_slow_endpoint_times_out(receiver, settings, monkeypatch):
    """No answer within the timeout: a failed attempt, not a hung worker."""
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self):
            time.sleep(2)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WEBHOOKS_TIMEOUT = 0.5
    try:
        outcome = delivery.send(
            url=f"http://127.0.0.1:{server.server_port}/", secrets_in_use=["whsec_" + "A" * 44], msg_id="msg_x",
            payload={}, now=datetime.now(UTC),
        )  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    assert not outcome.succeeded and outcome.response_code is None
    assert "No answer within" in outcome.error


@pytest.fixture
def tls_receiver(tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for hooks.example.test; records the SNI name
    and the Host header it was sent."""
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=hooks.example.test", "-addext", "subjectAltName=DNS:hooks.example.test"],
        check=True, capture_output=True,
    )  # fmt: skip
    seen = {"sni": [], "host": []}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            seen["host"].append(self.headers["Host"])
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen["sni"].append(name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port, cert, seen
    server.shutdown()
    server.server_close()


def test_https_checks_the_certificate_of_the_hostname_on_the_pinned_address(tls_receiver, settings, monkeypatch):
    import ssl

    port, cert, seen = tls_receiver
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, p, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", p))]
    )
    # The system's trust store does not know this self-signed certificate: the delivery fails.
    outcome = delivery.send(url=f"https://hooks.example.test:{port}/", secrets_in_use=["whsec_" + "A" * 44],
                            msg_id="msg_x", payload={}, now=datetime.now(UTC))  # fmt: skip
    assert not outcome.succeeded and "CERTIFICATE_VERIFY_FAILED" in outcome.error
    # Trusting it, the pinned connection verifies it against the hostname, sent as SNI and Host.
    target = targets.parse(f"https://hooks.example.test:{port}/")
    trusting = ssl.create_default_context(cafile=str(cert))
    connection = targets.PinnedHTTPSConnection(
        target.host, target.port, address=ipaddress.ip_address("127.0.0.1"), timeout=5, context=trusting
    )
    connection.request("POST", "/", body=b"{}", headers={"Content-Type": "application/json"})
    assert connection.getresponse().status == 204
    connection.close()
    assert seen["sni"][-1] == "hooks.example.test"
    assert seen["host"] == [f"hooks.example.test:{port}"]
    # A certificate for another name is refused even when trusted.
    wrong = targets.PinnedHTTPSConnection(
        "other.example.test", port, address=ipaddress.ip_address("127.0.0.1"), timeout=5, context=trusting
    )
    with pytest.raises(ssl.SSLCertVerificationError):
        wrong.request("POST", "/", body=b"{}")
    wrong.close()


def test_no_real_name_is_resolved_in_tests(settings):
    """tests/conftest.py's stand-in resolver: a name nobody stubbed is not found (no DNS query leaves)."""
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(targets.TargetRefused, match="could not be found"):
        targets.check_url("https://hooks.example.org/")
