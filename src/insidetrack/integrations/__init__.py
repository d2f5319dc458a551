"""Adapters to the outside: e-mail files, PDF letters, speech."""
