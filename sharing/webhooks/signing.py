"""Standard Webhooks signatures through the maintained `standardwebhooks` package: `whsec_` secrets, HMAC-SHA256
over `{webhook-id}.{webhook-timestamp}.{body}`, one `v1,<base64>` signature per valid secret, space-separated
(docs/WEBHOOKS.md gives the receiver's recipes)."""

import base64
import secrets
from collections.abc import Iterable
from datetime import datetime

from standardwebhooks import Webhook

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh `whsec_` secret: 32 random bytes, base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_msg_id() -> str:
    """A message id (`webhook-id`): unique, the same on every retry of one event."""
    return "msg_" + secrets.token_hex(16)


def signature_header(secrets_in_use: Iterable[str], *, msg_id: str, timestamp: datetime, body: bytes) -> str:
    """The `webhook-signature` header: one signature per secret, in the order given."""
    return " ".join(Webhook(secret).sign(msg_id, timestamp, body) for secret in secrets_in_use)


def headers(secrets_in_use: Iterable[str], *, msg_id: str, timestamp: datetime, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": signature_header(secrets_in_use, msg_id=msg_id, timestamp=timestamp, body=body),
    }
