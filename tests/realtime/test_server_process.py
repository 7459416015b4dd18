"""Smoke test across processes: a real ASGI server (uvicorn), a real websocket client, a push through Redis.

The server runs with the quick-start settings (DEBUG on, ALLOWED_HOSTS unset) against this test run's database,
so the browser-facing pieces are checked end to end: session cookie, origin check, close codes, readiness.
"""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from django.conf import settings
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from notifications.services import notify
from realtime import sockets
from tests.realtime.conftest import session_cookie
from tests.realtime.servers import asgi_server, shared_database_url

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True)]


async def test_push_crosses_processes_to_a_browser_like_client(cast, redis_url, tmp_path):
    user = cast.users["entitled"]
    cookie = f"{settings.SESSION_COOKIE_NAME}={await sync_to_async(session_cookie)(user)}"
    path = f"/ws/a/{cast.association.slug}/notifications/"
    database_url = shared_database_url()
    with asgi_server(database_url, redis_url, tmp_path / "asgi.log") as port:
        url, origin = f"ws://127.0.0.1:{port}{path}", f"http://127.0.0.1:{port}"

        with pytest.raises(InvalidStatus) as refused:
            await connect(url, origin="https://evil.example", additional_headers={"Cookie": cookie}, proxy=None)
        assert refused.value.response.status_code == 403

        async with connect(url, origin=origin, proxy=None) as anonymous:
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(anonymous.recv(), 5)
            assert closed.value.rcvd.code == sockets.NOT_SIGNED_IN

        async with connect(url, origin=origin, additional_headers={"Cookie": cookie}, proxy=None) as browser:
            await browser.send(json.dumps({"type": "ping"}))
            assert json.loads(await asyncio.wait_for(browser.recv(), 5)) == {"type": "pong"}
            (notification,) = await database_sync_to_async(notify)(
                recipients=[user], association=cast.association, kind="invitation.accepted", params={"email": "a@b.c"}
            )
            frame = json.loads(await asyncio.wait_for(browser.recv(), 5))
            assert frame["notification"]["id"] == notification.pk
            assert frame["unread_count"] == 1
