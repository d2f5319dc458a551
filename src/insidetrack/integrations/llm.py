"""Ask an OpenAI-compatible server (llama.cpp, Ollama, LM Studio, vLLM) to rewrite a text.

One bounded call: a time limit, few tokens, temperature 0 and a seed, and a JSON answer
(`{"text": ...}`) where the server can hold the model to a schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from insidetrack.domain.errors import InsidetrackError

MAX_TOKENS = 200
SEED = 17
_SCHEMA = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}
_LOCAL = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


class ModelUnavailable(InsidetrackError):
    """The model's server did not answer, or answered something that is not a rewrite."""


@dataclass(frozen=True)
class Endpoint:
    url: str  # the /v1 address
    model: str = ""
    key: str | None = None
    timeout: float = 60.0


def is_local(url: str) -> bool:
    """Say whether an address is this machine, so nothing leaves it."""
    host = (urlsplit(url).hostname or "").lower()
    return host in _LOCAL or host.startswith("127.") or host.endswith(".localhost")


def rewrite(endpoint: Endpoint, system: str, user: str) -> str:
    """Return the model's rewrite, or raise ModelUnavailable saying why in one line."""
    import httpx

    body: dict[str, Any] = {
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
        "max_tokens": MAX_TOKENS, "temperature": 0, "seed": SEED,
        "response_format": {"type": "json_object", "schema": _SCHEMA},
    }
    if endpoint.model:
        body["model"] = endpoint.model
    headers = {"Authorization": f"Bearer {endpoint.key}"} if endpoint.key else {}
    url = endpoint.url.rstrip("/") + "/chat/completions"
    try:
        answer = httpx.post(url, json=body, headers=headers, timeout=endpoint.timeout)
        if answer.status_code == 400:  # a server that takes no schema: ask for plain text
            del body["response_format"]
            answer = httpx.post(url, json=body, headers=headers, timeout=endpoint.timeout)
    except httpx.TimeoutException as exc:
        unit = "second" if endpoint.timeout == 1 else "seconds"
        raise ModelUnavailable(f"the model at {endpoint.url} did not answer within "
                               f"{endpoint.timeout:g} {unit}") from exc
    except httpx.HTTPError as exc:
        raise ModelUnavailable(f"the model at {endpoint.url} does not answer "
                               f"({_why(exc)})") from exc
    if answer.status_code != 200:
        raise ModelUnavailable(f"the model at {endpoint.url} answered HTTP {answer.status_code}")
    return _text(answer, endpoint.url)


def _why(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return "connection refused" if "refused" in text.lower() else text.splitlines()[0]


def _text(answer: Any, url: str) -> str:
    """Take the rewrite out of a chat completion: the JSON's text, else the whole content."""
    try:
        content = answer.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ModelUnavailable(f"the model at {url} answered something that is not a "
                               "chat completion") from exc
    if not isinstance(content, str) or not content.strip():
        raise ModelUnavailable(f"the model at {url} answered an empty text")
    try:  # small models put raw newlines in the string, and stray text after the object
        parsed, _ = json.JSONDecoder(strict=False).raw_decode(content.strip())
    except ValueError:
        return content.strip()
    if isinstance(parsed, dict) and isinstance(parsed.get("text"), str):
        return str(parsed["text"]).strip()
    return content.strip()
