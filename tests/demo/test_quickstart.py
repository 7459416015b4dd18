"""quickstart: refuses what it must not touch, and serves the seeded demo over ASGI."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.permission_matrix import database_fingerprint

ROOT = Path(__file__).resolve().parents[2]


def _demo_env(var_dir: Path, **extra) -> dict:
    """A local-demo environment: DEBUG on, SQLite and the in-memory channel layer unless told otherwise."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return {**env, "DEBUG": "1", "VAR_DIR": str(var_dir), **extra}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    before = database_fingerprint()
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("quickstart", stdout=StringIO())
    assert database_fingerprint() == before


def test_it_refuses_a_database_other_than_sqlite_without_force(tmp_path):
    # Nothing listens on port 9: the refusal must come before any connection or migration.
    env = _demo_env(tmp_path, DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing")
    result = subprocess.run(
        [sys.executable, "manage.py", "quickstart"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "only runs on the SQLite default" in result.stderr
    assert "Operations to perform" not in result.stdout


@pytest.mark.multiprocess
def test_it_migrates_seeds_and_serves_until_stopped(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "quickstart", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=_demo_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # Drained as it comes: the seeding prints every demo e-mail and task, more than a pipe holds, and a full pipe
    # would block the server.
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, "quickstart exited early:\n" + "".join(lines)
            assert time.monotonic() < deadline, "the server did not become ready within 90 s"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        reader.join(timeout=10)
    output = "".join(lines)
    assert server.returncode == 0, output  # SIGTERM stops daphne cleanly
    assert f"http://127.0.0.1:{port}/" in output
    assert "admin@sccea.example" in output
    assert (tmp_path / "db.sqlite3").exists()
