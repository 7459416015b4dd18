"""deploy/backup.sh and restore.sh: a round trip through a real PostgreSQL database and a media folder."""

import os
import secrets
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.deploy.tools import require, require_tool

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@pytest.fixture
def scratch_database():
    """A new, empty PostgreSQL database on the server of DATABASE_URL, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    require(url.startswith(("postgres://", "postgresql://")), "needs DATABASE_URL=postgres://...")
    require_tool("pg_dump")
    require_tool("pg_restore")
    name = f"jdp_backup_test_{secrets.token_hex(4)}"
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(url, name)
    finally:
        with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(script: str, *args: str, database_url: str, var_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "VAR_DIR": str(var_dir), "BACKUP_KEEP_DAYS": "0"}
    return subprocess.run(
        [str(DEPLOY / script), *args], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120
    )


def _rows(database_url: str) -> list[tuple]:
    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT id, title FROM report ORDER BY id").fetchall()


def test_backup_then_restore_brings_back_the_database_the_media_and_the_private_documents(scratch_database, tmp_path):
    var_dir, backups = tmp_path / "var", tmp_path / "backups"
    (var_dir / "media" / "docs").mkdir(parents=True)
    (var_dir / "media" / "docs" / "complaint.pdf").write_bytes(b"%PDF-1.7 original")
    (var_dir / "private" / "documents").mkdir(parents=True)
    (var_dir / "private" / "documents" / "strategy.pdf").write_bytes(b"%PDF-1.7 privileged")
    with psycopg.connect(scratch_database) as conn:
        conn.execute("CREATE TABLE report (id int PRIMARY KEY, title text)")
        conn.execute("INSERT INTO report VALUES (1, '专利诉讼 patent suit')")

    backup = _run("backup.sh", str(backups), database_url=scratch_database, var_dir=var_dir)
    assert backup.returncode == 0, backup.stderr
    archive = Path(backup.stdout.strip().splitlines()[-1])
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["MANIFEST", "SHA256SUMS", "database.dump", "media.tar.gz", "private.tar.gz"]

    # Life goes on after the backup...
    with psycopg.connect(scratch_database) as conn:
        conn.execute("DELETE FROM report")
        conn.execute("INSERT INTO report VALUES (2, 'later')")
    (var_dir / "media" / "docs" / "complaint.pdf").unlink()
    (var_dir / "media" / "later.txt").write_text("later")
    (var_dir / "private" / "documents" / "strategy.pdf").write_bytes(b"overwritten")

    # ...nobody confirmed, so nothing is restored.
    refused = _run("restore.sh", str(archive), database_url=scratch_database, var_dir=var_dir)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert _rows(scratch_database) == [(2, "later")]

    restored = _run("restore.sh", str(archive), "--yes", database_url=scratch_database, var_dir=var_dir)
    assert restored.returncode == 0, restored.stderr
    assert _rows(scratch_database) == [(1, "专利诉讼 patent suit")]
    assert (var_dir / "media" / "docs" / "complaint.pdf").read_bytes() == b"%PDF-1.7 original"
    assert not (var_dir / "media" / "later.txt").exists()
    assert (var_dir / "private" / "documents" / "strategy.pdf").read_bytes() == b"%PDF-1.7 privileged"
    (kept,) = var_dir.glob("media.before-restore-*")
    assert (kept / "later.txt").read_text() == "later"


def test_a_damaged_archive_changes_nothing(scratch_database, tmp_path):
    var_dir = tmp_path / "var"
    (var_dir / "media").mkdir(parents=True)
    with psycopg.connect(scratch_database) as conn:
        conn.execute("CREATE TABLE report (id int PRIMARY KEY, title text)")
        conn.execute("INSERT INTO report VALUES (1, 'kept')")
    backup = _run("backup.sh", str(tmp_path / "backups"), database_url=scratch_database, var_dir=var_dir)
    assert backup.returncode == 0, backup.stderr
    archive = Path(backup.stdout.strip().splitlines()[-1])

    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    with (unpacked / "database.dump").open("ab") as dump:
        dump.write(b"tampered")
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(damaged, "w") as tar:
        for name in ("database.dump", "media.tar.gz", "private.tar.gz", "MANIFEST", "SHA256SUMS"):
            tar.add(unpacked / name, arcname=name)
    with psycopg.connect(scratch_database) as conn:
        conn.execute("UPDATE report SET title = 'changed since'")

    result = _run("restore.sh", str(damaged), "--yes", database_url=scratch_database, var_dir=var_dir)
    assert result.returncode == 1 and "checksum mismatch" in result.stderr
    assert _rows(scratch_database) == [(1, "changed since")]
