"""Addresses mail cannot reach: flagged, with an alert in today, until the address changes."""

from __future__ import annotations

from datetime import datetime

from insidetrack.services.context import Env


def flag_unreachable(env: Env, address: str, why: str, at: datetime, message_id: str) -> bool:
    """Flag every contact with this address and alert; say whether any was found.

    Runs inside the caller's write; a bounce found by sync and a recipient the SMTP
    server refused at send time both come here, so `today` shows them alike.
    """
    found = env.store.inbox.contacts_with_address(address)
    for contact_id, interview_id in found:
        env.store.inbox.mark_bouncing(contact_id)
        env.store.inbox.add_alert("bounce", interview_id, contact_id, address, why, at,
                                  message_id)
    return bool(found)
