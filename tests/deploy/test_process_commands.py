"""The processes deploy/ starts exist: the ASGI application and the management commands they name."""

import re
import shlex
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import get_commands

from tests.realtime.servers import SERVER_COMMAND

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _compose_commands() -> dict[str, list[str]]:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return {name: service["command"] for name, service in compose["services"].items() if "command" in service}


def _systemd_exec_starts() -> dict[str, list[str]]:
    found = {}
    for unit in (DEPLOY / "systemd").glob("*.service"):
        line = re.search(r"^ExecStart=(.+)$", unit.read_text(), re.MULTILINE).group(1)
        found[unit.name] = shlex.split(line)
    return found


def _dockerfile_cmd() -> list[str]:
    line = re.search(r"^CMD (\[.+\])$", (DEPLOY / "Dockerfile").read_text(), re.MULTILINE).group(1)
    return yaml.safe_load(line)


def _all_commands() -> dict[str, list[str]]:
    commands = {f"compose:{k}": v for k, v in _compose_commands().items()}
    commands.update({f"systemd:{k}": v for k, v in _systemd_exec_starts().items()})
    commands["Dockerfile"] = _dockerfile_cmd()
    return commands


def test_every_asgi_server_serves_the_configured_application_behind_the_proxy():
    asgi = [argv for argv in _all_commands().values() if Path(argv[0]).name == "uvicorn"]
    assert len(asgi) == 3  # compose app, systemd jdp-asgi@, Dockerfile
    module, name = settings.ASGI_APPLICATION.rsplit(".", 1)
    for argv in asgi:
        assert argv[-1] == f"{module}:{name}"
        assert "--proxy-headers" in argv
        assert _option(argv, "--lifespan") == "off"  # Channels' router has no lifespan protocol
        assert _option(argv, "--ws-max-size") == "1048576"


def test_the_servers_of_the_multiprocess_tests_run_as_production_does():
    unit = _systemd_exec_starts()["jdp-asgi@.service"]
    for option in ("--forwarded-allow-ips", "--lifespan", "--ws-max-size"):
        assert _option(SERVER_COMMAND, option) == _option(unit, option)
    assert "--proxy-headers" in SERVER_COMMAND


def _option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_every_management_command_exists():
    known = set(get_commands())
    named = []
    for where, argv in _all_commands().items():
        text = " ".join(argv)
        named += [(where, command) for command in re.findall(r"manage\.py (\w+)", text)]
    assert {command for _, command in named} >= {"migrate", "collectstatic", "db_worker"}
    assert [(where, c) for where, c in named if c not in known] == []


def test_systemd_units_put_the_source_root_on_the_path():
    for unit in (DEPLOY / "systemd").glob("*@.service"):
        assert "Environment=PYTHONPATH=/srv/jdp/app/platform:/srv/jdp/app" in unit.read_text(), unit.name
