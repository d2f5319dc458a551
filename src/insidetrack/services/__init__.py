"""Use cases: load through the store, call the domain, save."""
