"""What the benchmarks share: the generated database, a PostgreSQL copy of it, a web server."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "out"


def against_option(parser: argparse.ArgumentParser) -> None:
    """Add --against SRC: other code to run alternately with this one, run for run."""
    parser.add_argument("--against", type=Path, metavar="SRC",
                        help="Another source folder to run alternately with this one.")


def source_folders(against: Path | None) -> dict[str, str]:
    """Return the source folders to time, by label: this code's, and --against's if given."""
    found = {"this code": str(HERE.parent / "src")}
    if against:
        found["against"] = str(against.resolve())
    return found


def database(count: int) -> Path:
    """Return the generated database of `count` interviews, made the first time."""
    path = OUT / f"interviews-{count}.db"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--interviews", str(count),
                        "--out", str(path)], check=True)
    return path


def on_server(db: Path, folder: Path, env: dict[str, str]) -> tuple[str, object]:
    """Copy a generated database into a new PostgreSQL database; return its URL and server."""
    sys.path.insert(0, str(HERE.parent / "tests"))
    import pg

    server = pg.Server()
    url = server.new_database()
    script = str(Path(sys.executable).parent / "insidetrack")
    export = folder / "export.json"
    subprocess.run([script, "--db", str(db), "export", "json", "--out", str(export)], env=env,
                   check=True, capture_output=True)
    subprocess.run([script, "--db", url, "import", "json", str(export)], env=env, check=True,
                   capture_output=True)
    return url, server


def serve(location: str, env: dict[str, str],
          workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    """Start `insidetrack serve` on a database; return it and its address once it answers."""
    sys.path.insert(0, str(HERE.parent / "tests"))
    from servers import free_port, wait_for_port

    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "insidetrack"), "--db", location,
                             "serve", "--port", str(port), "--workers", str(workers)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_port(port, proc, "insidetrack serve")
    return proc, f"http://127.0.0.1:{port}"
