"""Message drafts from templates, and the linter that checks them."""
