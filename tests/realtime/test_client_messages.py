"""How the notifications socket answers what a client sends (the rules, without a socket)."""

import pytest

from realtime import sockets


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{not json", "malformed"),
        ("", "malformed"),
        ("[1, 2]", "malformed"),
        ('"ping"', "malformed"),
        ('{"kind": "ping"}', "malformed"),
        ('{"type": 7}', "malformed"),
        ("[" * 2000 + "]" * 2000, "malformed"),  # nesting deep enough to exhaust the JSON parser's recursion
        ("[" * 3000 + "]" * 3000, "too_large"),
        ('{"type": "ping", "pad": "' + "x" * sockets.MAX_MESSAGE_CHARS + '"}', "too_large"),
        ('{"type": "subscribe", "association": "bravo"}', "unknown_type"),
        (None, "binary"),
    ],
)
def test_bad_messages_get_an_error_frame(text, code):
    reply = sockets.reply_to(text, language="en")
    assert reply == {"type": "error", "code": code, "message": str(sockets.ERRORS[code])}


def test_ping_gets_pong():
    assert sockets.reply_to('{"type": "ping"}', language="en") == {"type": "pong"}
    assert sockets.reply_to('{"type": "ping", "id": 3}', language="en") == {"type": "pong"}
