"""The API's documentation page: Swagger UI served by the app itself, never from a CDN.

The page's Content-Security-Policy allows scripts and styles from this app
only, so Swagger UI's files come from the `fastapi-offline` package (PyPI)
and the page starts it from a script file of ours rather than inline.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/api/docs/assets"


def swagger_ui_folder() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def add_docs(app: FastAPI, openapi_url: str, docs_url: str = "/api/docs") -> None:
    """Serve the documentation page at docs_url and Swagger UI's files beside it."""
    from insidetrack.web.app import templates

    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_folder())), name="api-docs-assets")

    @app.get(docs_url, include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "api_docs.html",
                                          {"assets": ASSETS, "openapi": openapi_url})
