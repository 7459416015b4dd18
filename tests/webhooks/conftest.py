"""A real local webhook receiver (an HTTP server on 127.0.0.1 in a thread) and subscriptions made through the
services, with private targets and plain http allowed for it."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sharing.webhooks import services
from tenancy.access import resolve_access
from tests.factories import PartnerFactory, api_key_for


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    requests: list[Received] = field(default_factory=list)
    # Statuses to answer, in order; once used up, 204. (status, extra headers)
    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    def answer(self, *statuses: int, **headers: str) -> None:
        self.answers.extend((code, dict(headers)) for code in statuses)


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOKS_ALLOW_HTTP = True
    state: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            hub = state["receiver"]
            hub.requests.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            code, extra = hub.answers.pop(0) if hub.answers else (204, {})
            self.send_response(code)
            for name, value in extra.items():
                self.send_header(name.replace("_", "-"), value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state["receiver"] = Receiver(url=f"http://127.0.0.1:{server.server_port}/hooks")
    yield state["receiver"]
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def partner_access(cast):
    """A partner key of `alpha` (every scope) as the services see it, and the plain key."""
    api_key, key = api_key_for(PartnerFactory(association=cast.association, contact_email="ops@partner.test"))
    return resolve_access(slug="alpha", api_key=api_key), key


@pytest.fixture
def company_admin_access(cast):
    return resolve_access(slug="alpha", user=cast.users["entitled"])


def subscribe(access, url, events=("report.published", "report.updated", "report.withdrawn")):
    return services.subscription_create(access=access, url=url, events=list(events))
