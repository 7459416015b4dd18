"""Smoke test of a running demo (manage.py quickstart): ready, a demo user signs in, the partner API answers.

    python .ci/smoke.py http://127.0.0.1:8000 [--timeout 90]

Standard library only. Exit status 0 when every check passes; the first failure is printed and exits 1.
"""

import argparse
import http.cookiejar
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "platform"))
from demo.credentials import DEMO_API_KEY, DEMO_PASSWORD, MAIN, OTHER

USER = "admin@lianxun-mobile.example"  # a company admin of an active member company


class Failure(Exception):
    pass


def open_url(url: str, *, opener=None, data: bytes | None = None, headers: dict | None = None, timeout: float = 10):
    """GET (or POST with data) through `opener`; main() has checked that the base URL is http(s)."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    return (opener or urllib.request.build_opener()).open(request, timeout=timeout)


def wait_until_ready(base: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            with open_url(f"{base}/readyz", timeout=5) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}: {error.read()[:200]!r}"
        except OSError as error:
            last = str(error)
        time.sleep(1)
    raise Failure(f"/readyz did not answer 200 within {timeout:.0f} s (last: {last})")


def sign_in(base: str) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = f"{base}/accounts/login/"
    with open_url(login_url, opener=opener) as response:
        if response.status != 200:
            raise Failure(f"GET /accounts/login/ answered {response.status}")
    csrf = next((c.value for c in jar if c.name == "csrftoken"), None)
    if not csrf:
        raise Failure("the login page set no csrftoken cookie")
    form = urllib.parse.urlencode({"username": USER, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf})
    headers = {"Referer": login_url, "X-CSRFToken": csrf}
    try:
        # Follows the redirect that a successful sign-in answers with.
        with open_url(login_url, opener=opener, data=form.encode(), headers=headers, timeout=20) as response:
            final_path = urllib.parse.urlsplit(response.geturl()).path
            page = response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        raise Failure(f"POST /accounts/login/ answered {error.code}: {error.read()[:300]!r}") from None
    if final_path.startswith("/accounts/login"):
        raise Failure(f"still on the login page after signing in as {USER} (wrong password or CSRF refused?)")
    if not any(c.name == "sessionid" for c in jar):
        raise Failure("no session cookie after signing in")
    display_name = "Li Wei"
    if USER not in page and display_name not in page:
        raise Failure(f"{final_path} does not look signed in: neither {USER} nor {display_name!r} is on it")
    print(f"ok  signed in as {USER}, landed on {final_path}")


def call_api(base: str, slug: str) -> tuple[int, bytes]:
    url = f"{base}/api/v1/a/{slug}/partner/whoami/"
    try:
        with open_url(url, headers={"Authorization": f"Bearer {DEMO_API_KEY}"}) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def partner_api(base: str) -> None:
    status, body = call_api(base, MAIN)
    if status != 200:
        raise Failure(f"GET /api/v1/a/{MAIN}/partner/whoami/ with the demo key answered {status}: {body[:300]!r}")
    json.loads(body)
    status, body = call_api(base, OTHER)
    if status != 404:
        raise Failure(f"the demo key reached the other association /api/v1/a/{OTHER}/: {status}")
    print(f"ok  partner API: whoami in {MAIN} is 200, {OTHER} is 404")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--timeout", type=float, default=90)
    args = parser.parse_args()
    base = args.base.rstrip("/")
    if urllib.parse.urlsplit(base).scheme not in {"http", "https"}:
        parser.error("the base URL must start with http:// or https://")
    try:
        wait_until_ready(base, args.timeout)
        print("ok  /readyz is 200")
        sign_in(base)
        partner_api(base)
    except Failure as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
