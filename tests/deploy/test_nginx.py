"""deploy/nginx: nginx accepts the configuration, and in front of a real ASGI process it redirects to HTTPS,
upgrades websockets, serves static files with the right caching and never serves media."""

import asyncio
import os
import re
import signal
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import websockets

from tests.deploy.tools import require_tool
from tests.realtime.servers import SERVER_COMMAND

ROOT = Path(__file__).resolve().parents[2]
NGINX = ROOT / "deploy" / "nginx"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _location(config: str, prefix: str) -> str:
    match = re.search(rf"location {re.escape(prefix)} \{{(.*?)\n    \}}", config, re.DOTALL)
    assert match, f"no location {prefix}"
    return match.group(1)


def _nginx_setup(tmp_path: Path, *, upstream: Path, http_port: int = 80, https_port: int = 443) -> Path:
    """deploy/nginx/jdp.conf with its absolute paths (and, for a real run, its ports) moved under tmp_path."""
    certificate = ["-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")]
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=test", "-days", "1", *certificate],
        check=True,
        capture_output=True,
    )
    site = (NGINX / "jdp.conf").read_text()
    site = site.replace("/etc/nginx/jdp-upstream.conf", str(upstream))
    site = site.replace("/etc/nginx/certs/", f"{tmp_path}/")
    site = site.replace("/srv/jdp/static/", f"{tmp_path}/static/")
    site = re.sub(r"listen \[::\]:\d+[^;]*;", "", site)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("listen 443 ", f"listen 127.0.0.1:{https_port} ")
    (tmp_path / "jdp.conf").write_text(site)
    main = tmp_path / "nginx.conf"
    # Started as root, nginx's workers would run as nobody, who cannot read pytest's private tmp_path.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main.write_text(
        f"{user}pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\ndaemon off;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/jdp.conf;\n}}\n"
    )
    return main


def test_nginx_accepts_the_configuration(tmp_path):
    nginx = require_tool("nginx")
    main = _nginx_setup(tmp_path, upstream=NGINX / "upstream-systemd.conf")
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_client_addresses_cannot_be_forged_and_media_is_never_served():
    config = (NGINX / "jdp.conf").read_text()
    # The platform audits the first X-Forwarded-For hop, so nginx must overwrite the header, never append.
    assert "$proxy_add_x_forwarded_for" not in config
    assert config.count("proxy_set_header X-Forwarded-For $remote_addr;") == config.count("proxy_pass ")
    assert "/media" not in re.sub(r"#.*", "", config)
    env_example = (NGINX.parent / "env.example").read_text()
    static_root = re.search(r"^STATIC_ROOT=(.+)$", env_example, re.MULTILINE).group(1)
    assert f"alias {static_root.rstrip('/')}/;" in _location(config, "/static/")


def _wait_for(url: str, context: ssl.SSLContext, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert process.poll() is None, process.stdout.read()
        try:
            with urllib.request.urlopen(url, context=context, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            assert time.monotonic() < deadline, f"{url} did not answer 200 within {timeout} s"
            time.sleep(0.3)


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.multiprocess
def test_nginx_in_front_of_the_asgi_server(tmp_path):
    nginx = require_tool("nginx")
    asgi_port, http_port, https_port = _free_port(), _free_port(), _free_port()
    upstream = tmp_path / "upstream.conf"
    upstream.write_text(f"upstream jdp_asgi {{ server 127.0.0.1:{asgi_port}; keepalive 4; }}\n")
    main = _nginx_setup(tmp_path, upstream=upstream, http_port=http_port, https_port=https_port)
    (tmp_path / "static" / "css").mkdir(parents=True)
    (tmp_path / "static" / "css" / "site.0123456789ab.css").write_text("body { color: black; }")
    (tmp_path / "static" / "css" / "site.css").write_text("body { color: black; }")

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DEBUG="1", VAR_DIR=str(tmp_path / "var"), PYTHONPATH=f"{ROOT / 'platform'}{os.pathsep}{ROOT}")
    asgi = subprocess.Popen(
        [*SERVER_COMMAND, "--port", str(asgi_port), "config.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    proxy = subprocess.Popen(
        [nginx, "-p", str(tmp_path), "-c", str(main)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    tls = ssl.create_default_context()
    tls.check_hostname = False
    tls.verify_mode = ssl.CERT_NONE
    base = f"https://127.0.0.1:{https_port}"
    try:
        _wait_for(f"{base}/readyz", tls, asgi)

        with pytest.raises(urllib.error.HTTPError) as redirect:
            urllib.request.build_opener(NoRedirect).open(f"http://127.0.0.1:{http_port}/accounts/login/")
        assert redirect.value.code == 301
        assert redirect.value.headers["Location"].startswith("https://127.0.0.1")
        with urllib.request.urlopen(f"http://127.0.0.1:{http_port}/healthz") as health:
            assert health.status == 200  # load balancers may probe over plain HTTP

        with urllib.request.urlopen(f"{base}/static/css/site.0123456789ab.css", context=tls) as hashed:
            assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert hashed.headers["X-Content-Type-Options"] == "nosniff"
        with urllib.request.urlopen(f"{base}/static/css/site.css", context=tls) as unhashed:
            assert unhashed.headers["Cache-Control"] == "max-age=3600"

        async def anonymous_socket() -> int:
            url = f"wss://127.0.0.1:{https_port}/ws/a/sccea/notifications/"
            async with websockets.connect(url, ssl=tls, origin=f"https://127.0.0.1:{https_port}") as ws:
                with pytest.raises(websockets.ConnectionClosed) as closed:
                    await asyncio.wait_for(ws.recv(), 10)
                return closed.value.rcvd.code

        # The upgrade went through nginx to the consumer, which refuses an anonymous socket with its own code.
        assert asyncio.run(anonymous_socket()) >= 4000
    finally:
        _stop(proxy)
        _stop(asgi)
