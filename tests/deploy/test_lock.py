"""The locks (deploy/requirements.txt, deploy/requirements-test.txt) still match pyproject.toml: every requirement
pinned at a version it accepts, every pin with its hashes, nothing pinned for a requirement that is gone, the test
lock at the runtime lock's versions, and the relock commands the README gives are the ones that made them."""

import re
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]["name"]
RUNTIME = ROOT / "deploy" / "requirements.txt"
TEST = ROOT / "deploy" / "requirements-test.txt"
LOCKS = {RUNTIME: ["dependencies"], TEST: ["dependencies", "test"]}

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+?)\s*(?:;\s*(?P<marker>.+?))?\s*\\?$")
HASH = re.compile(r"^\s+--hash=sha256:[0-9a-f]{64}\s*\\?$")


@dataclass
class Pin:
    version: str
    marker: str | None
    hashes: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)


def read_lock(path: Path) -> dict[str, Pin]:
    """pip-compile's output: `name==version [; marker] \\`, its `--hash=` lines, then `# via` annotations."""
    pins: dict[str, Pin] = {}
    current = None
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            match = PIN.match(line)
            assert match, f"{path.name}: not an exact pin: {line!r}"
            current = pins[canonicalize_name(match["name"])] = Pin(match["version"], match["marker"])
        elif line.lstrip().startswith("--hash="):
            assert HASH.match(line), f"{path.name}: not a sha256 hash: {line!r}"
            current.hashes.append(line.split("=", 1)[1].rstrip(" \\"))
        elif line.lstrip().startswith("#"):
            # "    # via name", or "    # via" followed by "    #   name" lines.
            words = line.lstrip("# ")
            words = words.removeprefix("via ").strip() if words.startswith("via ") else words.removeprefix("via")
            if words:
                current.via.append(words)
        else:
            pytest.fail(f"{path.name}: unexpected line {line!r}")
    return pins


def requirements(groups: list[str]) -> list[Requirement]:
    """pyproject.toml's dependencies ("dependencies") and extras (by name)."""
    project = PYPROJECT["project"]
    return [
        Requirement(entry)
        for group in groups
        for entry in (project["dependencies"] if group == "dependencies" else project["optional-dependencies"][group])
    ]


def applies(requirement: Requirement, extra: str = "") -> bool:
    return requirement.marker is None or requirement.marker.evaluate({"extra": extra})


@pytest.fixture(scope="module", params=list(LOCKS), ids=lambda path: path.name)
def lock(request):
    return request.param, read_lock(request.param), requirements(LOCKS[request.param])


def test_the_lock_reader_reads_pins_hashes_and_annotations():
    pins = read_lock(RUNTIME)
    assert pins["django"].version.startswith("6.1.") and len(pins["django"].hashes) >= 2
    assert pins["uvloop"].marker == 'sys_platform != "win32"'
    assert f"{PROJECT} (pyproject.toml)" in pins["django"].via and "channels" in pins["django"].via


def test_every_requirement_is_pinned_at_a_version_it_accepts(lock):
    path, pins, listed = lock
    for requirement in listed:
        if not applies(requirement):
            continue
        pin = pins.get(canonicalize_name(requirement.name))
        assert pin, f"{path.name} pins no {requirement.name}: relock (README, Dependencies)"
        assert requirement.specifier.contains(pin.version, prereleases=True), (
            f"{path.name} pins {requirement.name}=={pin.version}, pyproject.toml asks {requirement}: relock"
        )
        if requirement.marker is not None:
            assert pin.marker and Marker(pin.marker) == requirement.marker, f"{path.name}: {requirement.name}'s marker"


def test_every_extra_asked_for_is_pinned(lock):
    """psycopg[binary,pool]: the lock strips extras, so what they bring must be pinned lines of their own."""
    path, pins, listed = lock
    for requirement in listed:
        if not requirement.extras or not applies(requirement):
            continue
        pin = pins[canonicalize_name(requirement.name)]
        installed = metadata.version(requirement.name)
        if installed != pin.version:
            pytest.skip(f"{requirement.name} {installed} is installed, not the lock's {pin.version}: install the lock")
        for entry in metadata.requires(requirement.name) or []:
            needed = Requirement(entry)
            if needed.marker is None or "extra" not in str(needed.marker):
                continue
            for extra in requirement.extras:
                if needed.marker.evaluate({"extra": extra}):
                    needed_pin = pins.get(canonicalize_name(needed.name))
                    assert needed_pin, f"{path.name} pins no {needed.name} ({requirement.name}[{extra}])"
                    assert needed.specifier.contains(needed_pin.version, prereleases=True)


def test_every_pin_has_hashes(lock):
    path, pins, _ = lock
    assert len(pins) > 20
    unhashed = sorted(name for name, pin in pins.items() if not pin.hashes)
    assert not unhashed, f"{path.name}: pins without hashes: {unhashed}"


def test_nothing_is_pinned_for_a_requirement_pyproject_no_longer_has(lock):
    """A pin is there for pyproject.toml, the runtime lock or another pin; never for a dependency that was dropped."""
    path, pins, listed = lock
    wanted = {canonicalize_name(requirement.name) for requirement in listed}
    for name, pin in pins.items():
        assert pin.via, f"{path.name}: {name} says not why it is there"
        for reason in pin.via:
            if reason == f"{PROJECT} (pyproject.toml)":
                assert name in wanted, f"{path.name} pins {name} for pyproject.toml, which no longer asks for it"
            elif reason != "-c deploy/requirements.txt":
                assert canonicalize_name(reason) in pins, f"{path.name}: {name} is there for {reason}, not pinned"


def test_the_test_lock_has_the_runtime_lock_pins_and_hashes():
    runtime, test = read_lock(RUNTIME), read_lock(TEST)
    for name, pin in runtime.items():
        assert name in test, f"{TEST.name} lacks {name}"
        assert (test[name].version, sorted(test[name].hashes)) == (pin.version, sorted(pin.hashes)), name
        assert "-c deploy/requirements.txt" in test[name].via


def test_the_locks_were_made_on_python_312_by_the_commands_the_readme_gives():
    readme = (ROOT / "README.md").read_text()
    for path in LOCKS:
        header = "\n".join(path.read_text().splitlines()[:6])
        assert "autogenerated by pip-compile with Python 3.12\n" in header, f"{path.name}: relock on Python 3.12"
        command = re.search(r"^#    (pip-compile .+)$", header, re.MULTILINE).group(1)
        assert f"--output-file={path.relative_to(ROOT)}" in command and "--generate-hashes" in command
        assert f"\n.venv/bin/{command}\n" in readme, f"README.md's relock command for {path.name} differs"


def test_the_docker_image_installs_the_runtime_lock_with_hashes_before_the_code():
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    steps = [line for line in dockerfile.splitlines() if line.startswith(("COPY ", "RUN pip "))]
    assert steps[:3] == [
        "COPY deploy/requirements.txt deploy/",
        "RUN pip install --require-hashes -r deploy/requirements.txt",
        "COPY . .",
    ]
