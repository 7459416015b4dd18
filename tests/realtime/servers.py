"""Real server processes for the multi-process tests and the benchmark: uvicorn, as deploy/ runs it, serving
config.asgi against this test run's database, and a Redis server of one's own (to restart at will, never the
machine's shared one)."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from tests.realtime.conftest import required_on_ci

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 15
# As deploy/systemd/jdp-asgi@.service runs it (tests/deploy/test_process_commands.py keeps the two alike).
SERVER_COMMAND = [
    sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1",
    "--lifespan", "off", "--ws-max-size", "1048576", "--log-level", "warning",
]  # fmt: skip


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


class AsgiServer:
    """One ASGI server process (the production command line, SERVER_COMMAND), by default with the quick-start
    settings (DEBUG on, ALLOWED_HOSTS unset), so the browser-facing pieces are real: session cookie, origin check,
    close codes, readiness. `env` adds to or overrides its environment."""

    def __init__(self, database_url: str, redis_url: str, log_path: Path, **env: str):
        self.port = free_port()
        self.log_path = log_path
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "SECRET_KEY": settings.SECRET_KEY,  # the session's auth hash is signed with it
            "DEBUG": "1",
            "DB_POOL_SIZE": "16",  # as deploy/env.example
            "PYTHONPATH": str(ROOT / "platform"),
        }
        self.env.pop("ALLOWED_HOSTS", None)
        self.env.update(env)
        self.process = None

    def start(self) -> "AsgiServer":
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [*SERVER_COMMAND, "--port", str(self.port), "config.asgi:application"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            assert self.process.poll() is None, f"the server exited:\n{self.log_path.read_text()}"
            try:
                with get(f"http://127.0.0.1:{self.port}/readyz") as response:
                    assert json.load(response) == {"status": "ok", "checks": {"database": "ok", "channel_layer": "ok"}}
                    return self
            except OSError:
                assert time.monotonic() < deadline, f"the server did not get ready:\n{self.log_path.read_text()}"
                time.sleep(0.2)

    def cpu_seconds(self) -> float | None:
        """The CPU time (user and system) the process has used so far, from /proc (Linux); None elsewhere."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self) -> None:
        """SIGKILL: no goodbye to any socket, no cleanup in Redis."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def asgi_server(database_url: str, redis_url: str, log_path: Path, **env: str):
    """A started server's port; the server is stopped on leaving."""
    server = AsgiServer(database_url, redis_url, log_path, **env)
    try:
        yield server.start().port
    finally:
        server.stop()


class RedisServer:
    """A redis-server of our own on a free port, without persistence: a restart loses everything in it, groups of
    the channel layer included, as a crashed production Redis would."""

    def __init__(self, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        executable = shutil.which("redis-server")
        if executable is None:
            required_on_ci("redis-server is not installed")
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            assert self.process.poll() is None, f"redis-server exited:\n{self.log_path.read_text()}"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                pass
            assert time.monotonic() < deadline, "redis-server did not answer"
            time.sleep(0.1)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def restart(self) -> None:
        """Crash and start again on the same port, empty."""
        self.kill()
        self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()


@contextmanager
def production_server(tmp_path: Path, **env: str) -> Iterator[AsgiServer]:
    """One ASGI server process as deploy/ runs it (DEBUG off, its own Redis), on this run's database, for the
    benchmarks over HTTP; `env` adds to its environment. Stopped, with its Redis, on the way out."""
    redis_server = RedisServer(tmp_path / "redis.log").start()
    server = AsgiServer(
        shared_database_url(), redis_server.url, tmp_path / "asgi.log",
        DEBUG="0", ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", LOG_LEVEL="WARNING", **env,
    )  # fmt: skip
    try:
        yield server.start()
    finally:
        server.stop()
        redis_server.stop()
