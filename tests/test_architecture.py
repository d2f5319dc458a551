"""The domain stays pure: no database, CLI, terminal or adapter imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import insidetrack.domain

DOMAIN = Path(insidetrack.domain.__file__).parent
STDLIB_ALLOWED = {
    "__future__", "collections", "dataclasses", "datetime", "enum", "functools", "re", "typing",
    "unicodedata",
}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_domain_imports_only_pure_modules():
    offenders = {}
    for path in sorted(DOMAIN.glob("*.py")):
        bad = {
            name for name in _imports(path)
            if name.split(".")[0] not in STDLIB_ALLOWED and not name.startswith("insidetrack.domain")
        }
        if bad:
            offenders[path.name] = sorted(bad)
    assert offenders == {}


def test_importing_the_domain_loads_no_adapter():
    code = (
        "import sys, pkgutil, importlib, insidetrack.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module('insidetrack.domain.' + m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('sqlite3', 'click', 'rich', 'platformdirs')"
        " or m.startswith(('insidetrack.storage', 'insidetrack.cli', 'insidetrack.services'))]\n"
        "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_check_would_catch_an_adapter_import(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("import sqlite3\nfrom insidetrack.storage.db import connect\n")
    assert _imports(sneaky) == {"sqlite3", "insidetrack.storage.db"}


PACKAGE = DOMAIN.parent
DRIVERS = {"sqlite3", "psycopg", "psycopg_pool"}
# What the edges may take from storage/: nothing (the session is the composition root).
EDGE_MAY_IMPORT: set[str] = set()


def _python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_only_storage_imports_a_database_driver():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(found)
        for path in _python_files(PACKAGE)
        if "storage" not in path.relative_to(PACKAGE).parts
        and (found := {n for n in _imports(path) if n.split(".")[0] in DRIVERS})
    }
    assert offenders == {}


def test_the_cli_and_the_web_never_reach_the_database():
    offenders = {}
    for edge in ("cli", "web"):
        for path in _python_files(PACKAGE / edge):
            bad = {n for n in _imports(path)
                   if n.startswith("insidetrack.storage") and n not in EDGE_MAY_IMPORT}
            if bad:
                offenders[str(path.relative_to(PACKAGE))] = sorted(bad)
    assert offenders == {}


def test_no_sql_outside_storage():
    import re

    sql = re.compile(r"SELECT |INSERT INTO|UPDATE \w+ SET|DELETE FROM|\.execute\(|\.conn\b")
    offenders = {}
    for path in _python_files(PACKAGE):
        if "storage" in path.relative_to(PACKAGE).parts:
            continue
        found = sql.findall(path.read_text(encoding="utf-8"))
        if found:
            offenders[str(path.relative_to(PACKAGE))] = found
    assert offenders == {}


# What services may take from storage/ besides the port: files, places and the agenda's
# pure helpers (and its printed form, for the `today --json` fast path). The repositories
# (and Store) reach them only as services.ports protocols.
SERVICES_MAY_IMPORT = {"insidetrack.storage", "insidetrack.storage.settings_file",
                       "insidetrack.storage.locations", "insidetrack.storage.agenda",
                       "insidetrack.storage.agenda_text"}


def test_services_reach_the_database_only_through_the_port():
    offenders = {}
    for path in _python_files(PACKAGE / "services"):
        bad = {n for n in _imports(path)
               if n.startswith("insidetrack.storage") and n not in SERVICES_MAY_IMPORT}
        if bad:
            offenders[path.name] = sorted(bad)
    assert offenders == {}


def test_the_edge_check_would_catch_a_store_import(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("from insidetrack.storage.store import Store\nimport psycopg\n")
    assert _imports(sneaky) == {"insidetrack.storage.store", "psycopg"}


TESTS = Path(__file__).parent


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")


def _no_deadline(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and any(
        k.arg == "deadline" and isinstance(k.value, ast.Constant) and k.value.value is None
        for k in node.keywords)


def test_every_property_test_runs_without_hypothesis_deadline():
    # The conventions: deadline=None, since the 2-core machines make timings noisy.
    offenders = []
    for path in sorted(TESTS.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            names = [_decorator_name(d) for d in node.decorator_list]
            if "given" in names and not any(_no_deadline(d) for d in node.decorator_list
                                             if _decorator_name(d) == "settings"):
                offenders.append(f"{path.name}::{node.name}")
    assert offenders == []


def test_collecting_the_api_fuzz_test_does_no_work_and_leaves_no_folder(tmp_path):
    # Loading the demo belongs in a fixture: collection stays quick and leaves nothing behind.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    code = "import sys; sys.path.insert(0, sys.argv[1]); import test_web_api_fuzz"
    env = {"TMPDIR": str(scratch), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code, str(TESTS)], check=True, env=env,
                   cwd=tmp_path, capture_output=True)
    assert sorted(p.name for p in scratch.iterdir()) == []
