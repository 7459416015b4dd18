"""platform/realtime is plumbing: it imports only the libraries it wraps, never the project's apps."""

import ast
from pathlib import Path

REALTIME = Path(__file__).resolve().parents[2] / "platform" / "realtime"
ALLOWED = {"django", "channels", "channels_redis", "redis", "asgiref", "realtime"}


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module)
    return modules


def test_realtime_imports_only_the_standard_library_and_the_libraries_it_wraps():
    import sys

    files = sorted(REALTIME.glob("*.py"))
    assert files
    for path in files:
        for module in imported_modules(path):
            top = module.split(".")[0]
            assert top in ALLOWED or top in sys.stdlib_module_names, f"{path.name} imports {module}"
