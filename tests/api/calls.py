"""Small helpers for calling the API through Django's test client."""

API = "/api/v1"
UNKNOWN_ASSOCIATION = f"{API}/a/no-such-association/"


def a(slug: str, path: str = "") -> str:
    """The URL of `path` under association `slug`."""
    return f"{API}/a/{slug}/{path}"


def post(client, url: str, data=None, **extra):
    return client.post(url, data if data is not None else {}, content_type="application/json", **extra)


def patch(client, url: str, data, **extra):
    return client.patch(url, data, content_type="application/json", **extra)


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def unknown_association(client):
    """The reference 404: every hidden or missing thing must answer exactly this."""
    return client.get(UNKNOWN_ASSOCIATION)


def error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message", "fields"} <= set(body["error"]), body
    return body["error"]
