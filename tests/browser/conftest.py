"""Browser tests: Debian's Chromium driven by Playwright against real ASGI server processes (uvicorn) that share
this run's PostgreSQL test database, Redis and document storage. Run apart from the suite (pyproject's addopts
ignores this folder):

    .venv/bin/python -m pytest tests/browser -q -p no:cacheprovider

Needs /usr/bin/chromium, DATABASE_URL (PostgreSQL) and REDIS_URL: without them the tests skip, and fail on CI
(CI=true). Playwright's own browser downloads are never used (no `playwright install`).

Every person is a browser context of their own (`browse`). Each context is watched: a console error, an uncaught
exception, a Content-Security-Policy violation or a request to any other host than its server fails the test
(requests elsewhere are aborted, never sent), unless the test allows that console message (`Visitor.allow`).
"""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.db import connections
from playwright.sync_api import Browser, Page, Request, Route, expect, sync_playwright

from tests.factories import PASSWORD
from tests.realtime.conftest import required_on_ci, session_cookie
from tests.realtime.servers import AsgiServer, shared_database_url

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 10_000
LOG_TAIL_CHARS = 4000

# Runs in every page before its own scripts: reports CSP violations and the close code of every websocket, and
# lists the websockets that opened in window.__openedSockets (see wait_for_socket).
WATCH_SCRIPT = """
(() => {
  const report = (detail) => window.__browserTestReport(detail);
  window.__openedSockets = [];
  document.addEventListener("securitypolicyviolation", (event) => report({
    kind: "csp", directive: event.violatedDirective, blocked: event.blockedURI, source: event.sourceFile,
    line: event.lineNumber,
  }));
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("open", () => window.__openedSockets.push(this.url));
      this.addEventListener("close", (event) => report({kind: "close", url: this.url, code: event.code,
                                                         at: Date.now()}));
    }
  };
})();
"""


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        required_on_ci(f"{CHROMIUM} is not installed (apt-get install chromium)")
    # Playwright's sync API leaves its event loop marked as running in this thread, so Django would refuse the
    # ORM calls the tests make between two browser steps. They run in this thread only, never inside that loop.
    # The servers never get this (see asgi_servers).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visitor:
    """One person's browser (a context of its own) on one server; every page it opens is watched."""

    def __init__(self, browser: Browser, base_url: str):
        self.base_url = base_url
        self.origin = urlsplit(base_url).netloc
        self.problems: list[str] = []
        self.allowed: list[re.Pattern] = []
        self.closes: list[dict] = []  # every websocket closed in its pages: url, code, at (ms since the epoch)
        self.context = browser.new_context(base_url=base_url, locale="en-US")
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.expose_function("__browserTestReport", self._report)
        self.context.add_init_script(WATCH_SCRIPT)
        self.context.route(lambda url: True, self._route)
        self.context.on("page", self._watch)

    def new_page(self) -> Page:
        return self.context.new_page()

    def sign_in(self, user) -> Page:
        """Sign in through the real login page; returns the page, left where signing in lands."""
        # The servers verify passwords with their own hashers, not the fast one the test settings use.
        user.password = make_password(PASSWORD, hasher=Argon2PasswordHasher())
        user.save(update_fields=["password"])
        page = self.new_page()
        page.goto("/accounts/login/")
        page.locator('input[name="username"]').fill(user.email)
        page.locator('input[name="password"]').fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
        return page

    def use_session(self, user) -> str:
        """Signed in with the cookie of a real session, without the login page; returns the session key."""
        key = session_cookie(user)
        self.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": key, "url": self.base_url}])
        return key

    def allow(self, pattern: str) -> None:
        """A console error this test expects (a 404 it asks for, a connection to a server it killed)."""
        self.allowed.append(re.compile(pattern))

    def _problem(self, text: str) -> None:
        if not any(pattern.search(text) for pattern in self.allowed):
            self.problems.append(text)

    def _route(self, route: Route, request: Request) -> None:
        if urlsplit(request.url).netloc == self.origin:
            route.continue_()
        else:
            self.problems.append(f"a request to another host than the server: {request.method} {request.url}")
            route.abort("blockedbyclient")

    def _watch(self, page: Page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.problems.append(f"uncaught exception on {page.url}: {error}"))
        page.on("websocket", lambda socket: self._socket(socket.url))

    def _console(self, page: Page, message) -> None:
        if message.type == "error":
            self._problem(f"console error on {page.url}: {message.text}")

    def _socket(self, url: str) -> None:
        if urlsplit(url).netloc != self.origin:
            self.problems.append(f"a websocket to another host than the server: {url}")

    def _report(self, detail: dict) -> None:
        if detail["kind"] == "close":
            self.closes.append(detail)
        else:
            self.problems.append(f"Content-Security-Policy violation: {detail}")


@pytest.fixture
def browse(browser):
    """browse(base_url) -> a Visitor: a fresh browser context on that server. At the end of the test, every
    context must have seen no problem."""
    visitors: list[Visitor] = []

    def open_(base_url: str) -> Visitor:
        visitor = Visitor(browser, base_url)
        visitors.append(visitor)
        return visitor

    yield open_
    for visitor in visitors:
        visitor.context.close()
    problems = [problem for visitor in visitors for problem in visitor.problems]
    assert not problems, "the browser saw problems:\n" + "\n".join(problems)


@pytest.fixture
def redis_url() -> str:
    if not settings.REDIS_URL:
        required_on_ci("REDIS_URL is not set: the server processes share a Redis channel layer")
    return settings.REDIS_URL


def elsewhere(function, /, *args, **kwargs):
    """Call `function` in a thread of its own and return what it returns. For a service whose commit pushes to
    the channel layer: asgiref refuses to do that in this thread, where Playwright's event loop is marked as
    running. The thread's database connection is closed after the call."""

    def call():
        try:
            return function(*args, **kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(call).result()


def until(page: Page, condition, what: str, timeout: float = 10) -> None:
    """Wait for a condition on what Python recorded from the browser (its events are handled meanwhile)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        page.wait_for_timeout(20)


def wait_for_socket(page: Page, path: str, count: int = 1) -> None:
    """Until `count` websockets whose URL contains `path` have opened in the page (its server has joined the
    socket to its groups before accepting it)."""
    page.wait_for_function(
        "([path, count]) => window.__openedSockets.filter((url) => url.includes(path)).length >= count",
        arg=[path, count],
    )


def url_of(server: AsgiServer) -> str:
    return f"http://127.0.0.1:{server.port}"


@pytest.fixture
def asgi_servers(transactional_db, redis_url, tmp_path):
    """asgi_servers(count) -> that many started uvicorn processes sharing the test database, the Redis channel
    layer of this test process (so what the test commits reaches their sockets) and one document storage."""
    started: list[AsgiServer] = []
    env = {
        "REDIS_PREFIX": settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"],
        "VAR_DIR": str(tmp_path / "var"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),  # one server stores an upload, another serves it
        "DJANGO_ALLOW_ASYNC_UNSAFE": "",  # the servers keep Django's check (see `browser`)
    }

    def start(count: int = 1) -> list[AsgiServer]:
        database_url = shared_database_url()
        servers = [
            AsgiServer(database_url, redis_url, tmp_path / f"asgi-{len(started) + index}.log", **env)
            for index in range(count)
        ]
        started.extend(servers)
        with ThreadPoolExecutor(count) as pool:
            list(pool.map(AsgiServer.start, servers))
        return servers

    yield start
    stoppers = [threading.Thread(target=server.stop) for server in started]
    for stopper in stoppers:
        stopper.start()
    for stopper in stoppers:
        stopper.join()
    for server in started:  # shown with a failure's captured output
        print(f"---- {server.log_path.name} ----\n{server.log_path.read_text()[-LOG_TAIL_CHARS:]}")
