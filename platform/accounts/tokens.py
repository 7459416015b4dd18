"""Secrets shown once and stored as hashes: invitation tokens and partner API keys."""

import hashlib
import re
import secrets

API_KEY_PATTERN = re.compile(r"^jdp_(?P<prefix>[A-Za-z0-9]{12})_(?P<secret>[A-Za-z0-9_-]{32,64})$")


def digest(value: str) -> str:
    """SHA-256 is enough here: the secrets are long random strings, not passwords a person chose."""
    return hashlib.sha256(value.encode()).hexdigest()


def new_invitation_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, digest(token)


def new_api_key() -> tuple[str, str, str]:
    """Returns (full key, prefix, hash). The prefix identifies the key in lists and logs."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    prefix = "".join(secrets.choice(alphabet) for _ in range(12))
    key = f"jdp_{prefix}_{secrets.token_urlsafe(32)}"
    return key, prefix, digest(key)


def parse_api_key(key: str) -> str | None:
    """The prefix of a well-formed key, or None."""
    match = API_KEY_PATTERN.match(key or "")
    return match["prefix"] if match else None
