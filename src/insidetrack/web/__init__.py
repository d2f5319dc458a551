"""The local web app: pages over the same services as the CLI, and a JSON API."""
