"""The CLI's context is a session over the data (see insidetrack.session)."""

from insidetrack.session import App

__all__ = ["App"]
