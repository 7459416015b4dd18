"""The README opens with the two set-up commands and documents the demo as seed_demo builds it."""

import re
from pathlib import Path

from demo.credentials import DEMO_API_KEY, DEMO_PASSWORD
from demo.data import SIGN_INS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_the_readme_opens_with_exactly_two_single_line_commands():
    first_block = re.search(r"```\n(.*?)```", README, re.DOTALL).group(1)
    assert README.index("```") < README.index("\n## ")
    demo, tests = first_block.strip().splitlines()
    assert demo.startswith("python3 -m venv .venv && ") and demo.endswith("manage.py quickstart")
    assert tests.startswith("python3 -m venv .venv && ") and tests.endswith("-m pytest")
    # Each from its lock, every file checked against its hash; then the project itself, which adds no package.
    assert " && .venv/bin/pip install -q --require-hashes -r deploy/requirements.txt && " in demo
    assert " && .venv/bin/pip install -q --require-hashes -r deploy/requirements-test.txt && " in tests
    assert all(" && .venv/bin/pip install -q --no-deps -e . && " in command for command in (demo, tests))


def test_the_readme_lists_every_demo_sign_in_with_the_password_and_the_key():
    rows = {
        (email, str(role), str(sees)) for role, email, sees in SIGN_INS if f"| {role} | `{email}` | {sees} |" in README
    }
    assert len(rows) == len(SIGN_INS), "README.md's sign-in table differs from demo.data.SIGN_INS"
    assert f"**`{DEMO_PASSWORD}`**" in README
    assert DEMO_API_KEY in README
