"""Smoke test across processes: a real ASGI server (daphne), a real websocket client, a push through Redis.

The server runs with the quick-start settings (DEBUG on, ALLOWED_HOSTS unset) against this test run's database,
so the browser-facing pieces are checked end to end: session cookie, origin check, close codes, readiness.
"""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from django.conf import settings
from django.db import connection
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from notifications import live
from notifications.services import notify
from tests.realtime.conftest import required_on_ci, session_cookie

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 15


def shared_database_url() -> str:
    """The URL of this run's test database, for another process to open, or a skip when it cannot."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        required_on_ci("the server process needs a database it can share: set DATABASE_URL to PostgreSQL")
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str):
    # No proxy: the server is on this machine.
    return urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=2)


@contextmanager
def asgi_server(database_url: str, redis_url: str, log_path: Path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": settings.SECRET_KEY,  # the session's auth hash is signed with it
        "DEBUG": "1",
        "PYTHONPATH": str(ROOT / "platform"),
    }
    env.pop("ALLOWED_HOSTS", None)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            assert process.poll() is None, f"the server exited:\n{log_path.read_text()}"
            try:
                with get(f"http://127.0.0.1:{port}/readyz") as response:
                    assert json.load(response) == {"status": "ok", "checks": {"database": "ok", "channel_layer": "ok"}}
                    break
            except OSError:
                assert time.monotonic() < deadline, f"the server did not get ready:\n{log_path.read_text()}"
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def test_push_crosses_processes_to_a_browser_like_client(cast, redis_url, tmp_path):
    user = cast.users["entitled"]
    cookie = f"{settings.SESSION_COOKIE_NAME}={await sync_to_async(session_cookie)(user)}"
    path = f"/ws/a/{cast.association.slug}/notifications/"
    database_url = shared_database_url()
    with asgi_server(database_url, redis_url, tmp_path / "daphne.log") as port:
        url, origin = f"ws://127.0.0.1:{port}{path}", f"http://127.0.0.1:{port}"

        with pytest.raises(InvalidStatus) as refused:
            await connect(url, origin="https://evil.example", additional_headers={"Cookie": cookie}, proxy=None)
        assert refused.value.response.status_code == 403

        async with connect(url, origin=origin, proxy=None) as anonymous:
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(anonymous.recv(), 5)
            assert closed.value.rcvd.code == live.NOT_SIGNED_IN

        async with connect(url, origin=origin, additional_headers={"Cookie": cookie}, proxy=None) as browser:
            await browser.send(json.dumps({"type": "ping"}))
            assert json.loads(await asyncio.wait_for(browser.recv(), 5)) == {"type": "pong"}
            (notification,) = await database_sync_to_async(notify)(
                recipients=[user], association=cast.association, kind="invitation.accepted", params={"email": "a@b.c"}
            )
            frame = json.loads(await asyncio.wait_for(browser.recv(), 5))
            assert frame["notification"]["id"] == notification.pk
            assert frame["unread_count"] == 1
