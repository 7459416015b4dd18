"""deploy/env.example documents every environment variable the settings read."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "platform" / "config" / "settings.py"
ENV_EXAMPLE = ROOT / "deploy" / "env.example"

# os.environ.get("X"), os.environ["X"], os.getenv("X"), and the settings' own env_bool("X") / env_list("X")...
READ = re.compile(r"""(?:os\.environ\.get\(|os\.environ\[|os\.getenv\(|\benv_\w+\()\s*["']([A-Z][A-Z0-9_]*)["']""")


def variables_read_by_settings() -> set[str]:
    return set(READ.findall(SETTINGS.read_text()))


def test_the_settings_reader_finds_the_variables():
    names = variables_read_by_settings()
    assert {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "EMAIL_HOST"} <= names


def test_env_example_lists_every_variable_the_settings_read():
    text = ENV_EXAMPLE.read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))
    missing = variables_read_by_settings() - documented
    assert not missing, f"add to deploy/env.example: {sorted(missing)}"


def test_env_example_can_be_sourced_by_the_shell_as_the_runbook_does():
    script = f'set -eu; set -a; . "{ENV_EXAMPLE}"; set +a; printf "%s|%s" "$DEFAULT_FROM_EMAIL" "$ALLOWED_HOSTS"'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Joint Defense Platform <noreply@jdp.example.org>|jdp.example.org"
